use chrono::{DateTime, Utc};
use serde_json::Value;

use super::envelope::ApiKeysError;
use super::model::Scope;
use crate::clock::parse_rfc3339;
use crate::json_body::{field, json_object};

const MAX_NAME_CHARS: usize = 100;
const MAX_DESCRIPTION_CHARS: usize = 500;

pub(crate) struct CreateRequest {
    pub name: String,
    pub description: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub scope: Scope,
    pub service_account_id: Option<String>,
}

pub(crate) fn parse_create(body: &[u8], now: DateTime<Utc>) -> Result<CreateRequest, ApiKeysError> {
    let object = json_object(body)
        .ok_or_else(|| ApiKeysError::bad_request("request body must be a JSON object"))?;
    let text = |name: &str| -> Result<Option<String>, ApiKeysError> {
        match field(&object, name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(ApiKeysError::bad_request(format!(
                "{name} must be a string"
            ))),
        }
    };
    let name = text("name")?.ok_or_else(|| ApiKeysError::bad_request("name is required"))?;
    if name.trim().is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiKeysError::bad_request(format!(
            "name must be 1 to {MAX_NAME_CHARS} characters"
        )));
    }
    let description = text("description")?;
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_DESCRIPTION_CHARS)
    {
        return Err(ApiKeysError::bad_request(format!(
            "description must be at most {MAX_DESCRIPTION_CHARS} characters"
        )));
    }
    let expires_at = match text("expiresAt")? {
        None => None,
        Some(text) => {
            let expires_at = parse_rfc3339(&text).ok_or_else(|| {
                ApiKeysError::bad_request("expiresAt must be an RFC 3339 date-time")
            })?;
            if expires_at <= now {
                return Err(ApiKeysError::bad_request("expiresAt must be in the future"));
            }
            Some(expires_at)
        }
    };
    let scope = match field(&object, "scope").map(Value::as_str) {
        None => Scope::Read,
        Some(Some("read")) => Scope::Read,
        Some(Some("read-write")) => Scope::ReadWrite,
        Some(_) => {
            return Err(ApiKeysError::bad_request(
                "scope must be \"read\" or \"read-write\"",
            ))
        }
    };
    let service_account_id = text("serviceAccountId")?;
    Ok(CreateRequest {
        name,
        description,
        expires_at,
        scope,
        service_account_id,
    })
}
