//! Veryfi partner API v8: two keys per account, the last key cannot be deleted,
//! reset regenerates every key. Paths end in a slash, as Veryfi's own SDKs send them.

pub mod account;
mod dates;
mod errors;
mod rows;

use async_trait::async_trait;
use chrono::Utc;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Deserialize;

use crate::http::{sensitive_header, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::keys::model::{
    ApiKey, Capabilities, CreatedKey, KeyDraft, LastUsedFields, Page, ScopeChoice,
};
use crate::secrets::Sensitive;
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::{Vendor, VendorKind};

pub const PUBLIC_BASE_URL: &str = "https://api.veryfi.com";

const KEYS_PATH: &str = "api/v8/partner/client-keys/";
const RESET_PATH: &str = "api/v8/partner/client-keys/reset/";
const MAX_KEYS: u32 = 2;
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
            Err(errors::from_response(&response))
        }
    }

    /// Veryfi refuses a third key and the last key's deletion with a plain 400: what
    /// the account holds now tells which it was. `None` when the list cannot be read.
    async fn listed_ids(&self) -> Option<Vec<String>> {
        let keys = self.list_keys().await.ok()?;
        Some(keys.into_iter().map(|key| key.id).collect())
    }
}

fn is_plain_refusal(error: &VendorError) -> bool {
    error.status == Some(StatusCode::BAD_REQUEST.as_u16())
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
            last_key_revocable: false,
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
        let body: serde_json::Value = Self::check(attempted.response)?.json()?;
        Ok(Page::last(rows::keys(body)?))
    }

    async fn create_key(&self, _draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        let request = self
            .request(Method::POST, KEYS_PATH)
            .json(&serde_json::json!({}));
        let response = self.http.send(request).await?;
        match Self::check(response) {
            Ok(response) => Ok(response.json::<CreatedBody>()?.into_created_key()),
            Err(refusal) if is_plain_refusal(&refusal) => match self.listed_ids().await {
                Some(ids) if ids.len() >= MAX_KEYS as usize => {
                    Err(errors::limit_reached(refusal, ids.len(), MAX_KEYS))
                }
                _ => Err(refusal),
            },
            Err(refusal) => Err(refusal),
        }
    }

    /// Veryfi's own not-found envelope.
    fn answer_means_gone(&self, refusal: &VendorError) -> bool {
        refusal.code.as_deref() == Some("NOT_FOUND")
    }

    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        if rows::is_unreadable_id(id) {
            return Err(VendorError::new(
                VendorErrorKind::InvalidRequest,
                "Keyturn could not read this key's id from Veryfi's list, so it cannot delete \
                 it; delete it in Veryfi's Hub under Settings → Keys",
            ));
        }
        let id: u64 = id.parse().map_err(|_| {
            VendorError::new(
                VendorErrorKind::InvalidRequest,
                format!("{id:?} is not a Veryfi key id (they are whole numbers)"),
            )
        })?;
        let path = format!("{KEYS_PATH}{id}/");
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::DELETE, &path))
            .await?;
        match Self::check(attempted.response) {
            Ok(response) => response.expect_empty_or_json(),
            Err(refusal) if is_plain_refusal(&refusal) => match self.listed_ids().await {
                Some(ids) if ids == [id.to_string()] => Err(errors::last_key(refusal)),
                _ => Err(refusal),
            },
            Err(refusal) => Err(refusal),
        }
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
        let request = self.request(Method::POST, RESET_PATH);
        let reset: ResetBody = Self::check(self.http.send(request).await?)?.json()?;
        Ok(reset
            .api_keys
            .into_iter()
            .map(CreatedBody::into_created_key)
            .collect())
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
        key.masked_prefix = Some(secret.expose().chars().take(rows::PREFIX_LEN).collect());
        key.created_at = Some(Utc::now());
        CreatedKey { key, secret }
    }
}

#[derive(Deserialize)]
struct ResetBody {
    api_keys: Vec<CreatedBody>,
}
