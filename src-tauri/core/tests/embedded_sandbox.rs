//! First start: token created once in the keychain, sandbox state under the data dir.

use std::sync::Arc;

use keyturn_core::embedded_sandbox::{
    open_sandbox_workspace, SANDBOX_TOKEN_ENTRY, SANDBOX_VERYFI_PROFILE_ID,
};
use keyturn_core::{MemoryStore, SecretStore};

#[tokio::test]
async fn token_is_created_once_and_state_survives_a_restart() {
    let data_dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());

    let first = open_sandbox_workspace(store.clone(), data_dir.path())
        .await
        .unwrap();
    let token = store
        .get(SANDBOX_TOKEN_ENTRY)
        .unwrap()
        .expect("token stored");
    let first_ids: Vec<String> = first
        .list_keys(SANDBOX_VERYFI_PROFILE_ID)
        .await
        .unwrap()
        .keys
        .into_iter()
        .map(|k| k.id)
        .collect();
    drop(first);

    let second = open_sandbox_workspace(store.clone(), data_dir.path())
        .await
        .unwrap();
    let again = store.get(SANDBOX_TOKEN_ENTRY).unwrap().unwrap();
    assert_eq!(
        token.expose(),
        again.expose(),
        "the token is generated only once"
    );
    let second_ids: Vec<String> = second
        .list_keys(SANDBOX_VERYFI_PROFILE_ID)
        .await
        .unwrap()
        .keys
        .into_iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(first_ids, second_ids, "sandbox state is kept across starts");

    let state = std::fs::read_to_string(data_dir.path().join("sandbox/state.json")).unwrap();
    assert!(
        !state.contains(token.expose().as_str()),
        "the token never reaches disk"
    );
}
