//! Everything the app holds once started: the built-in sandbox profiles, the
//! user's saved connections, and the service that edits them.

use std::path::Path;
use std::sync::Arc;

use keyturn_sandbox::Sandbox;

use crate::audit::AuditLog;
use crate::embedded_sandbox::{reset_sandbox, start_embedded_sandbox, StartupError};
use crate::http::HttpOptions;
use crate::profile_file::ProfileFileStore;
use crate::profile_service::ProfileService;
use crate::rotation::service::RotationService;
use crate::secrets::SecretStore;
use crate::workspace::Workspace;

pub struct Keyturn {
    pub workspace: Arc<Workspace>,
    pub profiles: ProfileService,
    pub rotations: RotationService,
    /// A sentence for the user when saved connections had to be set aside.
    pub notice: Option<String>,
    secrets: Arc<dyn SecretStore>,
    sandbox_base_url: String,
    sandbox: Option<Sandbox>,
}

impl Keyturn {
    pub async fn open(
        secrets: Arc<dyn SecretStore>,
        data_dir: &Path,
        config_dir: &Path,
    ) -> Result<Self, StartupError> {
        let (sandbox, builtin) = start_embedded_sandbox(secrets.clone(), data_dir).await?;
        let sandbox_base_url = sandbox.base_url();
        let workspace = Arc::new(Workspace::new(builtin).with_audit(AuditLog::new(data_dir)));
        let (profiles, notice) = ProfileService::open(
            ProfileFileStore::new(config_dir),
            secrets.clone(),
            workspace.clone(),
            HttpOptions::default(),
        )
        .await
        .map_err(|e| StartupError::Profiles(e.to_string()))?;
        Ok(Self {
            workspace,
            profiles,
            rotations: RotationService::new(data_dir),
            notice,
            secrets,
            sandbox_base_url,
            sandbox: Some(sandbox),
        })
    }

    /// Stops the built-in sandbox and waits until its state is on disk (dropping
    /// Keyturn stops it too, but without waiting).
    pub async fn shutdown(mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }

    /// The built-in sandbox profiles back to their first-start keys.
    pub async fn reset_sandbox(&self) -> Result<(), StartupError> {
        reset_sandbox(self.secrets.clone(), &self.sandbox_base_url).await?;
        log::info!("the built-in sandbox was reset");
        Ok(())
    }
}
