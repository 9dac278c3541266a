//! User preferences, in the app's config directory. Nothing secret.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const DEFAULT_CLIPBOARD_CLEAR_SECONDS: u32 = 30;
pub const MIN_CLIPBOARD_CLEAR_SECONDS: u32 = 10;
pub const MAX_CLIPBOARD_CLEAR_SECONDS: u32 = 300;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Seconds until a copied secret is cleared from the clipboard; `null` = never.
    pub clipboard_clear_seconds: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            clipboard_clear_seconds: Some(DEFAULT_CLIPBOARD_CLEAR_SECONDS),
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), String> {
        match self.clipboard_clear_seconds {
            Some(s)
                if !(MIN_CLIPBOARD_CLEAR_SECONDS..=MAX_CLIPBOARD_CLEAR_SECONDS).contains(&s) =>
            {
                Err(format!(
                "Choose between {MIN_CLIPBOARD_CLEAR_SECONDS} seconds and {} minutes, or never.",
                MAX_CLIPBOARD_CLEAR_SECONDS / 60
            ))
            }
            _ => Ok(()),
        }
    }
}

pub struct SettingsStore {
    path: PathBuf,
}

impl SettingsStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join("settings.json"),
        }
    }

    /// Unreadable or invalid settings fall back to the defaults; they hold nothing
    /// that cannot be chosen again in a click.
    pub fn load(&self) -> Settings {
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default()
    }

    pub fn save(&self, settings: &Settings) -> Result<(), String> {
        settings.validate()?;
        let bytes = serde_json::to_vec_pretty(settings).map_err(|e| e.to_string())?;
        keyturn_atomic_file::write(&self.path, &bytes).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path());
        assert_eq!(store.load(), Settings::default());
        let never = Settings {
            clipboard_clear_seconds: None,
        };
        store.save(&never).unwrap();
        assert_eq!(store.load(), never);
    }

    #[test]
    fn out_of_range_delays_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path());
        for bad in [0, 9, 301] {
            assert!(
                store
                    .save(&Settings {
                        clipboard_clear_seconds: Some(bad)
                    })
                    .is_err(),
                "{bad}"
            );
        }
        for good in [10, 30, 300] {
            store
                .save(&Settings {
                    clipboard_clear_seconds: Some(good),
                })
                .unwrap();
        }
    }

    #[test]
    fn a_garbled_file_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.json"), "{ nope").unwrap();
        assert_eq!(SettingsStore::new(dir.path()).load(), Settings::default());
    }
}
