use keyturn_app::reveal::RevealedKey;
use keyturn_app::CommandError;
use keyturn_core::{ApiKey, KeyDraft, KeyPage, KeyQuery, MAX_PAGE_KEYS};
use tauri::State;

use crate::AppState;

/// `query` and `limit` may be left out: every key, in the vendor's order, up to the cap.
#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    connection_id: String,
    query: Option<KeyQuery>,
    limit: Option<u32>,
) -> Result<KeyPage, CommandError> {
    let limit = limit.unwrap_or(MAX_PAGE_KEYS as u32);
    state
        .list_keys(&connection_id, &query.unwrap_or_default(), limit)
        .await
}

#[tauri::command]
pub async fn query_keys(
    state: State<'_, AppState>,
    connection_id: String,
    query: KeyQuery,
    offset: u32,
    limit: u32,
) -> Result<KeyPage, CommandError> {
    state.query_keys(&connection_id, &query, offset, limit)
}

#[tauri::command]
pub async fn get_key(
    state: State<'_, AppState>,
    connection_id: String,
    key_id: String,
) -> Result<Option<ApiKey>, CommandError> {
    state.get_key(&connection_id, &key_id)
}

#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    connection_id: String,
    draft: KeyDraft,
) -> Result<RevealedKey, CommandError> {
    state.create_key(&connection_id, &draft).await
}

#[tauri::command]
pub async fn revoke_key(
    state: State<'_, AppState>,
    connection_id: String,
    key_id: String,
) -> Result<(), CommandError> {
    state.revoke_key(&connection_id, &key_id).await
}

#[tauri::command]
pub async fn set_key_enabled(
    state: State<'_, AppState>,
    connection_id: String,
    key_id: String,
    enabled: bool,
) -> Result<ApiKey, CommandError> {
    state
        .set_key_enabled(&connection_id, &key_id, enabled)
        .await
}

#[tauri::command]
pub async fn reset_keys(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<Vec<RevealedKey>, CommandError> {
    state.reset_keys(&connection_id).await
}
