//! Adding, testing, editing and removing connections to vendor accounts.
//! Non-secret fields go to the profile file; the credential goes only to the
//! keychain, one entry per profile, named by the profile's id.

use std::sync::Arc;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::error::VendorError;
use crate::http::{parse_base_url, HttpOptions};
use crate::profile::{Environment, ProfileSummary, VendorKind};
use crate::profile_file::{Account, ProfileFile, ProfileFileStore, StoredProfile};
use crate::secrets::{SecretStore, Sensitive, StoreError};
use crate::vendors::connect::connect;
use crate::vendors::verifa;
use crate::workspace::{Profile, Workspace};

const MAX_NAME_LENGTH: usize = 80;

/// What the "Add connection" and "Edit" forms send.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDraft {
    pub name: String,
    pub vendor: VendorKind,
    pub environment: Environment,
    pub base_url: String,
    pub read_only: bool,
    pub client_id: Option<String>,
    pub username: Option<String>,
    pub organization_id: Option<String>,
    /// Verifa's `Verifa-Version`, `YYYY-MM-DD`; empty or absent for Keyturn's default.
    #[serde(default)]
    #[ts(optional)]
    pub api_version: Option<String>,
    /// Required when adding; `null` when editing keeps the stored credential.
    #[ts(type = "string | null")]
    pub secret: Option<Sensitive<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    /// Keys on the first page of the account's list.
    pub keys_seen: u32,
    pub more_pages: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemovedProfile {
    pub name: String,
    pub keychain_entry_removed: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileError {
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },
    #[error("no profile with id {0:?}")]
    NotFound(String),
    #[error(transparent)]
    Keychain(#[from] StoreError),
    #[error("the profile file could not be written: {0}")]
    File(String),
    #[error(transparent)]
    Vendor(#[from] VendorError),
}

fn invalid(field: &str, message: impl Into<String>) -> ProfileError {
    ProfileError::Invalid {
        field: Some(field.to_owned()),
        message: message.into(),
    }
}

pub fn keychain_entry(profile_id: &str) -> String {
    format!("profile/{profile_id}")
}

fn new_profile_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "p_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

fn required(value: &Option<String>, field: &str, label: &str) -> Result<String, ProfileError> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(invalid(field, format!("Enter the {label}."))),
    }
}

fn account_from(draft: &ProfileDraft) -> Result<Account, ProfileError> {
    Ok(match draft.vendor {
        VendorKind::Veryfi => Account::Veryfi {
            client_id: required(&draft.client_id, "clientId", "client ID")?,
            username: required(&draft.username, "username", "username")?,
        },
        VendorKind::Verifa => {
            let organization_id =
                required(&draft.organization_id, "organizationId", "organization ID")?;
            let well_formed = organization_id.strip_prefix("org_").is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if !well_formed {
                return Err(invalid(
                    "organizationId",
                    "A Verifa organization ID starts with org_ followed by letters, digits or _.",
                ));
            }
            Account::Verifa {
                organization_id,
                api_version: api_version_from(draft)?,
            }
        }
        VendorKind::ApiKeys => Account::ApiKeys,
        VendorKind::Kayle => Account::Kayle,
    })
}

/// The version the user typed, or `None` for the default.
fn api_version_from(draft: &ProfileDraft) -> Result<Option<String>, ProfileError> {
    let typed = draft.api_version.as_deref().map(str::trim).unwrap_or("");
    if typed.is_empty() || typed == verifa::DEFAULT_API_VERSION {
        return Ok(None);
    }
    if !verifa::is_api_version(typed) {
        return Err(invalid(
            "apiVersion",
            format!(
                "A Verifa API version is a date written YYYY-MM-DD, such as {}.",
                verifa::DEFAULT_API_VERSION
            ),
        ));
    }
    Ok(Some(typed.to_owned()))
}

pub fn account_label(account: &Account) -> Option<String> {
    match account {
        Account::Veryfi {
            client_id,
            username,
        } => Some(format!("{username} · {client_id}")),
        Account::Verifa {
            organization_id, ..
        } => Some(organization_id.clone()),
        Account::ApiKeys | Account::Kayle => None,
    }
}

