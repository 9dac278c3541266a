//! What a rotation is at any moment: the facts gathered so far (which key goes,
//! which key came) and the step it is at. Serialized as is for the UI.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connections::connection::VendorKind;
use crate::keys::model::{ApiKey, Capabilities, KeyDraft, KeyStatus, LastUsed};
use crate::rotation::verification::VerificationStatus;
use crate::vendors::error::{VendorError, VendorErrorKind};

pub const DEFAULT_QUIET_WINDOW_SECS: u32 = 10 * 60;
pub const MIN_QUIET_WINDOW_SECS: u32 = 60;
pub const MAX_QUIET_WINDOW_SECS: u32 = 7 * 24 * 60 * 60;

/// A key used this recently is taken to be in use by some consumer.
pub fn in_use_window() -> Duration {
    Duration::hours(1)
}

/// `rot_` and 24 hex digits: safe as a file name.
pub fn new_rotation_id() -> String {
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("rot_{hex}")
}

/// A key as the rotation remembers it: enough to name it, never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyRef {
    pub id: String,
    pub name: Option<String>,
    pub created_at: Option<DateTime<Utc>>,
}

impl KeyRef {
    pub fn of(key: &ApiKey) -> Self {
        Self {
            id: key.id.clone(),
            name: key.name.clone(),
            created_at: key.created_at,
        }
    }

    /// The typed confirmation a delete needs: the key's name or its id, exactly.
    pub fn is_confirmed_by(&self, typed: &str) -> bool {
        let typed = typed.trim();
        !typed.is_empty()
            && (typed == self.id || self.name.as_deref().map(str::trim) == Some(typed))
    }
}

/// What tells Keyturn that a key is being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum UsageSignal {
    /// The vendor reports when a key was last used.
    LastUsedAt,
    /// Only a request count: used means the count went up between two looks.
    RequestCount,
    /// Nothing at all: the user confirms each consumer by hand.
    Checklist,
}

/// The vendor's capabilities that shape a rotation, fixed when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationRules {
    pub max_keys: Option<u32>,
    pub can_disable: bool,
    #[serde(alias = "lastKeyDeletable")]
    pub last_key_revocable: bool,
    pub usage: UsageSignal,
}

impl From<&Capabilities> for RotationRules {
    fn from(capabilities: &Capabilities) -> Self {
        let usage = if capabilities.last_used.at {
            UsageSignal::LastUsedAt
        } else if capabilities.last_used.request_count {
            UsageSignal::RequestCount
        } else {
            UsageSignal::Checklist
        };
        Self {
            max_keys: capabilities.max_keys,
            can_disable: capabilities.can_disable,
            last_key_revocable: capabilities.last_key_revocable,
            usage,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum OrphanReason {
    /// The create's answer was lost: a key appeared whose secret nobody saw.
    CreateAnswerLost,
    /// Keyturn closed before the user confirmed storing the new key's secret.
    SecretNotConfirmed,
}

impl OrphanReason {
    pub fn explanation(self) -> &'static str {
        match self {
            Self::CreateAnswerLost => {
                "The vendor created a key but its answer never reached Keyturn, so nobody has seen \
                 its secret and nothing can use it. Revoke it, then create the new key again."
            }
            Self::SecretNotConfirmed => {
                "Keyturn closed before you confirmed storing the new key's secret, and Keyturn never \
                 keeps secrets, so it cannot be shown again. If you did store it, carry on; otherwise \
                 revoke the key and create another."
            }
        }
    }
}

/// A vendor call on the old key that has been sent and not yet answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RetireAction {
    Disabling,
    /// Journals written before "revoke" was the one word say `deleting`.
    #[serde(alias = "deleting")]
    Revoking,
}

/// The last vendor failure, for the UI to show next to the step it happened in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationProblem {
    pub reason: VendorErrorKind,
    pub message: String,
    pub code: Option<String>,
    pub request_id: Option<String>,
}

impl From<&VendorError> for RotationProblem {
    fn from(error: &VendorError) -> Self {
        Self {
            reason: error.kind,
            message: error.message.clone(),
            code: error.code.clone(),
            request_id: error.request_id.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "step", rename_all = "camelCase")]
pub enum RotationStep {
    /// Waiting for the key list.
    CheckingSlots,
    /// The user picks the key this rotation replaces.
    #[serde(rename_all = "camelCase")]
    ChooseRetiring {
        keys: Vec<ApiKey>,
        /// Keys used within the last hour.
        in_use_key_ids: Vec<String>,
    },
    ReadyToCreate,
    /// Listing once more so the pre-create snapshot is fresh.
    #[serde(rename_all = "camelCase")]
    ListingBeforeCreate {
        draft: KeyDraft,
    },
    /// The create is sent, or its outcome is unknown.
    #[serde(rename_all = "camelCase")]
    Creating {
        pre_create_key_ids: Vec<String>,
    },
    /// The new key exists; its secret is in the reveal dialog.
    Created,
    #[serde(rename_all = "camelCase")]
    OrphanFound {
        orphans: Vec<KeyRef>,
        reason: OrphanReason,
        explanation: String,
        revoking: Option<String>,
    },
    Verifying,
    #[serde(rename_all = "camelCase")]
    Retiring {
        action: Option<RetireAction>,
    },
    Done,
    Cancelled,
}

impl RotationStep {
    pub fn name(&self) -> &'static str {
        match self {
            Self::CheckingSlots => "checkingSlots",
            Self::ChooseRetiring { .. } => "chooseRetiring",
            Self::ReadyToCreate => "readyToCreate",
            Self::ListingBeforeCreate { .. } => "listingBeforeCreate",
            Self::Creating { .. } => "creating",
            Self::Created => "created",
            Self::OrphanFound { .. } => "orphanFound",
            Self::Verifying => "verifying",
            Self::Retiring { .. } => "retiring",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Done | Self::Cancelled)
    }

    /// A vendor call is under way that another action must not race.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Self::ListingBeforeCreate { .. }
                | Self::Retiring { action: Some(_) }
                | Self::OrphanFound {
                    revoking: Some(_),
                    ..
                }
        )
    }
}

/// One key's rotation on one connection.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    pub id: String,
    pub connection_id: String,
    pub vendor: VendorKind,
    pub rules: RotationRules,
    pub quiet_window_secs: u32,
    pub started_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The account was full: the old key goes before the new one is created.
    pub retire_first: bool,
    pub old_key: Option<KeyRef>,
    pub old_key_disabled: bool,
    pub old_key_revoked: bool,
    pub new_key: Option<KeyRef>,
    /// From the moment the user confirms storing the new secret.
    pub verification: Option<VerificationStatus>,
    pub problem: Option<RotationProblem>,
    pub state: RotationStep,
    /// The latest key list, for the guards; not shown, not journaled.
    #[serde(skip)]
    pub known_keys: Vec<ApiKey>,
}

impl Rotation {
    /// The old key while it still exists at the vendor.
    pub fn remaining_old_key(&self) -> Option<&KeyRef> {
        self.old_key.as_ref().filter(|_| !self.old_key_revoked)
    }

    /// No other key in the latest list is active.
    pub fn is_last_active_key(&self, key_id: &str, now: DateTime<Utc>) -> bool {
        !self
            .known_keys
            .iter()
            .any(|k| k.id != key_id && k.effective_status(now) == KeyStatus::Active)
    }
}

/// When a key was used within the in-use window before `now`, if it was.
pub fn recent_use(key: &ApiKey, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match key.last_used {
        LastUsed::Used { at, .. } if at >= now - in_use_window() => Some(at),
        _ => None,
    }
}
