//! Adding, testing, editing and removing connections to vendor accounts.
//! Non-secret fields go to the connection file; the credential goes only to the
//! keychain, one entry per connection, named by the connection's id.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::RngCore;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::connections::connection::{ConnectionSummary, Environment, VendorKind};
use crate::connections::file::{Account, ConnectionFile, ConnectionFileStore, StoredConnection};
use crate::http::{parse_base_url, HttpOptions};
use crate::secrets::{SecretStore, Sensitive, StoreError};
use crate::vendors::credential::{OrganizationChoice, Session, SessionSignIn};
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::workspace::{Connection, Workspace};

const MAX_NAME_LENGTH: usize = 80;
pub const NOT_SIGNED_IN: &str = "Signed out — sign in again.";
/// A sign-in left half-way is forgotten after the life of its code.
const SIGN_IN_LIFETIME: Duration = Duration::from_secs(15 * 60);
const CODE_DIGITS: usize = 6;

/// The first step of signing in: where, and who.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInStart {
    pub vendor: VendorKind,
    pub base_url: String,
    pub email: String,
    /// Set to sign an existing connection in again; its vendor and address are used.
    pub connection_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInStarted {
    pub sign_in_id: String,
    pub email: String,
}

/// A sign-in between its steps. The session never leaves this process.
struct PendingSignIn {
    started: Instant,
    vendor: VendorKind,
    base_url: String,
    email: String,
    connection_id: Option<String>,
    session: Option<Session>,
    organizations: Vec<OrganizationChoice>,
}

/// What the "Add connection" and "Edit" forms send.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDraft {
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
    pub credential: Option<Sensitive<String>>,
    /// The user's explicit yes to turning a read-only connection writable.
    #[serde(default)]
    #[ts(optional)]
    pub allow_changes: Option<bool>,
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
pub struct RemovedConnection {
    pub name: String,
    pub keychain_entry_removed: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConnectionError {
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },
    #[error("no connection with id {0:?}")]
    NotFound(String),
    #[error(transparent)]
    Keychain(#[from] StoreError),
    #[error("the connection file could not be written: {0}")]
    File(String),
    #[error(transparent)]
    Vendor(#[from] VendorError),
}

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> ConnectionError {
    ConnectionError::Invalid {
        field: Some(field.to_owned()),
        message: message.into(),
    }
}

/// Scheme, host and port, as a browser compares origins.
fn origin_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .map(|u| u.origin().ascii_serialization())
        .unwrap_or_else(|_| url.to_owned())
}

fn same_origin(a: &str, b: &str) -> bool {
    match (reqwest::Url::parse(a), reqwest::Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => a == b,
    }
}

pub fn keychain_entry(connection_id: &str) -> String {
    format!("profile/{connection_id}")
}

fn new_connection_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "p_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

pub fn summary_of(
    stored: &StoredConnection,
    problem: Option<String>,
    signed_out: bool,
) -> ConnectionSummary {
    ConnectionSummary {
        id: stored.id.clone(),
        name: stored.name.clone(),
        vendor: stored.account.vendor(),
        environment: stored.environment,
        read_only: stored.read_only,
        base_url: stored.base_url.clone(),
        account_label: stored.account.label(),
        account: stored.account.values(),
        api_version: stored.account.api_version(),
        builtin: false,
        problem,
        signed_out,
    }
}

pub struct ConnectionService {
    file: ConnectionFileStore,
    secrets: Arc<dyn SecretStore>,
    workspace: Arc<Workspace>,
    http: HttpOptions,
    /// Serializes edits so the file and the keychain never disagree.
    edits: Mutex<ConnectionFile>,
    sign_ins: Mutex<HashMap<String, PendingSignIn>>,
}

impl ConnectionService {
    /// Loads the saved connections into the workspace. Returns the service and, when
    /// the file had to be set aside, the sentence to show the user.
    pub async fn open(
        file: ConnectionFileStore,
        secrets: Arc<dyn SecretStore>,
        workspace: Arc<Workspace>,
        http: HttpOptions,
    ) -> Result<(Self, Option<String>), ConnectionError> {
        let loaded = file
            .load()
            .map_err(|e| ConnectionError::File(e.to_string()))?;
        for stored in &loaded.file.connections {
            let secret = blocking_get(secrets.clone(), keychain_entry(&stored.id)).await;
            workspace.upsert(build_connection(stored, secret, &http));
        }
        let service = Self {
            file,
            secrets,
            workspace,
            http,
            edits: Mutex::new(loaded.file),
            sign_ins: Mutex::new(HashMap::new()),
        };
        Ok((service, loaded.notice))
    }

