use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ordered::{self, Ordered};
use crate::secret::is_sha256_hex;
use crate::usage::Usage;

pub(crate) const PERMISSIONS: [&str; 5] = [
    "webhooks:read",
    "webhooks:write",
    "sessions:read",
    "sessions:write",
    "analytics:read",
];

#[derive(Default, Serialize, Deserialize)]
pub(crate) struct KayleState {
    keys: Vec<KayleKey>,
    /// Deleted keys are gone from the list; the consumer endpoint still says why they fail.
    #[serde(default)]
    deleted: Vec<DeletedKey>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct KayleKey {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub permissions: Vec<String>,
    pub metadata: Map<String, Value>,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub usage: Usage,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct DeletedKey {
    pub id: String,
    pub sha256: String,
}

impl Ordered for KayleKey {
    fn id(&self) -> &str {
        &self.id
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

impl KayleState {
    pub fn keys(&self) -> &[KayleKey] {
        &self.keys
    }

    pub fn find(&self, id: &str) -> Option<&KayleKey> {
        self.keys.iter().find(|key| key.id == id)
    }

    pub fn is_deleted_hash(&self, sha256: &str) -> bool {
        self.deleted.iter().any(|key| key.sha256 == sha256)
    }

    pub fn put(&mut self, key: KayleKey) {
        ordered::upsert(&mut self.keys, key);
    }

    pub fn delete(&mut self, id: &str) {
        if let Some(index) = self.keys.iter().position(|key| key.id == id) {
            let key = self.keys.remove(index);
            self.deleted.push(DeletedKey {
                id: key.id,
                sha256: key.sha256,
            });
        }
    }

    /// Replaces every key; they must already be in order.
    pub fn replace_all(&mut self, keys: Vec<KayleKey>) {
        self.keys = keys;
    }

    pub fn check(&self) -> Result<(), String> {
        ordered::check_unique("Kayle", &self.keys, |key| &key.sha256)?;
        match self.deleted.iter().find(|key| !is_sha256_hex(&key.sha256)) {
            Some(key) => Err(format!("the deleted Kayle key {} is malformed", key.id)),
            None => Ok(()),
        }
    }
}
