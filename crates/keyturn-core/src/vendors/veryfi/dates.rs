//! Veryfi documents its dates as `YYYY-MM-DD HH:MM:SS` with no zone, meaning UTC;
//! RFC 3339 is read too.

use chrono::{DateTime, NaiveDateTime, Utc};

pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|at| at.and_utc())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_documented_form_as_utc_and_rfc_3339() {
        let expected = "2026-01-02T03:04:05Z".parse().ok();
        for text in [
            "2026-01-02 03:04:05",
            "2026-01-02T03:04:05",
            "2026-01-02T03:04:05Z",
            "2026-01-02T05:04:05+02:00",
            " 2026-01-02 03:04:05 ",
        ] {
            assert_eq!(parse(text), expected, "{text}");
        }
        assert_eq!(
            parse("2026-01-02 03:04:05.250"),
            "2026-01-02T03:04:05.250Z".parse().ok()
        );
    }

    #[test]
    fn refuses_what_is_not_a_date_and_time() {
        for text in [
            "",
            "yesterday",
            "2026-13-02 03:04:05",
            "2026-01-02",
            "1767323045",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
