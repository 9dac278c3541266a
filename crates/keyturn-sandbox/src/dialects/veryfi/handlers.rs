use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::account::{KeyRejection, NewKey, VeryfiAccount};
use super::auth::Authenticated;
use super::error::VeryfiError;
use crate::app_state::AppState;
use crate::store::Change;

/// Veryfi's documented date form: UTC, no zone written.
const DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

#[derive(Serialize)]
pub(crate) struct KeySummary {
    id: u64,
    prefix: String,
    created: String,
}

#[derive(Serialize)]
pub(crate) struct ResetResponse {
    api_keys: Vec<NewKey>,
}

impl From<KeyRejection> for VeryfiError {
    fn from(rejection: KeyRejection) -> Self {
        match rejection {
            KeyRejection::LimitReached => VeryfiError::key_limit_reached(),
            KeyRejection::NotFound => VeryfiError::not_found(),
            KeyRejection::LastKey => VeryfiError::last_key_cannot_be_deleted(),
        }
    }
}

/// Applies `change` to a copy of the account and saves the copy.
async fn change_account<R>(
    app: &AppState,
    change: impl FnOnce(&mut VeryfiAccount) -> Result<R, KeyRejection>,
) -> Result<R, VeryfiError> {
    app.store
        .update(|state| {
            let mut account = state.veryfi.clone();
            let result = change(&mut account)?;
            Ok::<_, VeryfiError>((result, Some(Change::Veryfi { account })))
        })
        .await
}

pub(crate) async fn list(_: Authenticated, State(app): State<AppState>) -> Json<Vec<KeySummary>> {
    let mut keys: Vec<KeySummary> = app
        .store
        .read(|state| {
            state
                .veryfi
                .keys()
                .iter()
                .map(|key| KeySummary {
                    id: key.id,
                    prefix: key.prefix.clone(),
                    created: key.created.format(DATE_FORMAT).to_string(),
                })
                .collect()
        })
        .await;
    keys.sort_by_key(|key| key.id);
    Json(keys)
}

pub(crate) async fn create(
    _: Authenticated,
    State(app): State<AppState>,
) -> Result<(StatusCode, Json<NewKey>), VeryfiError> {
    let key = change_account(&app, VeryfiAccount::create_key).await?;
    Ok((StatusCode::CREATED, Json(key)))
}

pub(crate) async fn delete(
    _: Authenticated,
    State(app): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, VeryfiError> {
    let id: u64 = id
        .ok()
        .filter(|Path(id)| id.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|Path(id)| id.parse().ok())
        .ok_or_else(|| VeryfiError::malformed_parameters("The key id must be an integer."))?;
    change_account(&app, |account| account.delete_key(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn reset(
    _: Authenticated,
    State(app): State<AppState>,
) -> Result<(StatusCode, Json<ResetResponse>), VeryfiError> {
    let api_keys = change_account(&app, |account| Ok(account.reset())).await?;
    Ok((StatusCode::CREATED, Json(ResetResponse { api_keys })))
}

/// What Django does for a path without its trailing slash, before authentication.
pub(crate) async fn add_slash(uri: Uri) -> Response {
    let query = uri.query().map_or_else(String::new, |q| format!("?{q}"));
    let location = format!("{}/{query}", uri.path());
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location)],
    )
        .into_response()
}

pub(crate) async fn not_found() -> VeryfiError {
    VeryfiError::not_found()
}

pub(crate) async fn method_not_allowed() -> VeryfiError {
    VeryfiError::method_not_allowed()
}
