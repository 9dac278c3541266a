//! `POST /_sandbox/reset`: back to the state of a first start (seeded keys included),
//! for the admin token only. Every key made since stops working.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::app_state::AppState;
use crate::faults::AdminOnly;

pub(crate) async fn reset(_: AdminOnly, State(app): State<AppState>) -> Response {
    match app.store.replace((app.fresh_state)()).await {
        Ok(()) => {
            app.kayle_codes.clear();
            (StatusCode::OK, Json(json!({"reset": true}))).into_response()
        }
        Err(error) => {
            let body = json!({"error": "internal_error", "detail": error.to_string()});
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
    }
}
