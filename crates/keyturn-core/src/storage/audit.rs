//! An append-only record of every key action taken in Keyturn: when, which
//! connection and vendor, what, on which key, and how it ended. Never a secret:
//! entries are built from ids and outcomes only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connections::connection::{ConnectionSummary, VendorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditAction {
    Create,
    Revoke,
    Disable,
    Enable,
    Reset,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// Entries written before "connection" was the one word say `profileId` and `profileName`.
    #[serde(alias = "profileId")]
    pub connection_id: String,
    #[serde(alias = "profileName")]
    pub connection_name: String,
    pub vendor: VendorKind,
    pub action: AuditAction,
    /// The key acted on; for a create, the new key's id when it is known.
    pub key_id: Option<String>,
    /// "ok", or the failure in a few words (its kind and the vendor's code).
    pub outcome: String,
}

impl AuditEntry {
    pub fn new(
        connection: &ConnectionSummary,
        action: AuditAction,
        key_id: Option<&str>,
        outcome: impl Into<String>,
    ) -> Self {
        Self {
            at: Utc::now(),
            connection_id: connection.id.clone(),
            connection_name: connection.name.clone(),
            vendor: connection.vendor,
            action,
            key_id: key_id.map(str::to_owned),
            outcome: outcome.into(),
        }
    }
}

/// The newest entries, and the lines of the log that could not be read (a write
/// torn by a crash, a line damaged by hand): skipped, and reported here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditRead {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// Line numbers, from 1, of the lines skipped.
    pub skipped_lines: Vec<u32>,
}

pub struct AuditLog {
    path: PathBuf,
    append: Mutex<()>,
}

impl AuditLog {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("audit.jsonl"),
            append: Mutex::new(()),
        }
    }

    /// One JSON line per entry, flushed to disk before returning.
    pub fn record(&self, entry: &AuditEntry) -> std::io::Result<()> {
        let _one_writer = self.append.lock().expect("audit lock poisoned");
        let mut line = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut file = keyturn_atomic_file::open_for_append(&self.path)?;
        file.write_all(&line)?;
        file.sync_data()
    }

    /// The newest `limit` entries, newest first, read line by line: a line that
    /// is not an entry (not even UTF-8) is skipped and reported, not fatal.
    pub fn recent(&self, limit: usize) -> std::io::Result<AuditRead> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(AuditRead {
                    entries: Vec::new(),
                    skipped_lines: Vec::new(),
                })
            }
            Err(e) => return Err(e),
        };
        let mut entries = Vec::new();
        let mut skipped_lines = Vec::new();
        for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice::<AuditEntry>(line) {
                Ok(entry) => entries.push(entry),
                Err(_) => skipped_lines.push(u32::try_from(index + 1).unwrap_or(u32::MAX)),
            }
        }
        entries.reverse();
        entries.truncate(limit);
        Ok(AuditRead {
            entries,
            skipped_lines,
        })
    }
}

const CSV_COLUMNS: [&str; 7] = [
    "at",
    "connection_id",
    "connection_name",
    "vendor",
    "action",
    "key_id",
    "outcome",
];

