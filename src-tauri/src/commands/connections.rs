use keyturn_app::CommandError;
use keyturn_core::connections::service::{
    ConnectionCheck, ConnectionDraft, RemovedConnection, SignInStart, SignInStarted,
};
use keyturn_core::vendors::catalog::VendorInfo;
use keyturn_core::vendors::credential::OrganizationChoice;
use keyturn_core::{ConnectionSummary, ConnectionsView, Sensitive};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_connections(state: State<'_, AppState>) -> Result<ConnectionsView, CommandError> {
    state.list_connections().await
}

#[tauri::command]
pub fn list_vendors(state: State<'_, AppState>) -> Vec<VendorInfo> {
    state.list_vendors()
}

#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    draft: ConnectionDraft,
) -> Result<ConnectionCheck, CommandError> {
    state.test_connection(&draft).await
}

#[tauri::command]
pub async fn add_connection(
    state: State<'_, AppState>,
    draft: ConnectionDraft,
) -> Result<ConnectionSummary, CommandError> {
    state.add_connection(&draft).await
}

#[tauri::command]
pub async fn update_connection(
    state: State<'_, AppState>,
    connection_id: String,
    draft: ConnectionDraft,
) -> Result<ConnectionSummary, CommandError> {
    state.update_connection(&connection_id, &draft).await
}

#[tauri::command]
pub async fn remove_connection(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<RemovedConnection, CommandError> {
    state.remove_connection(&connection_id).await
}

#[tauri::command]
pub async fn select_connection(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<(), CommandError> {
    state.select_connection(&connection_id).await
}

#[tauri::command]
pub async fn start_sign_in(
    state: State<'_, AppState>,
    start: SignInStart,
) -> Result<SignInStarted, CommandError> {
    state.start_sign_in(&start).await
}

#[tauri::command]
pub async fn verify_sign_in_code(
    state: State<'_, AppState>,
    sign_in_id: String,
    code: Sensitive<String>,
) -> Result<Vec<OrganizationChoice>, CommandError> {
    state.verify_sign_in_code(&sign_in_id, &code).await
}

#[tauri::command]
pub async fn finish_sign_in(
    state: State<'_, AppState>,
    sign_in_id: String,
    organization_id: String,
    draft: Option<ConnectionDraft>,
) -> Result<ConnectionSummary, CommandError> {
    state
        .finish_sign_in(&sign_in_id, &organization_id, draft.as_ref())
        .await
}

#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<ConnectionSummary, CommandError> {
    state.sign_out(&connection_id).await
}

#[tauri::command]
pub async fn reset_sandbox(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.reset_sandbox().await
}
