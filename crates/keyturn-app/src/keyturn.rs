//! Everything the app holds once started: the built-in sandbox connections, the
//! user's saved connections, and the service that edits them.

use std::path::Path;
use std::sync::Arc;

use keyturn_sandbox::Sandbox;

use crate::embedded_sandbox::{
    sandbox_token, start_embedded_sandbox, unavailable_connections, StartupError, STATE_DIR,
};
use crate::rotations::RotationService;
use keyturn_core::connections::file::ConnectionFileStore;
use keyturn_core::connections::service::ConnectionService;
use keyturn_core::http::{HttpClient, HttpOptions};
use keyturn_core::secrets::SecretStore;
use keyturn_core::storage::audit::AuditLog;
use keyturn_core::storage::set_aside::set_aside;
use keyturn_core::workspace::Workspace;

pub struct Keyturn {
    pub workspace: Arc<Workspace>,
    pub connections: ConnectionService,
    pub rotations: RotationService,
    /// A sentence for the user when saved connections had to be set aside.
    pub notice: Option<String>,
    secrets: Arc<dyn SecretStore>,
    sandbox_base_url: String,
    sandbox: Option<Sandbox>,
}

/// The built-in sandbox started, or the reason it could not (with its state kept aside).
struct BuiltIn {
    sandbox: Option<Sandbox>,
    connections: Vec<keyturn_core::workspace::Connection>,
    notice: Option<String>,
}

/// The built-in sandbox fails alone: unreadable state is moved aside and the
/// sandbox starts afresh; if it still cannot start, its connections say why and
/// the user's own connections work as ever. Only a keychain failure stops Keyturn.
async fn open_builtin(
    secrets: Arc<dyn SecretStore>,
    data_dir: &Path,
) -> Result<BuiltIn, StartupError> {
    let problem = match start_embedded_sandbox(secrets.clone(), data_dir).await {
        Ok((sandbox, connections)) => {
            return Ok(BuiltIn {
                sandbox: Some(sandbox),
                connections,
                notice: None,
            })
        }
        Err(StartupError::Sandbox(problem)) => problem,
        Err(other) => return Err(other),
    };
    log::warn!("the built-in sandbox could not start: {problem}");
    let state = data_dir.join(STATE_DIR);
    // Fails when there is no state to set aside, like any other failed rename.
    if let Ok(aside) = set_aside(&state) {
        if let Ok((sandbox, connections)) = start_embedded_sandbox(secrets, data_dir).await {
            return Ok(BuiltIn {
                sandbox: Some(sandbox),
                connections,
                notice: Some(format!(
                    "The built-in sandbox's saved state could not be read ({problem}). It was kept as {} and the sandbox started again with its first-start keys; your own connections are not affected.",
                    aside.display()
                )),
            });
        }
    }
    Ok(BuiltIn {
        sandbox: None,
        connections: unavailable_connections(&problem),
        notice: Some(format!(
            "The built-in sandbox could not start ({problem}); your own connections work as usual."
        )),
    })
}

impl Keyturn {
    pub async fn open(
        secrets: Arc<dyn SecretStore>,
        data_dir: &Path,
        config_dir: &Path,
    ) -> Result<Self, StartupError> {
        let builtin = open_builtin(secrets.clone(), data_dir).await?;
        let sandbox_base_url = builtin
            .sandbox
            .as_ref()
            .map(Sandbox::base_url)
            .unwrap_or_default();
        let workspace =
            Arc::new(Workspace::new(builtin.connections).with_audit(AuditLog::new(data_dir)));
        let (connections, notice) = ConnectionService::open(
            ConnectionFileStore::new(config_dir),
            secrets.clone(),
            workspace.clone(),
            HttpOptions::default(),
        )
        .await
        .map_err(|e| StartupError::Connections(e.to_string()))?;
        let notice = match (builtin.notice, notice) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        };
        Ok(Self {
            workspace,
            connections,
            rotations: RotationService::new(data_dir),
            notice,
            secrets,
            sandbox_base_url,
            sandbox: builtin.sandbox,
        })
    }

    /// Stops the built-in sandbox and waits until its state is on disk (dropping
    /// Keyturn stops it too, but without waiting).
    pub async fn shutdown(mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.shutdown().await;
        }
    }

    /// The built-in sandbox connections back to their first-start keys.
    /// Through `HttpClient`, so the reset has the timeouts and proxy rules of
    /// every other request.
    pub async fn reset_sandbox(&self) -> Result<(), StartupError> {
        if self.sandbox.is_none() {
            return Err(StartupError::Sandbox(
                "it is not running; restart Keyturn to try again".into(),
            ));
        }
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