    pub async fn last_connection_id(&self) -> Option<String> {
        self.edits.lock().await.last_connection_id.clone()
    }

    pub async fn select(&self, connection_id: &str) -> Result<(), ConnectionError> {
        self.workspace
            .summary(connection_id)
            .map_err(|_| ConnectionError::NotFound(connection_id.to_owned()))?;
        let mut file = self.edits.lock().await;
        if file.last_connection_id.as_deref() == Some(connection_id) {
            return Ok(());
        }
        let mut next = file.clone();
        next.last_connection_id = Some(connection_id.to_owned());
        self.save(&next)?;
        *file = next;
        Ok(())
    }

    /// Lists the first page with the draft's credentials; nothing is saved.
    pub async fn test(&self, draft: &ConnectionDraft) -> Result<ConnectionCheck, ConnectionError> {
        refuse_pasted_session(draft)?;
        let account = Account::from_draft(draft)?;
        let secret = draft
            .credential
            .clone()
            .filter(|s| !s.expose().trim().is_empty())
            .ok_or_else(|| invalid("credential", "Enter the credential to test."))?;
        let base_url = validated_base_url(&draft.base_url)?;
        let vendor = account
            .connect(&base_url, secret, self.http.clone())
            .map_err(|e| invalid("baseUrl", e.to_string()))?;
        let page = vendor.list_page(None).await?;
        Ok(ConnectionCheck {
            keys_seen: page.items.len() as u32,
            more_pages: page.next.is_some(),
        })
    }

    pub async fn add(&self, draft: &ConnectionDraft) -> Result<ConnectionSummary, ConnectionError> {
        refuse_pasted_session(draft)?;
        let secret = draft
            .credential
            .clone()
            .filter(|s| !s.expose().trim().is_empty())
            .ok_or_else(|| invalid("credential", "Enter the credential."))?;
        let stored = self.validated(draft, new_connection_id(), None)?;
        self.insert(stored, secret).await
    }

    /// Saves a new connection: the credential to the keychain, the rest to the file.
    async fn insert(
        &self,
        stored: StoredConnection,
        secret: Sensitive<String>,
    ) -> Result<ConnectionSummary, ConnectionError> {
        let mut file = self.edits.lock().await;
        let entry = keychain_entry(&stored.id);
        blocking_set(self.secrets.clone(), entry.clone(), secret.clone()).await?;
        let mut next = file.clone();
        next.connections.push(stored.clone());
        if let Err(e) = self.save(&next) {
            let _ = blocking_delete(self.secrets.clone(), entry).await;
            return Err(e);
        }
        *file = next;
        let connection = build_connection(&stored, Ok(Some(secret)), &self.http);
        let summary = connection.summary.clone();
        self.workspace.upsert(connection);
        Ok(summary)
    }

