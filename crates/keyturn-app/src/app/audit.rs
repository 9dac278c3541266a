//! The audit log of key actions, and the files the user exports (key inventory,
//! audit log). The shell asks where to save; writing happens here.

use std::path::Path;

use keyturn_core::storage::audit::{self, AuditRead};
use keyturn_core::storage::export::{self, ExportFormat};

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

/// A file to offer for saving: its suggested name, the filter's label and extension, its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub file_name: String,
    pub filter_name: String,
    pub extension: &'static str,
    pub contents: String,
}

impl<C: Clipboard + 'static> App<C> {
    pub async fn list_audit(&self, limit: u32) -> Result<AuditRead, CommandError> {
        self.audit_entries(limit as usize).await
    }

    async fn audit_entries(&self, limit: usize) -> Result<AuditRead, CommandError> {
        let keyturn = self.keyturn().await?;
        let Some(log) = keyturn.workspace.audit_log() else {
            return Ok(AuditRead {
                entries: Vec::new(),
                skipped_lines: Vec::new(),
            });
        };
        log.recent(limit).map_err(|e| CommandError::Storage {
            detail: e.to_string(),
        })
    }

    /// The whole audit log as CSV.
    pub async fn audit_export(&self) -> Result<ExportFile, CommandError> {
        let entries = self.audit_entries(usize::MAX).await?.entries;
        Ok(ExportFile {
            file_name: "keyturn-audit.csv".into(),
            filter_name: "CSV".into(),
            extension: "csv",
            contents: audit::to_csv(&entries),
        })
    }

    /// A connection's key inventory (no secrets) in `format`.
    pub async fn keys_export(
        &self,
        connection_id: &str,
        format: ExportFormat,
    ) -> Result<ExportFile, CommandError> {
        let workspace = &self.keyturn().await?.workspace;
        let connection = workspace.summary(connection_id)?;
        let list = workspace.list_keys(connection_id).await?;
        Ok(ExportFile {
            file_name: format!("keyturn-keys.{}", format.extension()),
            filter_name: format.extension().to_uppercase(),
            extension: format.extension(),
            contents: export::render(format, &connection.name, &list.keys),
        })
    }

    /// Writes an export where the user chose; the path comes back for the toast.
    pub fn save_export(&self, path: &Path, file: &ExportFile) -> Result<String, CommandError> {
        export::save(path, &file.contents).map_err(|e| CommandError::Storage {
            detail: format!("{}: {e}", path.display()),
        })?;
        Ok(path.display().to_string())
    }
}
