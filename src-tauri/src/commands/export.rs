use keyturn_core::export::{self, ExportFormat};
use keyturn_core::ipc::CommandError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

/// Asks where to save, then writes the profile's key inventory (no secrets).
/// Returns the path written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_keys<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    profile_id: String,
    format: ExportFormat,
) -> Result<Option<String>, CommandError> {
    let keyturn = state.keyturn().await?;
    let profile = keyturn.workspace.summary(&profile_id)?;
    let list = keyturn.workspace.list_keys(&profile_id).await?;
    let contents = export::render(format, &profile.name, &list.keys);
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(format!("keyturn-keys.{}", format.extension()))
        .add_filter(format.extension().to_uppercase(), &[format.extension()])
        .save_file(move |path| {
            let _ = sender.send(path);
        });
    let Some(path) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|e| CommandError::Storage {
        detail: e.to_string(),
    })?;
    export::save(&path, &contents).map_err(|e| CommandError::Storage {
        detail: format!("{}: {e}", path.display()),
    })?;
    Ok(Some(path.display().to_string()))
}
