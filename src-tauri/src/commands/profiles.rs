use keyturn_core::ipc::CommandError;
use keyturn_core::ProfileSummary;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_profiles(
    state: State<'_, AppState>,
) -> Result<Vec<ProfileSummary>, CommandError> {
    Ok(state.workspace().await?.profiles())
}
