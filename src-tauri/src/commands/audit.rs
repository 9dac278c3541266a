use keyturn_core::audit::AuditEntry;
use keyturn_core::ipc::CommandError;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_audit(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<AuditEntry>, CommandError> {
    let keyturn = state.keyturn().await?;
    let Some(log) = keyturn.workspace.audit_log() else {
        return Ok(Vec::new());
    };
    log.recent(limit as usize)
        .map_err(|e| CommandError::Storage {
            detail: e.to_string(),
        })
}
