//! One module per vendor API the sandbox speaks.

pub(crate) mod api_keys;
pub(crate) mod kayle;
pub(crate) mod verifa;
pub(crate) mod veryfi;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum::Router;
use serde_json::json;

use crate::app_state::AppState;
use crate::request_id::RequestId;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(veryfi::router())
        .merge(verifa::router())
        .merge(api_keys::router())
        .merge(kayle::router())
}

/// An error answer with `status` in the envelope of the dialect that owns `path`, for
/// statuses injected by a fault. Paths of no dialect get `{"error": "<reason>"}`.
pub(crate) fn error_for_status(path: &str, status: StatusCode, request_id: &RequestId) -> Response {
    let under = |prefix: &str| {
        path.strip_prefix(prefix.trim_end_matches('/'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under(veryfi::PATH_PREFIX) {
        veryfi::error_for_status(status)
    } else if under(verifa::PATH_PREFIX) {
        verifa::error_for_status(status)
    } else if under(api_keys::PATH_PREFIX) {
        api_keys::error_for_status(status, request_id)
    } else if kayle::owns(path) {
        kayle::error_for_status(status)
    } else if under(crate::consumer::PATH) {
        crate::consumer::error_for_status(status)
    } else {
        let reason = status
            .canonical_reason()
            .unwrap_or("error")
            .to_lowercase()
            .replace([' ', '-'], "_");
        (status, Json(json!({"error": reason}))).into_response()
    }
}
