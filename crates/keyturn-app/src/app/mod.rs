//! The facade: one method per thing the user does. Each IPC command of the shell
//! calls exactly one of these; the tests call them the same way, with an
//! in-memory keychain and clipboard.
//!
//! `App` owns what the actions join: the started [`Keyturn`] (opened on first
//! use), the secrets of keys just created (held until their reveal closes), the
//! clipboard guard and the settings.

mod attention;
mod audit;
mod audit_trail;
mod connections;
mod first_listing;
mod keys;
mod listings;
mod lock;
mod lookup;
mod notices;
mod policies;
mod report;
mod rotations;
mod secrets;
mod settings;
mod tray;

use std::path::PathBuf;
use std::sync::Arc;

use keyturn_core::secrets::SecretStore;
use keyturn_core::storage::settings::SettingsStore;
use tokio::sync::OnceCell;

use crate::clipboard_guard::{Clipboard, ClipboardGuard};
use crate::error::CommandError;
use crate::keyturn::Keyturn;
use crate::listed_keys::ListedKeys;
use crate::reveal::RevealedSecrets;

pub use audit::{ExportFile, Exported};
pub use notices::Notifier;
pub use tray::{Tray, TrayRequest, TrayRotation};

pub struct App<C: Clipboard> {
    store: Arc<dyn SecretStore>,
    data_dir: PathBuf,
    config_dir: PathBuf,
    keyturn: OnceCell<Keyturn>,
    reveals: RevealedSecrets,
    listed: ListedKeys,
    clipboard: Arc<ClipboardGuard<C>>,
    settings: SettingsStore,
    /// Connection id → (why, first failure in a row) of listing its keys.
    list_failures: std::sync::Mutex<
        std::collections::HashMap<String, (String, chrono::DateTime<chrono::Utc>)>,
    >,
    notifier: std::sync::OnceLock<Arc<dyn Notifier>>,
    tray: std::sync::OnceLock<Arc<dyn Tray>>,
    tray_request: std::sync::Mutex<Option<TrayRequest>>,
    lock: crate::lock::Lock,
    authenticator: std::sync::OnceLock<Arc<dyn crate::lock::authenticator::Authenticator>>,
    /// The items of the run's first summary: not notified.
    first_seen: std::sync::Mutex<Option<std::collections::HashSet<String>>>,
    first_listing: first_listing::FirstListing,
}

impl<C: Clipboard + 'static> App<C> {
    /// `clipboard` is the platform's clipboard for secrets (the shell supplies it).
    pub fn new(
        store: Arc<dyn SecretStore>,
        data_dir: PathBuf,
        config_dir: PathBuf,
        clipboard: C,
    ) -> Self {
        Self {
            store,
            settings: SettingsStore::new(&config_dir),
            data_dir,
            config_dir,
            keyturn: OnceCell::new(),
            reveals: RevealedSecrets::default(),
            listed: ListedKeys::default(),
            clipboard: Arc::new(ClipboardGuard::new(clipboard)),
            list_failures: Default::default(),
            notifier: Default::default(),
            tray: Default::default(),
            tray_request: Default::default(),
            lock: Default::default(),
            authenticator: Default::default(),
            first_seen: Default::default(),
            first_listing: Default::default(),
        }
    }

    /// Opens everything on first use; a failure (say, a locked keychain) is not
    /// kept, so the next action tries again.
    pub async fn keyturn(&self) -> Result<&Keyturn, CommandError> {
        self.keyturn
            .get_or_try_init(|| async {
                Keyturn::open(self.store.clone(), &self.data_dir, &self.config_dir)
                    .await
                    .map_err(CommandError::from)
            })
            .await
    }

    /// On quit: no secret stays on the clipboard or in memory.
    pub fn wipe_secrets(&self) {
        let outcome = self.clipboard.clear_now();
        log::info!("clipboard on quit: {outcome:?}");
        self.reveals.forget_all();
    }

    /// From the panic hook: as `wipe_secrets`, without waiting on a lock the
    /// panicking thread may hold.
    pub fn wipe_secrets_after_panic(&self) {
        let outcome = self.clipboard.try_clear_now();
        log::info!("clipboard after a panic: {outcome:?}");
        self.reveals.try_forget_all();
    }
}
