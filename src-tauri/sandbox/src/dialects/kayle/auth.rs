use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::KayleError;
use crate::admin_auth::is_admin;
use crate::app_state::AppState;

/// Proof that the request carried the admin token as a bearer token.
pub(crate) struct Authorized;

impl FromRequestParts<AppState> for Authorized {
    type Rejection = KayleError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, KayleError> {
        if is_admin(app, &parts.headers) {
            Ok(Authorized)
        } else {
            Err(KayleError::unauthorized())
        }
    }
}