    pub async fn update(
        &self,
        connection_id: &str,
        draft: &ConnectionDraft,
    ) -> Result<ConnectionSummary, ConnectionError> {
        let mut file = self.edits.lock().await;
        let index = file
            .connections
            .iter()
            .position(|p| p.id == connection_id)
            .ok_or_else(|| ConnectionError::NotFound(connection_id.to_owned()))?;
        let mut stored = self.validated(draft, connection_id.to_owned(), Some(connection_id))?;
        let previous = &file.connections[index];
        if previous.read_only && !stored.read_only && draft.allow_changes != Some(true) {
            return Err(invalid(
                "readOnly",
                "Turning read-only off lets Keyturn create, revoke and rotate keys on this connection: confirm it to save.",
            ));
        }
        // A credential belongs to the vendor and origin it was saved for: it is
        // never sent to another host, whatever an edit (or a script) asks.
        let moved = previous.account.vendor() != draft.vendor
            || !same_origin(&previous.base_url, &stored.base_url);
        let typed = draft
            .credential
            .clone()
            .filter(|s| !s.expose().trim().is_empty());
        let signs_in = draft.vendor.info().credential.is_session();
        if signs_in {
            if draft.credential.is_some() {
                return Err(invalid("credential", SIGN_IN_INSTEAD));
            }
            if !moved {
                stored.account = previous.account.clone();
            }
        } else if moved && typed.is_none() {
            return Err(invalid("credential",
                format!(
                    "The vendor or address changed: enter the {} again. The one saved for {} is never sent anywhere else.",
                    draft.vendor.info().credential_label.to_lowercase(),
                    origin_of(&previous.base_url)
                ),
            ));
        }
        let entry = keychain_entry(connection_id);
        let secret = match typed {
            Some(secret) => {
                blocking_set(self.secrets.clone(), entry, secret.clone()).await?;
                Ok(Some(secret))
            }
            None if moved => {
                blocking_delete(self.secrets.clone(), entry).await?;
                Ok(None)
            }
            None => blocking_get(self.secrets.clone(), entry).await,
        };
        let mut next = file.clone();
        next.connections[index] = stored.clone();
        self.save(&next)?;
        *file = next;
        let connection = build_connection(&stored, secret, &self.http);
        let summary = connection.summary.clone();
        self.workspace.upsert(connection);
        Ok(summary)
    }

    pub async fn remove(&self, connection_id: &str) -> Result<RemovedConnection, ConnectionError> {
        let mut file = self.edits.lock().await;
        let index = file
            .connections
            .iter()
            .position(|p| p.id == connection_id)
            .ok_or_else(|| ConnectionError::NotFound(connection_id.to_owned()))?;
        blocking_delete(self.secrets.clone(), keychain_entry(connection_id)).await?;
        let mut next = file.clone();
        let removed = next.connections.remove(index);
        if next.last_connection_id.as_deref() == Some(connection_id) {
            next.last_connection_id = None;
        }
        self.save(&next)?;
        *file = next;
        self.workspace.remove(connection_id);
        Ok(RemovedConnection {
            name: removed.name,
            keychain_entry_removed: true,
        })
    }

