//! The one key model every vendor dialect maps onto.

use std::collections::BTreeMap;

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

/// A metadata value as vendors allow it: text, number or flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum MetadataValue {
    Text(String),
    Number(f64),
    Flag(bool),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    /// The first characters of the secret as the vendor reports them, never more.
    pub masked_prefix: Option<String>,
    pub scopes: Vec<String>,
    pub environment: Option<String>,
    pub status: KeyStatus,
    pub created_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used: LastUsed,
    /// `None` when the vendor does not report a count.
    #[ts(type = "number | null")]
    pub request_count: Option<u64>,
    pub metadata: BTreeMap<String, MetadataValue>,
    /// Why Keyturn could not read all of this key from the vendor's list, in one
    /// sentence for the user; absent when it could.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
}

impl ApiKey {
    /// A key with only an id; adapters fill in what their vendor reports.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: None,
            description: None,
            masked_prefix: None,
            scopes: Vec::new(),
            environment: None,
            status: KeyStatus::Active,
            created_at: None,
            expires_at: None,
            revoked_at: None,
            last_used: LastUsed::NotReported,
            request_count: None,
            metadata: BTreeMap::new(),
            problem: None,
        }
    }

    /// Expired when the vendor says active but the expiry has passed.
    pub fn effective_status(&self, now: DateTime<Utc>) -> KeyStatus {
        match (self.status, self.expires_at) {
            (KeyStatus::Active, Some(at)) if at <= now => KeyStatus::Expired,
            (status, _) => status,
        }
    }
}

/// A field of the create form; which ones a vendor has is in its capabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DraftField {
    Name,
    Description,
    Environment,
    Scopes,
    ExpiresAt,
    Metadata,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
    pub field: DraftField,
    pub required: bool,
}

/// Which last-use facts a vendor reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastUsedFields {
    pub at: bool,
    pub ip: bool,
    pub user_agent: bool,
    pub request_count: bool,
}

/// How many scopes a create takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ScopeChoice {
    None,
    One,
    AtLeastOne,
    Any,
}

/// What a vendor's key API can do; the UI reads this instead of naming vendors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    /// The word the vendor uses for a key's name ("Name", "Label").
    pub name_label: String,
    pub max_keys: Option<u32>,
    pub max_name_length: Option<u32>,
    pub can_reset: bool,
    pub can_disable: bool,
    pub can_rename: bool,
    pub last_key_revocable: bool,
    /// Revoked keys stay in the list (status revoked) instead of disappearing.
    pub revoked_keys_listed: bool,
    pub last_used: LastUsedFields,
    pub scope_choice: ScopeChoice,
    pub scopes: Vec<String>,
    pub default_scopes: Vec<String>,
    pub environments: Vec<String>,
    pub create_fields: Vec<FieldSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyList {
    pub connection_id: String,
    pub keys: Vec<ApiKey>,
    pub capabilities: Capabilities,
    pub fetched_at: DateTime<Utc>,
}

/// What the user asks for when creating a key; each vendor uses the fields it knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyDraft {
    pub name: Option<String>,
    pub description: Option<String>,
    pub environment: Option<String>,
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub metadata: BTreeMap<String, MetadataValue>,
}

/// A change to an existing key; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyUpdate {
    pub name: Option<String>,
    pub enabled: Option<bool>,
}

/// One page of a vendor's list and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque to callers: an offset or a cursor, whatever the vendor pages by.
    pub next: Option<String>,
    pub total: Option<u64>,
}

impl<T> Page<T> {
    pub fn last(items: Vec<T>) -> Self {
        Self {
            items,
            next: None,
            total: None,
        }
    }
}

/// A key just created: the only moment its secret is known.
#[derive(Debug)]
pub struct CreatedKey {
    pub key: ApiKey,
    pub secret: Sensitive<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn an_active_key_past_its_expiry_is_expired() {
        let now = Utc::now();
        let mut key = ApiKey::new("k");
        assert_eq!(key.effective_status(now), KeyStatus::Active);
        key.expires_at = Some(now - Duration::seconds(1));
        assert_eq!(key.effective_status(now), KeyStatus::Expired);
        key.status = KeyStatus::Revoked;
        assert_eq!(
            key.effective_status(now),
            KeyStatus::Revoked,
            "revoked wins"
        );
        key.status = KeyStatus::Active;
        key.expires_at = Some(now + Duration::days(1));
        assert_eq!(key.effective_status(now), KeyStatus::Active);
    }

    #[test]
    fn metadata_values_serialize_untagged() {
        let mut key = ApiKey::new("k");
        key.metadata
            .insert("team".into(), MetadataValue::Text("payroll".into()));
        key.metadata
            .insert("tier".into(), MetadataValue::Number(2.0));
        key.metadata
            .insert("prod".into(), MetadataValue::Flag(true));
        let json = serde_json::to_value(&key).unwrap();
        assert_eq!(
            json["metadata"],
            serde_json::json!({"prod": true, "team": "payroll", "tier": 2.0})
        );
        assert_eq!(
            json["lastUsed"],
            serde_json::json!({"state": "notReported"})
        );
    }
}
