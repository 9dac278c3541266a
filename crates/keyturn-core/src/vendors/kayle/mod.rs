//! Kayle ID, as its real server behaves: the key routes take only a dashboard
//! session cookie, list 10 keys a page by `starting_after`, answer PATCH and
//! DELETE with a status instead of the key, and report no usage at all.

pub mod account;
mod errors;
pub mod rules;
pub mod sign_in;

use std::collections::BTreeMap;
use std::sync::RwLock;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::http::{sensitive_header, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::keys::model::{
    ApiKey, Capabilities, CreatedKey, DraftField, FieldSpec, KeyDraft, KeyStatus, KeyUpdate,
    LastUsed, LastUsedFields, MetadataValue, Page, ScopeChoice,
};
use crate::secrets::Sensitive;
use crate::vendors::credential::Session;
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::{Vendor, VendorKind};

pub use errors::{FROZEN, SIGNED_OUT};
pub use rules::PERMISSIONS;

pub const PUBLIC_BASE_URL: &str = "https://api.kayle.id";
pub const SESSION_DAYS: i64 = 7;
const KEYS_PATH: &str = "v1/auth/api-keys";
const CONSUMER_PATH: &str = "v1/sessions";
/// Kayle lists no prefix; of a new key, `kk_` and four characters are shown.
const PREFIX_LEN: usize = 7;

/// A request on the dashboard routes, carrying the session cookie (marked
/// sensitive so reqwest never prints it).
pub(crate) fn session_request(
    http: &HttpClient,
    method: Method,
    path: &str,
    session: &Session,
) -> RequestBuilder {
    http.request(method, path)
        .header(
            reqwest::header::COOKIE,
            sensitive_header(session.cookie.expose()),
        )
        .header(reqwest::header::ACCEPT, "application/json")
}

/// How Keyturn reads a refusal from Kayle's dashboard routes, for checking it
/// against the answers of a real server.
pub fn refusal(status: u16, body: &[u8]) -> VendorError {
    let response = Response {
        status: reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::BAD_REQUEST),
        headers: reqwest::header::HeaderMap::new(),
        body: body.to_vec(),
    };
    errors::error_from(&response, errors::Route::Session)
}

pub struct KayleCredentials {
    /// `None` when the keychain holds no session Keyturn can use.
    pub session: Option<Session>,
}

pub struct KayleId {
    http: HttpClient,
    /// The session as last known: Kayle extends a session that is in use, so an
    /// expiry that has passed here is checked with Kayle before giving up.
    session: RwLock<Option<Session>>,
}

impl KayleId {
    pub fn new(
        base_url: &str,
        credentials: KayleCredentials,
        options: HttpOptions,
    ) -> Result<Self, BaseUrlError> {
        Ok(Self {
            http: HttpClient::new(base_url, options)?,
            session: RwLock::new(credentials.session),
        })
    }

    /// The live session, or `SignedOut` once Kayle says it has ended.
    async fn session(&self) -> Result<Session, VendorError> {
        let known = self.session.read().expect("session lock poisoned").clone();
        let Some(session) = known else {
            return Err(VendorError::new(VendorErrorKind::SignedOut, SIGNED_OUT));
        };
        if !session.is_expired(Utc::now()) {
            return Ok(session);
        }
        let renewed = sign_in::current_expiry(&self.http, &session)
            .await?
            .filter(|at| *at > Utc::now());
        let mut slot = self.session.write().expect("session lock poisoned");
        match renewed {
            Some(expires_at) => {
                let session = Session {
                    cookie: session.cookie,
                    expires_at,
                };
                *slot = Some(session.clone());
                Ok(session)
            }
            None => {
                *slot = None;
                Err(VendorError::new(VendorErrorKind::SignedOut, SIGNED_OUT))
            }
        }
    }

    fn request(&self, session: &Session, method: Method, path: &str) -> RequestBuilder {
        session_request(&self.http, method, path, session)
    }

    /// The envelope of a 2xx, unless it carries an error after all.
    fn open<T: DeserializeOwned>(response: &Response) -> Result<Envelope<T>, VendorError> {
        if !response.status.is_success() {
            return Err(errors::error_from(response, errors::Route::Session));
        }
        let envelope: Envelope<T> = response.json()?;
        if envelope.error.is_some() {
            return Err(errors::error_from(response, errors::Route::Session));
        }
        Ok(envelope)
    }

    fn data<T: DeserializeOwned>(response: &Response) -> Result<T, VendorError> {
        Self::open(response)?
            .data
            .ok_or_else(|| invalid_response(response, "Kayle ID's answer carried no data"))
    }

    /// PATCH and DELETE answer `{status: "success"}`; anything else is not a yes.
    fn confirmed(response: &Response) -> Result<(), VendorError> {
        let done: Done = Self::data(response)?;
        if done.status.as_deref() == Some("success") {
            Ok(())
        } else {
            Err(invalid_response(
                response,
                "Kayle ID answered without saying the change was made; refresh the list to see the key's state",
            ))
        }
    }

