//! The one key model every vendor dialect maps onto.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::secrets::Sensitive;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KeyStatus {
    Active,
    Disabled,
    Revoked,
    Expired,
}

/// What a vendor says about a key's last use. `NotReported` is not "never used".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum LastUsed {
    NotReported,
    Never,
    #[serde(rename_all = "camelCase")]
    Used {
        at: DateTime<Utc>,
        ip: Option<String>,
        user_agent: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: Option<String>,
    /// The first characters of the secret as the vendor reports them, never more.
    pub masked_prefix: Option<String>,
    pub status: KeyStatus,
    pub created_at: Option<DateTime<Utc>>,
    pub last_used: LastUsed,
}

/// What a vendor's key API can do; the UI reads this instead of naming vendors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    pub max_keys: Option<u32>,
    pub can_reset: bool,
    pub can_disable: bool,
    pub last_key_deletable: bool,
    pub reports_last_used: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyList {
    pub profile_id: String,
    pub keys: Vec<ApiKey>,
    pub capabilities: Capabilities,
    pub fetched_at: DateTime<Utc>,
}

/// What the user asks for when creating a key; each vendor uses the fields it knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyDraft {
    pub name: Option<String>,
}

/// A key just created: the only moment its secret is known.
#[derive(Debug)]
pub struct CreatedKey {
    pub key: ApiKey,
    pub secret: Sensitive<String>,
}
