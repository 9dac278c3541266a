//! Spans and dates as the rules' sentences say them: "in 3 days (Fri 4 Dec)",
//! "120 days ago". Times are UTC; the UI can show `deadline` in the user's locale.

use chrono::{DateTime, Datelike, Duration, Utc};

/// "3 days", "1 day", "5 hours", "less than an hour", rounded down.
pub fn span(length: Duration) -> String {
    let days = length.num_days();
    let hours = length.num_hours();
    match (days, hours) {
        (d, _) if d >= 2 => format!("{d} days"),
        (1, _) => "1 day".to_owned(),
        (_, h) if h >= 2 => format!("{h} hours"),
        (_, 1) => "1 hour".to_owned(),
        _ => "less than an hour".to_owned(),
    }
}

/// "Fri 4 Dec", with the year when it is not `now`'s.
pub fn date(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if at.year() == now.year() {
        at.format("%a %-d %b").to_string()
    } else {
        at.format("%a %-d %b %Y").to_string()
    }
}

/// "in 3 days (Fri 4 Dec)" or "3 days ago (Fri 4 Dec)".
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if at > now {
        format!("in {} ({})", span(at - now), date(at, now))
    } else {
        format!("{} ago ({})", span(now - at), date(at, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn spans_round_down_to_the_largest_unit() {
        assert_eq!(span(Duration::minutes(59)), "less than an hour");
        assert_eq!(span(Duration::minutes(60)), "1 hour");
        assert_eq!(span(Duration::hours(23)), "23 hours");
        assert_eq!(span(Duration::hours(47)), "1 day");
        assert_eq!(span(Duration::days(3) + Duration::hours(5)), "3 days");
    }

    #[test]
    fn dates_name_the_weekday_and_only_a_foreign_year() {
        assert_eq!(
            relative(now() + Duration::days(3), now()),
            "in 3 days (Fri 4 Dec)"
        );
        assert_eq!(
            relative(now() - Duration::days(400), now()),
            "400 days ago (Mon 27 Oct 2025)"
        );
    }
}
