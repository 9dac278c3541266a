//! Veryfi's partner key API: `/api/v8/partner/client-keys/`, with the trailing
//! slashes of Veryfi's SDKs; the slash-less paths are redirected to them.

mod account;
mod auth;
mod error;
mod handlers;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use axum::Router;

use crate::app_state::AppState;

pub(crate) use account::{RetiredBecause, VeryfiAccount};
pub(crate) use handlers::not_found;

pub(crate) const PATH_PREFIX: &str = "/api/v8/partner/";

/// The only client id the sandbox accepts in the `CLIENT-ID` header.
pub const VERYFI_CLIENT_ID: &str = "sandbox";
/// The only username the sandbox accepts in `AUTHORIZATION: apikey <username>:<secret>`.
pub const VERYFI_USERNAME: &str = "sandbox";

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v8/partner/client-keys/",
            get(handlers::list)
                .post(handlers::create)
                .fallback(handlers::method_not_allowed),
        )
        .route(
            "/api/v8/partner/client-keys/reset/",
            post(handlers::reset).fallback(handlers::method_not_allowed),
        )
        .route(
            "/api/v8/partner/client-keys/{id}/",
            delete(handlers::delete).fallback(handlers::method_not_allowed),
        )
        .route("/api/v8/partner/client-keys", any(handlers::add_slash))
        .route("/api/v8/partner/client-keys/{id}", any(handlers::add_slash))
}

pub(crate) fn error_for_status(status: StatusCode) -> Response {
    error::VeryfiError::for_status(status).into_response()
}
