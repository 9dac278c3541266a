//! User preferences, in the app's config directory. Nothing secret.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attention::settings::AttentionSettings;

pub const DEFAULT_CLIPBOARD_CLEAR_SECONDS: u32 = 30;
pub const MIN_CLIPBOARD_CLEAR_SECONDS: u32 = 10;
pub const MAX_CLIPBOARD_CLEAR_SECONDS: u32 = 300;
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 15;
pub const MAX_LOCK_AFTER_MINUTES: u32 = 480;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Seconds until a copied secret is cleared from the clipboard; `null` = never.
    pub clipboard_clear_seconds: Option<u32>,
    /// Minutes without input before Keyturn locks; `null` = never. Files
    /// written before the lock existed get the default.
    #[serde(default = "default_lock_after")]
    pub lock_after_minutes: Option<u32>,
    /// When a key's expiry, disuse or disabling is shown as needing attention.
    #[serde(default)]
    pub attention: AttentionSettings,
}

fn default_lock_after() -> Option<u32> {
    Some(DEFAULT_LOCK_AFTER_MINUTES)
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            clipboard_clear_seconds: Some(DEFAULT_CLIPBOARD_CLEAR_SECONDS),
            lock_after_minutes: default_lock_after(),
            attention: AttentionSettings::default(),
        }
    }
}

impl Settings {
    /// The first setting out of range: its field (as the UI names it) and why.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if let Some(s) = self.clipboard_clear_seconds {
            if !(MIN_CLIPBOARD_CLEAR_SECONDS..=MAX_CLIPBOARD_CLEAR_SECONDS).contains(&s) {
                return Some((
                    "clipboardClearSeconds",
                    format!(
                        "Choose between {MIN_CLIPBOARD_CLEAR_SECONDS} seconds and {} minutes, or never.",
                        MAX_CLIPBOARD_CLEAR_SECONDS / 60
                    ),
                ));
            }
        }
        if let Some(m) = self.lock_after_minutes {
            if !(1..=MAX_LOCK_AFTER_MINUTES).contains(&m) {
                return Some((
                    "lockAfterMinutes",
                    format!(
                        "Lock after 1 minute to {} hours, or never.",
                        MAX_LOCK_AFTER_MINUTES / 60
                    ),
                ));
            }
        }
        self.attention
            .validate()
            .err()
            .map(|message| ("attention", message))
    }

    pub fn validate(&self) -> Result<(), String> {
        match self.problem() {
            Some((_, message)) => Err(message),
            None => Ok(()),
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
            lock_after_minutes: None,
            attention: AttentionSettings {
                stale_days: 30,
                ..AttentionSettings::default()
            },
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
                        clipboard_clear_seconds: Some(bad),
                        ..Settings::default()
                    })
                    .is_err(),
                "{bad}"
            );
        }
        for good in [10, 30, 300] {
            store
                .save(&Settings {
                    clipboard_clear_seconds: Some(good),
                    ..Settings::default()
                })
                .unwrap();
        }
    }

    #[test]
    fn the_lock_delay_is_kept_checked_and_defaults_for_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path());
        std::fs::write(
            dir.path().join("settings.json"),
            r#"{"clipboardClearSeconds": 60}"#,
        )
        .unwrap();
        assert_eq!(
            store.load().lock_after_minutes,
            Some(DEFAULT_LOCK_AFTER_MINUTES)
        );
        assert_eq!(store.load().clipboard_clear_seconds, Some(60));
        for bad in [0, MAX_LOCK_AFTER_MINUTES + 1] {
            let s = Settings {
                lock_after_minutes: Some(bad),
                ..Settings::default()
            };
            assert!(store.save(&s).is_err(), "{bad}");
        }
        let one = Settings {
            lock_after_minutes: Some(1),
            ..Settings::default()
        };
        store.save(&one).unwrap();
        assert_eq!(store.load(), one);
    }

    #[test]
    fn a_garbled_file_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.json"), "{ nope").unwrap();
        assert_eq!(SettingsStore::new(dir.path()).load(), Settings::default());
    }
}
