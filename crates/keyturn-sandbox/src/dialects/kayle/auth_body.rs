//! Bodies of Better Auth's routes, and its `[body.field] …` validation messages.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use super::error::KayleError;

pub(crate) const TYPES: [&str; 2] = ["sign-in", "email-verification"];

/// The body of a Better Auth POST: JSON content type required (415), a body it cannot
/// parse is an empty 500, and anything but an object a 400.
pub(crate) fn object(headers: &HeaderMap, bytes: &[u8]) -> Result<Map<String, Value>, KayleError> {
    let unsupported = |message: String| {
        KayleError::auth(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message,
            "UNSUPPORTED_MEDIA_TYPE",
        )
    };
    let Some(content_type) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return Err(unsupported(
            "Content-Type is required. Allowed types: application/json".to_string(),
        ));
    };
    let media = content_type.split(';').next().unwrap_or_default().trim();
    if media.is_empty() {
        return Err(unsupported(
            "Content-Type is required. Allowed types: application/json".to_string(),
        ));
    }
    if !media.eq_ignore_ascii_case("application/json") {
        return Err(unsupported(format!(
            "Content-Type \"{media}\" is not allowed. Allowed types: application/json"
        )));
    }
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(KayleError::auth(
            StatusCode::BAD_REQUEST,
            format!(
                "[body] Invalid input: expected object, received {}",
                kind(Some(&other))
            ),
            "VALIDATION_ERROR",
        )),
        Err(_) => Err(KayleError::Empty(StatusCode::INTERNAL_SERVER_ERROR)),
    }
}

/// Collects the messages of every broken rule, in field order.
#[derive(Default)]
pub(crate) struct Fields {
    messages: Vec<String>,
}

fn kind(value: Option<&Value>) -> &'static str {
    match value {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

impl Fields {
    pub fn string(&mut self, object: &Map<String, Value>, name: &str) -> Option<String> {
        match object.get(name) {
            Some(Value::String(text)) => Some(text.clone()),
            other => {
                self.messages.push(format!(
                    "[body.{name}] Invalid input: expected string, received {}",
                    kind(other)
                ));
                None
            }
        }
    }

    /// A string that looks like an address, lowercased.
    pub fn email(&mut self, object: &Map<String, Value>) -> Option<String> {
        let email = self.string(object, "email")?;
        if looks_like_email(&email) {
            Some(email.to_lowercase())
        } else {
            self.messages
                .push("[body.email] Invalid email address".to_string());
            None
        }
    }

    /// `type`: `sign-in` or `email-verification`.
    pub fn kind(&mut self, object: &Map<String, Value>) -> Option<String> {
        match object.get("type").and_then(Value::as_str) {
            Some(kind) if TYPES.contains(&kind) => Some(kind.to_string()),
            _ => {
                self.messages.push(
                    "[body.type] Invalid option: expected one of \"sign-in\"|\"email-verification\""
                        .to_string(),
                );
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), KayleError> {
        if self.messages.is_empty() {
            Ok(())
        } else {
            Err(KayleError::auth(
                StatusCode::BAD_REQUEST,
                self.messages.join("; "),
                "VALIDATION_ERROR",
            ))
        }
    }
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !text.contains(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|label| !label.is_empty())
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_name_the_field_and_join_with_semicolons() {
        let body = json!({"email": "nope"});
        let mut fields = Fields::default();
        assert_eq!(fields.email(body.as_object().unwrap()), None);
        assert_eq!(fields.kind(body.as_object().unwrap()), None);
        assert_eq!(fields.messages.join("; "), "[body.email] Invalid email address; [body.type] Invalid option: expected one of \"sign-in\"|\"email-verification\"");
    }

    #[test]
    fn emails_are_lowercased() {
        let body = json!({"email": "K2-X@Example.test"});
        let mut fields = Fields::default();
        assert_eq!(
            fields.email(body.as_object().unwrap()).as_deref(),
            Some("k2-x@example.test")
        );
    }
}