/// The audit log as CSV, oldest first, for compliance exports.
pub fn to_csv(entries: &[AuditEntry]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for e in entries.iter().rev() {
        let cells = [
            e.at.to_rfc3339(),
            e.connection_id.clone(),
            e.connection_name.clone(),
            format!("{:?}", e.vendor),
            format!("{:?}", e.action).to_lowercase(),
            e.key_id.clone().unwrap_or_default(),
            e.outcome.clone(),
        ];
        let row: Vec<String> = cells
            .iter()
            .map(|c| crate::storage::export::csv_field(c))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connections::connection::Environment;

    fn connection() -> ConnectionSummary {
        ConnectionSummary {
            id: "p1".into(),
            name: "Acme".into(),
            vendor: VendorKind::Veryfi,
            environment: Environment::Live,
            read_only: false,
            base_url: "https://api.veryfi.com/".into(),
            account_label: None,
            account: Default::default(),
            api_version: None,
            builtin: false,
            problem: None,
            signed_out: false,
        }
    }

    #[test]
    fn records_and_reads_back_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        log.record(&AuditEntry::new(
            &connection(),
            AuditAction::Create,
            Some("7"),
            "ok",
        ))
        .unwrap();
        log.record(&AuditEntry::new(
            &connection(),
            AuditAction::Revoke,
            Some("3"),
            "lastKeyProtected LAST_KEY_CANNOT_BE_DELETED",
        ))
        .unwrap();
        let read = log.recent(10).unwrap();
        assert_eq!(read.entries.len(), 2);
        assert_eq!(read.entries[0].action, AuditAction::Revoke);
        assert_eq!(read.entries[1].key_id.as_deref(), Some("7"));
        assert_eq!(read.skipped_lines, Vec::<u32>::new());
        assert_eq!(log.recent(1).unwrap().entries.len(), 1);
    }

    #[test]
    fn an_entry_written_before_the_rename_reads_as_a_connection() {
        let line = r#"{"at":"2026-01-01T00:00:00Z","profileId":"p_1","profileName":"Acme","vendor":"veryfi","action":"revoke","keyId":"3","outcome":"ok"}"#;
        let entry: AuditEntry = serde_json::from_str(line).unwrap();
        assert_eq!(entry.connection_id, "p_1");
        assert_eq!(entry.connection_name, "Acme");
        assert!(serde_json::to_string(&entry)
            .unwrap()
            .contains("\"connectionId\":\"p_1\""));
    }

    #[test]
    fn csv_lists_oldest_first_with_quoting() {
        let mut first = AuditEntry::new(&connection(), AuditAction::Create, Some("7"), "ok");
        first.at = "2026-01-01T00:00:00Z".parse().unwrap();
        let mut second = AuditEntry::new(
            &connection(),
            AuditAction::Revoke,
            Some("7"),
            "failed: Server (E, 2)",
        );
        second.at = "2026-01-02T00:00:00Z".parse().unwrap();
        let csv = to_csv(&[second, first]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "at,connection_id,connection_name,vendor,action,key_id,outcome"
        );
        assert_eq!(
            lines[1],
            "2026-01-01T00:00:00+00:00,p1,Acme,Veryfi,create,7,ok"
        );
        assert_eq!(
            lines[2],
            "2026-01-02T00:00:00+00:00,p1,Acme,Veryfi,revoke,7,\"failed: Server (E, 2)\""
        );
    }

    fn append(log: &Path, bytes: &[u8]) {
        std::fs::OpenOptions::new()
            .append(true)
            .open(log)
            .unwrap()
            .write_all(bytes)
            .unwrap();
    }

    #[test]
    fn a_garbage_line_and_a_torn_last_line_are_skipped_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        let file = dir.path().join("audit.jsonl");
        log.record(&AuditEntry::new(
            &connection(),
            AuditAction::Create,
            Some("1"),
            "ok",
        ))
        .unwrap();
        append(&file, b"\xff\xfe not an entry at all\n");
        log.record(&AuditEntry::new(
            &connection(),
            AuditAction::Revoke,
            Some("1"),
            "ok",
        ))
        .unwrap();
        // A write cut off by a crash, in the middle of a multi-byte character.
        let mut torn = serde_json::to_vec(&AuditEntry::new(
            &connection(),
            AuditAction::Create,
            Some("Zürich"),
            "ok",
        ))
        .unwrap();
        torn.truncate(torn.iter().position(|&b| b == 0xC3).unwrap() + 1);
        append(&file, &torn);

        let read = log.recent(10).unwrap();
        assert_eq!(read.skipped_lines, [2, 4]);
        let actions: Vec<_> = read.entries.iter().map(|e| e.action).collect();
        assert_eq!(actions, [AuditAction::Revoke, AuditAction::Create]);
    }
}
