//! `/v1/sessions`' query string: `limit` is converted to a number (1 to 100, default 10),
//! `starting_after` is a verification session id.

use serde_json::Value;

use super::query::url_pairs;
use super::zod::{path, Issue};

const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;
const SESSION_ID_PATTERN: &str = "/^vs_[A-Za-z0-9]{64}$/";

/// The page size asked for.
pub(crate) fn sessions_limit(query: Option<&str>) -> Result<usize, Vec<Issue>> {
    let pairs = query.map(url_pairs).unwrap_or_default();
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    };
    let mut issues = Vec::new();
    let limit = match values("limit").as_slice() {
        [] => Some(DEFAULT_LIMIT),
        [one] => match limit(one) {
            Ok(limit) => Some(limit),
            Err(issue) => {
                issues.push(issue);
                None
            }
        },
        _ => {
            issues.push(Issue::not_a_number(path(&["limit"])));
            None
        }
    };
    match values("starting_after").as_slice() {
        [] => {}
        [one] if is_session_id(one) => {}
        [_] => issues.push(Issue::regex(
            SESSION_ID_PATTERN,
            path(&["starting_after"]),
            "Invalid session ID format".to_string(),
        )),
        _ => {
            let received = Value::Array(Vec::new());
            issues.push(Issue::invalid_type(
                "string",
                Some(&received),
                path(&["starting_after"]),
            ));
        }
    }
    match limit {
        Some(limit) if issues.is_empty() => Ok(limit),
        _ => Err(issues),
    }
}

fn is_session_id(text: &str) -> bool {
    text.strip_prefix("vs_")
        .is_some_and(|rest| rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// JavaScript's `Number(text)`, then an integer from 1 to 100.
fn limit(text: &str) -> Result<usize, Issue> {
    let at = || path(&["limit"]);
    let number = js_number(text).ok_or_else(|| Issue::not_a_number(at()))?;
    if number.fract() != 0.0 || number.is_infinite() {
        return Err(Issue::not_an_integer(at()));
    }
    if number < 1.0 {
        return Err(Issue::too_small("number", 1, at()));
    }
    if number > MAX_LIMIT as f64 {
        return Err(Issue::too_big("number", MAX_LIMIT, at()));
    }
    Ok(number as usize)
}

/// `None` for NaN. Blank text is 0, as in JavaScript.
fn js_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0.0);
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    let unsigned = text.trim_start_matches(['+', '-']);
    if unsigned == "Infinity" {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let numeric = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    let signs = text.len() - unsigned.len();
    if !numeric || signs > 1 {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(query: &str) -> String {
        let issues = sessions_limit(Some(query)).unwrap_err();
        serde_json::to_value(&issues).unwrap()[0]["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn limit_is_converted_like_javascript_then_bounded() {
        assert_eq!(sessions_limit(None).ok(), Some(10));
        assert_eq!(sessions_limit(Some("limit=100")).ok(), Some(100));
        assert_eq!(sessions_limit(Some("limit=%205%20")).ok(), Some(5));
        assert_eq!(sessions_limit(Some("limit=1e1")).ok(), Some(10));
        assert_eq!(code_of("limit=0"), "too_small");
        assert_eq!(code_of("limit="), "too_small");
        assert_eq!(code_of("limit=101"), "too_big");
        assert_eq!(code_of("limit=abc"), "invalid_type");
        assert_eq!(code_of("limit=1.5"), "invalid_type");
    }

    #[test]
    fn the_cursor_must_look_like_a_verification_session_id() {
        let good = format!("starting_after=vs_{}", "a".repeat(64));
        assert_eq!(sessions_limit(Some(&good)).ok(), Some(10));
        assert_eq!(code_of("starting_after=nope"), "invalid_format");
    }
}