    /// Asks the vendor to email a code; returns the id the next steps name.
    pub async fn start_sign_in(
        &self,
        start: &SignInStart,
    ) -> Result<SignInStarted, ConnectionError> {
        let (vendor, base_url) = match &start.connection_id {
            Some(id) => {
                let file = self.edits.lock().await;
                let stored = file
                    .connections
                    .iter()
                    .find(|p| &p.id == id)
                    .ok_or_else(|| ConnectionError::NotFound(id.clone()))?;
                (stored.account.vendor(), stored.base_url.clone())
            }
            None => (start.vendor, validated_base_url(&start.base_url)?),
        };
        let email = start.email.trim().to_owned();
        let plausible = email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        });
        if !plausible {
            return Err(invalid(
                "email",
                "Enter the email address you sign in to the vendor with.",
            ));
        }
        let flow = self.sign_in_flow(vendor, &base_url)?;
        flow.send_code(&email).await?;
        let sign_in_id = new_connection_id().replacen("p_", "s_", 1);
        let mut pending = self.sign_ins.lock().await;
        pending.retain(|_, p| p.started.elapsed() < SIGN_IN_LIFETIME);
        pending.insert(
            sign_in_id.clone(),
            PendingSignIn {
                started: Instant::now(),
                vendor,
                base_url,
                email: email.clone(),
                connection_id: start.connection_id.clone(),
                session: None,
                organizations: Vec::new(),
            },
        );
        Ok(SignInStarted { sign_in_id, email })
    }

    /// Trades the emailed code for a session; returns the organizations to choose from.
    pub async fn verify_sign_in_code(
        &self,
        sign_in_id: &str,
        code: &Sensitive<String>,
    ) -> Result<Vec<OrganizationChoice>, ConnectionError> {
        let code = Sensitive::new(code.expose().trim().to_owned());
        if code.expose().len() != CODE_DIGITS || !code.expose().bytes().all(|b| b.is_ascii_digit())
        {
            return Err(invalid(
                "code",
                format!("Enter the {CODE_DIGITS}-digit code from the email."),
            ));
        }
        let (vendor, base_url, email) = {
            let pending = self.sign_ins.lock().await;
            let p = pending.get(sign_in_id).ok_or_else(sign_in_gone)?;
            (p.vendor, p.base_url.clone(), p.email.clone())
        };
        let flow = self.sign_in_flow(vendor, &base_url)?;
        let session = match flow.verify_code(&email, &code).await {
            Ok(session) => session,
            Err(error) => {
                if error.kind == VendorErrorKind::CodeRejected {
                    self.sign_ins.lock().await.remove(sign_in_id);
                }
                return Err(error.into());
            }
        };
        let organizations = flow.organizations(&session).await?;
        if organizations.is_empty() {
            let _ = flow.sign_out(&session).await;
            self.sign_ins.lock().await.remove(sign_in_id);
            return Err(invalid(
                "organization",
                "You are not an owner or admin of any organization there: ask an owner to make you an admin, or create an organization in the dashboard, then sign in again.",
            ));
        }
        let mut pending = self.sign_ins.lock().await;
        let p = pending.get_mut(sign_in_id).ok_or_else(sign_in_gone)?;
        p.session = Some(session);
        p.organizations = organizations.clone();
        Ok(organizations)
    }

    /// The connection a sign-in signs in again; `None` for a new connection or a
    /// sign-in that has ended.
    pub async fn signing_in_again(&self, sign_in_id: &str) -> Option<String> {
        self.sign_ins
            .lock()
            .await
            .get(sign_in_id)
            .and_then(|p| p.connection_id.clone())
    }

    /// Makes the chosen organization the session's and saves the connection: a new
    /// one from `draft`, or the one the sign-in was started for.
    pub async fn finish_sign_in(
        &self,
        sign_in_id: &str,
        organization_id: &str,
        draft: Option<&ConnectionDraft>,
    ) -> Result<ConnectionSummary, ConnectionError> {
        let pending = self
            .sign_ins
            .lock()
            .await
            .remove(sign_in_id)
            .ok_or_else(sign_in_gone)?;
        let (Some(session), Some(organization)) = (
            pending.session.clone(),
            pending
                .organizations
                .iter()
                .find(|o| o.id == organization_id)
                .cloned(),
        ) else {
            let again = organization_id.to_owned();
            self.sign_ins
                .lock()
                .await
                .insert(sign_in_id.to_owned(), pending);
            return Err(invalid(
                "organization",
                format!("Choose one of the organizations listed (not {again:?})."),
            ));
        };
        let flow = self.sign_in_flow(pending.vendor, &pending.base_url)?;
        let session = flow.choose_organization(session, &organization.id).await?;
        let account = flow.account(&pending.email, &organization);
        let secret = session.to_keychain();
        match &pending.connection_id {
            Some(connection_id) => self.signed_in_again(connection_id, account, secret).await,
            None => {
                let draft = draft.ok_or_else(|| {
                    invalid("name", "Give the connection a name before signing in.")
                })?;
                let mut draft = draft.clone();
                draft.vendor = pending.vendor;
                draft.base_url = pending.base_url.clone();
                let mut stored = self.validated(&draft, new_connection_id(), None)?;
                stored.account = account;
                self.insert(stored, secret).await
            }
        }
    }

    async fn signed_in_again(
        &self,
        connection_id: &str,
        account: Account,
        secret: Sensitive<String>,
    ) -> Result<ConnectionSummary, ConnectionError> {
        let mut file = self.edits.lock().await;
        let index = file
            .connections
            .iter()
            .position(|p| p.id == connection_id)
            .ok_or_else(|| ConnectionError::NotFound(connection_id.to_owned()))?;
        blocking_set(
            self.secrets.clone(),
            keychain_entry(connection_id),
            secret.clone(),
        )
        .await?;
        let mut next = file.clone();
        next.connections[index].account = account;
        self.save(&next)?;
        let stored = next.connections[index].clone();
        *file = next;
        let connection = build_connection(&stored, Ok(Some(secret)), &self.http);
        let summary = connection.summary.clone();
        self.workspace.upsert(connection);
        Ok(summary)
    }

    /// Ends the session at the vendor (if it still answers) and forgets it here.
    pub async fn sign_out(
        &self,
        connection_id: &str,
    ) -> Result<ConnectionSummary, ConnectionError> {
        let file = self.edits.lock().await;
        let stored = file
            .connections
            .iter()
            .find(|p| p.id == connection_id)
            .cloned()
            .ok_or_else(|| ConnectionError::NotFound(connection_id.to_owned()))?;
        let entry = keychain_entry(connection_id);
        let kept = blocking_get(self.secrets.clone(), entry.clone()).await?;
        if let Some(session) = kept.as_ref().and_then(Session::from_keychain) {
            let flow = self.sign_in_flow(stored.account.vendor(), &stored.base_url)?;
            if let Err(e) = flow.sign_out(&session).await {
                log::info!(
                    "signing out at the vendor failed ({:?}); forgotten here anyway",
                    e.kind
                );
            }
        }
        blocking_delete(self.secrets.clone(), entry).await?;
        let connection = build_connection(&stored, Ok(None), &self.http);
        let summary = connection.summary.clone();
        self.workspace.upsert(connection);
        Ok(summary)
    }

    fn sign_in_flow(
        &self,
        vendor: VendorKind,
        base_url: &str,
    ) -> Result<Box<dyn SessionSignIn>, ConnectionError> {
        vendor
            .sign_in(base_url, self.http.clone())
            .map_err(|e| invalid("baseUrl", e.to_string()))?
            .ok_or_else(|| {
                invalid(
                    "vendor",
                    format!(
                        "{} connections use a pasted credential, not a sign-in.",
                        vendor.info().display_name
                    ),
                )
            })
    }

    fn validated(
        &self,
        draft: &ConnectionDraft,
        id: String,
        replacing: Option<&str>,
    ) -> Result<StoredConnection, ConnectionError> {
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
        let taken = self.workspace.connections().iter().any(|p| {
            Some(p.id.as_str()) != replacing && p.name.to_lowercase() == name.to_lowercase()
        });
        if taken {
            return Err(invalid("name", format!("A connection named \u{201c}{name}\u{201d} already exists; choose another name.")));
        }
        Ok(StoredConnection {
            id,
            name,
            environment: draft.environment,
            base_url: validated_base_url(&draft.base_url)?,
            read_only: draft.read_only,
            account: Account::from_draft(draft)?,
        })
    }

    fn save(&self, file: &ConnectionFile) -> Result<(), ConnectionError> {
        self.file
            .save(file)
            .map_err(|e| ConnectionError::File(e.to_string()))
    }
}

