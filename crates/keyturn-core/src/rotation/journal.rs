//! One JSON file per rotation in `<data_dir>/rotations/<rotation id>.json`,
//! replaced atomically before every vendor call, so a crash can be resumed from.
//!
//! Never a secret: the journal is built from ids, key names, times, flags and the
//! consumer names the user types. No field takes an `ApiKey`, a `CreatedKey` or a
//! `Sensitive`, so there is nowhere a secret could go.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connections::connection::VendorKind;
use crate::rotation::state::{
    KeyRef, OrphanReason, RetireAction, Rotation, RotationRules, RotationStep,
};
use crate::rotation::verification::ConsumerCheck;
use crate::storage::set_aside::set_aside;

pub const JOURNAL_VERSION: u32 = 1;

/// Where a rotation was when its journal was written, with what that step needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum JournalStep {
    CheckingSlots,
    ChooseRetiring,
    ReadyToCreate,
    ListingBeforeCreate,
    #[serde(rename_all = "camelCase")]
    Creating {
        pre_create_key_ids: Vec<String>,
    },
    Created,
    #[serde(rename_all = "camelCase")]
    OrphanFound {
        orphans: Vec<KeyRef>,
        reason: OrphanReason,
    },
    Verifying,
    #[serde(rename_all = "camelCase")]
    Retiring {
        pending: Option<RetireAction>,
    },
    Done,
    Cancelled,
}

impl From<&RotationStep> for JournalStep {
    fn from(step: &RotationStep) -> Self {
        match step {
            RotationStep::CheckingSlots => Self::CheckingSlots,
            RotationStep::ChooseRetiring { .. } => Self::ChooseRetiring,
            RotationStep::ReadyToCreate => Self::ReadyToCreate,
            RotationStep::ListingBeforeCreate { .. } => Self::ListingBeforeCreate,
            RotationStep::Creating { pre_create_key_ids } => Self::Creating {
                pre_create_key_ids: pre_create_key_ids.clone(),
            },
            RotationStep::Created => Self::Created,
            RotationStep::OrphanFound {
                orphans, reason, ..
            } => Self::OrphanFound {
                orphans: orphans.clone(),
                reason: *reason,
            },
            RotationStep::Verifying => Self::Verifying,
            RotationStep::Retiring { action } => Self::Retiring { pending: *action },
            RotationStep::Done => Self::Done,
            RotationStep::Cancelled => Self::Cancelled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RotationJournal {
    pub version: u32,
    pub rotation_id: String,
    /// Journals written before "connection" was the one word say `profileId`.
    #[serde(alias = "profileId")]
    pub connection_id: String,
    pub vendor: VendorKind,
    pub rules: RotationRules,
    #[serde(flatten)]
    pub step: JournalStep,
    pub retire_first: bool,
    pub old_key: Option<KeyRef>,
    pub old_key_disabled: bool,
    #[serde(alias = "oldKeyDeleted")]
    pub old_key_revoked: bool,
    pub new_key: Option<KeyRef>,
    pub quiet_window_secs: u32,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub verifying_since: Option<DateTime<Utc>>,
    pub consumers: Vec<ConsumerCheck>,
    pub new_key_tested: Option<bool>,
}

impl RotationJournal {
    pub fn of(rotation: &Rotation) -> Self {
        let verification = rotation.verification.as_ref();
        Self {
            version: JOURNAL_VERSION,
            rotation_id: rotation.id.clone(),
            connection_id: rotation.connection_id.clone(),
            vendor: rotation.vendor,
            rules: rotation.rules.clone(),
            step: JournalStep::from(&rotation.state),
            retire_first: rotation.retire_first,
            old_key: rotation.old_key.clone(),
            old_key_disabled: rotation.old_key_disabled,
            old_key_revoked: rotation.old_key_revoked,
            new_key: rotation.new_key.clone(),
            quiet_window_secs: rotation.quiet_window_secs,
            started_at: rotation.started_at,
            updated_at: rotation.updated_at,
            verifying_since: verification.map(|v| v.since),
            consumers: verification
                .map(|v| v.consumers.clone())
                .unwrap_or_default(),
            new_key_tested: verification.and_then(|v| v.new_key_tested),
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.step, JournalStep::Done | JournalStep::Cancelled)
    }
}

/// A journal file that could not be used; `kept_as` is where it was moved, if it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnreadableJournal {
    pub file: String,
    pub reason: String,
    pub kept_as: Option<String>,
}

#[derive(Debug, Default)]
pub struct OpenRotations {
    /// Unfinished rotations, oldest first.
    pub open: Vec<RotationJournal>,
    pub unreadable: Vec<UnreadableJournal>,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Unreadable(String),
    #[error("written by a newer Keyturn (format {0}; this one reads up to {JOURNAL_VERSION})")]
    Newer(u64),
}

pub struct RotationJournals {
    dir: PathBuf,
}

impl RotationJournals {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("rotations"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_of(&self, rotation_id: &str) -> std::io::Result<PathBuf> {
        let safe = !rotation_id.is_empty()
            && rotation_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !safe {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{rotation_id:?} is not a rotation id"),
            ));
        }
        Ok(self.dir.join(format!("{rotation_id}.json")))
    }

    pub fn save(&self, rotation: &Rotation) -> std::io::Result<()> {
        self.write(&RotationJournal::of(rotation))
    }

    pub fn write(&self, journal: &RotationJournal) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(journal).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        keyturn_atomic_file::write(&self.path_of(&journal.rotation_id)?, &bytes)
    }

