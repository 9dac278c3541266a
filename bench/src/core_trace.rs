//! The Rust half of Keyturn's start, without the window: what the first command
//! waits for (keychain, the embedded sandbox, the saved connections) and the
//! first list, each step timed on fresh homes as a first start has them.

use std::sync::Arc;
use std::time::Instant;

use keyturn_app::embedded_sandbox::{
    sandbox_token, start_embedded_sandbox, SANDBOX_VERYFI_CONNECTION_ID,
};
use keyturn_app::Keyturn;
use keyturn_core::{KeyringStore, SecretStore};
use keyturn_sandbox::SandboxOptions;

use crate::report::median;

/// The app's keychain service: its sandbox token, already made by the app's rounds, is read.
const KEYCHAIN_SERVICE: &str = "io.keyturn.desktop";
const ROUNDS: usize = 5;

#[derive(Debug, Clone, Copy)]
pub struct CoreTrace {
    pub keychain_read_ms: f64,
    pub sandbox_start_ms: f64,
    pub embedded_sandbox_ms: f64,
    pub open_ms: f64,
    pub first_list_ms: f64,
}

fn since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

pub async fn measure() -> CoreTrace {
    let store: Arc<dyn SecretStore> = Arc::new(KeyringStore::new(KEYCHAIN_SERVICE));
    let mut rounds = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let token = sandbox_token(store.as_ref()).expect("the keychain answers");
        let keychain_read_ms = since(t);

        let dir = tempfile::tempdir().unwrap();
        let t = Instant::now();
        let sandbox = keyturn_sandbox::start(
            ([127, 0, 0, 1], 0).into(),
            SandboxOptions {
                admin_token: token.expose().clone(),
                state_file: Some(dir.path().join("state.json")),
                seed_keys: 6,
                ..SandboxOptions::default()
            },
        )
        .await
        .unwrap();
        let sandbox_start_ms = since(t);
        sandbox.shutdown().await;

        let dir = tempfile::tempdir().unwrap();
        let t = Instant::now();
        let (sandbox, _connections) = start_embedded_sandbox(store.clone(), dir.path())
            .await
            .unwrap();
        let embedded_sandbox_ms = since(t);
        sandbox.shutdown().await;

        let (data, config) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let t = Instant::now();
        let keyturn = Keyturn::open(store.clone(), data.path(), config.path())
            .await
            .unwrap();
        let open_ms = since(t);
        let t = Instant::now();
        keyturn
            .workspace
            .list_keys(SANDBOX_VERYFI_CONNECTION_ID)
            .await
            .unwrap();
        let first_list_ms = since(t);
        keyturn.shutdown().await;
        rounds.push([
            keychain_read_ms,
            sandbox_start_ms,
            embedded_sandbox_ms,
            open_ms,
            first_list_ms,
        ]);
    }
    let m = |i: usize| median(&rounds.iter().map(|r| r[i]).collect::<Vec<_>>());
    CoreTrace {
        keychain_read_ms: m(0),
        sandbox_start_ms: m(1),
        embedded_sandbox_ms: m(2),
        open_ms: m(3),
        first_list_ms: m(4),
    }
}