const SIGN_IN_INSTEAD: &str =
    "This vendor's connections sign in with your email and a code; nothing is pasted.";

fn refuse_pasted_session(draft: &ConnectionDraft) -> Result<(), ConnectionError> {
    if draft.vendor.info().credential.is_session() {
        Err(invalid("credential", SIGN_IN_INSTEAD))
    } else {
        Ok(())
    }
}

fn sign_in_gone() -> ConnectionError {
    invalid(
        "code",
        "This sign-in has ended (it was finished, refused or left too long); start again with your email.",
    )
}

fn validated_base_url(raw: &str) -> Result<String, ConnectionError> {
    parse_base_url(raw)
        .map(|url| url.to_string())
        .map_err(|e| invalid("baseUrl", e.to_string()))
}

fn build_connection(
    stored: &StoredConnection,
    secret: Result<Option<Sensitive<String>>, StoreError>,
    http: &HttpOptions,
) -> Connection {
    let session_kind = stored.account.vendor().info().credential.is_session();
    let signed_out = |problem: &str| Connection {
        summary: summary_of(stored, Some(problem.to_owned()), true),
        vendor: None,
    };
    let connected = match secret {
        Ok(Some(secret)) => {
            if session_kind {
                // An expiry passed here is left to the vendor: it extends sessions in use.
                if Session::from_keychain(&secret).is_none() {
                    return signed_out(NOT_SIGNED_IN);
                }
            }
            stored
                .account
                .connect(&stored.base_url, secret, http.clone())
                .map_err(|e| e.to_string())
        }
        Ok(None) if session_kind => return signed_out(NOT_SIGNED_IN),
        Ok(None) => Err(
            "its credential is missing from the keychain; edit the connection and enter it again"
                .to_owned(),
        ),
        Err(e) => Err(e.to_string()),
    };
    match connected {
        Ok(vendor) => Connection {
            summary: summary_of(stored, None, false),
            vendor: Some(vendor),
        },
        Err(problem) => Connection {
            summary: summary_of(stored, Some(problem), false),
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
