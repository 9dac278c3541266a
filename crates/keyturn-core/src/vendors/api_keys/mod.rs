//! The generic `/v1/api-keys` API (seed 003): one list without pagination, a
//! read / read-write scope per key, and who last used a key, from where, with
//! what client. Every answer is wrapped in `{code, data, message, requestId}`.
//! Read leniently: unknown fields are ignored, every field but the id may be
//! missing, and a row that cannot be read is shown with its problem.

pub mod account;
mod lenient;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::http::{is_path_safe, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::keys::model::{
    ApiKey, Capabilities, CreatedKey, DraftField, FieldSpec, KeyDraft, KeyStatus, LastUsed,
    LastUsedFields, Page, ScopeChoice,
};
use crate::secrets::Sensitive;
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::{Vendor, VendorKind};
use lenient::Moment;

/// This API is not one vendor's: its documentation only shows a placeholder
/// host, so the user always enters the base URL of the service they use.
pub const PUBLIC_BASE_URL: Option<&str> = None;

const KEYS_PATH: &str = "v1/api-keys";
const MAX_NAME_LENGTH: u32 = 100;
const SCOPES: [&str; 2] = ["read", "read-write"];
const DEFAULT_SCOPE: &str = "read";
/// Keyturn's id for a listed row without a usable id of its own.
const UNREADABLE_ID: &str = "unreadable-row-";
/// The service's own `keyPrefix` is the first 10 characters of the key.
const PREFIX_LEN: usize = 10;

pub struct ApiKeysCredentials {
    pub token: Sensitive<String>,
}

pub struct ApiKeysService {
    http: HttpClient,
    credentials: ApiKeysCredentials,
}

impl ApiKeysService {
    pub fn new(
        base_url: &str,
        credentials: ApiKeysCredentials,
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

    /// The envelope's `data`, or the error that the HTTP status or, on a 2xx,
    /// an error status in the envelope's own `code` reports.
    fn open<'a, T: Deserialize<'a>>(response: &'a Response) -> Result<Option<T>, VendorError> {
        if !response.status.is_success() {
            return Err(error_from(response, response.status.as_u16()));
        }
        let envelope: Envelope<T> = response.json()?;
        match envelope.code.map(u16::try_from) {
            Some(Ok(code)) if (400..600).contains(&code) => Err(error_from(response, code)),
            _ => Ok(envelope.data),
        }
    }
}

#[async_trait]
impl Vendor for ApiKeysService {
    fn kind(&self) -> VendorKind {
        VendorKind::ApiKeys
    }

    fn capabilities(&self) -> Capabilities {
        let field = |field, required| FieldSpec { field, required };
        Capabilities {
            name_label: "Name".into(),
            max_keys: None,
            max_name_length: Some(MAX_NAME_LENGTH),
            can_reset: false,
            can_disable: false,
            can_rename: false,
            last_key_revocable: true,
            revoked_keys_listed: true,
            last_used: LastUsedFields {
                at: true,
                ip: true,
                user_agent: true,
                request_count: false,
            },
            scope_choice: ScopeChoice::One,
            scopes: SCOPES.map(String::from).to_vec(),
            default_scopes: vec![DEFAULT_SCOPE.to_owned()],
            environments: Vec::new(),
            create_fields: vec![
                field(DraftField::Name, true),
                field(DraftField::Description, false),
                field(DraftField::Scopes, false),
                field(DraftField::ExpiresAt, false),
            ],
        }
    }

    async fn list_page(&self, _cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::GET, KEYS_PATH))
            .await?;
        // A service that writes an empty list as `null` still means "no keys".
        // Each row is read on its own, straight from the body, so one bad row spoils only itself.
        let listed: Vec<&RawValue> = Self::open(&attempted.response)?.unwrap_or_default();
        let now = Utc::now();
        Ok(Page::last(
            listed
                .into_iter()
                .enumerate()
                .map(|(index, row)| row_to_key(row, index + 1, now))
                .collect(),
        ))
    }

    fn check_draft(&self, draft: &KeyDraft) -> Result<(), VendorError> {
        name(draft)?;
        scope(draft).map(drop)
    }

    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        self.check_draft(draft)?;
        let scope = scope(draft)?;
        let body = CreateBody {
            name: name(draft)?,
            description: draft
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty()),
            expires_at: draft.expires_at,
            scope,
        };
        let request = self.request(Method::POST, KEYS_PATH).json(&body);
        let response = self.http.send(request).await?;
        let mut record: Record = Self::open(&response)?
            .filter(|record: &Record| record.id.is_some())
            .ok_or_else(|| missing(&response, "the new key"))?;
        let secret = Sensitive::new(
            record
                .key
                .take()
                .ok_or_else(|| missing(&response, "the new key's value"))?,
        );
        if record.key_prefix.is_none() {
            record.key_prefix = Some(secret.expose().chars().take(PREFIX_LEN).collect());
        }
        let mut key = record.into_api_key(Utc::now());
        key.created_at = key.created_at.or_else(|| Some(Utc::now()));
        key.problem = None;
        Ok(CreatedKey { key, secret })
    }

    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        if !is_path_safe(id) || id.starts_with(UNREADABLE_ID) {
            return Err(invalid(format!("{id:?} is not a key id of this service")));
        }
        let path = format!("{KEYS_PATH}/{id}");
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::DELETE, &path))
            .await?;
        Self::open::<serde::de::IgnoredAny>(&attempted.response).map(drop)
    }
}

