use keyturn_core::ipc::CommandError;
use keyturn_core::profile_service::{
    ConnectionCheck, ProfileDraft, RemovedProfile, SignInStart, SignInStarted,
};
use keyturn_core::vendors::catalog::{self, VendorInfo};
use keyturn_core::vendors::credential::OrganizationChoice;
use keyturn_core::Sensitive;
use keyturn_core::{ProfileSummary, ProfilesView};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_profiles(state: State<'_, AppState>) -> Result<ProfilesView, CommandError> {
    let keyturn = state.keyturn().await?;
    Ok(ProfilesView {
        profiles: keyturn.workspace.profiles(),
        last_profile_id: keyturn.profiles.last_profile_id().await,
        notice: keyturn.notice.clone(),
    })
}

#[tauri::command]
pub fn list_vendors() -> Vec<VendorInfo> {
    catalog::vendors()
}

#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> Result<ConnectionCheck, CommandError> {
    Ok(state.keyturn().await?.profiles.test(&draft).await?)
}

#[tauri::command]
pub async fn add_profile(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> Result<ProfileSummary, CommandError> {
    Ok(state.keyturn().await?.profiles.add(&draft).await?)
}

#[tauri::command]
pub async fn update_profile(
    state: State<'_, AppState>,
    profile_id: String,
    draft: ProfileDraft,
) -> Result<ProfileSummary, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .profiles
        .update(&profile_id, &draft)
        .await?)
}

#[tauri::command]
pub async fn remove_profile(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<RemovedProfile, CommandError> {
    Ok(state.keyturn().await?.profiles.remove(&profile_id).await?)
}

#[tauri::command]
pub async fn select_profile(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<(), CommandError> {
    Ok(state.keyturn().await?.profiles.select(&profile_id).await?)
}

/// Asks the vendor to email a sign-in code.
#[tauri::command]
pub async fn start_sign_in(
    state: State<'_, AppState>,
    start: SignInStart,
) -> Result<SignInStarted, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .profiles
        .start_sign_in(&start)
        .await?)
}

/// Trades the emailed code for a session; the organizations to choose from come back.
#[tauri::command]
pub async fn verify_sign_in_code(
    state: State<'_, AppState>,
    sign_in_id: String,
    code: Sensitive<String>,
) -> Result<Vec<OrganizationChoice>, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .profiles
        .verify_sign_in_code(&sign_in_id, &code)
        .await?)
}

/// Saves the signed-in connection: a new one from `draft`, or the one signing in again.
#[tauri::command]
pub async fn finish_sign_in(
    state: State<'_, AppState>,
    sign_in_id: String,
    organization_id: String,
    draft: Option<ProfileDraft>,
) -> Result<ProfileSummary, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .profiles
        .finish_sign_in(&sign_in_id, &organization_id, draft.as_ref())
        .await?)
}

#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    profile_id: String,
) -> Result<ProfileSummary, CommandError> {
    Ok(state
        .keyturn()
        .await?
        .profiles
        .sign_out(&profile_id)
        .await?)
}

/// The built-in sandbox profiles back to their first-start keys.
#[tauri::command]
pub async fn reset_sandbox(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(state.keyturn().await?.reset_sandbox().await?)
}
