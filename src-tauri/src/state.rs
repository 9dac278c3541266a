use std::path::PathBuf;
use std::sync::Arc;

use keyturn_core::embedded_sandbox::open_sandbox_workspace;
use keyturn_core::ipc::CommandError;
use keyturn_core::{SecretStore, Workspace};
use tokio::sync::OnceCell;

pub struct AppState {
    store: Arc<dyn SecretStore>,
    data_dir: PathBuf,
    workspace: OnceCell<Workspace>,
}

impl AppState {
    pub fn new(store: Arc<dyn SecretStore>, data_dir: PathBuf) -> Self {
        Self {
            store,
            data_dir,
            workspace: OnceCell::new(),
        }
    }

    /// Opens the workspace on first use; a failure (say, a locked keychain) is not
    /// cached, so the next command tries again.
    pub async fn workspace(&self) -> Result<&Workspace, CommandError> {
        self.workspace
            .get_or_try_init(|| async {
                open_sandbox_workspace(self.store.clone(), &self.data_dir)
                    .await
                    .map_err(CommandError::from)
            })
            .await
    }
}
