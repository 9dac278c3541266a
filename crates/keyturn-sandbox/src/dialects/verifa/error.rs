use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::validation::CURRENT_VERSION;
use crate::store::SaveFailed;

/// A Verifa error: `{"error": "<code>", "detail": "<sentence>", "status_code": <int>}`.
pub(crate) struct VerifaError {
    status: StatusCode,
    code: &'static str,
    detail: String,
}

impl VerifaError {
    fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Invalid or missing API key.",
        )
    }

    pub fn invalid_version() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_version",
            format!("Verifa-Version must be a date in YYYY-MM-DD form, such as {CURRENT_VERSION}."),
        )
    }

    /// A well-formed version Verifa does not answer: retired, or not yet released.
    pub fn unsupported_version(version: &str) -> Self {
        let why = if version < CURRENT_VERSION {
            "has been retired"
        } else {
            "is not a Verifa API version"
        };
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_version",
            format!("API version {version} {why}; the current version is {CURRENT_VERSION}."),
        )
    }

    pub fn organization_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Organization not found.",
        )
    }

    pub fn key_not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "API key not found.")
    }

    pub fn already_revoked() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "already_revoked",
            "API key is already revoked.",
        )
    }

    pub fn invalid_json() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "The request body must be a JSON object.",
        )
    }

    /// `detail` names the field and the rule, e.g. "label is required".
    pub fn validation(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "validation_error", detail)
    }

    /// The envelope for a status injected by a fault.
    pub fn for_status(status: StatusCode) -> Self {
        let code = match status {
            StatusCode::TOO_MANY_REQUESTS => "rate_limited",
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::FORBIDDEN => "forbidden",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::INTERNAL_SERVER_ERROR => "internal_error",
            StatusCode::BAD_GATEWAY => "bad_gateway",
            StatusCode::SERVICE_UNAVAILABLE => "service_unavailable",
            StatusCode::GATEWAY_TIMEOUT => "gateway_timeout",
            _ if status.is_client_error() => "bad_request",
            _ => "server_error",
        };
        Self::new(status, code, crate::faults::injected_sentence(status))
    }
}

impl From<SaveFailed> for VerifaError {
    fn from(SaveFailed(error): SaveFailed) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            format!("The sandbox could not save its state file ({error}); nothing was changed."),
        )
    }
}

impl IntoResponse for VerifaError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": self.code,
            "detail": self.detail,
            "status_code": self.status.as_u16(),
        });
        (self.status, Json(body)).into_response()
    }
}
