//! Kayle ID's API key endpoints: `/v1/auth/api-keys` (seed 004).

mod auth;
mod error;
mod handlers;
mod model;
mod validation;
mod view;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use axum::Router;

use crate::app_state::AppState;

pub(crate) use model::{KayleKey, KayleState, PERMISSIONS};

pub(crate) const PATH_PREFIX: &str = "/v1/auth/api-keys";
pub(crate) const KEY_PREFIX: &str = "kayle_";
pub(crate) const KEY_VALUE_CHARS: usize = 40;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/auth/api-keys",
            get(handlers::list).post(handlers::create),
        )
        .route(
            "/v1/auth/api-keys/{id}",
            patch(handlers::update).delete(handlers::delete),
        )
}

pub(crate) fn error_for_status(status: StatusCode) -> Response {
    error::KayleError::for_status(status).into_response()
}
