use std::time::Duration;

use keyturn_core::clipboard_guard::CopyReceipt;
use keyturn_core::ipc::CommandError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::clipboard::schedule_clear;
use crate::AppState;

/// Copies a revealed secret from Rust, marked as a password, and schedules its clearing.
#[tauri::command]
pub fn copy_secret(
    state: State<'_, AppState>,
    reveal_id: String,
) -> Result<CopyReceipt, CommandError> {
    let secret = state
        .reveals
        .get(&reveal_id)
        .ok_or(CommandError::SecretGone)?;
    let generation = state
        .clipboard
        .copy_secret(&secret)
        .map_err(|detail| CommandError::Clipboard { detail })?;
    let clears_after_seconds = state.settings.load().clipboard_clear_seconds;
    if let Some(seconds) = clears_after_seconds {
        schedule_clear(
            state.clipboard.clone(),
            generation,
            Duration::from_secs(seconds.into()),
        );
    }
    Ok(CopyReceipt {
        clears_after_seconds,
    })
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
