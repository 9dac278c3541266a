//! Fault injection for tests: slow, failing, malformed, cut-short and lost answers.

mod admin;
mod inject;
mod registry;
mod spec;
mod truncated_body;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

use crate::app_state::AppState;

pub use spec::FaultSpec;

pub(crate) use admin::AdminOnly;
pub(crate) use inject::inject;
pub(crate) use registry::FaultRegistry;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route(
        "/_sandbox/faults",
        get(admin::list).post(admin::install).delete(admin::clear),
    )
}

/// The message of an error answer a fault made up.
pub(crate) fn injected_sentence(status: StatusCode) -> String {
    format!(
        "The sandbox injected a {} {} answer.",
        status.as_u16(),
        status.canonical_reason().unwrap_or("error")
    )
}
