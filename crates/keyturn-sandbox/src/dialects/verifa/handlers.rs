use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;

use super::auth::Authorized;
use super::error::VerifaError;
use super::model::VerifaKey;
use super::validation::parse_create;
use super::view::{CreatedKey, KeyPage, ListedKey, Pagination};
use super::{is_valid_org_id, KEY_VALUE_CHARS, PREFIX_CHARS};
use crate::app_state::AppState;
use crate::clock::{self, rfc3339, rfc3339_opt};
use crate::query;
use crate::secret::{generate_alnum, random_id, sha256_hex};
use crate::store::Change;
use crate::usage::Usage;

fn check_org(org_id: &str) -> Result<(), VerifaError> {
    if is_valid_org_id(org_id) {
        Ok(())
    } else {
        Err(VerifaError::organization_not_found())
    }
}

pub(crate) async fn create(
    _: Authorized,
    State(app): State<AppState>,
    Path(org_id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<CreatedKey>), VerifaError> {
    check_org(&org_id)?;
    let now = clock::now();
    let request = parse_create(&body, now)?;
    let value = generate_alnum(request.environment.key_prefix(), KEY_VALUE_CHARS);
    let key = VerifaKey {
        id: random_id("key_", 24),
        label: request.label,
        environment: request.environment,
        key_prefix: value[..PREFIX_CHARS].to_string(),
        sha256: sha256_hex(&value),
        scopes: request.scopes,
        created_at: now,
        expires_at: request.expires_at,
        revoked_at: None,
        usage: Usage::default(),
    };
    let created = CreatedKey {
        id: key.id.clone(),
        key: value,
        label: key.label.clone(),
        environment: key.environment.as_str(),
        created_at: rfc3339(&key.created_at),
        key_prefix: key.key_prefix.clone(),
        scopes: key.scopes.clone(),
        expires_at: rfc3339_opt(&key.expires_at),
    };
    app.store
        .update(|_| Ok::<_, VerifaError>(((), Some(Change::VerifaPut { org_id, key }))))
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(crate) async fn list(
    _: Authorized,
    State(app): State<AppState>,
    Path(org_id): Path<String>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<KeyPage>, VerifaError> {
    check_org(&org_id)?;
    let params = params.map(|Query(params)| params).unwrap_or_default();
    let limit = query::limit(&params).map_err(|()| {
        VerifaError::validation(format!(
            "limit must be an integer from 1 to {}",
            query::MAX_LIMIT
        ))
    })?;
    let offset = match query::param(&params, "offset") {
        None => 0,
        Some(text) => query::non_negative(text)
            .ok_or_else(|| VerifaError::validation("offset must be an integer of 0 or more"))?,
    };
    let now = clock::now();
    let page = app
        .store
        .read(|state| {
            let keys = state.verifa.keys(&org_id);
            KeyPage {
                data: keys
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|key| ListedKey::new(key, now))
                    .collect(),
                pagination: Pagination { limit, offset },
            }
        })
        .await;
    Ok(Json(page))
}

pub(crate) async fn revoke(
    _: Authorized,
    State(app): State<AppState>,
    Path((org_id, key_id)): Path<(String, String)>,
) -> Result<StatusCode, VerifaError> {
    check_org(&org_id)?;
    app.store
        .update(|state| {
            let key = state
                .verifa
                .find(&org_id, &key_id)
                .ok_or_else(VerifaError::key_not_found)?;
            if key.revoked_at.is_some() {
                return Err(VerifaError::already_revoked());
            }
            let mut key = key.clone();
            key.revoked_at = Some(clock::now());
            Ok(((), Some(Change::VerifaPut { org_id, key })))
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
