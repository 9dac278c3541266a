//! First start: token created once in the keychain, four sandbox connections, state
//! under the data dir kept across starts.

use std::sync::Arc;

use keyturn_app::embedded_sandbox::{
    SANDBOX_KAYLE_CONNECTION_ID, SANDBOX_TOKEN_ENTRY, SANDBOX_VERYFI_CONNECTION_ID,
};
use keyturn_app::Keyturn;
use keyturn_core::{MemoryStore, SecretStore, VendorKind};

async fn ids(keyturn: &Keyturn, connection: &str) -> Vec<String> {
    let list = keyturn.workspace.list_keys(connection).await.unwrap();
    list.keys.into_iter().map(|k| k.id).collect()
}

#[tokio::test]
async fn first_start_opens_one_sandbox_connection_per_vendor() {
    let dirs = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let keyturn = Keyturn::open(
        store,
        &dirs.path().join("data"),
        &dirs.path().join("config"),
    )
    .await
    .unwrap();
    let connections = keyturn.workspace.connections();
    let vendors: Vec<VendorKind> = connections.iter().map(|p| p.vendor).collect();
    assert_eq!(
        vendors,
        [
            VendorKind::Veryfi,
            VendorKind::Verifa,
            VendorKind::ApiKeys,
            VendorKind::Kayle
        ]
    );
    assert!(connections
        .iter()
        .all(|p| p.builtin && p.base_url.starts_with("http://127.0.0.1:")));
    for connection in &connections {
        let keys = ids(&keyturn, &connection.id).await;
        assert!(!keys.is_empty(), "{} lists keys", connection.name);
    }
    assert!(keyturn.notice.is_none());
}

#[tokio::test]
async fn token_is_created_once_and_state_survives_a_restart() {
    let dirs = tempfile::tempdir().unwrap();
    let (data, config) = (dirs.path().join("data"), dirs.path().join("config"));
    let store = Arc::new(MemoryStore::new());

    let first = Keyturn::open(store.clone(), &data, &config).await.unwrap();
    let token = store
        .get(SANDBOX_TOKEN_ENTRY)
        .unwrap()
        .expect("token stored");
    let first_ids = ids(&first, "sandbox-api-keys").await;
    let first_veryfi = ids(&first, SANDBOX_VERYFI_CONNECTION_ID).await;
    let first_kayle = ids(&first, SANDBOX_KAYLE_CONNECTION_ID).await;
    first.shutdown().await;

    let second = Keyturn::open(store.clone(), &data, &config).await.unwrap();
    let again = store.get(SANDBOX_TOKEN_ENTRY).unwrap().unwrap();
    assert_eq!(
        token.expose(),
        again.expose(),
        "the token is generated only once"
    );
    assert_eq!(
        first_ids,
        ids(&second, "sandbox-api-keys").await,
        "sandbox state is kept"
    );
    assert_eq!(
        first_veryfi,
        ids(&second, SANDBOX_VERYFI_CONNECTION_ID).await
    );
    assert_eq!(first_kayle, ids(&second, SANDBOX_KAYLE_CONNECTION_ID).await);

    let state = std::fs::read_to_string(data.join("sandbox/state.json")).unwrap();
    assert!(
        !state.contains(token.expose().as_str()),
        "the token never reaches disk"
    );
}

