use keyturn_core::ipc::CommandError;
use keyturn_core::KeyList;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_keys(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<KeyList, CommandError> {
    let workspace = state.workspace().await?;
    workspace
        .list_keys(&profile_id)
        .await
        .map_err(CommandError::from)
}
