use keyturn_core::ipc::CommandError;
use keyturn_core::rotation::service::{OpenRotationsView, RotationView};
use keyturn_core::rotation::RotationAction;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn start_rotation(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<RotationView, CommandError> {
    let keyturn = state.keyturn().await?;
    keyturn
        .rotations
        .start(&keyturn.workspace, &state.reveals, &profile_id)
        .await
}

#[tauri::command]
pub async fn rotation_action(
    state: State<'_, AppState>,
    rotation_id: String,
    action: RotationAction,
) -> Result<RotationView, CommandError> {
    let keyturn = state.keyturn().await?;
    let (workspace, reveals) = (&keyturn.workspace, &state.reveals);
    keyturn
        .rotations
        .act(workspace, reveals, &rotation_id, Some(action))
        .await
}

/// One look at both keys' last use, for the live verification panel.
#[tauri::command]
pub async fn poll_rotation(
    state: State<'_, AppState>,
    rotation_id: String,
) -> Result<RotationView, CommandError> {
    let keyturn = state.keyturn().await?;
    keyturn
        .rotations
        .act(&keyturn.workspace, &state.reveals, &rotation_id, None)
        .await
}

/// Unfinished rotations, resumed from their journals after a crash or restart.
#[tauri::command]
pub async fn open_rotations(state: State<'_, AppState>) -> Result<OpenRotationsView, CommandError> {
    let keyturn = state.keyturn().await?;
    keyturn.rotations.open(&keyturn.workspace).await
}

/// One real call made with the new key while its secret is still held for the
/// reveal: proves the key works before consumers move to it.
#[tauri::command]
pub async fn test_new_key(
    state: State<'_, AppState>,
    profile_id: String,
    reveal_id: String,
) -> Result<(), CommandError> {
    let secret = state
        .reveals
        .get(&reveal_id)
        .ok_or(CommandError::SecretGone)?;
    let vendor = state.keyturn().await?.workspace.vendor(&profile_id)?;
    Ok(vendor.test_key(&secret).await?)
}
