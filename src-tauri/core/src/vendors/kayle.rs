//! Kayle ID API keys: named keys with permissions and metadata, cursor
//! pagination, keys that can be disabled and renamed, and a request count in
//! place of last-use details. Deleted keys disappear from the list.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{VendorError, VendorErrorKind};
use crate::http::{is_path_safe, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::model::{
    ApiKey, Capabilities, CreatedKey, DraftField, FieldSpec, KeyDraft, KeyStatus, KeyUpdate,
    LastUsed, LastUsedFields, MetadataValue, Page, ScopeChoice,
};
use crate::profile::VendorKind;
use crate::secrets::Sensitive;
use crate::vendors::Vendor;

pub const PUBLIC_BASE_URL: &str = "https://api.kayle.id";
const KEYS_PATH: &str = "v1/auth/api-keys";
const PAGE_LIMIT: &str = "100";
const MAX_NAME_LENGTH: u32 = 120;
pub const PERMISSIONS: [&str; 5] = [
    "webhooks:read",
    "webhooks:write",
    "sessions:read",
    "sessions:write",
    "analytics:read",
];
/// Kayle lists no prefix, so only its fixed `kayle_` and four characters are shown.
const PREFIX_LEN: usize = 10;

pub struct KayleCredentials {
    pub token: Sensitive<String>,
}

pub struct KayleId {
    http: HttpClient,
    credentials: KayleCredentials,
}

impl KayleId {
    pub fn new(
        base_url: &str,
        credentials: KayleCredentials,
        options: HttpOptions,
    ) -> Result<Self, BaseUrlError> {
        Ok(Self {
            http: HttpClient::new(base_url, options)?,
            credentials,
        })
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .bearer_request(method, path, &self.credentials.token)
    }

    /// The envelope of a 2xx, unless it carries an error after all.
    fn open<T: DeserializeOwned>(response: &Response) -> Result<Envelope<T>, VendorError> {
        if !response.status.is_success() {
            return Err(error_from(response));
        }
        let envelope: Envelope<T> = response.json()?;
        if envelope.error.is_some() {
            return Err(error_from(response));
        }
        Ok(envelope)
    }

    /// The `data` of a 2xx; its absence is an answer Keyturn cannot read.
    fn data<T: DeserializeOwned>(response: &Response) -> Result<T, VendorError> {
        Self::open(response)?.data.ok_or_else(|| {
            let mut error = VendorError::new(
                VendorErrorKind::InvalidResponse,
                "Kayle's answer carried no data",
            );
            error.status = Some(response.status.as_u16());
            error.request_id = response.header("x-request-id");
            error
        })
    }
}

#[async_trait]
impl Vendor for KayleId {
    fn kind(&self) -> VendorKind {
        VendorKind::Kayle
    }

    fn capabilities(&self) -> Capabilities {
        let field = |field, required| FieldSpec { field, required };
        Capabilities {
            name_label: "Name".into(),
            max_keys: None,
            max_name_length: Some(MAX_NAME_LENGTH),
            can_reset: false,
            can_disable: true,
            can_rename: true,
            last_key_deletable: true,
            revoked_keys_listed: false,
            last_used: LastUsedFields {
                request_count: true,
                ..LastUsedFields::default()
            },
            scope_choice: ScopeChoice::AtLeastOne,
            scopes: PERMISSIONS.map(String::from).to_vec(),
            default_scopes: Vec::new(),
            environments: Vec::new(),
            create_fields: vec![
                field(DraftField::Name, true),
                field(DraftField::Scopes, true),
                field(DraftField::Metadata, false),
            ],
        }
    }

    /// `cursor` is the id of the last key of the previous page.
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        let mut query = vec![("limit", PAGE_LIMIT)];
        query.extend(cursor.map(|after| ("starting_after", after)));
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::GET, KEYS_PATH).query(&query))
            .await?;
        let listed: Envelope<Vec<KayleKey>> = Self::open(&attempted.response)?;
        let items = listed.data.unwrap_or_default();
        let next = match listed.pagination {
            Some(Pagination {
                has_more: true,
                next_cursor,
            }) => next_cursor.or_else(|| items.last().map(|k| k.id.clone())),
            _ => None,
        };
        Ok(Page {
            items: items.into_iter().map(KayleKey::into_api_key).collect(),
            next,
            total: None,
        })
    }

    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        let name = draft
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| invalid("a new Kayle key needs a name"))?;
        if draft.scopes.is_empty() {
            return Err(invalid("a new Kayle key needs at least one permission"));
        }
        let body = CreateBody {
            name,
            permissions: &draft.scopes,
            metadata: &draft.metadata,
        };
        let request = self.request(Method::POST, KEYS_PATH).json(&body);
        let created: CreatedBody = Self::data(&self.http.send(request).await?)?;
        let secret = Sensitive::new(created.key);
        let mut key = ApiKey::new(created.id);
        key.masked_prefix = Some(secret.expose().chars().take(PREFIX_LEN).collect());
        key.name = Some(name.to_owned());
        key.scopes = draft.scopes.clone();
        key.metadata = draft.metadata.clone();
        key.created_at = Some(Utc::now());
        key.request_count = Some(0);
        Ok(CreatedKey { key, secret })
    }

    async fn delete_key(&self, id: &str) -> Result<(), VendorError> {
        let path = key_path(id)?;
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::DELETE, &path))
            .await?;
        if attempted.repeat_confirms_delete() {
            return Ok(());
        }
        Self::open::<serde::de::IgnoredAny>(&attempted.response).map(drop)
    }

    async fn update_key(&self, id: &str, update: &KeyUpdate) -> Result<ApiKey, VendorError> {
        if update.name.is_none() && update.enabled.is_none() {
            return Err(invalid(
                "nothing to change: give a new name or enable/disable",
            ));
        }
        let path = key_path(id)?;
        let body = UpdateBody {
            name: update.name.as_deref().map(str::trim),
            enabled: update.enabled,
        };
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::PATCH, &path).json(&body))
            .await?;
        let updated: KayleKey = Self::data(&attempted.response)?;
        Ok(updated.into_api_key())
    }
}

