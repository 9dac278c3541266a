//! What moves a rotation (the user's actions and the vendor's answers) and what a
//! rotation asks the driver to do.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::keys::create_guard::CreateFailure;
use crate::keys::model::{ApiKey, KeyDraft};
use crate::vendors::error::VendorError;

/// What the user does in the wizard; comes in over IPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "camelCase")]
pub enum RotationAction {
    /// Picks the key to replace; a key in use can go first only with `override_in_use`.
    #[serde(rename_all = "camelCase")]
    Choose {
        key_id: String,
        #[serde(default)]
        override_in_use: bool,
    },
    #[serde(rename_all = "camelCase")]
    Create {
        #[serde(default)]
        draft: KeyDraft,
    },
    /// The reveal dialog closed: the user has stored the new secret.
    SecretStored,
    #[serde(rename_all = "camelCase")]
    ConsumerChecked {
        name: String,
        checked: bool,
    },
    #[serde(rename_all = "camelCase")]
    ConsumerRemoved {
        name: String,
    },
    #[serde(rename_all = "camelCase")]
    TestedNewKey {
        ok: bool,
    },
    #[serde(rename_all = "camelCase")]
    SetQuietWindow {
        seconds: u32,
    },
    /// Moves on from verifying to retiring the old key.
    Retire,
    Disable,
    /// `force` revokes before verification is green (the early-revoke override).
    #[serde(rename_all = "camelCase")]
    Revoke {
        confirmation: String,
        #[serde(default)]
        force: bool,
    },
    /// Ends a rotation whose old key is already gone.
    Finish,
    #[serde(rename_all = "camelCase")]
    RevokeOrphan {
        key_id: String,
    },
    /// Leaves keys from a lost create in place and goes back to creating.
    DismissOrphans,
    Refresh,
    Cancel,
}

impl RotationAction {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Choose { .. } => "choose",
            Self::Create { .. } => "create",
            Self::SecretStored => "secretStored",
            Self::ConsumerChecked { .. } => "consumerChecked",
            Self::ConsumerRemoved { .. } => "consumerRemoved",
            Self::TestedNewKey { .. } => "testedNewKey",
            Self::SetQuietWindow { .. } => "setQuietWindow",
            Self::Retire => "retire",
            Self::Disable => "disable",
            Self::Revoke { .. } => "revoke",
            Self::Finish => "finish",
            Self::RevokeOrphan { .. } => "revokeOrphan",
            Self::DismissOrphans => "dismissOrphans",
            Self::Refresh => "refresh",
            Self::Cancel => "cancel",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Act(RotationAction),
    /// A key list arrived, as the vendor reported it at `at`.
    Observed {
        keys: Vec<ApiKey>,
        at: DateTime<Utc>,
    },
    /// The create succeeded; the secret stays with the driver's caller.
    KeyCreated(ApiKey),
    CreateFailed(CreateFailure),
    Disabled {
        key_id: String,
    },
    Revoked {
        key_id: String,
    },
    /// A list, disable or delete failed.
    VendorFailed(VendorError),
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Act(action) => action.name(),
            Self::Observed { .. } => "observed",
            Self::KeyCreated(_) => "keyCreated",
            Self::CreateFailed(_) => "createFailed",
            Self::Disabled { .. } => "disabled",
            Self::Revoked { .. } => "revoked",
            Self::VendorFailed(_) => "vendorFailed",
        }
    }
}

/// What the driver must do, in order. A vendor call always follows a `WriteJournal`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    WriteJournal,
    ListKeys,
    CreateKey(KeyDraft),
    DisableKey(String),
    RevokeKey(String),
}

impl Effect {
    pub fn calls_vendor(&self) -> bool {
        !matches!(self, Self::WriteJournal)
    }
}
