use std::path::PathBuf;
use std::sync::Arc;

use keyturn_core::ipc::CommandError;
use keyturn_core::reveal::RevealedSecrets;
use keyturn_core::settings::SettingsStore;
use keyturn_core::{Keyturn, SecretStore};
use tokio::sync::OnceCell;

use crate::clipboard::{SecretClipboard, SystemClipboard};

pub struct AppState {
    store: Arc<dyn SecretStore>,
    data_dir: PathBuf,
    config_dir: PathBuf,
    keyturn: OnceCell<Keyturn>,
    pub reveals: RevealedSecrets,
    pub clipboard: Arc<SecretClipboard>,
    pub settings: SettingsStore,
}

impl AppState {
    pub fn new(store: Arc<dyn SecretStore>, data_dir: PathBuf, config_dir: PathBuf) -> Self {
        Self {
            store,
            settings: SettingsStore::new(&config_dir),
            data_dir,
            config_dir,
            keyturn: OnceCell::new(),
            reveals: RevealedSecrets::default(),
            clipboard: Arc::new(SecretClipboard::new(SystemClipboard::new())),
        }
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

    /// Opens everything on first use; a failure (say, a locked keychain) is not
    /// cached, so the next command tries again.
    pub async fn keyturn(&self) -> Result<&Keyturn, CommandError> {
        self.keyturn
            .get_or_try_init(|| async {
                Keyturn::open(self.store.clone(), &self.data_dir, &self.config_dir)
                    .await
                    .map_err(CommandError::from)
            })
            .await
    }
}