fn name(draft: &KeyDraft) -> Result<&str, VendorError> {
    draft
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| VendorError::invalid_draft(DraftField::Name, "Give the new key a name."))
}

fn scope(draft: &KeyDraft) -> Result<Option<&str>, VendorError> {
    match draft.scopes.as_slice() {
        [] => Ok(None),
        [scope] => Ok(Some(scope.as_str())),
        _ => Err(VendorError::invalid_draft(
            DraftField::Scopes,
            "Choose one scope for the new key: read or read-write.",
        )),
    }
}

fn invalid(message: impl Into<String>) -> VendorError {
    VendorError::new(VendorErrorKind::InvalidRequest, message)
}

/// A 2xx without what it should carry: the create may have happened.
fn missing(response: &Response, what: &str) -> VendorError {
    let mut error = VendorError::new(
        VendorErrorKind::InvalidResponse,
        format!("the answer did not contain {what}"),
    );
    error.status = Some(response.status.as_u16());
    let body: ErrorBody = serde_json::from_slice(&response.body).unwrap_or_default();
    error.request_id = request_id(response, body.request_id);
    error
}

#[derive(Deserialize)]
struct Envelope<T> {
    code: Option<i64>,
    data: Option<T>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<DateTime<Utc>>,
    /// Left out when not chosen so the service applies its default, read.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    #[serde(deserialize_with = "lenient::text")]
    id: Option<String>,
    /// Present only in the create answer.
    #[serde(default, deserialize_with = "lenient::text")]
    key: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    key_prefix: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    scope: Option<String>,
    #[serde(default)]
    created_at: Moment,
    #[serde(default)]
    expires_at: Moment,
    #[serde(default)]
    revoked_at: Moment,
    #[serde(default)]
    last_used_at: Moment,
    #[serde(default, deserialize_with = "lenient::text")]
    last_used_ip: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    last_used_user_agent: Option<String>,
}

impl Record {
    fn into_api_key(self, now: DateTime<Utc>) -> ApiKey {
        let mut key = ApiKey::new(self.id.unwrap_or_default());
        let unreadable: Vec<String> = [
            ("creation", &self.created_at),
            ("expiry", &self.expires_at),
            ("revocation", &self.revoked_at),
            ("last use", &self.last_used_at),
        ]
        .into_iter()
        .filter_map(|(what, moment)| match moment {
            Moment::Unreadable(text) => Some(format!("its {what} time {text:?}")),
            _ => None,
        })
        .collect();
        if !unreadable.is_empty() {
            key.problem = Some(format!(
                "Keyturn could not read {} from the service, so the key is shown without it.",
                unreadable.join(" and ")
            ));
        }
        let revoked = !matches!(self.revoked_at, Moment::Absent);
        key.status = if revoked {
            KeyStatus::Revoked
        } else if self.expires_at.at().is_some_and(|at| at <= now) {
            KeyStatus::Expired
        } else {
            KeyStatus::Active
        };
        key.name = self.name;
        key.description = self.description;
        key.masked_prefix = self.key_prefix;
        key.scopes = self.scope.into_iter().collect();
        key.created_at = self.created_at.at();
        key.expires_at = self.expires_at.at();
        key.revoked_at = self.revoked_at.at();
        key.last_used = match self.last_used_at.at() {
            Some(at) => LastUsed::Used {
                at,
                ip: self.last_used_ip,
                user_agent: self.last_used_user_agent,
            },
            None => LastUsed::Never,
        };
        key
    }
}

/// One listed row; a row without a readable id is shown, but cannot be acted on.
fn row_to_key(row: &RawValue, number: usize, now: DateTime<Utc>) -> ApiKey {
    match serde_json::from_str::<Record>(row.get()) {
        Ok(record) if record.id.as_deref().is_some_and(is_path_safe) => record.into_api_key(now),
        _ => {
            let mut key = ApiKey::new(format!("{UNREADABLE_ID}{number}"));
            key.problem = Some(format!(
                "Row {number} of the service's key list could not be read (no usable id), so \
                 Keyturn cannot act on it; manage it with the service's own tools."
            ));
            key
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    message: Option<String>,
    request_id: Option<String>,
}

fn request_id(response: &Response, from_body: Option<String>) -> Option<String> {
    from_body
        .filter(|id| !id.is_empty())
        .or_else(|| response.header("x-request-id"))
}

fn error_from(response: &Response, status: u16) -> VendorError {
    let body: ErrorBody = serde_json::from_slice(&response.body).unwrap_or_default();
    let message = body
        .message
        .filter(|m| !m.trim().is_empty() && m != "success")
        .unwrap_or_else(|| format!("the service answered HTTP {status} without an explanation"));
    VendorError {
        kind: VendorError::kind_for_status(status),
        status: Some(status),
        code: None,
        message,
        request_id: request_id(response, body.request_id),
        retry_after: response.retry_after(),
        field: None,
    }
}