#[cfg(unix)]
fn modes_under(dir: &std::path::Path, found: &mut Vec<(std::path::PathBuf, u32)>) {
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let is_dir = path.is_dir();
        found.push((path.clone(), mode));
        if is_dir {
            modes_under(&path, found);
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn every_file_keyturn_writes_is_private_to_the_user() {
    use keyturn_core::storage::settings::{Settings, SettingsStore};
    use keyturn_core::KeyDraft;

    let dirs = tempfile::tempdir().unwrap();
    let (data, config) = (dirs.path().join("data"), dirs.path().join("config"));
    let keyturn = Keyturn::open(Arc::new(MemoryStore::new()), &data, &config)
        .await
        .unwrap();
    let created = keyturn
        .workspace
        .create_key(SANDBOX_VERYFI_CONNECTION_ID, &KeyDraft::default())
        .await
        .unwrap();
    keyturn
        .workspace
        .revoke_key(SANDBOX_VERYFI_CONNECTION_ID, &created.key.id)
        .await
        .unwrap();
    keyturn.connections.select("sandbox-kayle").await.unwrap();
    SettingsStore::new(&config)
        .save(&Settings {
            clipboard_clear_seconds: Some(30),
            ..Settings::default()
        })
        .unwrap();
    drop(keyturn);

    let mut found = vec![];
    modes_under(dirs.path(), &mut found);
    for (path, mode) in &found {
        let private = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(*mode, private, "{} is {mode:o}", path.display());
    }
    let names: Vec<String> = found
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for written in [
        "audit.jsonl",
        "connections.json",
        "settings.json",
        "sandbox",
    ] {
        assert!(names.iter().any(|n| n == written), "{written} in {names:?}");
    }
    assert!(
        found
            .iter()
            .any(|(p, _)| p.parent().unwrap().ends_with("sandbox") && p.is_file()),
        "the sandbox state is written: {names:?}"
    );
}

#[tokio::test]
async fn the_builtin_kayle_connection_signs_in_through_the_sandbox() {
    let dirs = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let keyturn = Keyturn::open(
        store.clone(),
        &dirs.path().join("data"),
        &dirs.path().join("config"),
    )
    .await
    .unwrap();
    let kayle = keyturn
        .workspace
        .summary(SANDBOX_KAYLE_CONNECTION_ID)
        .unwrap();
    assert!(!kayle.signed_out && kayle.problem.is_none(), "{kayle:?}");
    assert!(
        !ids(&keyturn, SANDBOX_KAYLE_CONNECTION_ID).await.is_empty(),
        "seeded keys listed"
    );
    let token = store.get(SANDBOX_TOKEN_ENTRY).unwrap().unwrap();
    let state =
        std::fs::read_to_string(dirs.path().join("data/sandbox/state.json")).unwrap_or_default();
    assert!(!state.contains(token.expose().as_str()));
}

#[tokio::test]
async fn an_unreadable_sandbox_state_is_kept_aside_and_the_users_own_connection_still_lists() {
    use keyturn_core::connections::service::ConnectionDraft;
    use keyturn_core::{Environment, Sensitive};

    let external = keyturn_sandbox::start(
        ([127, 0, 0, 1], 0).into(),
        keyturn_sandbox::SandboxOptions {
            admin_token: "users-own-token".into(),
            seed_keys: 2,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let dirs = tempfile::tempdir().unwrap();
    let (data, config) = (dirs.path().join("data"), dirs.path().join("config"));
    let store = Arc::new(MemoryStore::new());
    let keyturn = Keyturn::open(store.clone(), &data, &config).await.unwrap();
    let own = keyturn
        .connections
        .add(&ConnectionDraft {
            name: "My own API".into(),
            vendor: VendorKind::ApiKeys,
            environment: Environment::Sandbox,
            base_url: external.base_url(),
            read_only: false,
            client_id: None,
            username: None,
            organization_id: None,
            api_version: None,
            credential: Some(Sensitive::new("users-own-token".into())),
            allow_changes: None,
        })
        .await
        .unwrap();
    keyturn.shutdown().await;

    let state = data.join("sandbox/state.json");
    let written = std::fs::read_to_string(&state).unwrap();
    std::fs::write(&state, &written[..written.len() / 2]).unwrap();

    let keyturn = Keyturn::open(store, &data, &config).await.unwrap();
    let notice = keyturn.notice.clone().expect("the user is told");
    assert!(notice.contains("kept as"), "{notice}");
    let aside: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("sandbox.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "the unreadable state is kept: {aside:?}");
    assert_eq!(
        std::fs::read_to_string(aside[0].join("state.json")).unwrap(),
        written[..written.len() / 2],
        "kept exactly as it was"
    );
    assert_eq!(ids(&keyturn, &own.id).await.len(), 2, "the user's own keys");
    assert!(
        !ids(&keyturn, SANDBOX_VERYFI_CONNECTION_ID).await.is_empty(),
        "the built-in sandbox started afresh"
    );
}
