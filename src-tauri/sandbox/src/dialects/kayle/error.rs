use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::SaveFailed;

const DOCS: &str = "https://docs.kayle.id/errors#";

/// A Kayle ID error: `{"data": null, "error": {"code", "message", "hint", "docs"}}`.
pub(crate) struct KayleError {
    status: StatusCode,
    code: &'static str,
    message: String,
    hint: String,
}

impl KayleError {
    fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "Missing or invalid API key.",
            "Send the admin token as Authorization: Bearer <token>.",
        )
    }

    /// `hint` names the field and the rule, e.g. "name must be 1 to 120 characters".
    pub fn validation(hint: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            "The request is invalid.",
            hint,
        )
    }

    pub fn invalid_cursor() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "INVALID_CURSOR",
            "The pagination cursor does not match any API key.",
            "Pass the next_cursor of the previous page as starting_after, or omit it.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "API key not found.",
            "Check the id against the list of API keys.",
        )
    }

    pub fn for_status(status: StatusCode) -> Self {
        let (code, hint) = match status {
            StatusCode::GONE => (
                "ORGANIZATION_SCHEDULED_FOR_DELETION",
                "The organization is scheduled for deletion and its API keys are disabled.",
            ),
            StatusCode::TOO_MANY_REQUESTS => ("RATE_LIMITED", "Wait before retrying."),
            StatusCode::UNAUTHORIZED => ("UNAUTHORIZED", "Check the bearer token."),
            StatusCode::FORBIDDEN => ("FORBIDDEN", "Check the token's permissions."),
            StatusCode::NOT_FOUND => ("NOT_FOUND", "Check the path and id."),
            StatusCode::INTERNAL_SERVER_ERROR => ("INTERNAL_SERVER_ERROR", "Retry later."),
            StatusCode::SERVICE_UNAVAILABLE => ("SERVICE_UNAVAILABLE", "Retry later."),
            _ if status.is_client_error() => ("BAD_REQUEST", "Check the request."),
            _ => ("INTERNAL_SERVER_ERROR", "Retry later."),
        };
        Self::new(status, code, crate::faults::injected_sentence(status), hint)
    }
}

impl From<SaveFailed> for KayleError {
    fn from(SaveFailed(error): SaveFailed) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            format!("The sandbox could not save its state file ({error}); nothing was changed."),
            "Check the disk holding the sandbox's state file.",
        )
    }
}

impl IntoResponse for KayleError {
    fn into_response(self) -> Response {
        let docs = format!("{DOCS}{}", self.code.to_lowercase());
        let body = json!({
            "data": null,
            "error": {"code": self.code, "message": self.message, "hint": self.hint, "docs": docs},
        });
        (self.status, Json(body)).into_response()
    }
}
