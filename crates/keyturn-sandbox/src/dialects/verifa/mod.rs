//! Verifa's organization key API: `/api/v1/organizations/{org_id}/keys` (seeds 000, 001).

mod auth;
mod error;
mod handlers;
mod model;
mod validation;
mod view;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::Router;

use crate::app_state::AppState;

pub(crate) use model::{Environment, VerifaKey, VerifaState, DEFAULT_SCOPES, MANAGEMENT_SCOPES};

pub(crate) const PATH_PREFIX: &str = "/api/v1/organizations/";
/// Random characters after `vk_live_` or `vk_sandbox_`.
pub(crate) const KEY_VALUE_CHARS: usize = 32;
/// `key_prefix` is the key's first 12 characters, e.g. `vk_live_ab12`.
pub(crate) const PREFIX_CHARS: usize = 12;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/organizations/{org_id}/keys",
            get(handlers::list).post(handlers::create),
        )
        .route(
            "/api/v1/organizations/{org_id}/keys/{key_id}",
            delete(handlers::revoke),
        )
}

/// `org_` followed by 1 to 64 of `[A-Za-z0-9_]`.
pub(crate) fn is_valid_org_id(org_id: &str) -> bool {
    org_id.strip_prefix("org_").is_some_and(|rest| {
        (1..=64).contains(&rest.len())
            && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

pub(crate) fn error_for_status(status: StatusCode) -> Response {
    error::VerifaError::for_status(status).into_response()
}

#[cfg(test)]
mod tests {
    use super::is_valid_org_id;

    #[test]
    fn org_ids_follow_the_pattern() {
        assert!(is_valid_org_id("org_sandbox"));
        assert!(is_valid_org_id(&format!("org_{}", "a".repeat(64))));
        for bad in ["org_", "org-x", "acme", "org_a-b", "org_é"] {
            assert!(!is_valid_org_id(bad), "{bad}");
        }
        assert!(!is_valid_org_id(&format!("org_{}", "a".repeat(65))));
    }
}
