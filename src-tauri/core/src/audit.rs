//! An append-only record of every key action taken in Keyturn: when, which
//! profile and vendor, what, on which key, and how it ended. Never a secret:
//! entries are built from ids and outcomes only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::profile::{ProfileSummary, VendorKind};

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
    pub profile_id: String,
    pub profile_name: String,
    pub vendor: VendorKind,
    pub action: AuditAction,
    /// The key acted on; for a create, the new key's id when it is known.
    pub key_id: Option<String>,
    /// "ok", or the failure in a few words (its kind and the vendor's code).
    pub outcome: String,
}

impl AuditEntry {
    pub fn new(
        profile: &ProfileSummary,
        action: AuditAction,
        key_id: Option<&str>,
        outcome: impl Into<String>,
    ) -> Self {
        Self {
            at: Utc::now(),
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            vendor: profile.vendor,
            action,
            key_id: key_id.map(str::to_owned),
            outcome: outcome.into(),
        }
    }
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

    /// The newest `limit` entries, newest first. A damaged line is skipped, not fatal.
    pub fn recent(&self, limit: usize) -> std::io::Result<Vec<AuditEntry>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        Ok(text
            .lines()
            .rev()
            .filter_map(|line| serde_json::from_str(line).ok())
            .take(limit)
            .collect())
    }
}

const CSV_COLUMNS: [&str; 7] = [
    "at",
    "profile_id",
    "profile_name",
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
            e.profile_id.clone(),
            e.profile_name.clone(),
            format!("{:?}", e.vendor),
            format!("{:?}", e.action).to_lowercase(),
            e.key_id.clone().unwrap_or_default(),
            e.outcome.clone(),
        ];
        let row: Vec<String> = cells.iter().map(|c| crate::export::csv_field(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Environment;

    fn profile() -> ProfileSummary {
        ProfileSummary {
            id: "p1".into(),
            name: "Acme".into(),
            vendor: VendorKind::Veryfi,
            environment: Environment::Live,
            read_only: false,
            base_url: "https://api.veryfi.com/".into(),
            account_label: None,
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
            &profile(),
            AuditAction::Create,
            Some("7"),
            "ok",
        ))
        .unwrap();
        log.record(&AuditEntry::new(
            &profile(),
            AuditAction::Revoke,
            Some("3"),
            "lastKeyProtected LAST_KEY_CANNOT_BE_DELETED",
        ))
        .unwrap();
        let entries = log.recent(10).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].action, AuditAction::Revoke);
        assert_eq!(entries[1].key_id.as_deref(), Some("7"));
        assert_eq!(log.recent(1).unwrap().len(), 1);
    }

    #[test]
    fn csv_lists_oldest_first_with_quoting() {
        let mut first = AuditEntry::new(&profile(), AuditAction::Create, Some("7"), "ok");
        first.at = "2026-01-01T00:00:00Z".parse().unwrap();
        let mut second = AuditEntry::new(
            &profile(),
            AuditAction::Revoke,
            Some("7"),
            "failed: Server (E, 2)",
        );
        second.at = "2026-01-02T00:00:00Z".parse().unwrap();
        let csv = to_csv(&[second, first]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "at,profile_id,profile_name,vendor,action,key_id,outcome"
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

    #[test]
    fn a_damaged_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        log.record(&AuditEntry::new(
            &profile(),
            AuditAction::Create,
            None,
            "ok",
        ))
        .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join("audit.jsonl"))
            .unwrap()
            .write_all(b"{\"at\": trunc")
            .unwrap();
        assert_eq!(log.recent(10).unwrap().len(), 1);
    }
}
