use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app_state::AppState;
use crate::error::SandboxError;
use crate::faults::{FaultRegistry, FaultSpec};
use crate::secret::sha256_hex;
use crate::store::{SandboxState, Store};
use crate::{connections, consumer, dialects, faults, neutral, request_id, seed};

/// The seed `--seed` defaults to, so seeded runs are reproducible without one.
pub const DEFAULT_SEED: u64 = 0x6b65_7974_7572_6e21;

/// How to start a sandbox. Build one with the fields you need and `..Default::default()`.
/// Not `Debug`, so the admin token cannot end up in a log by accident.
#[derive(Clone)]
pub struct SandboxOptions {
    /// Accepted as a credential by every dialect, alongside the account's own keys.
    pub admin_token: String,
    /// Where the state is kept between runs; `None` keeps it in memory only.
    pub state_file: Option<PathBuf>,
    /// On a fresh state (no state file yet), fill the Verifa, `/v1/api-keys` and Kayle
    /// dialects with this many made-up keys each.
    pub seed_keys: usize,
    /// Makes seeding reproducible: the same seed gives the same ids, names and dates.
    pub seed: u64,
    /// Faults to inject from the start, as with `--fault`.
    pub faults: Vec<FaultSpec>,
}

impl Default for SandboxOptions {
    /// No admin token (which `start` refuses), in memory, no seeded keys, no faults.
    fn default() -> Self {
        Self {
            admin_token: String::new(),
            state_file: None,
            seed_keys: 0,
            seed: DEFAULT_SEED,
            faults: Vec::new(),
        }
    }
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

    /// Stops accepting connections, lets requests in flight finish, folds the journal into
    /// the state file, and returns when the server has stopped.
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
    let fresh_state: Arc<dyn Fn() -> SandboxState + Send + Sync> = {
        let (seed_keys, seed_value) = (options.seed_keys, options.seed);
        Arc::new(move || {
            let mut state = SandboxState::fresh();
            seed::fill(&mut state, seed_keys, seed_value);
            state
        })
    };
    let opened = Store::open(options.state_file, || fresh_state())?;
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
    let store = Arc::new(opened.store);
    if opened.needs_snapshot {
        store.save_now().await?;
    }

    let state = AppState {
        store: store.clone(),
        admin_token_sha256: sha256_hex(&options.admin_token).into(),
        faults: Arc::new(FaultRegistry::new(options.faults)),
        kayle_codes: Arc::default(),
        fresh_state,
    };
    let app = routes(state.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // `stopped` also resolves when the Sandbox is dropped and `stop` goes with it.
        connections::serve(listener, app, async {
            let _ = stopped.await;
        })
        .await;
        // Best effort: if this fails the journal stays and is replayed at the next start.
        let _ = store.fold_journal().await;
    });
    Ok(Sandbox { addr, stop, task })
}

fn routes(state: AppState) -> Router {
    Router::new()
        .merge(dialects::router())
        .merge(consumer::router())
        .merge(faults::router())
        .route("/_sandbox/health", get(neutral::health))
        .route("/_sandbox/reset", axum::routing::post(crate::reset::reset))
        .route(
            "/_sandbox/api-keys/{id}/history",
            axum::routing::post(crate::history::set),
        )
        .fallback(neutral::not_found)
        .method_not_allowed_fallback(neutral::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(axum::middleware::from_fn(request_id::assign))
        .with_state(state)
}
