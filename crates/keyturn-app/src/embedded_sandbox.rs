//! First start with no configuration: run the sandbox in-process on a free loopback
//! port and open one connection per vendor on it, so a new user sees working key lists
//! at once.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};
use rand::RngCore;

use keyturn_core::connections::connection::{ConnectionSummary, Environment, VendorKind};
use keyturn_core::connections::file::Account;
use keyturn_core::connections::service::NOT_SIGNED_IN;
use keyturn_core::http::{HttpClient, HttpOptions};
use keyturn_core::secrets::{SecretStore, Sensitive, StoreError};
use keyturn_core::vendors::api_keys::account::ApiKeysAccount;
use keyturn_core::vendors::credential::Session;
use keyturn_core::vendors::kayle::account::KayleAccount;
use keyturn_core::vendors::verifa::account::VerifaAccount;
use keyturn_core::vendors::veryfi::account::VeryfiAccount;
use keyturn_core::workspace::Connection;

/// The keychain entry holding the embedded sandbox's admin token.
pub const SANDBOX_TOKEN_ENTRY: &str = "sandbox/admin-token";
pub const SANDBOX_VERYFI_CONNECTION_ID: &str = "sandbox-veryfi";
pub const SANDBOX_VERYFI_CONNECTION_NAME: &str = "Sandbox — Veryfi partner";
pub const SANDBOX_ORGANIZATION_ID: &str = "org_sandbox";
pub const SANDBOX_KAYLE_CONNECTION_ID: &str = "sandbox-kayle";
/// The sandbox's Kayle dialect seeds its keys in this user's organization.
pub const SANDBOX_KAYLE_EMAIL: &str = "sandbox@example.test";
/// The sandbox's own folder under the app's data directory (state and journal).
pub const STATE_DIR: &str = "sandbox";
const STATE_FILE: &str = "sandbox/state.json";
/// Enough keys in each unlimited account to make the window worth looking at.
const SEEDED_KEYS: usize = 6;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Keychain(#[from] StoreError),
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
    #[error("the saved connections could not be read: {0}")]
    Connections(String),
}

/// One built-in connection per vendor dialect the sandbox speaks.
pub fn sandbox_accounts() -> Vec<(&'static str, &'static str, Account)> {
    vec![
        (
            SANDBOX_VERYFI_CONNECTION_ID,
            SANDBOX_VERYFI_CONNECTION_NAME,
            Account::Veryfi(VeryfiAccount {
                client_id: VERYFI_CLIENT_ID.to_owned(),
                username: VERYFI_USERNAME.to_owned(),
            }),
        ),
        (
            "sandbox-verifa",
            "Sandbox — Verifa",
            Account::Verifa(VerifaAccount {
                organization_id: SANDBOX_ORGANIZATION_ID.to_owned(),
                api_version: None,
            }),
        ),
        (
            "sandbox-api-keys",
            "Sandbox — API keys (/v1/api-keys)",
            Account::ApiKeys(ApiKeysAccount {}),
        ),
        (
            SANDBOX_KAYLE_CONNECTION_ID,
            "Sandbox — Kayle ID",
            Account::Kayle(KayleAccount {
                email: Some(SANDBOX_KAYLE_EMAIL.to_owned()),
                organization: None,
            }),
        ),
    ]
}

