//! The listing started at launch: the connection the window opens on is listed
//! while the page loads, and the page's first `list_keys` of it is answered
//! from that listing, not by asking the vendor again.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::NoClipboard;
use keyturn_app::App;
use keyturn_core::keys::query::KeyQuery;
use keyturn_core::MemoryStore;

const API_KEYS: &str = "sandbox-api-keys";

fn app(dir: &Path, store: Arc<MemoryStore>) -> App<NoClipboard> {
    App::new(store, dir.join("data"), dir.join("config"), NoClipboard)
}

#[tokio::test]
async fn the_last_chosen_connection_is_listed_once_at_launch() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let first = app(dir.path(), store.clone());
    first.select_connection(API_KEYS.into()).await.unwrap();
    drop(first);

    let app = app(dir.path(), store.clone());
    app.list_first_connection().await;
    let held = app
        .query_keys(API_KEYS.into(), KeyQuery::default(), 0, 200)
        .expect("its keys are held before the page asks");
    assert!(held.total > 0);

    // Made through the sandbox's own API: only a listing from the vendor shows it.
    made_outside(&app, &store).await;
    let listed = app
        .list_keys(API_KEYS.into(), KeyQuery::default(), 200)
        .await
        .unwrap();
    assert_eq!(
        listed.total, held.total,
        "the launch's listing, not a second one"
    );

    let again = app
        .list_keys(API_KEYS.into(), KeyQuery::default(), 200)
        .await
        .unwrap();
    assert_eq!(
        again.total,
        held.total + 1,
        "a later listing asks the vendor"
    );
}

async fn made_outside(app: &App<NoClipboard>, store: &MemoryStore) {
    use keyturn_core::SecretStore;
    let base_url = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.id == API_KEYS)
        .unwrap()
        .base_url;
    let token = store.get("sandbox/admin-token").unwrap().unwrap();
    let made = reqwest::Client::new()
        .post(format!("{base_url}/v1/api-keys"))
        .bearer_auth(token.expose())
        .json(&serde_json::json!({"name": "made elsewhere"}))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success());
}

#[tokio::test]
async fn another_connection_is_listed_from_the_vendor() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Arc::new(MemoryStore::new()));
    app.list_first_connection().await;
    let view = app.list_connections().await.unwrap();
    let first = &view.connections[0].id;
    assert!(app
        .query_keys(first.clone(), KeyQuery::default(), 0, 10)
        .is_ok());
    assert!(
        app.query_keys(API_KEYS.into(), KeyQuery::default(), 0, 10)
            .is_err(),
        "only the first connection is listed at launch"
    );
    let listed = app
        .list_keys(API_KEYS.into(), KeyQuery::default(), 10)
        .await
        .unwrap();
    assert!(listed.total > 0);
}
