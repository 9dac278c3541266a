//! Verifa organization keys: labelled live/sandbox keys with `resource:action`
//! scopes, offset pagination, and revoked keys that stay listed as inactive.

pub mod account;
mod errors;
mod token;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder};
use serde::{Deserialize, Serialize};

use crate::http::{is_path_safe, BaseUrlError, HttpClient, HttpOptions, Response};
use crate::keys::model::{
    ApiKey, Capabilities, CreatedKey, DraftField, FieldSpec, KeyDraft, KeyStatus, LastUsed,
    LastUsedFields, Page, ScopeChoice,
};
use crate::secrets::Sensitive;
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::{Vendor, VendorKind};

pub const PUBLIC_BASE_URL: &str = "https://api.withverifa.com";

/// The current version on Verifa's versioning page; a connection may pin another.
/// Always sent, so a change of the version attached to the token cannot change the wire format.
pub const DEFAULT_API_VERSION: &str = "2026-01-01";
const PAGE_LIMIT: u64 = 100;
/// Keyturn's id for a listed row without a usable id of its own.
const UNREADABLE_ID: &str = "unreadable-row-";
/// Verifa's own `key_prefix` is the first 12 characters of the key.
const PREFIX_LEN: usize = 12;
const MAX_LABEL_LENGTH: u32 = 200;
const ENVIRONMENTS: [&str; 2] = ["live", "sandbox"];
/// Granted to every new key when the create names no scopes.
pub const DEFAULT_SCOPES: [&str; 5] = [
    "sessions:read",
    "sessions:create",
    "sessions:write",
    "verifications:read",
    "identities:read",
];
/// Granted only when asked for explicitly.
pub const MANAGEMENT_SCOPES: [&str; 17] = [
    "webhooks:read",
    "webhooks:write",
    "keys:read",
    "keys:write",
    "org:read",
    "org:write",
    "screening:read",
    "screening:write",
    "workflows:read",
    "workflows:write",
    "cases:read",
    "cases:write",
    "lists:read",
    "lists:write",
    "documents:write",
    "audit:read",
    "analytics:read",
];

pub struct VerifaCredentials {
    /// `org_…`, the organization whose keys are managed.
    pub organization_id: String,
    /// An admin JWT.
    pub admin_token: Sensitive<String>,
    /// Sent as `Verifa-Version`, e.g. `DEFAULT_API_VERSION`.
    pub api_version: String,
}

