//! When an admin JWT expires, read from its unverified `exp` claim: only to explain
//! a 401, never to decide what to send.

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
struct Claims {
    exp: Option<i64>,
}

/// `None` when the token is not a JWT or names no expiry.
pub fn expiry(token: &str) -> Option<DateTime<Utc>> {
    let mut parts = token.trim().split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let claims: Claims = serde_json::from_slice(&base64url(payload)?).ok()?;
    DateTime::from_timestamp(claims.exp?, 0)
}

fn base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.trim_end_matches('=').bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64url_without_padding() {
        assert_eq!(base64url("eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
        assert_eq!(base64url("_-8").unwrap(), [0xff, 0xef]);
        assert_eq!(base64url("a b"), None);
    }

    #[test]
    fn reads_exp_from_a_jwt() {
        // {"sub":"u","exp":1767225600}
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1IiwiZXhwIjoxNzY3MjI1NjAwfQ.c2ln";
        assert_eq!(expiry(token), DateTime::from_timestamp(1_767_225_600, 0));
    }

    #[test]
    fn anything_else_has_no_expiry() {
        for token in ["", "opaque-token", "a.b", "a.b.c.d", "x.eyJzdWIiOiJ1In0.y"] {
            assert_eq!(expiry(token), None, "{token}");
        }
    }
}
