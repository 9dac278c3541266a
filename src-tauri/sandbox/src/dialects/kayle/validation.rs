use serde_json::{Map, Value};

use super::error::KayleError;
use super::model::PERMISSIONS;
use crate::json_body::{field, json_object};

const MAX_NAME_CHARS: usize = 120;
const MAX_METADATA_ENTRIES: usize = 50;
const MAX_METADATA_STRING_CHARS: usize = 512;

pub(crate) struct CreateRequest {
    pub name: String,
    pub permissions: Vec<String>,
    pub metadata: Map<String, Value>,
}

/// Fields left out stay as they are.
pub(crate) struct PatchRequest {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub permissions: Option<Vec<String>>,
    pub metadata: Option<Map<String, Value>>,
}

fn body_object(body: &[u8]) -> Result<Map<String, Value>, KayleError> {
    json_object(body).ok_or_else(|| KayleError::validation("the body must be a JSON object"))
}

pub(crate) fn parse_create(body: &[u8]) -> Result<CreateRequest, KayleError> {
    let object = body_object(body)?;
    let name = field(&object, "name").ok_or_else(|| KayleError::validation("name is required"))?;
    let permissions = field(&object, "permissions")
        .ok_or_else(|| KayleError::validation("permissions is required"))?;
    Ok(CreateRequest {
        name: parse_name(name)?,
        permissions: parse_permissions(permissions)?,
        metadata: field(&object, "metadata")
            .map(parse_metadata)
            .transpose()?
            .unwrap_or_default(),
    })
}

pub(crate) fn parse_patch(body: &[u8]) -> Result<PatchRequest, KayleError> {
    let object = body_object(body)?;
    let enabled = match field(&object, "enabled") {
        None => None,
        Some(Value::Bool(enabled)) => Some(*enabled),
        Some(_) => return Err(KayleError::validation("enabled must be true or false")),
    };
    let patch = PatchRequest {
        name: field(&object, "name").map(parse_name).transpose()?,
        enabled,
        permissions: field(&object, "permissions")
            .map(parse_permissions)
            .transpose()?,
        metadata: field(&object, "metadata").map(parse_metadata).transpose()?,
    };
    let empty = patch.name.is_none()
        && patch.enabled.is_none()
        && patch.permissions.is_none()
        && patch.metadata.is_none();
    if empty {
        return Err(KayleError::validation(
            "send at least one of name, enabled, permissions, metadata",
        ));
    }
    Ok(patch)
}

fn parse_name(value: &Value) -> Result<String, KayleError> {
    let name = value
        .as_str()
        .ok_or_else(|| KayleError::validation("name must be a string"))?;
    if !(1..=MAX_NAME_CHARS).contains(&name.chars().count()) {
        return Err(KayleError::validation(format!(
            "name must be 1 to {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(name.to_string())
}

fn parse_permissions(value: &Value) -> Result<Vec<String>, KayleError> {
    let not_strings = || KayleError::validation("permissions must be an array of strings");
    let items = value.as_array().ok_or_else(not_strings)?;
    if items.is_empty() {
        return Err(KayleError::validation(
            "permissions must contain at least one permission",
        ));
    }
    let mut permissions: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let permission = item.as_str().ok_or_else(not_strings)?;
        if !PERMISSIONS.contains(&permission) {
            return Err(KayleError::validation(format!(
                "permissions contains an unknown permission: {permission} (allowed: {})",
                PERMISSIONS.join(", ")
            )));
        }
        if permissions.iter().any(|seen| seen == permission) {
            return Err(KayleError::validation(format!(
                "permissions lists {permission} more than once"
            )));
        }
        permissions.push(permission.to_string());
    }
    Ok(permissions)
}

fn parse_metadata(value: &Value) -> Result<Map<String, Value>, KayleError> {
    let metadata = value
        .as_object()
        .ok_or_else(|| KayleError::validation("metadata must be an object"))?;
    if metadata.len() > MAX_METADATA_ENTRIES {
        return Err(KayleError::validation(format!(
            "metadata may have at most {MAX_METADATA_ENTRIES} entries"
        )));
    }
    for (key, value) in metadata {
        match value {
            Value::String(text) if text.chars().count() > MAX_METADATA_STRING_CHARS => {
                return Err(KayleError::validation(format!(
                    "metadata.{key} must be at most {MAX_METADATA_STRING_CHARS} characters"
                )))
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
            _ => {
                return Err(KayleError::validation(format!(
                    "metadata.{key} must be a string, number or boolean"
                )))
            }
        }
    }
    Ok(metadata.clone())
}
