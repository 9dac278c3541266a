//! Everything the app holds once started: the built-in sandbox profiles, the
//! user's saved connections, and the service that edits them.

use std::path::Path;
use std::sync::Arc;

use crate::audit::AuditLog;
use crate::embedded_sandbox::{sandbox_token, start_embedded_sandbox, StartupError};
use crate::http::{HttpClient, HttpOptions};
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
}

impl Keyturn {
    pub async fn open(
        secrets: Arc<dyn SecretStore>,
        data_dir: &Path,
        config_dir: &Path,
    ) -> Result<Self, StartupError> {
        let (sandbox, builtin) = start_embedded_sandbox(secrets.clone(), data_dir).await?;
        let sandbox_base_url = sandbox.base_url();
        let workspace = Arc::new(
            Workspace::new(builtin)
                .with_audit(AuditLog::new(data_dir))
                .keep_alive(sandbox),
        );
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
        })
    }

    /// The built-in sandbox profiles back to their first-start keys.
    /// Through `HttpClient`, so the reset has the timeouts and proxy rules of
    /// every other request.
    pub async fn reset_sandbox(&self) -> Result<(), StartupError> {
        let failed = |e: &dyn std::fmt::Display| StartupError::Sandbox(e.to_string());
        let store = self.secrets.clone();
        let token = tokio::task::spawn_blocking(move || sandbox_token(store.as_ref()))
            .await
            .map_err(|e| failed(&e))??;
        let http = HttpClient::new(&self.sandbox_base_url, HttpOptions::default())
            .map_err(|e| failed(&e))?;
        let response = http
            .send(http.bearer_request(reqwest::Method::POST, "_sandbox/reset", &token))
            .await
            .map_err(|e| failed(&e))?;
        if !response.status.is_success() {
            return Err(StartupError::Sandbox(format!(
                "the reset was refused (HTTP {})",
                response.status
            )));
        }
        log::info!("the built-in sandbox was reset");
        Ok(())
    }
}
