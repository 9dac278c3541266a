//! Reading request bodies as JSON objects, so each dialect can word its own validation errors.

use serde_json::{Map, Value};

/// The body as a JSON object; `None` if it is not JSON or not an object.
pub(crate) fn json_object(bytes: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice(bytes).ok()? {
        Value::Object(object) => Some(object),
        _ => None,
    }
}

/// A field's value; a field set to `null` counts as absent.
pub(crate) fn field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).filter(|value| !value.is_null())
}
