use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ordered::{self, Ordered};
use crate::usage::Usage;

#[derive(Default, Serialize, Deserialize)]
pub(crate) struct ApiKeysState {
    keys: Vec<ApiKey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum Scope {
    #[serde(rename = "read")]
    Read,
    #[serde(rename = "read-write")]
    ReadWrite,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::ReadWrite => "read-write",
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct ApiKey {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub scope: Scope,
    pub service_account_id: Option<String>,
    pub key_prefix: String,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub usage: Usage,
}

impl ApiKey {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_some_and(|expires| expires <= now)
    }
}

impl Ordered for ApiKey {
    fn id(&self) -> &str {
        &self.id
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

impl ApiKeysState {
    pub fn keys(&self) -> &[ApiKey] {
        &self.keys
    }

    pub fn find(&self, id: &str) -> Option<&ApiKey> {
        self.keys.iter().find(|key| key.id == id)
    }

    pub fn put(&mut self, key: ApiKey) {
        ordered::upsert(&mut self.keys, key);
    }

    /// Replaces every key; they must already be in order.
    pub fn replace_all(&mut self, keys: Vec<ApiKey>) {
        self.keys = keys;
    }

    pub fn check(&self) -> Result<(), String> {
        ordered::check_unique("/v1/api-keys", &self.keys, |key| &key.sha256)
    }
}
