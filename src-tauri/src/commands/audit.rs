use keyturn_core::audit::{self, AuditRead};
use keyturn_core::export;
use keyturn_core::ipc::CommandError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, limit: u32) -> Result<AuditRead, CommandError> {
    let keyturn = state.keyturn().await?;
    let Some(log) = keyturn.workspace.audit_log() else {
        return Ok(AuditRead {
            entries: Vec::new(),
            skipped_lines: Vec::new(),
        });
    };
    log.recent(limit as usize)
        .map_err(|e| CommandError::Storage {
            detail: e.to_string(),
        })
}

/// Asks where to save, then writes the whole audit log as CSV. `None` when cancelled.
#[tauri::command]
pub async fn export_audit<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<String>, CommandError> {
    let keyturn = state.keyturn().await?;
    let entries = match keyturn.workspace.audit_log() {
        Some(log) => {
            log.recent(usize::MAX)
                .map_err(|e| CommandError::Storage {
                    detail: e.to_string(),
                })?
                .entries
        }
        None => Vec::new(),
    };
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name("keyturn-audit.csv")
        .add_filter("CSV", &["csv"])
        .save_file(move |path| {
            let _ = sender.send(path);
        });
    let Some(path) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|e| CommandError::Storage {
        detail: e.to_string(),
    })?;
    export::save(&path, &audit::to_csv(&entries)).map_err(|e| CommandError::Storage {
        detail: format!("{}: {e}", path.display()),
    })?;
    Ok(Some(path.display().to_string()))
}
