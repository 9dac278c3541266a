//! Kayle's refusals as sentences: its `{data, error}` envelope, the bare
//! `{error}` of its auth layer, Zod's issue dumps and plain-text answers.

use serde::Deserialize;

use crate::http::Response;
use crate::vendors::error::{VendorError, VendorErrorKind};

pub const SIGNED_OUT: &str = "Signed out of Kayle ID — sign in again.";
pub const FROZEN: &str = "This Kayle ID organization is scheduled for deletion, so its API keys cannot be changed; cancel the deletion in the Kayle ID dashboard, then try again.";

#[derive(Deserialize, Default)]
struct Body {
    error: Option<Detail>,
    /// Better Auth's own refusals carry only these.
    message: Option<String>,
    code: Option<String>,
}

#[derive(Deserialize, Default)]
struct Detail {
    code: Option<String>,
    /// Zod's answers name themselves here instead of giving a code.
    name: Option<String>,
    message: Option<String>,
    hint: Option<String>,
}

#[derive(Deserialize)]
struct ZodIssue {
    #[serde(default)]
    path: Vec<serde_json::Value>,
    message: Option<String>,
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// One sentence per field Zod refused, in its order.
fn zod_sentences(dump: &str) -> Option<String> {
    let issues: Vec<ZodIssue> = serde_json::from_str(dump).ok()?;
    let sentences: Vec<String> = issues
        .into_iter()
        .map(|issue| {
            let field = issue
                .path
                .iter()
                .map(|part| match part {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(".");
            let field = if field.is_empty() {
                "The request".to_owned()
            } else {
                format!("The field {field:?}")
            };
            let message = non_empty(issue.message).unwrap_or_else(|| "is not valid".into());
            let message = message.trim_end_matches('.');
            format!("{field} was refused: {message}.")
        })
        .collect();
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// Where the answer came from decides what a 401 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The dashboard routes, reached with the session cookie.
    Session,
    /// The public API, reached with a key.
    Key,
}

pub fn error_from(response: &Response, route: Route) -> VendorError {
    let status = response.status.as_u16();
    let body: Body = serde_json::from_slice(&response.body).unwrap_or_default();
    let detail = body.error.unwrap_or_default();
    let code = detail.code.or(body.code);
    let text = String::from_utf8_lossy(&response.body).trim().to_owned();

    let (kind, message) = if detail.name.as_deref() == Some("ZodError") {
        let sentences = detail
            .message
            .as_deref()
            .and_then(zod_sentences)
            .unwrap_or_else(|| "Kayle ID refused the request as malformed.".into());
        (VendorErrorKind::InvalidRequest, sentences)
    } else if text.starts_with("Malformed JSON") {
        (
            VendorErrorKind::InvalidRequest,
            "Kayle ID could not read the request body as JSON.".into(),
        )
    } else {
        match (status, code.as_deref(), route) {
            (401, _, Route::Session) => (VendorErrorKind::SignedOut, SIGNED_OUT.into()),
            (401, _, Route::Key) => (
                VendorErrorKind::Unauthorized,
                "Kayle ID refused the key: it is disabled, deleted or not a Kayle ID key.".into(),
            ),
            (403, _, Route::Key) => (
                VendorErrorKind::Forbidden,
                "Kayle ID accepted the key but it lacks the permission for this call (sessions:read).".into(),
            ),
            (_, Some("ORGANIZATION_FROZEN"), _) | (410, _, _) => {
                (VendorErrorKind::Forbidden, FROZEN.into())
            }
            (403, _, Route::Session) => {
                let hint = non_empty(detail.hint);
                let message = match (non_empty(detail.message), hint) {
                    (Some(m), Some(h)) if m != "Forbidden" => format!("{m} — {h}"),
                    _ => "This Kayle ID session has no organization where you are owner or admin; sign in again and choose one.".into(),
                };
                (VendorErrorKind::Forbidden, message)
            }
            (_, Some("API_KEY_NOT_FOUND" | "API_KEY_NOT_DELETED"), _) => (
                VendorErrorKind::NotFound,
                "This organization has no such Kayle ID key; it may have been deleted already — refresh the list.".into(),
            ),
            _ => {
                let kind = match code.as_deref() {
                    Some("INTERNAL_SERVER_ERROR") => VendorErrorKind::Server,
                    Some("TOO_MANY_REQUESTS" | "RATE_LIMITED") => VendorErrorKind::RateLimited,
                    _ => VendorError::kind_for_status(status),
                };
                let message = match (non_empty(detail.message).or(body.message), non_empty(detail.hint)) {
                    (Some(m), Some(h)) => format!("{m} — {h}"),
                    (Some(t), None) | (None, Some(t)) => t,
                    (None, None) => format!("Kayle ID answered HTTP {status} without an explanation."),
                };
                (kind, message)
            }
        }
    };
    VendorError {
        kind,
        status: Some(status),
        code,
        message,
        request_id: response.header("x-request-id"),
        retry_after: response.retry_after(),
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;

    fn answer(status: u16, body: &str) -> Response {
        Response {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_zod_dump_becomes_one_sentence_per_field() {
        let issues = r#"[{"code":"too_small","path":["name"],"message":"Too small: expected string to have >=1 characters"},
            {"code":"invalid_key","path":["metadata","bad key!"],"message":"Invalid key in record"}]"#;
        let body =
            serde_json::json!({"success": false, "error": {"name": "ZodError", "message": issues}});
        let error = error_from(&answer(400, &body.to_string()), Route::Session);
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
        assert_eq!(
            error.message,
            "The field \"name\" was refused: Too small: expected string to have >=1 characters. \
             The field \"metadata.bad key!\" was refused: Invalid key in record."
        );
        assert!(!error.message.contains('['), "no raw JSON reaches the user");
    }

    #[test]
    fn plain_text_malformed_json_is_a_sentence() {
        let error = error_from(
            &answer(400, "Malformed JSON in request body"),
            Route::Session,
        );
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
        assert!(error.message.ends_with('.'));
    }

    #[test]
    fn the_same_401_means_signed_out_or_a_refused_key_by_route() {
        let body = r#"{"error":{"code":"UNAUTHORIZED","message":"Unauthorized"}}"#;
        assert_eq!(
            error_from(&answer(401, body), Route::Session).kind,
            VendorErrorKind::SignedOut
        );
        assert_eq!(
            error_from(&answer(401, body), Route::Key).kind,
            VendorErrorKind::Unauthorized
        );
    }
}
