use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app_state::AppState;
use crate::error::SandboxError;
use crate::secret::sha256_hex;
use crate::store::Store;
use crate::{dialects, request_id};

pub struct SandboxOptions {
    /// Accepted as a credential by every dialect, alongside the account's own keys.
    pub admin_token: String,
    /// Where the state is kept between runs; `None` keeps it in memory only.
    pub state_file: Option<PathBuf>,
}

/// A running sandbox server. Dropping it stops the server too, without waiting.
pub struct Sandbox {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Sandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://IP:PORT`, with a loopback IP if the server listens on every interface.
    pub fn base_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
            });
        }
        format!("http://{addr}")
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when
    /// the server has stopped.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Starts a sandbox on `listen` (port 0 picks a free port).
pub async fn start(listen: SocketAddr, options: SandboxOptions) -> Result<Sandbox, SandboxError> {
    if options.admin_token.is_empty() {
        return Err(SandboxError::EmptyAdminToken);
    }
    let opened = Store::open(options.state_file)?;
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: listen,
        source,
    })?;
    if opened.unsaved {
        opened.store.save_now().await?;
    }

    let app = dialects::router()
        .layer(axum::middleware::map_response(request_id::add_request_id))
        .with_state(AppState {
            store: Arc::new(opened.store),
            admin_token_sha256: sha256_hex(&options.admin_token).into(),
        });
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // `stopped` also resolves when the Sandbox is dropped and `stop` goes with it.
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    Ok(Sandbox { addr, stop, task })
}
