//! Kayle ID, as its real server (v1.6.0) answers: session-cookie sign-in, the key routes
//! under `/v1/auth/api-keys`, and `/v1/sessions` for created keys. See README.md.

mod accounts;
mod admin;
mod auth_body;
mod auth_view;
mod body;
mod codes;
mod consumer;
mod consumer_query;
mod cookie;
mod error;
mod handlers;
mod ids;
mod key_order;
mod model;
mod orgs;
mod password;
mod query;
mod session;
mod signin;
mod validation;
mod view;
mod zod;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::app_state::AppState;

pub(crate) use accounts::{Org, Session, User};
pub(crate) use codes::CodeBook;
pub(crate) use ids::{uuid_from, KEY_PREFIX, KEY_VALUE_CHARS};
pub(crate) use model::{KayleKey, KayleState, PERMISSIONS};

/// Every path whose answers follow Kayle's conventions (no `x-request-id`, its errors).
pub(crate) fn owns(path: &str) -> bool {
    path.starts_with("/v1/auth/") || path == "/v1/sessions" || path.starts_with("/v1/sessions/")
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/auth/api-keys",
            get(handlers::list)
                .post(handlers::create)
                .fallback(handlers::not_found_text),
        )
        .route(
            "/v1/auth/api-keys/{id}",
            get(handlers::no_such_route)
                .patch(handlers::update)
                .delete(handlers::delete)
                .fallback(handlers::not_found_text),
        )
        .route("/v1/auth/api-keys/", any(handlers::not_found_text))
        .route("/v1/auth/magic/sign-in", post(signin::magic_sign_in))
        .route("/v1/auth/magic/verify-otp", post(signin::verify_otp))
        .route("/v1/auth/sign-up/email", post(password::sign_up_email))
        .route("/v1/auth/sign-in/email", post(password::sign_in_email))
        .route("/v1/auth/sign-out", post(signin::sign_out))
        .route("/v1/auth/get-session", get(orgs::get_session))
        .route("/v1/auth/organization/list", get(orgs::list))
        .route("/v1/auth/organization/set-active", post(orgs::set_active))
        .route("/v1/auth/orgs", post(orgs::create))
        .route("/v1/sessions", get(consumer::sessions))
        .route("/_sandbox/kayle/otp", get(admin::latest_code))
        .route("/_sandbox/kayle/sessions", post(admin::create_session))
        .route(
            "/_sandbox/kayle/sessions/{session_id}/expire",
            post(admin::expire_session),
        )
        .route(
            "/_sandbox/kayle/organizations/{organization_id}/freeze",
            post(admin::freeze),
        )
        .route(
            "/_sandbox/kayle/organizations/{organization_id}/unfreeze",
            post(admin::unfreeze),
        )
}

pub(crate) fn error_for_status(status: StatusCode) -> Response {
    error::KayleError::for_status(status).into_response()
}
