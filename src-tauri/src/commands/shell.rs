//! The commands marked `#[shell]` in the list: what needs Tauri itself. Each
//! takes the app handle, the state and the command's arguments.

use keyturn_app::about::About;
use keyturn_app::app::ExportFile;
use keyturn_app::CommandError;
use keyturn_core::storage::audit::AuditFilter;
use keyturn_core::storage::export::ExportFormat;
use keyturn_core::visible_text::visible_text;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

/// Plain copies: ids, prefixes. Never a secret.
pub fn copy_text<R: Runtime>(
    app: AppHandle<R>,
    _state: &AppState,
    text: String,
) -> Result<(), CommandError> {
    app.clipboard()
        .write_text(text)
        .map_err(|e| CommandError::Clipboard {
            detail: e.to_string(),
        })
}

/// The version and the app's folders, as the shell's path resolver has them.
pub fn about<R: Runtime>(app: AppHandle<R>, _state: &AppState) -> Result<About, CommandError> {
    let path = |p: tauri::Result<std::path::PathBuf>| {
        p.map(|p| p.display().to_string())
            .map_err(|e| CommandError::Internal {
                detail: e.to_string(),
            })
    };
    Ok(About {
        version: app.package_info().version.to_string(),
        data_dir: path(app.path().app_data_dir())?,
        config_dir: path(app.path().app_config_dir())?,
        log_dir: path(app.path().app_log_dir())?,
    })
}

/// Ctrl+Q (Cmd+Q) in the window: the same exit as a signal or a close.
pub fn quit_app<R: Runtime>(app: AppHandle<R>, _state: &AppState) {
    crate::exit::quit(&app);
}

/// "Payroll — Keyturn": what the window shows, as the desktop's window list has it.
pub fn name_window<R: Runtime>(
    app: AppHandle<R>,
    _state: &AppState,
    shown: String,
) -> Result<(), CommandError> {
    let shown = visible_text(shown.trim());
    let title = if shown.is_empty() {
        "Keyturn".to_owned()
    } else {
        format!("{shown} — Keyturn")
    };
    let Some(window) = app.get_webview_window("main") else {
        return Ok(());
    };
    window
        .set_title(&title)
        .map_err(|e| CommandError::Internal {
            detail: e.to_string(),
        })
}

/// Asks where to save, then writes the connection's key inventory (no secrets).
/// Returns the path written, or `None` when the user cancelled.
pub async fn export_keys<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    connection_id: String,
    format: ExportFormat,
) -> Result<Option<String>, CommandError> {
    let file = state.keys_export(&connection_id, format).await?;
    save_where_chosen(&app, state, file).await
}

/// Asks where to save, then writes every connection's keys in one report (no secrets).
pub async fn export_inventory<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    format: ExportFormat,
) -> Result<Option<String>, CommandError> {
    let file = state.inventory_export(format).await?;
    save_where_chosen(&app, state, file).await
}

/// Asks where to save, then writes the audit entries `filter` matches as CSV. `None` when cancelled.
pub async fn export_audit<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    filter: AuditFilter,
) -> Result<Option<String>, CommandError> {
    let file = state.audit_export(filter).await?;
    save_where_chosen(&app, state, file).await
}

async fn save_where_chosen<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    file: ExportFile,
) -> Result<Option<String>, CommandError> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(&file.file_name)
        .add_filter(&file.filter_name, &[file.extension])
        .save_file(move |path| {
            let _ = sender.send(path);
        });
    let Some(path) = receiver.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|e| CommandError::Storage {
        detail: e.to_string(),
    })?;
    state.save_export(&path, &file).map(Some)
}
