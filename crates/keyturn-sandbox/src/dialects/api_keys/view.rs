//! What `/v1/api-keys` answers look like inside the envelope's `data`.

use serde::Serialize;

use super::model::ApiKey;
use crate::clock::{rfc3339, rfc3339_opt};

const CREATED_BY: &str = "sandbox-admin";
const ORGANIZATION_ID: &str = "org_sandbox";
const USER_ID: &str = "user_sandbox";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct KeyView {
    created_at: String,
    created_by: &'static str,
    description: Option<String>,
    expires_at: Option<String>,
    id: String,
    /// The full value: present only in the create answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    key_prefix: String,
    last_used_at: Option<String>,
    last_used_ip: Option<String>,
    last_used_user_agent: Option<String>,
    name: String,
    organization_id: &'static str,
    revoked_at: Option<String>,
    scope: &'static str,
    service_account_id: Option<String>,
    user_id: &'static str,
}

impl KeyView {
    pub fn new(key: &ApiKey) -> Self {
        Self {
            created_at: rfc3339(&key.created_at),
            created_by: CREATED_BY,
            description: key.description.clone(),
            expires_at: rfc3339_opt(&key.expires_at),
            id: key.id.clone(),
            key: None,
            key_prefix: key.key_prefix.clone(),
            last_used_at: rfc3339_opt(&key.usage.last_used_at),
            last_used_ip: key.usage.last_used_ip.clone(),
            last_used_user_agent: key.usage.last_used_user_agent.clone(),
            name: key.name.clone(),
            organization_id: ORGANIZATION_ID,
            revoked_at: rfc3339_opt(&key.revoked_at),
            scope: key.scope.as_str(),
            service_account_id: key.service_account_id.clone(),
            user_id: USER_ID,
        }
    }

    pub fn with_value(key: &ApiKey, value: String) -> Self {
        Self {
            key: Some(value),
            ..Self::new(key)
        }
    }
}
