use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ordered::{self, Ordered};
use crate::usage::Usage;

/// Granted when a create request names no scopes.
pub(crate) const DEFAULT_SCOPES: [&str; 5] = [
    "sessions:read",
    "sessions:create",
    "sessions:write",
    "verifications:read",
    "identities:read",
];

/// Granted only when asked for explicitly.
pub(crate) const MANAGEMENT_SCOPES: [&str; 17] = [
    "webhooks:read",
    "webhooks:write",
    "keys:read",
    "keys:write",
    "org:read",
    "org:write",
    "screening:read",
    "screening:write",
    "workflows:read",
    "workflows:write",
    "cases:read",
    "cases:write",
    "lists:read",
    "lists:write",
    "documents:write",
    "audit:read",
    "analytics:read",
];

pub(crate) fn is_known_scope(scope: &str) -> bool {
    DEFAULT_SCOPES.contains(&scope) || MANAGEMENT_SCOPES.contains(&scope)
}

/// Every organization's keys, by organization id. An organization exists once it is
/// first addressed; one without keys is simply absent here.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct VerifaState {
    orgs: BTreeMap<String, Vec<VerifaKey>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Environment {
    Live,
    Sandbox,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Live => "live",
            Environment::Sandbox => "sandbox",
        }
    }

    pub fn key_prefix(self) -> &'static str {
        match self {
            Environment::Live => "vk_live_",
            Environment::Sandbox => "vk_sandbox_",
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct VerifaKey {
    pub id: String,
    pub label: String,
    pub environment: Environment,
    pub key_prefix: String,
    pub sha256: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub usage: Usage,
}

impl VerifaKey {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_some_and(|expires| expires <= now)
    }
}

impl Ordered for VerifaKey {
    fn id(&self) -> &str {
        &self.id
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

impl VerifaState {
    pub fn keys(&self, org_id: &str) -> &[VerifaKey] {
        self.orgs.get(org_id).map_or(&[], Vec::as_slice)
    }

    pub fn find(&self, org_id: &str, key_id: &str) -> Option<&VerifaKey> {
        self.keys(org_id).iter().find(|key| key.id == key_id)
    }

    /// Every organization's keys, with the organization id.
    pub fn all_keys(&self) -> impl Iterator<Item = (&str, &VerifaKey)> {
        self.orgs
            .iter()
            .flat_map(|(org, keys)| keys.iter().map(move |key| (org.as_str(), key)))
    }

    pub fn put(&mut self, org_id: String, key: VerifaKey) {
        ordered::upsert(self.orgs.entry(org_id).or_default(), key);
    }

    /// Replaces one organization's keys; they must already be in order.
    pub fn replace_org(&mut self, org_id: String, keys: Vec<VerifaKey>) {
        self.orgs.insert(org_id, keys);
    }

    pub fn check(&self) -> Result<(), String> {
        for (org_id, keys) in &self.orgs {
            if !super::is_valid_org_id(org_id) {
                return Err(format!(
                    "the Verifa organization id {org_id:?} is malformed"
                ));
            }
            ordered::check_unique("Verifa", keys, |key| &key.sha256)?;
        }
        Ok(())
    }
}
