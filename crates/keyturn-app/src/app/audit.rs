//! The audit log, and the files the user exports (key inventory, audit log).
//! The shell asks where to save; writing happens here, and so does recording
//! each export in the audit log.

use std::path::Path;

use keyturn_core::storage::audit::{
    self, AuditAction, AuditEntry, AuditFilter, AuditPage, AuditRead,
};
use keyturn_core::storage::export::{self, ExportFormat};
use keyturn_core::ConnectionSummary;

use super::audit_trail::record;
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
    pub exported: Exported,
}

/// What the audit log says of an export once it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// `None` for a file of every connection or of the audit log.
    pub connection: Option<ConnectionSummary>,
    /// "keys csv, 12 keys".
    pub what: String,
}

impl Exported {
    fn entry(&self) -> AuditEntry {
        let entry = match &self.connection {
            Some(connection) => AuditEntry::new(connection, AuditAction::Export, None, ""),
            None => AuditEntry::without_connection(AuditAction::Export, ""),
        };
        entry.with_detail(self.what.clone())
    }
}

impl<C: Clipboard + 'static> App<C> {
    /// `limit` of the entries `filter` matches, from `offset` on, newest first.
    pub async fn list_audit(
        &self,
        filter: AuditFilter,
        offset: u32,
        limit: u32,
    ) -> Result<AuditPage, CommandError> {
        let keyturn = self.keyturn().await?;
        let Some(log) = keyturn.workspace.audit_log() else {
            return Ok(AuditPage {
                entries: Vec::new(),
                matching: 0,
                connections: Vec::new(),
                skipped_lines: Vec::new(),
            });
        };
        log.query(&filter, offset as usize, limit as usize)
            .map_err(storage_error)
    }

    /// Every entry `filter` matches (not one page), as CSV.
    pub async fn audit_export(&self, filter: AuditFilter) -> Result<ExportFile, CommandError> {
        let keyturn = self.keyturn().await?;
        let read = match keyturn.workspace.audit_log() {
            Some(log) => log.matching(&filter).map_err(storage_error),
            None => Ok(AuditRead {
                entries: Vec::new(),
                skipped_lines: Vec::new(),
            }),
        };
        let exported = Exported {
            connection: None,
            what: match &read {
                Ok(read) => format!(
                    "audit log csv, {}",
                    count(read.entries.len(), "entry", "entries")
                ),
                Err(_) => "audit log csv".to_owned(),
            },
        };
        if read.is_err() {
            record(&keyturn.workspace, exported.entry(), &read);
        }
        Ok(ExportFile {
            file_name: "keyturn-audit.csv".into(),
            filter_name: "CSV".into(),
            extension: "csv",
            contents: audit::to_csv(&read?.entries),
            exported,
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
        let listed = workspace
            .list_keys(connection_id)
            .await
            .map_err(CommandError::from);
        let exported = Exported {
            connection: Some(connection.clone()),
            what: match &listed {
                Ok(list) => format!(
                    "keys {}, {}",
                    format.extension(),
                    count(list.keys.len(), "key", "keys")
                ),
                Err(_) => format!("keys {}", format.extension()),
            },
        };
        if listed.is_err() {
            record(workspace, exported.entry(), &listed);
        }
        let list = listed?;
        Ok(ExportFile {
            file_name: format!("keyturn-keys.{}", format.extension()),
            filter_name: format.extension().to_uppercase(),
            extension: format.extension(),
            contents: export::render(format, &connection.name, &list.keys),
            exported,
        })
    }

    /// Writes an export where the user chose and records it; the path comes back for the toast.
    pub fn save_export(&self, path: &Path, file: &ExportFile) -> Result<String, CommandError> {
        let saved = export::save(path, &file.contents)
            .map(|()| path.display().to_string())
            .map_err(|e| CommandError::Storage {
                detail: format!("{}: {e}", path.display()),
            });
        if let Some(keyturn) = self.keyturn.get() {
            record(&keyturn.workspace, file.exported.entry(), &saved);
        }
        saved
    }
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn storage_error(e: std::io::Error) -> CommandError {
    CommandError::Storage {
        detail: e.to_string(),
    }
}