pub fn summary_of(stored: &StoredProfile, problem: Option<String>) -> ProfileSummary {
    ProfileSummary {
        id: stored.id.clone(),
        name: stored.name.clone(),
        vendor: stored.account.vendor(),
        environment: stored.environment,
        read_only: stored.read_only,
        base_url: stored.base_url.clone(),
        account_label: account_label(&stored.account),
        api_version: match &stored.account {
            Account::Verifa { api_version, .. } => api_version.clone(),
            _ => None,
        },
        builtin: false,
        problem,
    }
}

pub struct ProfileService {
    file: ProfileFileStore,
    secrets: Arc<dyn SecretStore>,
    workspace: Arc<Workspace>,
    http: HttpOptions,
    /// Serializes edits so the file and the keychain never disagree.
    edits: Mutex<ProfileFile>,
}

impl ProfileService {
    /// Loads the saved profiles into the workspace. Returns the service and, when
    /// the file had to be set aside, the sentence to show the user.
    pub async fn open(
        file: ProfileFileStore,
        secrets: Arc<dyn SecretStore>,
        workspace: Arc<Workspace>,
        http: HttpOptions,
    ) -> Result<(Self, Option<String>), ProfileError> {
        let loaded = file.load().map_err(|e| ProfileError::File(e.to_string()))?;
        for stored in &loaded.file.profiles {
            let secret = blocking_get(secrets.clone(), keychain_entry(&stored.id)).await;
            workspace.upsert(build_profile(stored, secret, &http));
        }
        let service = Self {
            file,
            secrets,
            workspace,
            http,
            edits: Mutex::new(loaded.file),
        };
        Ok((service, loaded.notice))
    }

    pub async fn last_profile_id(&self) -> Option<String> {
        self.edits.lock().await.last_profile_id.clone()
    }

    pub async fn select(&self, profile_id: &str) -> Result<(), ProfileError> {
        self.workspace
            .summary(profile_id)
            .map_err(|_| ProfileError::NotFound(profile_id.to_owned()))?;
        let mut file = self.edits.lock().await;
        if file.last_profile_id.as_deref() == Some(profile_id) {
            return Ok(());
        }
        let mut next = file.clone();
        next.last_profile_id = Some(profile_id.to_owned());
        self.save(&next)?;
        *file = next;
        Ok(())
    }

    /// Lists the first page with the draft's credentials; nothing is saved.
    pub async fn test(&self, draft: &ProfileDraft) -> Result<ConnectionCheck, ProfileError> {
        let account = account_from(draft)?;
        let secret = draft
            .secret
            .clone()
            .filter(|s| !s.expose().trim().is_empty())
            .ok_or_else(|| invalid("secret", "Enter the credential to test."))?;
        let base_url = validated_base_url(&draft.base_url)?;
        let vendor = connect(&account, &base_url, secret, self.http.clone())
            .map_err(|e| invalid("baseUrl", e.to_string()))?;
        let page = vendor.list_page(None).await?;
        Ok(ConnectionCheck {
            keys_seen: page.items.len() as u32,
            more_pages: page.next.is_some(),
        })
    }

    pub async fn add(&self, draft: &ProfileDraft) -> Result<ProfileSummary, ProfileError> {
        let secret = draft
            .secret
            .clone()
            .filter(|s| !s.expose().trim().is_empty())
            .ok_or_else(|| invalid("secret", "Enter the credential."))?;
        let mut file = self.edits.lock().await;
        let stored = self.validated(draft, new_profile_id(), None)?;
        let entry = keychain_entry(&stored.id);
        blocking_set(self.secrets.clone(), entry.clone(), secret.clone()).await?;
        let mut next = file.clone();
        next.profiles.push(stored.clone());
        if let Err(e) = self.save(&next) {
            let _ = blocking_delete(self.secrets.clone(), entry).await;
            return Err(e);
        }
        *file = next;
        let profile = build_profile(&stored, Ok(Some(secret)), &self.http);
        let summary = profile.summary.clone();
        self.workspace.upsert(profile);
        Ok(summary)
    }

