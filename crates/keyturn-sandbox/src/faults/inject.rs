//! The middleware that applies a pending fault to a matching request.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, TRANSFER_ENCODING};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::spec::{FaultKind, FaultSpec};
use super::truncated_body::TruncatedBody;
use crate::app_state::AppState;
use crate::connections::ConnectionKill;
use crate::dialects;
use crate::request_id::RequestId;

/// Starts like a JSON answer and stops in the middle of a string.
const MALFORMED_JSON: &str = "{\"data\": [{\"id\": \"key_";

pub(crate) async fn inject(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let Some(fault) = app.faults.take(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    let kill = request.extensions().get::<ConnectionKill>().cloned();
    match fault {
        FaultKind::Latency { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        FaultKind::Status {
            status,
            retry_after,
            body,
        } => {
            let request_id = RequestId::of(request.extensions());
            status_answer(request.uri().path(), status, retry_after, body, &request_id)
        }
        FaultKind::MalformedJson => {
            ([(CONTENT_TYPE, "application/json")], MALFORMED_JSON).into_response()
        }
        FaultKind::Truncated => {
            let response = next.run(request).await;
            truncate(response, kill).await
        }
        FaultKind::Drop => close(kill).await,
        FaultKind::DropAfter => {
            drop(next.run(request).await);
            close(kill).await
        }
    }
}

fn status_answer(
    path: &str,
    status: u16,
    retry_after: Option<u64>,
    body: Option<String>,
    request_id: &RequestId,
) -> Response {
    let status = FaultSpec::status_code(status);
    let mut response = match body {
        None => dialects::error_for_status(path, status, request_id),
        Some(body) => {
            let content_type = if serde_json::from_str::<serde_json::Value>(&body).is_ok() {
                "application/json"
            } else {
                "text/plain; charset=utf-8"
            };
            (status, [(CONTENT_TYPE, content_type)], body).into_response()
        }
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

async fn truncate(response: Response, kill: Option<ConnectionKill>) -> Response {
    let (mut parts, body) = response.into_parts();
    let full = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(full) if full.len() >= 2 => full,
        // Nothing to cut in half: the answer is lost entirely instead.
        _ => return close(kill).await,
    };
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.remove(TRANSFER_ENCODING);
    Response::from_parts(parts, Body::new(TruncatedBody::new(full, kill)))
}

/// Closes the connection without answering: the connection's task drops it when told to,
/// and this answer never comes.
async fn close(kill: Option<ConnectionKill>) -> Response {
    match kill {
        Some(kill) => {
            kill.fire();
            std::future::pending().await
        }
        None => {
            let body = json!({"error": "connection_not_droppable"});
            (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
        }
    }
}
