use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::request_id::RequestId;
use crate::store::SaveFailed;

/// `{"code": <status>, "data": <data>, "message": "success", "requestId": <X-Request-Id>}`.
pub(crate) fn success(data: impl Serialize, request_id: &RequestId) -> Response {
    envelope(StatusCode::OK, data, "success", request_id)
}

/// Written straight from `data`: a 10,000-key list never becomes a `serde_json::Value`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, T> {
    code: u16,
    data: T,
    message: &'a str,
    request_id: &'a str,
}

fn envelope(
    status: StatusCode,
    data: impl Serialize,
    message: &str,
    request_id: &RequestId,
) -> Response {
    let body = Envelope {
        code: status.as_u16(),
        data,
        message,
        request_id: &request_id.0,
    };
    (status, Json(body)).into_response()
}

/// An error in the same envelope, with `data: null`. It needs the request id to become a
/// response, so it is turned into one with [`ApiKeysError::respond`].
pub(crate) struct ApiKeysError {
    status: StatusCode,
    message: String,
}

impl ApiKeysError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized: missing or invalid bearer token",
        )
    }

    /// `message` names the field and the rule, e.g. "name is required".
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "API key not found")
    }

    pub fn already_revoked() -> Self {
        Self::new(StatusCode::CONFLICT, "API key is already revoked")
    }

    pub fn for_status(status: StatusCode) -> Self {
        Self::new(status, crate::faults::injected_sentence(status))
    }

    pub fn respond(self, request_id: &RequestId) -> Response {
        envelope(self.status, (), &self.message, request_id)
    }
}

impl From<SaveFailed> for ApiKeysError {
    fn from(SaveFailed(error): SaveFailed) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the sandbox could not save its state file ({error}); nothing was changed"),
        )
    }
}
