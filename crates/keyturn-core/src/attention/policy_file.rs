//! Each connection's rotation policy ("rotate every N days"), in
//! `rotation_policies.json` in the app's config directory: off unless set. A
//! file Keyturn cannot read leaves every policy off (and says so in the log);
//! it is set aside, not overwritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::attention::settings::RotationPolicy;
use crate::storage::set_aside::set_aside;

const FILE_NAME: &str = "rotation_policies.json";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    version: u32,
    policies: BTreeMap<String, RotationPolicy>,
}

/// By connection id; a connection not named has no policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RotationPolicies(BTreeMap<String, RotationPolicy>);

impl RotationPolicies {
    pub fn of(&self, connection_id: &str) -> RotationPolicy {
        self.0.get(connection_id).copied().unwrap_or_default()
    }

    pub fn set(&mut self, connection_id: &str, policy: RotationPolicy) {
        if policy.every_days.is_some() {
            self.0.insert(connection_id.to_owned(), policy);
        } else {
            self.0.remove(connection_id);
        }
    }
}

pub struct PolicyFile {
    path: PathBuf,
}

impl PolicyFile {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(FILE_NAME),
        }
    }

    pub fn load(&self) -> RotationPolicies {
        let Ok(bytes) = std::fs::read(&self.path) else {
            return RotationPolicies::default();
        };
        match serde_json::from_slice::<Stored>(&bytes) {
            Ok(stored) if stored.version == VERSION => RotationPolicies(stored.policies),
            other => {
                let why = match other {
                    Ok(s) => format!("format {}", s.version),
                    Err(e) => e.to_string(),
                };
                let kept = set_aside(&self.path).map(|p| p.display().to_string());
                log::warn!(
                    "{} unreadable ({why}); kept as {kept:?}; every rotation policy is off",
                    self.path.display()
                );
                RotationPolicies::default()
            }
        }
    }

    pub fn save(&self, policies: &RotationPolicies) -> std::io::Result<()> {
        let stored = Stored {
            version: VERSION,
            policies: policies.0.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&stored).map_err(std::io::Error::other)?;
        keyturn_atomic_file::write(&self.path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_off_removes_and_an_unreadable_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = PolicyFile::new(dir.path());
        assert_eq!(file.load().of("c1"), RotationPolicy::default());
        let mut policies = RotationPolicies::default();
        policies.set(
            "c1",
            RotationPolicy {
                every_days: Some(90),
            },
        );
        policies.set(
            "c2",
            RotationPolicy {
                every_days: Some(30),
            },
        );
        policies.set("c2", RotationPolicy { every_days: None });
        file.save(&policies).unwrap();
        let loaded = file.load();
        assert_eq!(loaded.of("c1").every_days, Some(90));
        assert_eq!(loaded.of("c2").every_days, None);
        assert_eq!(loaded, policies);

        std::fs::write(dir.path().join(FILE_NAME), b"{broken").unwrap();
        assert_eq!(file.load(), RotationPolicies::default());
        assert!(
            std::fs::read_dir(dir.path()).unwrap().count() >= 1,
            "the unreadable file is kept beside"
        );
    }
}
