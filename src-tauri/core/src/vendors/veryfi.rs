//! Veryfi partner API v8: two keys per account, the last key cannot be deleted,
//! reset regenerates every key.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder};
use serde::Deserialize;

use crate::error::{VendorError, VendorErrorKind};
use crate::http::{sensitive_header, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::model::{ApiKey, Capabilities, CreatedKey, KeyDraft, LastUsedFields, Page, ScopeChoice};
use crate::profile::VendorKind;
use crate::secrets::Sensitive;
use crate::vendors::Vendor;

pub const PUBLIC_BASE_URL: &str = "https://api.veryfi.com";
const KEYS_PATH: &str = "api/v8/partner/client-keys";
const MAX_KEYS: u32 = 2;
const PREFIX_LEN: usize = 4;

pub struct VeryfiCredentials {
    pub client_id: String,
    pub username: String,
    pub api_key: Sensitive<String>,
}

pub struct VeryfiPartner {
    http: HttpClient,
    credentials: VeryfiCredentials,
}

impl VeryfiPartner {
    pub fn new(
        base_url: &str,
        credentials: VeryfiCredentials,
        options: HttpOptions,
    ) -> Result<Self, BaseUrlError> {
        Ok(Self {
            http: HttpClient::new(base_url, options)?,
            credentials,
        })
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.request_as(method, path, &self.credentials.api_key)
    }

    /// A request authenticated with `api_key`, one of the account's keys.
    fn request_as(
        &self,
        method: Method,
        path: &str,
        api_key: &Sensitive<String>,
    ) -> RequestBuilder {
        let authorization = sensitive_header(&format!(
            "apikey {}:{}",
            self.credentials.username,
            api_key.expose()
        ));
        self.http
            .request(method, path)
            .header("CLIENT-ID", &self.credentials.client_id)
            .header("AUTHORIZATION", authorization)
            .header("Accept", "application/json")
    }

    /// Any 2xx is success: a create answered 200 instead of 201 still carries the secret.
    fn check(response: Response) -> Result<Response, VendorError> {
        if response.status.is_success() {
            Ok(response)
        } else {
            Err(error_from(&response))
        }
    }
}

#[async_trait]
impl Vendor for VeryfiPartner {
    fn kind(&self) -> VendorKind {
        VendorKind::Veryfi
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            name_label: "Name".into(),
            max_keys: Some(MAX_KEYS),
            max_name_length: None,
            can_reset: true,
            can_disable: false,
            can_rename: false,
            last_key_deletable: false,
            revoked_keys_listed: false,
            last_used: LastUsedFields::default(),
            scope_choice: ScopeChoice::None,
            scopes: Vec::new(),
            default_scopes: Vec::new(),
            environments: Vec::new(),
            create_fields: Vec::new(),
        }
    }

    async fn list_page(&self, _cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::GET, KEYS_PATH))
            .await?;
        let listed: KeyListBody = Self::check(attempted.response)?.json()?;
        let keys = listed.into_items().into_iter().map(ListedKey::into_api_key);
        Ok(Page::last(keys.collect()))
    }

    async fn create_key(&self, _draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        let request = self
            .request(Method::POST, KEYS_PATH)
            .json(&serde_json::json!({}));
        let created: CreatedBody = Self::check(self.http.send(request).await?)?.json()?;
        Ok(created.into_created_key())
    }

    async fn delete_key(&self, id: &str) -> Result<(), VendorError> {
        let id: u64 = id.parse().map_err(|_| {
            VendorError::new(
                VendorErrorKind::InvalidRequest,
                format!("{id:?} is not a Veryfi key id (they are whole numbers)"),
            )
        })?;
        let path = format!("{KEYS_PATH}/{id}");
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::DELETE, &path))
            .await?;
        if attempted.repeat_confirms_delete() {
            return Ok(());
        }
        Self::check(attempted.response)?.expect_empty_or_json()
    }

    /// Veryfi authenticates with the account's own keys: list them with the new one.
    async fn test_key(&self, secret: &Sensitive<String>) -> Result<(), VendorError> {
        let attempted = self
            .http
            .send_idempotent(|| self.request_as(Method::GET, KEYS_PATH, secret))
            .await?;
        Self::check(attempted.response).map(drop)
    }

    async fn reset_keys(&self) -> Result<Vec<CreatedKey>, VendorError> {
        let path = format!("{KEYS_PATH}/reset");
        let request = self.request(Method::POST, &path);
        let reset: ResetBody = Self::check(self.http.send(request).await?)?.json()?;
        Ok(reset
            .api_keys
            .into_iter()
            .map(CreatedBody::into_created_key)
            .collect())
    }
}

/// The public docs do not show the list shape: accept a bare array or one wrapped
/// in `client_keys` / `api_keys`, with every field but `id` optional.
#[derive(Deserialize)]
#[serde(untagged)]
enum KeyListBody {
    Bare(Vec<ListedKey>),
    ClientKeys { client_keys: Vec<ListedKey> },
    ApiKeys { api_keys: Vec<ListedKey> },
}

impl KeyListBody {
    fn into_items(self) -> Vec<ListedKey> {
        match self {
            Self::Bare(items)
            | Self::ClientKeys { client_keys: items }
            | Self::ApiKeys { api_keys: items } => items,
        }
    }
}

#[derive(Deserialize)]
struct ListedKey {
    id: u64,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    created: Option<DateTime<Utc>>,
}

impl ListedKey {
    fn into_api_key(self) -> ApiKey {
        let mut key = ApiKey::new(self.id.to_string());
        key.masked_prefix = self.prefix.map(|p| p.chars().take(PREFIX_LEN).collect());
        key.created_at = self.created;
        key
    }
}

#[derive(Deserialize)]
struct CreatedBody {
    id: u64,
    value: String,
}

impl CreatedBody {
    fn into_created_key(self) -> CreatedKey {
        let secret = Sensitive::new(self.value);
        let mut key = ApiKey::new(self.id.to_string());
        key.masked_prefix = Some(secret.expose().chars().take(PREFIX_LEN).collect());
        key.created_at = Some(Utc::now());
        CreatedKey { key, secret }
    }
}

#[derive(Deserialize)]
struct ResetBody {
    api_keys: Vec<CreatedBody>,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
}

fn error_from(response: &Response) -> VendorError {
    let status = response.status.as_u16();
    let body: ErrorBody = serde_json::from_slice(&response.body).unwrap_or_default();
    let code = body.code.or(body.error);
    let kind = match code.as_deref() {
        Some("KEY_LIMIT_REACHED") => VendorErrorKind::KeyLimitReached,
        Some("LAST_KEY_CANNOT_BE_DELETED") => VendorErrorKind::LastKeyProtected,
        Some("AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED" | "AUTHENTICATION_FAILED") => {
            VendorErrorKind::Unauthorized
        }
        Some("YOU_HAVE_BEEN_RATE_LIMITED") => VendorErrorKind::RateLimited,
        _ => VendorError::kind_for_status(status),
    };
    let message = body
        .message
        .or(body.detail)
        .unwrap_or_else(|| format!("Veryfi answered HTTP {status} without an explanation"));
    VendorError {
        kind,
        status: Some(status),
        code,
        message,
        request_id: response.header("x-request-id").or(body.request_id),
        retry_after: response.retry_after(),
    }
}
