//! What Verifa's answers look like.

use serde::Serialize;

use super::model::VerifaKey;
use crate::clock::{rfc3339, rfc3339_opt};

#[derive(Serialize)]
pub(crate) struct CreatedKey {
    pub id: String,
    /// The full value, returned only here.
    pub key: String,
    pub label: String,
    pub environment: &'static str,
    pub created_at: String,
    pub key_prefix: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ListedKey {
    id: String,
    label: String,
    environment: &'static str,
    key_prefix: String,
    scopes: Vec<String>,
    is_active: bool,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct KeyPage {
    pub data: Vec<ListedKey>,
    pub pagination: Pagination,
}

/// No `total`: Verifa returns one from only some endpoints, so clients cannot rely on it.
#[derive(Serialize)]
pub(crate) struct Pagination {
    pub limit: usize,
    pub offset: usize,
}

impl ListedKey {
    /// Active means neither revoked nor expired; Verifa's documented key object says
    /// which by `is_active` and `expires_at` alone, with no `revoked_at`.
    pub fn new(key: &VerifaKey, now: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            id: key.id.clone(),
            label: key.label.clone(),
            environment: key.environment.as_str(),
            key_prefix: key.key_prefix.clone(),
            scopes: key.scopes.clone(),
            is_active: key.revoked_at.is_none() && !key.is_expired(now),
            created_at: rfc3339(&key.created_at),
            last_used_at: rfc3339_opt(&key.usage.last_used_at),
            expires_at: rfc3339_opt(&key.expires_at),
        }
    }
}
