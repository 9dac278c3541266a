//! The rules of the key routes' bodies and parameters, reported as Zod issues.

use serde_json::{Map, Value};

use super::ids::is_uuid;
use super::model::PERMISSIONS;
use super::zod::{path, Issue, IssuePath, Segment};

const MAX_NAME: usize = 120;
const MAX_METADATA_KEYS: usize = 20;
const MAX_METADATA_KEY: usize = 64;
const MAX_METADATA_STRING: usize = 512;
const METADATA_KEY_PATTERN: &str = "/^[A-Za-z0-9_.:-]+$/u";

pub(crate) struct CreateRequest {
    pub name: String,
    pub permissions: Vec<String>,
    pub metadata: Map<String, Value>,
}

/// Fields left out stay as they are.
#[derive(Default)]
pub(crate) struct PatchRequest {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub permissions: Option<Vec<String>>,
    pub metadata: Option<Map<String, Value>>,
}

impl PatchRequest {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.enabled.is_none()
            && self.permissions.is_none()
            && self.metadata.is_none()
    }
}

/// JavaScript's string length: UTF-16 code units.
fn js_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// A path or query parameter that must be a UUID; returned in lowercase.
pub(crate) fn uuid_param(value: &str, name: &str) -> Result<String, Vec<Issue>> {
    if is_uuid(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(vec![Issue::uuid(path(&[name]))])
    }
}

fn object(body: &Value) -> Result<&Map<String, Value>, Vec<Issue>> {
    body.as_object()
        .ok_or_else(|| vec![Issue::invalid_type("object", Some(body), Vec::new())])
}

/// `metadata_order`: the metadata keys in the order JavaScript walks them.
pub(crate) fn parse_create(
    body: &Value,
    metadata_order: &[String],
) -> Result<CreateRequest, Vec<Issue>> {
    let object = object(body)?;
    let mut issues = Vec::new();
    let name = required(object, "name", &mut issues, name);
    let permissions = required(object, "permissions", &mut issues, permissions);
    let metadata = optional(object, "metadata", &mut issues, |value, at| {
        metadata(value, at, metadata_order)
    });
    match (name, permissions, metadata) {
        (Some(name), Some(permissions), Some(metadata)) if issues.is_empty() => Ok(CreateRequest {
            name,
            permissions,
            metadata: metadata.unwrap_or_default(),
        }),
        _ => Err(issues),
    }
}

pub(crate) fn parse_patch(
    body: &Value,
    metadata_order: &[String],
) -> Result<PatchRequest, Vec<Issue>> {
    let object = object(body)?;
    let mut issues = Vec::new();
    let name = optional(object, "name", &mut issues, name);
    let enabled = optional(object, "enabled", &mut issues, |value, path| match value {
        Value::Bool(enabled) => Ok(*enabled),
        other => Err(vec![Issue::invalid_type("boolean", Some(other), path)]),
    });
    let permissions = optional(object, "permissions", &mut issues, permissions);
    let metadata = optional(object, "metadata", &mut issues, |value, at| {
        metadata(value, at, metadata_order)
    });
    match (name, enabled, permissions, metadata) {
        (Some(name), Some(enabled), Some(permissions), Some(metadata)) if issues.is_empty() => {
            Ok(PatchRequest {
                name,
                enabled,
                permissions,
                metadata,
            })
        }
        _ => Err(issues),
    }
}

type Rule<T> = fn(&Value, IssuePath) -> Result<T, Vec<Issue>>;

fn required<T>(
    object: &Map<String, Value>,
    field: &str,
    issues: &mut Vec<Issue>,
    rule: Rule<T>,
) -> Option<T> {
    match object.get(field) {
        None => {
            let expected = if field == "permissions" {
                "array"
            } else {
                "string"
            };
            issues.push(Issue::invalid_type(expected, None, path(&[field])));
            None
        }
        Some(value) => rule(value, path(&[field]))
            .map_err(|found| issues.extend(found))
            .ok(),
    }
}

