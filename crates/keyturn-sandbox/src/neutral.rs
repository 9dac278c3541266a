//! Answers that belong to no dialect: unknown routes, wrong methods, health.

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::dialects::veryfi;

/// 404 `{"error": "not_found"}`, except under Veryfi's prefix, which keeps its own envelope.
pub(crate) async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with(veryfi::PATH_PREFIX) {
        return veryfi::not_found().await.into_response();
    }
    (StatusCode::NOT_FOUND, Json(json!({"error": "not_found"}))).into_response()
}

pub(crate) async fn method_not_allowed() -> Response {
    let body = json!({"error": "method_not_allowed"});
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

pub(crate) async fn health() -> Json<serde_json::Value> {
    Json(json!({"ok": true}))
}
