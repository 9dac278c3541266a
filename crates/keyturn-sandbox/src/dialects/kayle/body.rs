//! Reading a JSON body the way the real server's validator does: the body counts only
//! with a JSON content type, and is then either JSON or a 400 in plain text.

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use serde_json::{Map, Value};

use super::error::KayleError;

/// `application/json` or `application/<x>+json`, with optional `; name=value` parameters.
fn is_json_type(value: &str) -> bool {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or_default();
    let Some(subtype) = media.strip_prefix("application/") else {
        return false;
    };
    let subtype_ok = subtype == "json"
        || subtype.strip_suffix("+json").is_some_and(|head| {
            !head.is_empty()
                && head
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'.')
        });
    subtype_ok
        && parts.all(|param| {
            let param = param.trim_start();
            param.split_once('=').is_some_and(|(name, value)| {
                !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !value.is_empty()
            })
        })
}

/// The body as JSON; `{}` when the content type is not JSON.
pub(crate) fn json(headers: &HeaderMap, bytes: &[u8]) -> Result<Value, KayleError> {
    let json_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(is_json_type);
    if !json_type {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(bytes).map_err(|_| KayleError::MalformedJson)
}

#[cfg(test)]
mod tests {
    use super::is_json_type;

    #[test]
    fn json_types_are_recognised_like_hono() {
        for yes in [
            "application/json",
            "application/json; charset=utf-8",
            "application/vnd.api+json",
        ] {
            assert!(is_json_type(yes), "{yes}");
        }
        for no in [
            "text/plain",
            "application/jsonx",
            "",
            "application/+json",
            "json",
        ] {
            assert!(!is_json_type(no), "{no}");
        }
    }
}