/// `Some(None)` when absent, `None` after an issue.
fn optional<T>(
    object: &Map<String, Value>,
    field: &str,
    issues: &mut Vec<Issue>,
    rule: impl Fn(&Value, IssuePath) -> Result<T, Vec<Issue>>,
) -> Option<Option<T>> {
    match object.get(field) {
        None => Some(None),
        Some(value) => rule(value, path(&[field]))
            .map(Some)
            .map_err(|found| issues.extend(found))
            .ok(),
    }
}

fn name(value: &Value, at: IssuePath) -> Result<String, Vec<Issue>> {
    let Value::String(text) = value else {
        return Err(vec![Issue::invalid_type("string", Some(value), at)]);
    };
    let trimmed = text.trim();
    match js_len(trimmed) {
        0 => Err(vec![Issue::too_small("string", 1, at)]),
        n if n > MAX_NAME => Err(vec![Issue::too_big("string", MAX_NAME, at)]),
        _ => Ok(trimmed.to_string()),
    }
}

fn permissions(value: &Value, at: IssuePath) -> Result<Vec<String>, Vec<Issue>> {
    let Value::Array(items) = value else {
        return Err(vec![Issue::invalid_type("array", Some(value), at)]);
    };
    let mut issues = Vec::new();
    let mut permissions = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item.as_str().filter(|p| PERMISSIONS.contains(p)) {
            Some(permission) => permissions.push(permission.to_string()),
            None => {
                let mut item_path = at.clone();
                item_path.push(Segment::Index(index));
                issues.push(Issue::invalid_value(&PERMISSIONS, item_path));
            }
        }
    }
    if items.is_empty() {
        issues.push(Issue::too_small("array", 1, at));
    }
    if issues.is_empty() {
        Ok(permissions)
    } else {
        Err(issues)
    }
}

fn metadata(
    value: &Value,
    at: IssuePath,
    order: &[String],
) -> Result<Map<String, Value>, Vec<Issue>> {
    let Value::Object(entries) = value else {
        return Err(vec![Issue::invalid_type("record", Some(value), at)]);
    };
    let mut issues = Vec::new();
    let ordered = order
        .iter()
        .filter_map(|key| entries.get_key_value(key))
        .chain(entries.iter().filter(|(key, _)| !order.contains(key)));
    for (key, value) in ordered {
        let mut entry_path = at.clone();
        entry_path.push(Segment::Key(key.clone()));
        let key_issues = metadata_key(key);
        if !key_issues.is_empty() {
            issues.push(Issue::invalid_key(key_issues, entry_path));
            continue;
        }
        match value {
            Value::String(text) if js_len(text) > MAX_METADATA_STRING => {
                issues.push(Issue::too_big("string", MAX_METADATA_STRING, entry_path));
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
            other => {
                let branch =
                    |expected| vec![Issue::invalid_type(expected, Some(other), Vec::new())];
                let errors = vec![branch("string"), branch("number"), branch("boolean")];
                issues.push(Issue::invalid_union(errors, entry_path));
            }
        }
    }
    if issues.is_empty() && entries.len() > MAX_METADATA_KEYS {
        issues.push(Issue::custom(
            at,
            "API key metadata must have at most 20 keys",
        ));
    }
    if issues.is_empty() {
        Ok(entries.clone())
    } else {
        Err(issues)
    }
}

fn metadata_key(key: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let len = js_len(key);
    if len < 1 {
        issues.push(Issue::too_small("string", 1, Vec::new()));
    }
    if len > MAX_METADATA_KEY {
        issues.push(Issue::too_big("string", MAX_METADATA_KEY, Vec::new()));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_.:-".contains(c);
    if key.is_empty() || !key.chars().all(allowed) {
        issues.push(Issue::regex(
            METADATA_KEY_PATTERN,
            Vec::new(),
            format!("Invalid string: must match pattern {METADATA_KEY_PATTERN}"),
        ));
    }
    issues
}
