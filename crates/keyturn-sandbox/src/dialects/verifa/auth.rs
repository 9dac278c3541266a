use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::error::VerifaError;
use super::validation::{is_supported_version, is_valid_version};
use crate::admin_auth::is_admin;
use crate::app_state::AppState;

/// Proof that the request carried the admin token as a bearer token and, if it sent a
/// `Verifa-Version` header, the version Verifa answers.
pub(crate) struct Authorized;

impl FromRequestParts<AppState> for Authorized {
    type Rejection = VerifaError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, VerifaError> {
        if !is_admin(app, &parts.headers) {
            return Err(VerifaError::unauthorized());
        }
        if let Some(version) = parts.headers.get("verifa-version") {
            let version = version.to_str().ok().filter(|v| is_valid_version(v));
            match version {
                None => return Err(VerifaError::invalid_version()),
                Some(version) if !is_supported_version(version) => {
                    return Err(VerifaError::unsupported_version(version))
                }
                Some(_) => {}
            }
        }
        Ok(Authorized)
    }
}
