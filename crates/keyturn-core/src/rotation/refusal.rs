//! Why the machine refused an event. A refusal changes nothing.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum RotationError {
    #[error("{event} is not possible while the rotation is at {step}")]
    NotNow { step: String, event: String },
    #[error("this rotation has ended")]
    Finished,
    #[error("wait for the vendor to answer the previous request")]
    Busy,
    #[serde(rename_all = "camelCase")]
    #[error("there is no key {key_id:?} to choose here")]
    UnknownKey { key_id: String },
    #[serde(rename_all = "camelCase")]
    #[error("key {key_id:?} was used at {last_used_at}; retiring it before its replacement exists needs an explicit override")]
    KeyInUse {
        key_id: String,
        last_used_at: DateTime<Utc>,
    },
    #[error("this vendor cannot disable keys")]
    CannotDisable,
    #[error("the old key is already disabled")]
    AlreadyDisabled,
    #[error("disable the old key first, and check nothing breaks, before revoking it")]
    DisableFirst,
    #[error("type the old key's name or id exactly to revoke it")]
    ConfirmationMismatch,
    #[error(
        "the new key is not verified yet; revoking the old key now needs the early-revoke override"
    )]
    NotVerified,
    #[error("the vendor does not allow revoking an account's last active key")]
    LastActiveKey,
    #[error("the old key still exists: retire it, or cancel the rotation")]
    OldKeyRemains,
    #[error("there is no old key left to retire")]
    NoOldKey,
    #[serde(rename_all = "camelCase")]
    #[error("the quiet window must be between {min_secs} and {max_secs} seconds")]
    QuietWindowOutOfRange { min_secs: u32, max_secs: u32 },
    #[error("a consumer needs a name")]
    EmptyConsumerName,
}
