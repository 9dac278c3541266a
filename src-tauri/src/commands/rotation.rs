use keyturn_app::rotations::{OpenRotationsView, RotationView};
use keyturn_app::CommandError;
use keyturn_core::rotation::RotationAction;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn start_rotation(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<RotationView, CommandError> {
    state.start_rotation(&connection_id).await
}

#[tauri::command]
pub async fn rotation_action(
    state: State<'_, AppState>,
    rotation_id: String,
    action: RotationAction,
) -> Result<RotationView, CommandError> {
    state.rotation_action(&rotation_id, action).await
}

#[tauri::command]
pub async fn poll_rotation(
    state: State<'_, AppState>,
    rotation_id: String,
) -> Result<RotationView, CommandError> {
    state.poll_rotation(&rotation_id).await
}

#[tauri::command]
pub async fn open_rotations(state: State<'_, AppState>) -> Result<OpenRotationsView, CommandError> {
    state.open_rotations().await
}

#[tauri::command]
pub async fn test_new_key(
    state: State<'_, AppState>,
    connection_id: String,
    reveal_id: String,
) -> Result<(), CommandError> {
    state.test_new_key(&connection_id, &reveal_id).await
}
