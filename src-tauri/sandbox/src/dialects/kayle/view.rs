//! What Kayle ID's answers look like.

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::KayleKey;
use crate::clock::rfc3339;

/// `{"data": ..., "error": null}`.
#[derive(Serialize)]
pub(crate) struct Envelope<T> {
    pub data: T,
    pub error: (),
}

impl<T> Envelope<T> {
    pub fn new(data: T) -> Self {
        Self { data, error: () }
    }
}

#[derive(Serialize)]
pub(crate) struct CreatedKey {
    pub id: String,
    /// The full value, returned only here.
    pub key: String,
}

#[derive(Serialize)]
pub(crate) struct DeletedKey {
    pub id: String,
    pub deleted: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct KeyItem {
    id: String,
    name: String,
    enabled: bool,
    permissions: Vec<String>,
    metadata: Map<String, Value>,
    created_at: String,
    updated_at: String,
    request_count: u64,
}

impl KeyItem {
    pub fn new(key: &KayleKey) -> Self {
        Self {
            id: key.id.clone(),
            name: key.name.clone(),
            enabled: key.enabled,
            permissions: key.permissions.clone(),
            metadata: key.metadata.clone(),
            created_at: rfc3339(&key.created_at),
            updated_at: rfc3339(&key.updated_at),
            request_count: key.usage.request_count,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct KeyPage {
    pub data: Vec<KeyItem>,
    pub error: (),
    pub pagination: Pagination,
}

#[derive(Serialize)]
pub(crate) struct Pagination {
    pub limit: usize,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}
