//! The generic `/v1/api-keys` API of seed 003, the one that reports who last used a key.

mod auth;
mod envelope;
mod handlers;
mod model;
mod validation;
mod view;

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get};
use axum::Router;

use crate::app_state::AppState;
use crate::request_id::RequestId;

pub(crate) use model::{ApiKey, ApiKeysState, Scope};

pub(crate) const PATH_PREFIX: &str = "/v1/api-keys";
pub(crate) const KEY_PREFIX: &str = "sk_";
pub(crate) const KEY_VALUE_CHARS: usize = 40;
/// `keyPrefix` is the key's first 10 characters.
pub(crate) const PREFIX_CHARS: usize = 10;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/api-keys", get(handlers::list).post(handlers::create))
        .route("/v1/api-keys/{id}", delete(handlers::revoke))
}

pub(crate) fn error_for_status(status: StatusCode, request_id: &RequestId) -> Response {
    envelope::ApiKeysError::for_status(status).respond(request_id)
}