    /// The key as the list shows it now.
    async fn listed(&self, id: &str) -> Result<Option<ApiKey>, VendorError> {
        Ok(self.list_keys().await?.into_iter().find(|k| k.id == id))
    }
}

fn invalid_response(response: &Response, message: &str) -> VendorError {
    let mut error = VendorError::new(VendorErrorKind::InvalidResponse, message);
    error.status = Some(response.status.as_u16());
    error
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
            max_name_length: Some(rules::MAX_NAME_LENGTH as u32),
            can_reset: false,
            can_disable: true,
            can_rename: true,
            last_key_revocable: true,
            revoked_keys_listed: false,
            // Kayle keeps no last-use data, and its requestCount is never counted.
            last_used: LastUsedFields::default(),
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

    /// Ten keys a page, always; `cursor` is the last id of the previous page.
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        let session = &self.session().await?;
        if let Some(cursor) = cursor {
            rules::key_id(cursor)?;
        }
        let query: Vec<(&str, &str)> = cursor
            .map(|after| ("starting_after", after))
            .into_iter()
            .collect();
        let attempted = self
            .http
            .send_idempotent(|| self.request(session, Method::GET, KEYS_PATH).query(&query))
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

    fn check_draft(&self, draft: &KeyDraft) -> Result<(), VendorError> {
        rules::draft(draft)
    }

    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        self.check_draft(draft)?;
        let name = rules::name(draft.name.as_deref())?;
        let session = &self.session().await?;
        let body = CreateBody {
            name,
            permissions: &draft.scopes,
            metadata: &draft.metadata,
        };
        let request = self.request(session, Method::POST, KEYS_PATH).json(&body);
        let created: CreatedBody = Self::data(&self.http.send(request).await?)?;
        let secret = Sensitive::new(created.key);
        let mut key = ApiKey::new(created.id);
        key.masked_prefix = Some(secret.expose().chars().take(PREFIX_LEN).collect());
        key.name = Some(name.to_owned());
        key.scopes = draft.scopes.clone();
        key.metadata = draft.metadata.clone();
        key.created_at = Some(Utc::now());
        Ok(CreatedKey { key, secret })
    }

    /// Done when Kayle says so, or when, after an answer was lost, the list no
    /// longer shows the key.
    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        rules::key_id(id)?;
        let session = &self.session().await?;
        let path = format!("{KEYS_PATH}/{id}");
        let attempted = self
            .http
            .send_idempotent(|| self.request(session, Method::DELETE, &path))
            .await;
        let error = match attempted {
            Ok(attempted) => match Self::confirmed(&attempted.response) {
                Ok(()) => return Ok(()),
                Err(error)
                    if error.kind == VendorErrorKind::NotFound && attempted.attempts == 1 =>
                {
                    return Err(error)
                }
                Err(error) => error,
            },
            Err(error) => error,
        };
        if !(error.is_ambiguous() || error.kind == VendorErrorKind::NotFound) {
            return Err(error);
        }
        match self.listed(id).await {
            Ok(None) => Ok(()),
            _ => Err(error),
        }
    }

    /// Kayle answers a PATCH with a status only, so the key is read again from the list.
    async fn update_key(&self, id: &str, update: &KeyUpdate) -> Result<ApiKey, VendorError> {
        rules::key_id(id)?;
        let name = update
            .name
            .as_deref()
            .map(|n| rules::name(Some(n)))
            .transpose()?;
        if name.is_none() && update.enabled.is_none() {
            return Err(rules::refused(
                "Nothing to change: give a new name, or enable or disable the key.",
            ));
        }
        let session = &self.session().await?;
        let path = format!("{KEYS_PATH}/{id}");
        let body = UpdateBody {
            name,
            enabled: update.enabled,
        };
        let attempted = self
            .http
            .send_idempotent(|| self.request(session, Method::PATCH, &path).json(&body))
            .await?;
        Self::confirmed(&attempted.response)?;
        self.listed(id).await?.ok_or_else(|| {
            VendorError::new(
                VendorErrorKind::NotFound,
                "Kayle ID accepted the change but the key is no longer listed; refresh the list.",
            )
        })
    }

    /// One call to Kayle's public API with the key, as a consumer would make it.
    async fn test_key(&self, secret: &Sensitive<String>) -> Result<(), VendorError> {
        let response = self
            .http
            .send_idempotent(|| self.http.bearer_request(Method::GET, CONSUMER_PATH, secret))
            .await?
            .response;
        if response.status.is_success() {
            Ok(())
        } else {
            Err(errors::error_from(&response, errors::Route::Key))
        }
    }
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: Option<T>,
    error: Option<serde::de::IgnoredAny>,
    pagination: Option<Pagination>,
}

#[derive(Deserialize)]
struct Pagination {
    has_more: bool,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct Done {
    status: Option<String>,
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

/// `requestCount` is left out on purpose: Kayle never increments it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KayleKey {
    id: String,
    name: Option<String>,
    enabled: Option<bool>,
    permissions: Option<Vec<String>>,
    metadata: Option<BTreeMap<String, MetadataValue>>,
    created_at: Option<DateTime<Utc>>,
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
        key
    }
}
