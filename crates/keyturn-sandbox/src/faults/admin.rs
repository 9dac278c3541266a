//! `/_sandbox/faults`: installing, listing and clearing faults over HTTP.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::spec::{FaultKind, FaultSpec};
use crate::admin_auth::is_admin;
use crate::app_state::AppState;

/// Proof that the request carried the admin token as a bearer token.
pub(crate) struct AdminOnly;

impl FromRequestParts<AppState> for AdminOnly {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        if is_admin(app, &parts.headers) {
            return Ok(AdminOnly);
        }
        let body = json!({
            "error": "unauthorized",
            "detail": "Send the admin token as Authorization: Bearer <token>.",
        });
        Err((StatusCode::UNAUTHORIZED, Json(body)).into_response())
    }
}

#[derive(Deserialize)]
struct NewFault {
    #[serde(default)]
    method: Option<String>,
    path_prefix: String,
    #[serde(default = "one")]
    count: u64,
    fault: FaultKind,
}

fn one() -> u64 {
    1
}

fn invalid(detail: String) -> Response {
    let body = json!({"error": "validation_error", "detail": detail});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

pub(crate) async fn install(_: AdminOnly, State(app): State<AppState>, body: Bytes) -> Response {
    let request: NewFault = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return invalid(error.to_string()),
    };
    let spec = FaultSpec::new(
        request.method.as_deref(),
        &request.path_prefix,
        request.count,
        request.fault,
    );
    match spec {
        Ok(spec) => {
            let id = app.faults.install(spec);
            (StatusCode::CREATED, Json(json!({"id": id}))).into_response()
        }
        Err(problem) => invalid(problem),
    }
}

pub(crate) async fn list(_: AdminOnly, State(app): State<AppState>) -> Json<Value> {
    Json(json!({"faults": app.faults.list()}))
}

pub(crate) async fn clear(_: AdminOnly, State(app): State<AppState>) -> Json<Value> {
    Json(json!({"cleared": app.faults.clear()}))
}