    pub fn read(&self, rotation_id: &str) -> Result<RotationJournal, JournalError> {
        let path = self.path_of(rotation_id)?;
        let journal = parse(&std::fs::read(&path)?)?;
        if journal.rotation_id != rotation_id {
            return Err(JournalError::Unreadable(format!(
                "it holds rotation {:?}, not {rotation_id:?}",
                journal.rotation_id
            )));
        }
        Ok(journal)
    }

    /// Unfinished rotations. A file that cannot be used is reported and skipped,
    /// so one odd file never stops the others: an unreadable one is renamed
    /// aside (never deleted), one from a newer Keyturn or one that cannot be
    /// opened is left where it is. Only a folder that cannot be listed fails.
    pub fn open_rotations(&self) -> std::io::Result<OpenRotations> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(OpenRotations::default())
            }
            Err(e) => return Err(e),
        };
        let mut found = OpenRotations::default();
        for entry in entries {
            let path = entry?.path();
            let Some(rotation_id) = journal_file_id(&path) else {
                continue;
            };
            let problem = match self.read(&rotation_id) {
                Ok(journal) if journal.is_finished() => continue,
                Ok(journal) => {
                    found.open.push(journal);
                    continue;
                }
                Err(problem) => problem,
            };
            let kept_as = match problem {
                JournalError::Unreadable(_) => set_aside(&path).ok(),
                JournalError::Io(_) | JournalError::Newer(_) => None,
            };
            found.unreadable.push(UnreadableJournal {
                file: path.display().to_string(),
                reason: problem.to_string(),
                kept_as: kept_as.map(|p| p.display().to_string()),
            });
        }
        found.open.sort_by_key(|j| j.started_at);
        found.unreadable.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(found)
    }
}

pub fn open_rotations(data_dir: &Path) -> std::io::Result<OpenRotations> {
    RotationJournals::new(data_dir).open_rotations()
}

fn journal_file_id(path: &Path) -> Option<String> {
    if path.extension()? != "json" {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    (!stem.starts_with('.')).then(|| stem.to_owned())
}

fn parse(bytes: &[u8]) -> Result<RotationJournal, JournalError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| JournalError::Unreadable(format!("not valid JSON: {e}")))?;
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| JournalError::Unreadable("it has no version number".into()))?;
    if version > u64::from(JOURNAL_VERSION) {
        return Err(JournalError::Newer(version));
    }
    if version != u64::from(JOURNAL_VERSION) {
        return Err(JournalError::Unreadable(format!(
            "unknown format {version}"
        )));
    }
    serde_json::from_value(value)
        .map_err(|e| JournalError::Unreadable(format!("an entry is malformed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_written_before_the_rename_still_reads() {
        let before = r#"{"version":1,"rotationId":"r1","profileId":"p_1","vendor":"veryfi",
            "rules":{"maxKeys":2,"canDisable":false,"lastKeyDeletable":false,"usage":"checklist"},
            "step":"retiring","pending":"deleting","retireFirst":false,"oldKey":null,
            "oldKeyDisabled":false,"oldKeyDeleted":true,"newKey":null,"quietWindowSecs":600,
            "startedAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","verifyingSince":null,
            "consumers":[],"newKeyTested":null}"#;
        let journal = parse(before.as_bytes()).unwrap();
        assert_eq!(journal.connection_id, "p_1");
        assert!(journal.old_key_revoked);
        assert_eq!(
            journal.step,
            JournalStep::Retiring {
                pending: Some(RetireAction::Revoking)
            }
        );
    }
}
