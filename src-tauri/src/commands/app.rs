use tauri::{AppHandle, Runtime};

/// Ctrl+Q (Cmd+Q) in the window: the same exit as a signal or a close.
#[tauri::command]
pub fn quit_app<R: Runtime>(app: AppHandle<R>) {
    crate::exit::quit(&app);
}
