//! The log file, `audit.jsonl`: one JSON line per entry, appended and flushed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use ts_rs::TS;

use super::entry::AuditEntry;
use super::query::{self, AuditFilter, AuditPage};

/// The entries read, and the lines of the log that could not be read (a write
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

    /// The newest `limit` entries, newest first.
    pub fn recent(&self, limit: usize) -> std::io::Result<AuditRead> {
        let mut read = self.read_all()?;
        read.entries.truncate(limit);
        Ok(read)
    }

    /// `limit` of the entries `filter` matches from `offset` on, newest first.
    pub fn query(
        &self,
        filter: &AuditFilter,
        offset: usize,
        limit: usize,
    ) -> std::io::Result<AuditPage> {
        Ok(query::page(self.read_all()?, filter, offset, limit))
    }

    /// Every entry `filter` matches, newest first.
    pub fn matching(&self, filter: &AuditFilter) -> std::io::Result<AuditRead> {
        let read = self.read_all()?;
        Ok(AuditRead {
            entries: read
                .entries
                .into_iter()
                .filter(|e| filter.matches(e))
                .collect(),
            skipped_lines: read.skipped_lines,
        })
    }

    /// Every entry, newest first, read line by line: a line that is not an
    /// entry (not even UTF-8) is skipped and reported, not fatal.
    fn read_all(&self) -> std::io::Result<AuditRead> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
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
        Ok(AuditRead {
            entries,
            skipped_lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::audit::query::tests::connection;
    use crate::storage::audit::AuditAction;

    #[test]
    fn records_and_reads_back_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        log.record(&AuditEntry::new(
            &connection("p1"),
            AuditAction::Create,
            Some("7"),
            "ok",
        ))
        .unwrap();
        log.record(&AuditEntry::new(
            &connection("p1"),
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
    fn no_file_yet_reads_as_an_empty_log() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(dir.path());
        let page = log.query(&AuditFilter::default(), 0, 10).unwrap();
        assert_eq!((page.entries.len(), page.matching), (0, 0));
    }

    #[test]
    fn old_lines_and_new_ones_read_together() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("audit.jsonl");
        std::fs::write(
            &file,
            concat!(
                r#"{"at":"2026-01-01T00:00:00Z","profileId":"p_1","profileName":"Acme","vendor":"veryfi","action":"revoke","keyId":"3","outcome":"ok"}"#,
                "\n",
                r#"{"at":"2026-01-02T00:00:00Z","connectionId":"p_1","connectionName":"Acme","vendor":"veryfi","action":"disable","keyId":"4","outcome":"ok"}"#,
                "\n",
            ),
        )
        .unwrap();
        let log = AuditLog::new(dir.path());
        log.record(
            &AuditEntry::without_connection(AuditAction::Export, "ok").with_detail("csv, 2 keys"),
        )
        .unwrap();
        let read = log.recent(10).unwrap();
        assert_eq!(read.skipped_lines, Vec::<u32>::new());
        let users: Vec<&str> = read.entries.iter().map(|e| e.user.as_str()).collect();
        assert_eq!(users, [super::super::os_user(), "unknown", "unknown"]);
        assert_eq!(read.entries[2].connection_id.as_deref(), Some("p_1"));
        assert_eq!(read.entries[0].connection_id, None);
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
            &connection("p1"),
            AuditAction::Create,
            Some("1"),
            "ok",
        ))
        .unwrap();
        append(&file, b"\xff\xfe not an entry at all\n");
        log.record(&AuditEntry::new(
            &connection("p1"),
            AuditAction::Revoke,
            Some("1"),
            "ok",
        ))
        .unwrap();
        // A write cut off by a crash, in the middle of a multi-byte character.
        let mut torn = serde_json::to_vec(&AuditEntry::new(
            &connection("p1"),
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
        let page = log.query(&AuditFilter::default(), 0, 1).unwrap();
        assert_eq!(page.skipped_lines, [2, 4], "a page reports them too");
    }
}
