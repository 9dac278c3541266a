//! The one source of "now" for every dialect, and how times are written on the wire.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};

static LAST_MILLIS: AtomicI64 = AtomicI64::new(0);

/// The current time to the millisecond, strictly later than any earlier call, so keys
/// created one after the other sort in creation order by their creation time.
pub(crate) fn now() -> DateTime<Utc> {
    let wall = Utc::now().timestamp_millis();
    let mut last = LAST_MILLIS.load(Ordering::Relaxed);
    loop {
        let next = wall.max(last + 1);
        match LAST_MILLIS.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return DateTime::from_timestamp_millis(next).expect("a time in range"),
            Err(actual) => last = actual,
        }
    }
}

/// RFC 3339 in UTC with a `Z`, to the millisecond: `2026-02-01T09:30:00.123Z`.
pub(crate) fn rfc3339(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn rfc3339_opt(time: &Option<DateTime<Utc>>) -> Option<String> {
    time.as_ref().map(rfc3339)
}

/// Parses an RFC 3339 time with any offset.
pub(crate) fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_strictly_increases_and_formats_with_z() {
        let a = now();
        let b = now();
        assert!(b > a);
        let text = rfc3339(&a);
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(parse_rfc3339(&text), Some(a));
    }
}
