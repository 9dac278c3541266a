use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::SaveFailed;

/// A Veryfi error: `{"status": "fail", "code": ..., "message": ...}`, with only the
/// codes Veryfi documents; other refusals carry a message and no code.
pub(crate) struct VeryfiError {
    status: StatusCode,
    code: Option<&'static str>,
    message: String,
}

const MALFORMED_PARAMETERS: &str = "MALFORMED_PARAMETERS";
const CREDENTIALS_NOT_PROVIDED: &str = "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED";
const NOT_FOUND: &str = "NOT_FOUND";
const REQUEST_BODY_TOO_LARGE: &str = "REQUEST_BODY_TOO_LARGE";
const RATE_LIMITED: &str = "YOU_HAVE_BEEN_RATE_LIMITED";

impl VeryfiError {
    fn new(status: StatusCode, code: Option<&'static str>, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn credentials_not_provided() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            Some(CREDENTIALS_NOT_PROVIDED),
            "Authentication credentials were not provided.",
        )
    }

    pub fn authentication_failed() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            Some(CREDENTIALS_NOT_PROVIDED),
            "Incorrect authentication credentials.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, Some(NOT_FOUND), "Not found.")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            None,
            "This method is not allowed on this path.",
        )
    }

    pub fn malformed_parameters(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some(MALFORMED_PARAMETERS), message)
    }

    /// Veryfi documents no code of its own for the two-key limit: a plain 400.
    pub fn key_limit_reached() -> Self {
        Self::malformed_parameters(
            "This account already has 2 API keys, the most allowed. Delete one before creating another.",
        )
    }

    /// Nor for the last key: a plain 400 too.
    pub fn last_key_cannot_be_deleted() -> Self {
        Self::malformed_parameters("At least one API key must remain active.")
    }
}

impl VeryfiError {
    /// The envelope for a status injected by a fault.
    pub fn for_status(status: StatusCode) -> Self {
        let code = match status {
            StatusCode::BAD_REQUEST => Some(MALFORMED_PARAMETERS),
            StatusCode::FORBIDDEN => Some(CREDENTIALS_NOT_PROVIDED),
            StatusCode::NOT_FOUND => Some(NOT_FOUND),
            StatusCode::PAYLOAD_TOO_LARGE => Some(REQUEST_BODY_TOO_LARGE),
            StatusCode::TOO_MANY_REQUESTS => Some(RATE_LIMITED),
            _ => None,
        };
        Self::new(status, code, crate::faults::injected_sentence(status))
    }
}

impl From<SaveFailed> for VeryfiError {
    fn from(SaveFailed(error): SaveFailed) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            None,
            format!("The sandbox could not save its state file ({error}); nothing was changed."),
        )
    }
}

impl IntoResponse for VeryfiError {
    fn into_response(self) -> Response {
        let mut body = json!({"status": "fail", "message": self.message});
        if let Some(code) = self.code {
            body["code"] = code.into();
        }
        (self.status, Json(body)).into_response()
    }
}