/// `YYYY-MM-DD`, a real date: the form of a Verifa API version.
pub fn is_api_version(text: &str) -> bool {
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

pub struct VerifaOrganization {
    http: HttpClient,
    credentials: VerifaCredentials,
}

impl VerifaOrganization {
    pub fn new(
        base_url: &str,
        credentials: VerifaCredentials,
        options: HttpOptions,
    ) -> Result<Self, BaseUrlError> {
        Ok(Self {
            http: HttpClient::new(base_url, options)?,
            credentials,
        })
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .bearer_request(method, path, &self.credentials.admin_token)
            .header("Verifa-Version", &self.credentials.api_version)
    }

    fn keys_path(&self) -> Result<String, VendorError> {
        let organization = &self.credentials.organization_id;
        if is_path_safe(organization) {
            Ok(format!("api/v1/organizations/{organization}/keys"))
        } else {
            Err(VendorError::new(
                VendorErrorKind::InvalidRequest,
                format!(
                    "{organization:?} is not a Verifa organization id; \
                     enter the id shown in Verifa, such as org_abc123"
                ),
            ))
        }
    }

    fn key_path(&self, id: &str) -> Result<String, VendorError> {
        if !is_path_safe(id) || id.starts_with(UNREADABLE_ID) {
            return Err(VendorError::new(
                VendorErrorKind::InvalidRequest,
                format!("{id:?} is not a Verifa key id"),
            ));
        }
        Ok(format!("{}/{id}", self.keys_path()?))
    }

    fn check(&self, response: Response) -> Result<Response, VendorError> {
        if response.status.is_success() {
            Ok(response)
        } else {
            Err(errors::from_response(
                &response,
                &self.credentials.api_version,
                token::expiry(self.credentials.admin_token.expose()),
            ))
        }
    }
}

#[async_trait]
impl Vendor for VerifaOrganization {
    fn kind(&self) -> VendorKind {
        VendorKind::Verifa
    }

    fn capabilities(&self) -> Capabilities {
        let field = |field, required| FieldSpec { field, required };
        Capabilities {
            name_label: "Label".into(),
            max_keys: None,
            max_name_length: Some(MAX_LABEL_LENGTH),
            can_reset: false,
            can_disable: false,
            can_rename: false,
            last_key_revocable: true,
            revoked_keys_listed: true,
            last_used: LastUsedFields {
                at: true,
                ..LastUsedFields::default()
            },
            scope_choice: ScopeChoice::Any,
            scopes: DEFAULT_SCOPES
                .iter()
                .chain(MANAGEMENT_SCOPES.iter())
                .map(|s| s.to_string())
                .collect(),
            default_scopes: DEFAULT_SCOPES.map(String::from).to_vec(),
            environments: ENVIRONMENTS.map(String::from).to_vec(),
            create_fields: vec![
                field(DraftField::Name, true),
                field(DraftField::Environment, true),
                field(DraftField::Scopes, false),
                field(DraftField::ExpiresAt, false),
            ],
        }
    }

    /// `cursor` is the offset of the page, as returned in the previous page's `next`.
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        let offset: u64 = match cursor {
            None => 0,
            Some(raw) => raw.parse().map_err(|_| {
                VendorError::new(
                    VendorErrorKind::InvalidRequest,
                    format!("{raw:?} is not a Verifa list offset"),
                )
            })?,
        };
        let path = self.keys_path()?;
        let query = [("limit", PAGE_LIMIT), ("offset", offset)];
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::GET, &path).query(&query))
            .await?;
        let listed: ListBody = self.check(attempted.response)?.json()?;
        let now = Utc::now();
        let count = listed.data.len() as u64;
        let pagination = listed.pagination.unwrap_or_default();
        let end = pagination.offset.unwrap_or(offset) + count;
        // Only some endpoints report a total; without one, a full page means more may follow.
        let more = count > 0
            && match pagination.total {
                Some(total) => end < total,
                None => count >= pagination.limit.unwrap_or(PAGE_LIMIT),
            };
        let (next, total) = (more.then(|| end.to_string()), pagination.total);
        Ok(Page {
            items: listed
                .data
                .into_iter()
                .enumerate()
                .map(|(index, row)| row_to_key(row, offset as usize + index + 1, now))
                .collect(),
            next,
            total,
        })
    }

    fn check_draft(&self, draft: &KeyDraft) -> Result<(), VendorError> {
        label(draft)?;
        environment(draft).map(drop)
    }

    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        self.check_draft(draft)?;
        let body = CreateBody {
            label: label(draft)?,
            environment: environment(draft)?,
            scopes: &draft.scopes,
            expires_at: draft.expires_at,
        };
        let request = self.request(Method::POST, &self.keys_path()?).json(&body);
        let created: CreatedBody = self.check(self.http.send(request).await?)?.json()?;
        Ok(created.into_created_key(&draft.scopes))
    }

    /// Verifa's own already-revoked envelope (its `not_found` also names a missing organization).
    fn answer_means_gone(&self, refusal: &VendorError) -> bool {
        refusal.code.as_deref() == Some("already_revoked")
    }

    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        let path = self.key_path(id)?;
        let attempted = self
            .http
            .send_idempotent(|| self.request(Method::DELETE, &path))
            .await?;
        self.check(attempted.response)?.expect_empty_or_json()
    }
}

fn label(draft: &KeyDraft) -> Result<&str, VendorError> {
    required(draft.name.as_deref(), DraftField::Name, "a label")
}

fn environment(draft: &KeyDraft) -> Result<&str, VendorError> {
    required(
        draft.environment.as_deref(),
        DraftField::Environment,
        "an environment (live or sandbox)",
    )
}

fn required<'a>(
    value: Option<&'a str>,
    field: DraftField,
    what: &str,
) -> Result<&'a str, VendorError> {
    match value.map(str::trim) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(VendorError::invalid_draft(
            field,
            format!("Give the new Verifa key {what}."),
        )),
    }
}

