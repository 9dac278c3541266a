//! The thresholds of the attention rules, as the user sets them, and a
//! connection's rotation policy. Nothing secret.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const DEFAULT_EXPIRY_WINDOW_DAYS: u32 = 14;
pub const DEFAULT_STALE_DAYS: u32 = 90;
pub const DEFAULT_NEVER_USED_GRACE_DAYS: u32 = 7;
pub const DEFAULT_DISABLED_DAYS: u32 = 30;

pub const EXPIRY_WINDOW_DAYS: (u32, u32) = (1, 365);
pub const STALE_DAYS: (u32, u32) = (7, 3650);
pub const NEVER_USED_GRACE_DAYS: (u32, u32) = (1, 365);
pub const DISABLED_DAYS: (u32, u32) = (1, 3650);
pub const ROTATE_EVERY_DAYS: (u32, u32) = (1, 3650);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct AttentionSettings {
    /// A key expiring within this many days is shown.
    pub expiry_window_days: u32,
    /// An active key unused for this many days is stale.
    pub stale_days: u32,
    /// A key never used this many days after it was created is shown.
    pub never_used_grace_days: u32,
    /// A key disabled (or out of use while disabled) this long is shown.
    pub disabled_days: u32,
}

impl Default for AttentionSettings {
    fn default() -> Self {
        Self {
            expiry_window_days: DEFAULT_EXPIRY_WINDOW_DAYS,
            stale_days: DEFAULT_STALE_DAYS,
            never_used_grace_days: DEFAULT_NEVER_USED_GRACE_DAYS,
            disabled_days: DEFAULT_DISABLED_DAYS,
        }
    }
}

impl AttentionSettings {
    pub fn validate(&self) -> Result<(), String> {
        within(
            "The expiry reminder",
            self.expiry_window_days,
            EXPIRY_WINDOW_DAYS,
        )?;
        within("A key counts as stale after", self.stale_days, STALE_DAYS)?;
        within(
            "A never-used key is shown after",
            self.never_used_grace_days,
            NEVER_USED_GRACE_DAYS,
        )?;
        within(
            "A disabled key is shown after",
            self.disabled_days,
            DISABLED_DAYS,
        )
    }
}

/// "Rotate every N days" for one connection; off unless the user sets it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct RotationPolicy {
    pub every_days: Option<u32>,
}

impl RotationPolicy {
    pub fn validate(&self) -> Result<(), String> {
        match self.every_days {
            Some(days) => within("Rotating every", days, ROTATE_EVERY_DAYS),
            None => Ok(()),
        }
    }
}

fn within(what: &str, days: u32, (min, max): (u32, u32)) -> Result<(), String> {
    if (min..=max).contains(&days) {
        Ok(())
    } else {
        Err(format!(
            "{what} {days} days is not possible: choose between {min} and {max} days."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_their_defaults() {
        let parsed: AttentionSettings = serde_json::from_str(r#"{"staleDays": 30}"#).unwrap();
        assert_eq!(
            parsed,
            AttentionSettings {
                stale_days: 30,
                ..AttentionSettings::default()
            }
        );
        assert_eq!(
            serde_json::from_str::<AttentionSettings>("{}").unwrap(),
            AttentionSettings::default()
        );
        assert_eq!(
            serde_json::from_str::<RotationPolicy>("{}").unwrap(),
            RotationPolicy { every_days: None },
            "off by default"
        );
    }

    #[test]
    fn serializes_in_camel_case() {
        let json = serde_json::to_value(AttentionSettings::default()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"expiryWindowDays": 14, "staleDays": 90,
                "neverUsedGraceDays": 7, "disabledDays": 30})
        );
        assert_eq!(
            serde_json::to_value(RotationPolicy {
                every_days: Some(90)
            })
            .unwrap(),
            serde_json::json!({"everyDays": 90})
        );
    }

    #[test]
    fn each_bound_is_checked_and_named() {
        assert!(AttentionSettings::default().validate().is_ok());
        let cases = [
            (
                AttentionSettings {
                    expiry_window_days: 0,
                    ..Default::default()
                },
                "expiry reminder",
            ),
            (
                AttentionSettings {
                    stale_days: 6,
                    ..Default::default()
                },
                "stale",
            ),
            (
                AttentionSettings {
                    never_used_grace_days: 366,
                    ..Default::default()
                },
                "never-used",
            ),
            (
                AttentionSettings {
                    disabled_days: 3651,
                    ..Default::default()
                },
                "disabled",
            ),
        ];
        for (settings, words) in cases {
            let error = settings.validate().unwrap_err();
            assert!(error.contains(words), "{error}");
            assert!(error.contains("choose between"), "{error}");
        }
        for edge in [
            AttentionSettings {
                expiry_window_days: 365,
                stale_days: 7,
                never_used_grace_days: 1,
                disabled_days: 3650,
            },
            AttentionSettings {
                expiry_window_days: 1,
                stale_days: 3650,
                never_used_grace_days: 365,
                disabled_days: 1,
            },
        ] {
            assert_eq!(edge.validate(), Ok(()), "{edge:?}");
        }
    }

    #[test]
    fn a_rotation_policy_needs_a_sensible_period() {
        assert!(RotationPolicy::default().validate().is_ok());
        assert!(RotationPolicy {
            every_days: Some(1)
        }
        .validate()
        .is_ok());
        let error = RotationPolicy {
            every_days: Some(0),
        }
        .validate()
        .unwrap_err();
        assert!(error.starts_with("Rotating every 0 days"), "{error}");
        assert!(RotationPolicy {
            every_days: Some(3651)
        }
        .validate()
        .is_err());
    }
}
