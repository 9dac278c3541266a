use keyturn_core::ipc::CommandError;
use keyturn_core::settings::Settings;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings.load()
}

#[tauri::command]
pub fn set_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    state
        .settings
        .save(&settings)
        .map_err(|message| CommandError::InvalidInput {
            field: Some("clipboardClearSeconds".into()),
            message,
        })?;
    Ok(settings)
}
