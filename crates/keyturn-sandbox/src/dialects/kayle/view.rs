//! What the key routes' answers look like.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::key_order::array_index;
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
    metadata: JsonbOrder,
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
            metadata: JsonbOrder(key.metadata.clone()),
            created_at: rfc3339(&key.created_at),
            updated_at: rfc3339(&key.updated_at),
            request_count: 0,
        }
    }
}

/// An object with its keys in the order the real server returns stored metadata: Postgres'
/// `jsonb` order (shorter keys first, then byte order), except that JavaScript puts keys
/// that are array indices first, in numeric order.
pub(crate) struct JsonbOrder(Map<String, Value>);

impl Serialize for JsonbOrder {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entries: Vec<(&String, &Value)> = self.0.iter().collect();
        entries.sort_by_key(|(key, _)| match array_index(key) {
            Some(index) => (0, index, 0, key.as_bytes()),
            None => (1, 0, key.len(), key.as_bytes()),
        });
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn metadata_keys_come_in_the_real_servers_order() {
        let Value::Object(map) =
            json!({"zz": 1, "abc": 2, "b": 3, "10": 4, "B": 5, "9": 6, "01": 7})
        else {
            unreachable!()
        };
        let text = serde_json::to_string(&JsonbOrder(map)).unwrap();
        assert_eq!(text, r#"{"9":6,"10":4,"B":5,"b":3,"01":7,"zz":1,"abc":2}"#);
    }
}
