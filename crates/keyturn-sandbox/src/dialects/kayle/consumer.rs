//! `GET /v1/sessions`: the public API a created key is for, with `Authorization: Bearer kk_…`.
//! Using a key records nothing: the real server keeps no usage data. The sandbox has no
//! verification sessions, so every page is empty.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;

use super::consumer_query::sessions_limit;
use super::error::KayleError;
use super::view::Page;
use crate::admin_auth::bearer_token;
use crate::app_state::AppState;
use crate::secret::sha256_hex;

const REQUIRED: &str = "sessions:read";

pub(crate) async fn sessions(
    State(app): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
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
            Ok(())
        })
        .await?;
    let limit = sessions_limit(query.as_deref()).map_err(KayleError::Zod)?;
    let mut page = Page::of(std::iter::empty::<&()>(), |_| (), |_| String::new());
    page.pagination.limit = limit;
    Ok(Json(page))
}