/// Reads the sandbox token from the keychain, creating it on first start.
pub fn sandbox_token(store: &dyn SecretStore) -> Result<Sensitive<String>, StoreError> {
    if let Some(token) = store.get(SANDBOX_TOKEN_ENTRY)? {
        return Ok(token);
    }
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = Sensitive::new(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
    store.set(SANDBOX_TOKEN_ENTRY, &token)?;
    Ok(token)
}

/// Starts the sandbox and returns it with its connections; the caller keeps it alive.
pub async fn start_embedded_sandbox(
    store: Arc<dyn SecretStore>,
    data_dir: &Path,
) -> Result<(Sandbox, Vec<Connection>), StartupError> {
    let token = tokio::task::spawn_blocking(move || sandbox_token(store.as_ref()))
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))??;
    let options = SandboxOptions {
        admin_token: token.expose().clone(),
        state_file: Some(data_dir.join(STATE_FILE)),
        seed_keys: SEEDED_KEYS,
        ..SandboxOptions::default()
    };
    let listen = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let sandbox = keyturn_sandbox::start(listen, options)
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))?;
    let base_url = sandbox.base_url();
    let mut connections = Vec::new();
    for (id, name, account) in sandbox_accounts() {
        let mut summary = ConnectionSummary {
            id: id.to_owned(),
            name: name.to_owned(),
            vendor: account.vendor(),
            environment: Environment::Sandbox,
            read_only: false,
            base_url: base_url.clone(),
            account_label: account.label(),
            account: account.values(),
            api_version: None,
            builtin: true,
            problem: None,
            signed_out: false,
        };
        let secret = if account.vendor().info().credential.is_session() {
            match sign_in_to_sandbox(&base_url, &token, account.vendor()).await {
                Ok(session) => session.to_keychain(),
                Err(problem) => {
                    log::warn!("the built-in {name} connection could not sign in: {problem}");
                    summary.problem = Some(format!("{NOT_SIGNED_IN} ({problem})"));
                    summary.signed_out = true;
                    connections.push(Connection {
                        summary,
                        vendor: None,
                    });
                    continue;
                }
            }
        } else {
            token.clone()
        };
        let vendor = account
            .connect(&base_url, secret, HttpOptions::default())
            .map_err(|e| StartupError::Sandbox(e.to_string()))?;
        connections.push(Connection {
            summary,
            vendor: Some(vendor),
        });
    }
    Ok((sandbox, connections))
}

/// An email as a query value: the few characters an address may hold that a query may not.
fn percent_encode_query(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' | '_' | '@' => c.to_string(),
            other => other
                .to_string()
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect(),
        })
        .collect()
}

/// The built-in connections when the sandbox could not start: listed, each
/// saying why, none able to call anything.
pub fn unavailable_connections(problem: &str) -> Vec<Connection> {
    sandbox_accounts()
        .into_iter()
        .map(|(id, name, account)| Connection {
            summary: ConnectionSummary {
                id: id.to_owned(),
                name: name.to_owned(),
                vendor: account.vendor(),
                environment: Environment::Sandbox,
                read_only: false,
                base_url: String::new(),
                account_label: account.label(),
                account: account.values(),
                api_version: None,
                builtin: true,
                problem: Some(format!("The built-in sandbox could not start: {problem}")),
                signed_out: false,
            },
            vendor: None,
        })
        .collect()
}

/// Signs the built-in session connection in as a user would, through the sandbox's
/// own sign-in routes; the emailed code is read from the sandbox's admin side.
/// The session stays in memory: a new one is made at every start.
pub async fn sign_in_to_sandbox(
    base_url: &str,
    admin_token: &Sensitive<String>,
    vendor: VendorKind,
) -> Result<Session, String> {
    let flow = vendor
        .sign_in(base_url, HttpOptions::default())
        .map_err(|e| e.to_string())?
        .ok_or("this vendor does not sign in")?;
    let email = SANDBOX_KAYLE_EMAIL;
    flow.send_code(email).await.map_err(|e| e.to_string())?;
    let code = sandbox_code(base_url, admin_token, email).await?;
    let session = flow
        .verify_code(email, &code)
        .await
        .map_err(|e| e.to_string())?;
    let organizations = flow
        .organizations(&session)
        .await
        .map_err(|e| e.to_string())?;
    let organization = organizations
        .first()
        .ok_or("the sandbox user has no organization")?;
    flow.choose_organization(session, &organization.id)
        .await
        .map_err(|e| e.to_string())
}

/// The sign-in code the sandbox would have emailed, from its admin route.
async fn sandbox_code(
    base_url: &str,
    admin_token: &Sensitive<String>,
    email: &str,
) -> Result<Sensitive<String>, String> {
    #[derive(serde::Deserialize)]
    struct Code {
        otp: String,
    }
    // The same HTTP policy as every vendor call: timeouts, size cap, no proxy for loopback.
    let http = HttpClient::new(base_url, HttpOptions::default()).map_err(|e| e.to_string())?;
    let path = format!("_sandbox/kayle/otp?email={}", percent_encode_query(email));
    let response = http
        .send(http.bearer_request(reqwest::Method::GET, &path, admin_token))
        .await
        .map_err(|e| format!("the sandbox's admin side did not answer ({e})"))?;
    if !response.status.is_success() {
        return Err(format!(
            "the sandbox's admin side gave no sign-in code (HTTP {})",
            response.status.as_u16()
        ));
    }
    let code: Code = serde_json::from_slice(&response.body)
        .map_err(|_| "the sandbox's sign-in code could not be read".to_owned())?;
    Ok(Sensitive::new(code.otp))
}
