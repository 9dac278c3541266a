use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::envelope::ApiKeysError;
use crate::admin_auth::is_admin;
use crate::app_state::AppState;
use crate::request_id::RequestId;

/// Proof that the request carried the admin token as a bearer token, with the request id
/// every answer of this dialect repeats.
pub(crate) struct Authorized(pub RequestId);

impl FromRequestParts<AppState> for Authorized {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        let request_id = RequestId::of(&parts.extensions);
        if is_admin(app, &parts.headers) {
            Ok(Authorized(request_id))
        } else {
            Err(ApiKeysError::unauthorized().respond(&request_id))
        }
    }
}
