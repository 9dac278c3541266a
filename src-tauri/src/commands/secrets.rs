use keyturn_app::clipboard_guard::CopyReceipt;
use keyturn_app::CommandError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::AppState;

/// The reveal dialog closed: the secret is dropped and zeroized.
#[tauri::command]
pub fn forget_secret(state: State<'_, AppState>, reveal_id: String) -> bool {
    state.forget_secret(&reveal_id)
}

/// Copies a revealed secret from Rust, marked as a password, and schedules its clearing.
#[tauri::command]
pub async fn copy_secret(
    state: State<'_, AppState>,
    reveal_id: String,
) -> Result<CopyReceipt, CommandError> {
    state.copy_secret(&reveal_id).await
}

/// Plain copies: ids, prefixes. Never a secret.
#[tauri::command]
pub fn copy_text<R: Runtime>(app: AppHandle<R>, text: String) -> Result<(), CommandError> {
    app.clipboard()
        .write_text(text)
        .map_err(|e| CommandError::Clipboard {
            detail: e.to_string(),
        })
}