#[derive(Serialize)]
struct CreateBody<'a> {
    label: &'a str,
    environment: &'a str,
    /// Left out when empty so Verifa grants its default scopes.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    scopes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct ListBody {
    data: Vec<serde_json::Value>,
    pagination: Option<Pagination>,
}

#[derive(Deserialize, Default)]
struct Pagination {
    total: Option<u64>,
    limit: Option<u64>,
    offset: Option<u64>,
}

#[derive(Deserialize)]
struct ListedKey {
    id: String,
    label: Option<String>,
    environment: Option<String>,
    key_prefix: Option<String>,
    scopes: Option<Vec<String>>,
    is_active: Option<bool>,
    created_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
}

impl ListedKey {
    /// Verifa's keys carry no `revoked_at`: a key that is not active and has not
    /// expired was revoked, the only other way a key stops working.
    fn status(&self, now: DateTime<Utc>) -> KeyStatus {
        if self.expires_at.is_some_and(|at| at <= now) {
            KeyStatus::Expired
        } else if self.is_active == Some(false) {
            KeyStatus::Revoked
        } else {
            KeyStatus::Active
        }
    }

    fn into_api_key(self, now: DateTime<Utc>) -> ApiKey {
        let status = self.status(now);
        let mut key = ApiKey::new(self.id);
        key.name = self.label;
        key.environment = self.environment;
        key.masked_prefix = self.key_prefix;
        key.scopes = self.scopes.unwrap_or_default();
        key.status = status;
        key.created_at = self.created_at;
        key.expires_at = self.expires_at;
        key.last_used = match self.last_used_at {
            Some(at) => LastUsed::Used {
                at,
                ip: None,
                user_agent: None,
            },
            None => LastUsed::Never,
        };
        key
    }
}

/// One listed row; a row Keyturn cannot read is shown with its problem rather than
/// failing the list, and keeps its id when it has one so it can still be revoked.
fn row_to_key(row: serde_json::Value, number: usize, now: DateTime<Utc>) -> ApiKey {
    let id = row
        .get("id")
        .and_then(|id| id.as_str())
        .filter(|id| is_path_safe(id) && !id.starts_with(UNREADABLE_ID))
        .map(str::to_owned);
    let label = row.get("label").and_then(|l| l.as_str()).map(str::to_owned);
    match serde_json::from_value::<ListedKey>(row) {
        Ok(listed) => listed.into_api_key(now),
        Err(error) => {
            let mut key = ApiKey::new(
                id.clone()
                    .unwrap_or_else(|| format!("{UNREADABLE_ID}{number}")),
            );
            key.name = label;
            key.problem = Some(match id {
                Some(_) => format!(
                    "Keyturn could not read this key's details from Verifa ({error}); it can \
                     still be revoked."
                ),
                None => format!(
                    "Keyturn could not read this row of Verifa's key list ({error}), so it \
                     cannot act on it; manage it in Verifa's dashboard."
                ),
            });
            key
        }
    }
}

#[derive(Deserialize)]
struct CreatedBody {
    id: String,
    key: String,
    label: Option<String>,
    environment: Option<String>,
    created_at: Option<DateTime<Utc>>,
    key_prefix: Option<String>,
    scopes: Option<Vec<String>>,
    expires_at: Option<DateTime<Utc>>,
}

impl CreatedBody {
    fn into_created_key(self, requested_scopes: &[String]) -> CreatedKey {
        let secret = Sensitive::new(self.key);
        let mut key = ApiKey::new(self.id);
        key.masked_prefix = Some(
            self.key_prefix
                .unwrap_or_else(|| secret.expose().chars().take(PREFIX_LEN).collect()),
        );
        key.name = self.label;
        key.environment = self.environment;
        key.scopes = self.scopes.unwrap_or_else(|| {
            if requested_scopes.is_empty() {
                DEFAULT_SCOPES.map(String::from).to_vec()
            } else {
                requested_scopes.to_vec()
            }
        });
        key.created_at = Some(self.created_at.unwrap_or_else(Utc::now));
        key.expires_at = self.expires_at;
        key.last_used = LastUsed::Never;
        CreatedKey { key, secret }
    }
}
