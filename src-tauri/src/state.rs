use std::path::PathBuf;
use std::sync::Arc;

use keyturn_core::ipc::CommandError;
use keyturn_core::reveal::RevealedSecrets;
use keyturn_core::{Keyturn, SecretStore};
use tokio::sync::OnceCell;

pub struct AppState {
    store: Arc<dyn SecretStore>,
    data_dir: PathBuf,
    config_dir: PathBuf,
    keyturn: OnceCell<Keyturn>,
    pub reveals: RevealedSecrets,
}

impl AppState {
    pub fn new(store: Arc<dyn SecretStore>, data_dir: PathBuf, config_dir: PathBuf) -> Self {
        Self {
            store,
            data_dir,
            config_dir,
            keyturn: OnceCell::new(),
            reveals: RevealedSecrets::default(),
        }
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
