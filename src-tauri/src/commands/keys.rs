use keyturn_app::reveal::RevealedKey;
use keyturn_app::CommandError;
use keyturn_core::{ApiKey, KeyDraft, KeyList};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<KeyList, CommandError> {
    state.list_keys(&connection_id).await
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
