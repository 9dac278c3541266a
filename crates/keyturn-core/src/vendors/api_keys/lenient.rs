//! Seed 003 types every field as a bare string and nothing else documents the
//! service: read what it sends without failing on the unexpected.

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A time field as sent: absent (null, empty or a zero time), a time, or
/// something Keyturn cannot read, kept to tell the user.
#[derive(Debug, Default, Clone, PartialEq)]
pub enum Moment {
    #[default]
    Absent,
    At(DateTime<Utc>),
    Unreadable(String),
}

impl Moment {
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::At(at) => Some(*at),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::Null => Self::Absent,
            Value::String(text) if text.trim().is_empty() => Self::Absent,
            Value::String(text) => match DateTime::parse_from_rfc3339(text.trim()) {
                // Services written in Go send the zero time for "never".
                Ok(at) if at.year() <= 1 => Self::Absent,
                Ok(at) => Self::At(at.with_timezone(&Utc)),
                Err(_) => Self::Unreadable(text),
            },
            other => Self::Unreadable(other.to_string()),
        })
    }
}

/// Text, or a number written as text; anything else is absent.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::String(text) if !text.is_empty() => Some(text),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(json: &str) -> Moment {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_times_and_treats_empty_and_zero_as_absent() {
        assert_eq!(
            moment(r#""2026-01-02T03:04:05Z""#).at(),
            "2026-01-02T03:04:05Z".parse().ok()
        );
        for absent in ["null", r#""""#, r#""0001-01-01T00:00:00Z""#] {
            assert_eq!(moment(absent), Moment::Absent, "{absent}");
        }
        assert_eq!(moment(r#""soon""#), Moment::Unreadable("soon".into()));
        assert_eq!(
            moment("1767323045"),
            Moment::Unreadable("1767323045".into())
        );
    }
}
