//! First start with no configuration: run the sandbox in-process on a free loopback
//! port and open a profile on it, so a new user sees a working key list at once.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use keyturn_sandbox::{SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};
use rand::RngCore;

use crate::http::HttpOptions;
use crate::profile::{Environment, ProfileSummary, VendorKind};
use crate::secrets::{SecretStore, Sensitive, StoreError};
use crate::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use crate::workspace::{Profile, Workspace};

/// The keychain entry holding the embedded sandbox's admin token.
pub const SANDBOX_TOKEN_ENTRY: &str = "sandbox/admin-token";
pub const SANDBOX_VERYFI_PROFILE_ID: &str = "sandbox-veryfi";
pub const SANDBOX_VERYFI_PROFILE_NAME: &str = "Sandbox — Veryfi partner";
const STATE_FILE: &str = "sandbox/state.json";

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Keychain(#[from] StoreError),
    #[error("the built-in sandbox could not start: {0}")]
    Sandbox(String),
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

pub async fn open_sandbox_workspace(
    store: Arc<dyn SecretStore>,
    data_dir: &Path,
) -> Result<Workspace, StartupError> {
    let token = tokio::task::spawn_blocking(move || sandbox_token(store.as_ref()))
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))??;
    let options = SandboxOptions {
        admin_token: token.expose().clone(),
        state_file: Some(data_dir.join(STATE_FILE)),
    };
    let listen = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let sandbox = keyturn_sandbox::start(listen, options)
        .await
        .map_err(|e| StartupError::Sandbox(e.to_string()))?;
    let base_url = sandbox.base_url();
    let credentials = VeryfiCredentials {
        client_id: VERYFI_CLIENT_ID.to_owned(),
        username: VERYFI_USERNAME.to_owned(),
        api_key: token,
    };
    let vendor = VeryfiPartner::new(&base_url, credentials, HttpOptions::default())
        .map_err(|e| StartupError::Sandbox(e.to_string()))?;
    let profile = Profile {
        summary: ProfileSummary {
            id: SANDBOX_VERYFI_PROFILE_ID.to_owned(),
            name: SANDBOX_VERYFI_PROFILE_NAME.to_owned(),
            vendor: VendorKind::Veryfi,
            environment: Environment::Sandbox,
            read_only: false,
            base_url,
        },
        vendor: Arc::new(vendor),
    };
    Ok(Workspace::new(vec![profile]).keep_alive(sandbox))
}
