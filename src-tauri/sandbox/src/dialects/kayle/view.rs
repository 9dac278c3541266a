//! What the key routes' answers look like.

use serde::Serialize;
use serde_json::{Map, Value};

use super::model::KayleKey;
use crate::clock::rfc3339;

pub(crate) const PAGE_SIZE: usize = 10;

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

/// `{"status": "success", "message": "API key <verb> successfully"}`.
#[derive(Serialize)]
pub(crate) struct Done {
    status: &'static str,
    message: &'static str,
}

impl Done {
    pub fn updated() -> Self {
        Self {
            status: "success",
            message: "API key updated successfully",
        }
    }

    pub fn deleted() -> Self {
        Self {
            status: "success",
            message: "API key deleted successfully",
        }
    }
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
    /// The real server never increments it.
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
            request_count: 0,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct Page<T> {
    pub data: Vec<T>,
    pub error: (),
    pub pagination: Pagination,
}

#[derive(Serialize)]
pub(crate) struct Pagination {
    pub limit: usize,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of at most `PAGE_SIZE` from `items`, the cursor being `id` of the last one.
    pub fn of<'a, K: 'a>(
        mut items: impl Iterator<Item = &'a K>,
        view: impl Fn(&K) -> T,
        id: impl Fn(&K) -> String,
    ) -> Self {
        let mut data = Vec::with_capacity(PAGE_SIZE);
        let mut last = None;
        for item in items.by_ref().take(PAGE_SIZE) {
            data.push(view(item));
            last = Some(id(item));
        }
        let has_more = items.next().is_some();
        Page {
            data,
            error: (),
            pagination: Pagination {
                limit: PAGE_SIZE,
                has_more,
                next_cursor: last.filter(|_| has_more),
            },
        }
    }
}
