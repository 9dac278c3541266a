//! First start with no configuration: run the sandbox in-process on a free loopback
//! port and open one profile per vendor on it, so a new user sees working key lists
//! at once.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};
use rand::RngCore;

use crate::http::HttpOptions;
use crate::profile::{Environment, ProfileSummary};
use crate::profile_file::Account;
use crate::profile_service::account_label;
use crate::secrets::{SecretStore, Sensitive, StoreError};
use crate::vendors::connect::connect;
use crate::workspace::Profile;

/// The keychain entry holding the embedded sandbox's admin token.
pub const SANDBOX_TOKEN_ENTRY: &str = "sandbox/admin-token";
pub const SANDBOX_VERYFI_PROFILE_ID: &str = "sandbox-veryfi";
pub const SANDBOX_VERYFI_PROFILE_NAME: &str = "Sandbox — Veryfi partner";
pub const SANDBOX_ORGANIZATION_ID: &str = "org_sandbox";
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
    Profiles(String),
}

/// One built-in profile per vendor dialect the sandbox speaks.
pub fn sandbox_accounts() -> Vec<(&'static str, &'static str, Account)> {
    vec![
        (
            SANDBOX_VERYFI_PROFILE_ID,
            SANDBOX_VERYFI_PROFILE_NAME,
            Account::Veryfi {
                client_id: VERYFI_CLIENT_ID.to_owned(),
                username: VERYFI_USERNAME.to_owned(),
            },
        ),
        (
            "sandbox-verifa",
            "Sandbox — Verifa",
            Account::Verifa {
                organization_id: SANDBOX_ORGANIZATION_ID.to_owned(),
                api_version: None,
            },
        ),
        (
            "sandbox-api-keys",
            "Sandbox — API keys (/v1/api-keys)",
            Account::ApiKeys,
        ),
        ("sandbox-kayle", "Sandbox — Kayle ID", Account::Kayle),
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

/// Starts the sandbox and returns it with its profiles; the caller keeps it alive.
pub async fn start_embedded_sandbox(
    store: Arc<dyn SecretStore>,
    data_dir: &Path,
) -> Result<(Sandbox, Vec<Profile>), StartupError> {
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
    let mut profiles = Vec::new();
    for (id, name, account) in sandbox_accounts() {
        let vendor = connect(&account, &base_url, token.clone(), HttpOptions::default())
            .map_err(|e| StartupError::Sandbox(e.to_string()))?;
        profiles.push(Profile {
            summary: ProfileSummary {
                id: id.to_owned(),
                name: name.to_owned(),
                vendor: account.vendor(),
                environment: Environment::Sandbox,
                read_only: false,
                base_url: base_url.clone(),
                account_label: account_label(&account),
                api_version: None,
                builtin: true,
                problem: None,
            },
            vendor: Some(vendor),
        });
    }
    Ok((sandbox, profiles))
}

/// Returns the embedded sandbox to its first-start state: every key made since is gone.
pub async fn reset_sandbox(
    store: Arc<dyn SecretStore>,
    base_url: &str,
) -> Result<(), StartupError> {
    let token = tokio::task::spawn_blocking(move || sandbox_token(store.as_ref()))
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))??;
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/reset", base_url.trim_end_matches('/')))
        .bearer_auth(token.expose())
        .send()
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(StartupError::Sandbox(format!(
            "the reset was refused (HTTP {})",
            response.status()
        )))
    }
}
