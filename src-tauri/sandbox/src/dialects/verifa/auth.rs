use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::VerifaError;
use super::validation::is_valid_version;
use crate::admin_auth::is_admin;
use crate::app_state::AppState;

/// Proof that the request carried the admin token as a bearer token and, if it sent a
/// `Verifa-Version` header, a valid one.
pub(crate) struct Authorized;

impl FromRequestParts<AppState> for Authorized {
    type Rejection = VerifaError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, VerifaError> {
        if !is_admin(app, &parts.headers) {
            return Err(VerifaError::unauthorized());
        }
        if let Some(version) = parts.headers.get("verifa-version") {
            let valid = version.to_str().is_ok_and(is_valid_version);
            if !valid {
                return Err(VerifaError::invalid_version());
            }
        }
        Ok(Authorized)
    }
}
