//! The user's snoozes in `snoozes.json` in the app's config directory: versioned,
//! written atomically, owner-only. A file Keyturn cannot read is set aside (and
//! the user told where), never overwritten or dropped.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::attention::snoozes::{Snooze, Snoozes};
use crate::storage::set_aside::set_aside;

pub const CURRENT_VERSION: u32 = 1;
const FILE_NAME: &str = "snoozes.json";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    version: u32,
    snoozes: Vec<Snooze>,
}

/// What loading found; `notice` is a sentence for the user when the file was set aside.
#[derive(Debug)]
pub struct Loaded {
    pub snoozes: Snoozes,
    pub notice: Option<String>,
}

pub struct SnoozeFile {
    path: PathBuf,
}

impl SnoozeFile {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> std::io::Result<Loaded> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    snoozes: Snoozes::default(),
                    notice: None,
                })
            }
            Err(e) => return Err(e),
        };
        match parse(&bytes) {
            Ok(snoozes) => Ok(Loaded {
                snoozes,
                notice: None,
            }),
            Err(reason) => {
                let kept = set_aside(&self.path)?;
                Ok(Loaded {
                    snoozes: Snoozes::default(),
                    notice: Some(format!(
                        "Your snoozes could not be read ({reason}). The file was kept as {} and every item shows again.",
                        kept.display()
                    )),
                })
            }
        }
    }

    /// Writes the snoozes still running at `now`.
    pub fn save(&self, snoozes: &Snoozes, now: DateTime<Utc>) -> std::io::Result<()> {
        let mut running = snoozes.clone();
        running.prune(now);
        let stored = Stored {
            version: CURRENT_VERSION,
            snoozes: running.list().to_vec(),
        };
        let mut bytes = serde_json::to_vec_pretty(&stored).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        keyturn_atomic_file::write(&self.path, &bytes)
    }
}

fn parse(bytes: &[u8]) -> Result<Snoozes, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(1) => {}
        Some(newer) => {
            return Err(format!(
                "it was written by a newer Keyturn (format {newer}; this one reads up to {CURRENT_VERSION})"
            ))
        }
        None => return Err("it has no version number".into()),
    }
    let stored: Stored =
        serde_json::from_value(value).map_err(|e| format!("an entry is malformed: {e}"))?;
    Ok(Snoozes::from_list(stored.snoozes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::now;
    use chrono::Duration;

    fn some_snoozes() -> Snoozes {
        let mut snoozes = Snoozes::default();
        snoozes
            .snooze(
                "stale:c1:k1",
                now() + Duration::days(7),
                "billing job runs monthly",
                now(),
            )
            .unwrap();
        snoozes
    }

    #[test]
    fn round_trips_and_a_missing_file_is_no_snoozes() {
        let dir = tempfile::tempdir().unwrap();
        let file = SnoozeFile::new(dir.path());
        let empty = file.load().unwrap();
        assert!(empty.snoozes.list().is_empty());
        assert!(empty.notice.is_none());

        file.save(&some_snoozes(), now()).unwrap();
        let loaded = file.load().unwrap();
        assert_eq!(loaded.snoozes, some_snoozes());
        assert!(loaded.notice.is_none());
        let written = std::fs::read_to_string(file.path()).unwrap();
        assert!(written.contains("\"itemId\": \"stale:c1:k1\""), "{written}");
        assert!(written.contains("\"version\": 1"), "{written}");
    }

    #[test]
    fn snoozes_that_ran_out_are_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = SnoozeFile::new(dir.path());
        file.save(&some_snoozes(), now() + Duration::days(8))
            .unwrap();
        assert!(file.load().unwrap().snoozes.list().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = SnoozeFile::new(&dir.path().join("config"));
        file.save(&some_snoozes(), now()).unwrap();
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(dir.path().join("config"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }

    fn assert_kept_aside(contents: &str, reason: &str) {
        let dir = tempfile::tempdir().unwrap();
        let file = SnoozeFile::new(dir.path());
        std::fs::write(file.path(), contents).unwrap();
        let loaded = file.load().unwrap();
        assert!(loaded.snoozes.list().is_empty());
        let notice = loaded.notice.expect("the user is told");
        assert!(notice.contains(reason), "{notice}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("snoozes.json.unreadable-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(&kept[0]).unwrap(),
            contents,
            "nothing lost"
        );
        assert!(notice.contains(&kept[0].display().to_string()), "{notice}");
        assert!(!file.path().exists());
    }

    #[test]
    fn a_corrupt_file_is_kept_aside() {
        assert_kept_aside("{\"version\": 1, \"snoozes\": [", "not valid JSON");
    }

    #[test]
    fn a_newer_file_is_kept_aside() {
        assert_kept_aside(r#"{"version": 2, "snoozes": []}"#, "newer Keyturn");
    }

    #[test]
    fn a_malformed_entry_is_kept_aside() {
        assert_kept_aside(r#"{"version": 1, "snoozes": [{"itemId": 3}]}"#, "malformed");
    }
}