    pub async fn update(
        &self,
        profile_id: &str,
        draft: &ProfileDraft,
    ) -> Result<ProfileSummary, ProfileError> {
        let mut file = self.edits.lock().await;
        let index = file
            .profiles
            .iter()
            .position(|p| p.id == profile_id)
            .ok_or_else(|| ProfileError::NotFound(profile_id.to_owned()))?;
        let stored = self.validated(draft, profile_id.to_owned(), Some(profile_id))?;
        let entry = keychain_entry(profile_id);
        let secret = match draft
            .secret
            .clone()
            .filter(|s| !s.expose().trim().is_empty())
        {
            Some(secret) => {
                blocking_set(self.secrets.clone(), entry, secret.clone()).await?;
                Ok(Some(secret))
            }
            None => blocking_get(self.secrets.clone(), entry).await,
        };
        let mut next = file.clone();
        next.profiles[index] = stored.clone();
        self.save(&next)?;
        *file = next;
        let profile = build_profile(&stored, secret, &self.http);
        let summary = profile.summary.clone();
        self.workspace.upsert(profile);
        Ok(summary)
    }

    pub async fn remove(&self, profile_id: &str) -> Result<RemovedProfile, ProfileError> {
        let mut file = self.edits.lock().await;
        let index = file
            .profiles
            .iter()
            .position(|p| p.id == profile_id)
            .ok_or_else(|| ProfileError::NotFound(profile_id.to_owned()))?;
        blocking_delete(self.secrets.clone(), keychain_entry(profile_id)).await?;
        let mut next = file.clone();
        let removed = next.profiles.remove(index);
        if next.last_profile_id.as_deref() == Some(profile_id) {
            next.last_profile_id = None;
        }
        self.save(&next)?;
        *file = next;
        self.workspace.remove(profile_id);
        Ok(RemovedProfile {
            name: removed.name,
            keychain_entry_removed: true,
        })
    }

    fn validated(
        &self,
        draft: &ProfileDraft,
        id: String,
        replacing: Option<&str>,
    ) -> Result<StoredProfile, ProfileError> {
        let name = draft.name.trim().to_owned();
        if name.is_empty() {
            return Err(invalid("name", "Give the connection a name."));
        }
        if name.chars().count() > MAX_NAME_LENGTH {
            return Err(invalid(
                "name",
                format!("Keep the name to {MAX_NAME_LENGTH} characters."),
            ));
        }
        let taken = self.workspace.profiles().iter().any(|p| {
            Some(p.id.as_str()) != replacing && p.name.to_lowercase() == name.to_lowercase()
        });
        if taken {
            return Err(invalid("name", format!("A connection named \u{201c}{name}\u{201d} already exists; choose another name.")));
        }
        Ok(StoredProfile {
            id,
            name,
            environment: draft.environment,
            base_url: validated_base_url(&draft.base_url)?,
            read_only: draft.read_only,
            account: account_from(draft)?,
        })
    }

    fn save(&self, file: &ProfileFile) -> Result<(), ProfileError> {
        self.file
            .save(file)
            .map_err(|e| ProfileError::File(e.to_string()))
    }
}

fn validated_base_url(raw: &str) -> Result<String, ProfileError> {
    parse_base_url(raw)
        .map(|url| url.to_string())
        .map_err(|e| invalid("baseUrl", e.to_string()))
}

fn build_profile(
    stored: &StoredProfile,
    secret: Result<Option<Sensitive<String>>, StoreError>,
    http: &HttpOptions,
) -> Profile {
    let connected = match secret {
        Ok(Some(secret)) => connect(&stored.account, &stored.base_url, secret, http.clone())
            .map_err(|e| e.to_string()),
        Ok(None) => Err(
            "its credential is missing from the keychain; edit the connection and enter it again"
                .to_owned(),
        ),
        Err(e) => Err(e.to_string()),
    };
    match connected {
        Ok(vendor) => Profile {
            summary: summary_of(stored, None),
            vendor: Some(vendor),
        },
        Err(problem) => Profile {
            summary: summary_of(stored, Some(problem)),
            vendor: None,
        },
    }
}

// The keychain speaks D-Bus synchronously; keep it off the async workers.
async fn blocking_get(
    store: Arc<dyn SecretStore>,
    entry: String,
) -> Result<Option<Sensitive<String>>, StoreError> {
    tokio::task::spawn_blocking(move || store.get(&entry))
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable(e.to_string())))
}

async fn blocking_set(
    store: Arc<dyn SecretStore>,
    entry: String,
    value: Sensitive<String>,
) -> Result<(), StoreError> {
    tokio::task::spawn_blocking(move || store.set(&entry, &value))
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable(e.to_string())))
}

async fn blocking_delete(store: Arc<dyn SecretStore>, entry: String) -> Result<(), StoreError> {
    tokio::task::spawn_blocking(move || store.delete(&entry))
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable(e.to_string())))
}
