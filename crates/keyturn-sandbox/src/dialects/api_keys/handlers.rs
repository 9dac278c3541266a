use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;

use super::auth::Authorized;
use super::envelope::{success, ApiKeysError};
use super::model::ApiKey;
use super::validation::parse_create;
use super::view::KeyView;
use super::{KEY_PREFIX, KEY_VALUE_CHARS, PREFIX_CHARS};
use crate::app_state::AppState;
use crate::clock;
use crate::secret::{generate_alnum, random_id, sha256_hex};
use crate::store::Change;
use crate::usage::Usage;

pub(crate) async fn create(
    Authorized(request_id): Authorized,
    State(app): State<AppState>,
    body: Bytes,
) -> Response {
    let created = async {
        let now = clock::now();
        let request = parse_create(&body, now)?;
        let value = generate_alnum(KEY_PREFIX, KEY_VALUE_CHARS);
        let key = ApiKey {
            id: random_id("ak_", 24),
            name: request.name,
            description: request.description,
            scope: request.scope,
            service_account_id: request.service_account_id,
            key_prefix: value[..PREFIX_CHARS].to_string(),
            sha256: sha256_hex(&value),
            created_at: now,
            expires_at: request.expires_at,
            revoked_at: None,
            usage: Usage::default(),
        };
        let view = KeyView::with_value(&key, value);
        app.store
            .update(|_| Ok::<_, ApiKeysError>(((), Some(Change::ApiKeyPut { key }))))
            .await?;
        Ok::<_, ApiKeysError>(view)
    };
    match created.await {
        Ok(view) => success(view, &request_id),
        Err(error) => error.respond(&request_id),
    }
}

pub(crate) async fn list(
    Authorized(request_id): Authorized,
    State(app): State<AppState>,
) -> Response {
    let keys: Vec<KeyView> = app
        .store
        .read(|state| state.api_keys.keys().iter().map(KeyView::new).collect())
        .await;
    success(keys, &request_id)
}

pub(crate) async fn revoke(
    Authorized(request_id): Authorized,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let revoked = app
        .store
        .update(|state| {
            let key = state
                .api_keys
                .find(&id)
                .ok_or_else(ApiKeysError::not_found)?;
            if key.revoked_at.is_some() {
                return Err(ApiKeysError::already_revoked());
            }
            let mut key = key.clone();
            key.revoked_at = Some(clock::now());
            let view = KeyView::new(&key);
            Ok((view, Some(Change::ApiKeyPut { key })))
        })
        .await;
    match revoked {
        Ok(view) => success(view, &request_id),
        Err(error) => error.respond(&request_id),
    }
}
