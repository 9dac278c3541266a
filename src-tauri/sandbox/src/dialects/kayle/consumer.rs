//! `GET /v1/sessions`: the public API a created key is for, with `Authorization: Bearer kk_…`.
//! Using a key records nothing: the real server keeps no usage data.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;

use super::error::KayleError;
use super::view::Page;
use crate::admin_auth::bearer_token;
use crate::app_state::AppState;
use crate::secret::sha256_hex;

const REQUIRED: &str = "sessions:read";

pub(crate) async fn sessions(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Page<()>>, KayleError> {
    let sha256 = sha256_hex(bearer_token(&headers).ok_or(KayleError::Unauthorized)?);
    app.store
        .read(|state| {
            let key = state
                .kayle
                .find_by_hash(&sha256)
                .filter(|key| key.enabled)
                .ok_or(KayleError::Unauthorized)?;
            if state
                .kayle
                .org(&key.org_id)
                .is_some_and(|org| org.is_frozen())
            {
                return Err(KayleError::frozen());
            }
            if !key.permissions.iter().any(|p| p == REQUIRED) {
                return Err(KayleError::Forbidden);
            }
            Ok(Json(Page::of(
                std::iter::empty::<&()>(),
                |_| (),
                |_| String::new(),
            )))
        })
        .await
}
