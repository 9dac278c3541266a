//! The session cookie: `kayle-id.session_token=<token>.<signature>`, URL-encoded.

use axum::http::header::COOKIE;
use axum::http::HeaderMap;

pub(crate) const COOKIE_NAME: &str = "kayle-id.session_token";
pub(crate) const MAX_AGE_SECONDS: i64 = 7 * 24 * 3600;

/// The decoded value of the session cookie, if the request has one.
pub(crate) fn session_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .and_then(|(_, value)| percent_decode(value.trim_matches('"')))
}

/// `name=value` as a client sends it back.
pub(crate) fn pair(signed: &str) -> String {
    format!("{COOKIE_NAME}={}", percent_encode(signed))
}

/// The `Set-Cookie` value the real server sends over http.
pub(crate) fn set_cookie(signed: &str) -> String {
    format!(
        "{}; Max-Age={MAX_AGE_SECONDS}; Path=/; HttpOnly; Secure; SameSite=Lax; Partitioned",
        pair(signed)
    )
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_round_trips_through_its_encoding() {
        let signed = "abc.DEF+/x=";
        let mut headers = HeaderMap::new();
        let header = format!("other=1; {}", pair(signed));
        assert!(header.ends_with("abc.DEF%2B%2Fx%3D"), "{header}");
        headers.insert(COOKIE, header.parse().unwrap());
        assert_eq!(session_value(&headers).as_deref(), Some(signed));
    }

    #[test]
    fn other_cookies_and_bad_escapes_are_no_session() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "__Secure-kayle-id.session_token=a".parse().unwrap());
        assert_eq!(session_value(&headers), None);
        headers.insert(COOKIE, format!("{COOKIE_NAME}=a%zz").parse().unwrap());
        assert_eq!(session_value(&headers), None);
    }
}
