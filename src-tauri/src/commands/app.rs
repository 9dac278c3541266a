use keyturn_app::CommandError;
use keyturn_core::storage::settings::Settings;
use tauri::{AppHandle, Runtime, State};

use crate::AppState;

/// Ctrl+Q (Cmd+Q) in the window: the same exit as a signal or a close.
#[tauri::command]
pub fn quit_app<R: Runtime>(app: AppHandle<R>) {
    crate::exit::quit(&app);
}

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command]
pub fn set_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, CommandError> {
    state.save_settings(&settings)
}
