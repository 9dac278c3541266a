use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::SaveFailed;

/// A Veryfi error: `{"status": "fail", "code": ..., "message": ...}`.
pub(crate) struct VeryfiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl VeryfiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn credentials_not_provided() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED",
            "Authentication credentials were not provided.",
        )
    }

    pub fn authentication_failed() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "AUTHENTICATION_FAILED",
            "Incorrect authentication credentials.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", "Not found.")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "This method is not allowed on this path.",
        )
    }

    pub fn malformed_parameters(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "MALFORMED_PARAMETERS", message)
    }

    pub fn key_limit_reached() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "KEY_LIMIT_REACHED",
            "This account already has 2 API keys, the most allowed. Delete one before creating another.",
        )
    }

    pub fn last_key_cannot_be_deleted() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "LAST_KEY_CANNOT_BE_DELETED",
            "At least one API key must remain active.",
        )
    }
}

impl VeryfiError {
    /// The envelope for a status injected by a fault.
    pub fn for_status(status: StatusCode) -> Self {
        let code = match status {
            StatusCode::TOO_MANY_REQUESTS => "YOU_HAVE_BEEN_RATE_LIMITED",
            StatusCode::NOT_FOUND => "NOT_FOUND",
            StatusCode::INTERNAL_SERVER_ERROR => "INTERNAL_SERVER_ERROR",
            StatusCode::BAD_GATEWAY => "BAD_GATEWAY",
            StatusCode::SERVICE_UNAVAILABLE => "SERVICE_UNAVAILABLE",
            StatusCode::GATEWAY_TIMEOUT => "GATEWAY_TIMEOUT",
            _ if status.is_client_error() => "BAD_REQUEST",
            _ => "SERVER_ERROR",
        };
        Self::new(status, code, crate::faults::injected_sentence(status))
    }
}

impl From<SaveFailed> for VeryfiError {
    fn from(SaveFailed(error): SaveFailed) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            format!("The sandbox could not save its state file ({error}); nothing was changed."),
        )
    }
}

impl IntoResponse for VeryfiError {
    fn into_response(self) -> Response {
        let body = json!({"status": "fail", "code": self.code, "message": self.message});
        (self.status, Json(body)).into_response()
    }
}
