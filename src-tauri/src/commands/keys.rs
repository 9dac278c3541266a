use keyturn_core::ipc::CommandError;
use keyturn_core::reveal::RevealedKey;
use keyturn_core::{ApiKey, KeyDraft, KeyList, KeyUpdate};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<KeyList, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .workspace
        .list_keys(&profile_id)
        .await?)
}

#[tauri::command]
pub async fn create_key(
    state: State<'_, AppState>,
    profile_id: String,
    draft: KeyDraft,
) -> Result<RevealedKey, CommandError> {
    let created = state
        .keyturn()
        .await?
        .workspace
        .create_key(&profile_id, &draft)
        .await?;
    Ok(state.reveals.hold(created))
}

#[tauri::command]
pub async fn delete_key(
    state: State<'_, AppState>,
    profile_id: String,
    key_id: String,
) -> Result<(), CommandError> {
    Ok(state
        .keyturn()
        .await?
        .workspace
        .delete_key(&profile_id, &key_id)
        .await?)
}

#[tauri::command]
pub async fn set_key_enabled(
    state: State<'_, AppState>,
    profile_id: String,
    key_id: String,
    enabled: bool,
) -> Result<ApiKey, CommandError> {
    let update = KeyUpdate {
        enabled: Some(enabled),
        ..KeyUpdate::default()
    };
    Ok(state
        .keyturn()
        .await?
        .workspace
        .update_key(&profile_id, &key_id, &update)
        .await?)
}

#[tauri::command]
pub async fn reset_keys(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<Vec<RevealedKey>, CommandError> {
    let created = state
        .keyturn()
        .await?
        .workspace
        .reset_keys(&profile_id)
        .await?;
    Ok(created.into_iter().map(|c| state.reveals.hold(c)).collect())
}

/// The reveal dialog closed: the secret is dropped and zeroized.
#[tauri::command]
pub fn forget_secret(state: State<'_, AppState>, reveal_id: String) -> bool {
    state.reveals.forget(&reveal_id)
}
