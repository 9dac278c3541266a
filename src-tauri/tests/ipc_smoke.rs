//! The whole app on Tauri's mock runtime: real commands, real embedded sandbox over
//! loopback HTTP, an in-memory keychain. Proves the IPC surface end to end without WebKit.

use std::sync::Arc;

use keyturn_core::embedded_sandbox::{SANDBOX_TOKEN_ENTRY, SANDBOX_VERYFI_PROFILE_NAME};
use keyturn_core::{MemoryStore, SecretStore};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn first_start_lists_the_sandbox_profile_and_its_keys() {
    let data_home = tempfile::tempdir().unwrap();
    // The only test in this binary, so no other thread reads the environment.
    std::env::set_var("XDG_DATA_HOME", data_home.path());
    let store = Arc::new(MemoryStore::new());
    let mut app = keyturn::app_builder(mock_builder(), store.clone())
        .build(mock_context(noop_assets()))
        .expect("app builds on the mock runtime");
    // One turn of the event loop runs the setup hook; the app is not run in a loop here.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();

    let profiles = invoke(&window, "list_profiles", json!({})).expect("list_profiles");
    let profiles = profiles.as_array().unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0]["name"], SANDBOX_VERYFI_PROFILE_NAME);
    assert_eq!(profiles[0]["environment"], "sandbox");
    let profile_id = profiles[0]["id"].as_str().unwrap();

    let keys = invoke(&window, "list_keys", json!({ "profileId": profile_id })).expect("list_keys");
    assert_eq!(
        keys["keys"].as_array().unwrap().len(),
        1,
        "a fresh sandbox account has one key"
    );
    assert_eq!(keys["capabilities"]["maxKeys"], 2);

    let token = store
        .get(SANDBOX_TOKEN_ENTRY)
        .unwrap()
        .expect("token kept in the keychain");
    assert!(token.expose().len() >= 32);
    let app_data = data_home.path().join(&app.config().identifier);
    assert!(
        app_data.join("sandbox/state.json").exists(),
        "sandbox state under the app data dir"
    );

    let missing = invoke(&window, "list_keys", json!({ "profileId": "nope" })).unwrap_err();
    assert_eq!(
        missing,
        json!({ "kind": "profileNotFound", "profileId": "nope" })
    );
}
