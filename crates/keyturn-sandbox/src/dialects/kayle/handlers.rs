//! The key routes: `/v1/auth/api-keys` and `/v1/auth/api-keys/{id}`.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;

use super::body;
use super::error::KayleError;
use super::ids::{new_key_value, new_uuid};
use super::key_order::metadata_keys;
use super::model::KayleKey;
use super::query::list_params;
use super::session::ActiveOrg;
use super::validation::{parse_create, parse_patch, uuid_param};
use super::view::{CreatedKey, Done, Envelope, KeyItem, Page};
use crate::app_state::AppState;
use crate::clock;
use crate::secret::sha256_hex;
use crate::store::Change;

pub(crate) async fn create(
    caller: ActiveOrg,
    State(app): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Envelope<CreatedKey>>, KayleError> {
    let org = caller.writable()?;
    let body = body::json(&headers, &bytes)?;
    let request = parse_create(&body, &metadata_keys(&bytes)).map_err(KayleError::Zod)?;
    let now = clock::now();
    let value = new_key_value();
    let key = KayleKey {
        id: new_uuid(),
        org_id: org.id.clone(),
        name: request.name,
        enabled: true,
        permissions: request.permissions,
        metadata: request.metadata,
        sha256: sha256_hex(&value),
        created_at: now,
        updated_at: now,
    };
    let created = CreatedKey {
        id: key.id.clone(),
        key: value,
    };
    app.store
        .update(|_| Ok::<_, KayleError>(((), Some(Change::KaylePut { key }))))
        .await?;
    Ok(Json(Envelope::new(created)))
}

pub(crate) async fn list(
    ActiveOrg(org): ActiveOrg,
    State(app): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Page<KeyItem>>, KayleError> {
    let cursor = list_params(query.as_deref()).map_err(KayleError::Zod)?;
    let page = app
        .store
        .read(|state| {
            let keys = state.kayle.keys_after(&org.id, cursor.as_deref());
            Page::of(keys, KeyItem::new, |key: &KayleKey| key.id.clone())
        })
        .await;
    Ok(Json(page))
}

pub(crate) async fn update(
    caller: ActiveOrg,
    State(app): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Envelope<Done>>, KayleError> {
    let org = caller.writable()?;
    let id = uuid_param(&id, "id").map_err(KayleError::Zod)?;
    let body = body::json(&headers, &bytes)?;
    let patch = parse_patch(&body, &metadata_keys(&bytes)).map_err(KayleError::Zod)?;
    if patch.is_empty() {
        return Err(KayleError::unexpected());
    }
    app.store
        .update(|state| {
            let mut key = state
                .kayle
                .find(&org.id, &id)
                .ok_or_else(KayleError::api_key_not_found)?
                .clone();
            if let Some(name) = patch.name {
                key.name = name;
            }
            if let Some(enabled) = patch.enabled {
                key.enabled = enabled;
            }
            if let Some(permissions) = patch.permissions {
                key.permissions = permissions;
            }
            if let Some(metadata) = patch.metadata {
                key.metadata = metadata;
            }
            key.updated_at = clock::now();
            Ok::<_, KayleError>(((), Some(Change::KaylePut { key })))
        })
        .await?;
    Ok(Json(Envelope::new(Done::updated())))
}

pub(crate) async fn delete(
    caller: ActiveOrg,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Envelope<Done>>, KayleError> {
    let org = caller.writable()?;
    let id = uuid_param(&id, "id").map_err(KayleError::Zod)?;
    app.store
        .update(|state| {
            state
                .kayle
                .find(&org.id, &id)
                .ok_or_else(KayleError::api_key_not_deleted)?;
            Ok::<_, KayleError>(((), Some(Change::KayleDelete { id })))
        })
        .await?;
    Ok(Json(Envelope::new(Done::deleted())))
}

/// There is no route for one key: `404` with an empty body, once signed in.
pub(crate) async fn no_such_route(_: ActiveOrg) -> StatusCode {
    StatusCode::NOT_FOUND
}

/// Other methods on the key routes: Hono's plain-text `404 Not Found`, once signed in.
pub(crate) async fn not_found_text(_: ActiveOrg) -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "404 Not Found")
}
