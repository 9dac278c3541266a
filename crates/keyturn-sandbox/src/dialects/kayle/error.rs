use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;

use super::zod::{self, Issue};
use crate::store::SaveFailed;

const DOCS: &str = "https://kayle.id/docs/api/errors#";

/// Every way the Kayle dialect refuses a request, each in the real server's shape.
pub(crate) enum KayleError {
    /// `401 {"error": {"code": "UNAUTHORIZED", "message": "Unauthorized"}}`.
    Unauthorized,
    /// `403 {"error": {"code": "FORBIDDEN", "message": "Forbidden"}}`.
    Forbidden,
    /// `{"data": null, "error": {"code", "message", "hint", "docs"}}`.
    Envelope(Envelope),
    Zod(Vec<Issue>),
    /// `400` plain text, as Hono answers a body that is not JSON.
    MalformedJson,
    /// An empty body with this status.
    Empty(StatusCode),
    /// Better Auth's `{"message", "code"?}`.
    Auth {
        status: StatusCode,
        message: String,
        code: Option<&'static str>,
    },
}

pub(crate) struct Envelope {
    status: StatusCode,
    code: &'static str,
    message: String,
    hint: &'static str,
    docs: String,
}

#[derive(Serialize)]
struct EnvelopeBody<'a> {
    data: (),
    error: EnvelopeError<'a>,
}

#[derive(Serialize)]
struct EnvelopeError<'a> {
    code: &'a str,
    message: &'a str,
    hint: &'a str,
    docs: &'a str,
}

fn envelope(
    status: StatusCode,
    code: &'static str,
    message: &str,
    hint: &'static str,
) -> KayleError {
    KayleError::Envelope(Envelope {
        status,
        code,
        message: message.to_string(),
        hint,
        docs: format!("{DOCS}{}", code.to_lowercase()),
    })
}

impl KayleError {
    pub fn api_key_not_found() -> Self {
        envelope(
            StatusCode::BAD_REQUEST,
            "API_KEY_NOT_FOUND",
            "API key not found",
            "Confirm the API key ID belongs to this organization.",
        )
    }

    pub fn api_key_not_deleted() -> Self {
        envelope(
            StatusCode::BAD_REQUEST,
            "API_KEY_NOT_DELETED",
            "API key not found",
            "Confirm the API key ID belongs to this organization.",
        )
    }

    pub fn internal(message: &str) -> Self {
        envelope(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            message,
            "Please try again in a few moments.",
        )
    }

    pub fn unexpected() -> Self {
        Self::internal("An unexpected error occurred")
    }

    pub fn frozen() -> Self {
        KayleError::Envelope(Envelope {
            status: StatusCode::GONE,
            code: "ORGANIZATION_FROZEN",
            message: "This organization is scheduled for deletion. API keys and verification flows are disabled until the deletion is canceled.".to_string(),
            hint: "Cancel the pending deletion from the dashboard, then retry.",
            docs: "https://kayle.id/docs/errors/organization-frozen".to_string(),
        })
    }

    /// The answer to a status injected by a fault.
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::UNAUTHORIZED => KayleError::Unauthorized,
            StatusCode::FORBIDDEN => KayleError::Forbidden,
            StatusCode::GONE => Self::frozen(),
            StatusCode::INTERNAL_SERVER_ERROR => Self::unexpected(),
            _ => {
                let code = match status {
                    StatusCode::TOO_MANY_REQUESTS => "RATE_LIMITED",
                    StatusCode::NOT_FOUND => "NOT_FOUND",
                    StatusCode::SERVICE_UNAVAILABLE => "SERVICE_UNAVAILABLE",
                    _ if status.is_client_error() => "BAD_REQUEST",
                    _ => "INTERNAL_SERVER_ERROR",
                };
                let message = crate::faults::injected_sentence(status);
                envelope(status, code, &message, "Please try again in a few moments.")
            }
        }
    }

    pub fn auth(status: StatusCode, message: impl Into<String>, code: &'static str) -> Self {
        KayleError::Auth {
            status,
            message: message.into(),
            code: Some(code),
        }
    }
}

impl From<SaveFailed> for KayleError {
    fn from(SaveFailed(_): SaveFailed) -> Self {
        Self::unexpected()
    }
}

impl IntoResponse for KayleError {
    fn into_response(self) -> Response {
        match self {
            KayleError::Unauthorized => {
                bare(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized")
            }
            KayleError::Forbidden => bare(StatusCode::FORBIDDEN, "FORBIDDEN", "Forbidden"),
            KayleError::Envelope(e) => {
                let body = EnvelopeBody {
                    data: (),
                    error: EnvelopeError {
                        code: e.code,
                        message: &e.message,
                        hint: e.hint,
                        docs: &e.docs,
                    },
                };
                (e.status, Json(body)).into_response()
            }
            KayleError::Zod(issues) => zod::response(&issues),
            KayleError::MalformedJson => (
                StatusCode::BAD_REQUEST,
                [(CONTENT_TYPE, "text/plain;charset=UTF-8")],
                "Malformed JSON in request body",
            )
                .into_response(),
            KayleError::Empty(status) => status.into_response(),
            KayleError::Auth {
                status,
                message,
                code,
            } => {
                let body = match code {
                    Some(code) => json!({"message": message, "code": code}),
                    None => json!({"message": message}),
                };
                (status, Json(body)).into_response()
            }
        }
    }
}

fn bare(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}
