use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::Json;

use super::auth::Authorized;
use super::error::KayleError;
use super::model::KayleKey;
use super::validation::{parse_create, parse_patch};
use super::view::{CreatedKey, DeletedKey, Envelope, KeyItem, KeyPage, Pagination};
use super::{KEY_PREFIX, KEY_VALUE_CHARS};
use crate::app_state::AppState;
use crate::clock;
use crate::query;
use crate::secret::{generate_alnum, random_id, sha256_hex};
use crate::store::Change;
use crate::usage::Usage;

pub(crate) async fn create(
    _: Authorized,
    State(app): State<AppState>,
    body: Bytes,
) -> Result<Json<Envelope<CreatedKey>>, KayleError> {
    let request = parse_create(&body)?;
    let now = clock::now();
    let value = generate_alnum(KEY_PREFIX, KEY_VALUE_CHARS);
    let key = KayleKey {
        id: random_id("kk_", 24),
        name: request.name,
        enabled: true,
        permissions: request.permissions,
        metadata: request.metadata,
        sha256: sha256_hex(&value),
        created_at: now,
        updated_at: now,
        usage: Usage::default(),
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
    _: Authorized,
    State(app): State<AppState>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<KeyPage>, KayleError> {
    let params = params.map(|Query(params)| params).unwrap_or_default();
    let limit = query::limit(&params).map_err(|()| {
        KayleError::validation(format!(
            "limit must be an integer from 1 to {}",
            query::MAX_LIMIT
        ))
    })?;
    let cursor = query::param(&params, "starting_after").filter(|c| !c.is_empty());
    app.store
        .read(|state| {
            let keys = state.kayle.keys();
            let start = match cursor {
                None => 0,
                Some(cursor) => {
                    keys.iter()
                        .position(|key| key.id == cursor)
                        .ok_or_else(KayleError::invalid_cursor)?
                        + 1
                }
            };
            let page: Vec<KeyItem> = keys[start..].iter().take(limit).map(KeyItem::new).collect();
            let has_more = start + page.len() < keys.len();
            let next_cursor = has_more.then(|| keys[start + page.len() - 1].id.clone());
            Ok(Json(KeyPage {
                data: page,
                error: (),
                pagination: Pagination {
                    limit,
                    has_more,
                    next_cursor,
                },
            }))
        })
        .await
}

pub(crate) async fn update(
    _: Authorized,
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Envelope<KeyItem>>, KayleError> {
    let patch = parse_patch(&body)?;
    let item = app
        .store
        .update(|state| {
            let mut key = state
                .kayle
                .find(&id)
                .ok_or_else(KayleError::not_found)?
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
            let item = KeyItem::new(&key);
            Ok::<_, KayleError>((item, Some(Change::KaylePut { key })))
        })
        .await?;
    Ok(Json(Envelope::new(item)))
}

pub(crate) async fn delete(
    _: Authorized,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Envelope<DeletedKey>>, KayleError> {
    app.store
        .update(|state| {
            state.kayle.find(&id).ok_or_else(KayleError::not_found)?;
            let deleted = DeletedKey {
                id: id.clone(),
                deleted: true,
            };
            Ok((deleted, Some(Change::KayleDelete { id })))
        })
        .await
        .map(|deleted| Json(Envelope::new(deleted)))
}