fn key_path(id: &str) -> Result<String, VendorError> {
    if is_path_safe(id) {
        Ok(format!("{KEYS_PATH}/{id}"))
    } else {
        Err(invalid(format!("{id:?} is not a Kayle key id")))
    }
}

fn invalid(message: impl Into<String>) -> VendorError {
    VendorError::new(VendorErrorKind::InvalidRequest, message)
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: Option<T>,
    error: Option<ErrorDetail>,
    pagination: Option<Pagination>,
}

#[derive(Deserialize)]
struct Pagination {
    has_more: bool,
    next_cursor: Option<String>,
}

#[derive(Serialize)]
struct CreateBody<'a> {
    name: &'a str,
    permissions: &'a [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: &'a BTreeMap<String, MetadataValue>,
}

#[derive(Serialize)]
struct UpdateBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Deserialize)]
struct CreatedBody {
    id: String,
    key: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KayleKey {
    id: String,
    name: Option<String>,
    enabled: Option<bool>,
    permissions: Option<Vec<String>>,
    metadata: Option<BTreeMap<String, MetadataValue>>,
    created_at: Option<DateTime<Utc>>,
    request_count: Option<u64>,
}

impl KayleKey {
    fn into_api_key(self) -> ApiKey {
        let mut key = ApiKey::new(self.id);
        key.name = self.name;
        key.status = match self.enabled {
            Some(false) => KeyStatus::Disabled,
            _ => KeyStatus::Active,
        };
        key.scopes = self.permissions.unwrap_or_default();
        key.metadata = self.metadata.unwrap_or_default();
        key.created_at = self.created_at;
        key.last_used = LastUsed::NotReported;
        key.request_count = self.request_count;
        key
    }
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    error: Option<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: Option<String>,
    message: Option<String>,
    hint: Option<String>,
}

fn error_from(response: &Response) -> VendorError {
    let status = response.status.as_u16();
    let detail = serde_json::from_slice::<ErrorBody>(&response.body)
        .unwrap_or_default()
        .error;
    let (code, message, hint) = match detail {
        Some(d) => (d.code, d.message, d.hint),
        None => (None, None, None),
    };
    let kind = match code.as_deref() {
        Some("UNAUTHORIZED") => VendorErrorKind::Unauthorized,
        // The organization's keys are switched off until the deletion is cancelled.
        Some("FORBIDDEN" | "ORGANIZATION_SCHEDULED_FOR_DELETION") => VendorErrorKind::Forbidden,
        Some("NOT_FOUND") => VendorErrorKind::NotFound,
        Some("VALIDATION_ERROR" | "INVALID_CURSOR" | "BAD_REQUEST") => {
            VendorErrorKind::InvalidRequest
        }
        Some("RATE_LIMITED" | "TOO_MANY_REQUESTS") => VendorErrorKind::RateLimited,
        Some("INTERNAL_SERVER_ERROR") => VendorErrorKind::Server,
        _ => VendorError::kind_for_status(status),
    };
    let message = message.filter(|m| !m.trim().is_empty());
    let hint = hint.filter(|h| !h.trim().is_empty());
    let message = match (message, hint) {
        (Some(message), Some(hint)) => format!("{message} — {hint}"),
        (Some(text), None) | (None, Some(text)) => text,
        (None, None) => format!("Kayle answered HTTP {status} without an explanation"),
    };
    VendorError {
        kind,
        status: Some(status),
        code,
        message,
        request_id: response.header("x-request-id"),
        retry_after: response.retry_after(),
    }
}
