use keyturn_app::reveal::RevealedKey;
use keyturn_app::CommandError;
use keyturn_core::{ApiKey, KeyDraft, KeyList};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<KeyList, CommandError> {
    state.list_keys(&profile_id).await
}

#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    profile_id: String,
    draft: KeyDraft,
) -> Result<RevealedKey, CommandError> {
    state.create_key(&profile_id, &draft).await
}

#[tauri::command]
pub async fn delete_key(
    state: State<'_, AppState>,
    profile_id: String,
    key_id: String,
) -> Result<(), CommandError> {
    state.delete_key(&profile_id, &key_id).await
}

#[tauri::command]
pub async fn set_key_enabled(
    state: State<'_, AppState>,
    profile_id: String,
    key_id: String,
    enabled: bool,
) -> Result<ApiKey, CommandError> {
    state.set_key_enabled(&profile_id, &key_id, enabled).await
}

#[tauri::command]
pub async fn reset_keys(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<Vec<RevealedKey>, CommandError> {
    state.reset_keys(&profile_id).await
}
