//! The whole app on Tauri's mock runtime: real commands, the real embedded sandbox
//! over loopback HTTP, an in-memory keychain. Proves the IPC surface without WebKit.

use std::sync::Arc;

use keyturn_app::embedded_sandbox::SANDBOX_TOKEN_ENTRY;
use keyturn_core::{MemoryStore, SecretStore};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _data_home: tempfile::TempDir,
    store: Arc<MemoryStore>,
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl Harness {
    fn start() -> Self {
        let data_home = tempfile::tempdir().unwrap();
        // The only test in this binary, so no other thread reads the environment.
        std::env::set_var("XDG_DATA_HOME", data_home.path().join("data"));
        std::env::set_var("XDG_CONFIG_HOME", data_home.path().join("config"));
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
        Self {
            _data_home: data_home,
            store,
            app,
            window,
        }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

/// list_keys's arguments for the first page of every key, in the vendor's order.
fn every_key(connection_id: impl serde::Serialize) -> serde_json::Value {
    json!({
        "connectionId": connection_id,
        "query": { "search": "", "status": null, "environment": null, "sort": null },
        "limit": 1000,
    })
}

#[test]
fn the_ipc_surface_end_to_end() {
    let h = Harness::start();

    // First start: one sandbox connection per vendor, each listing keys.
    let view = h
        .invoke("list_connections", json!({}))
        .expect("list_connections");
    let connections = view["connections"].as_array().unwrap();
    let names: Vec<&str> = connections
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Sandbox — Veryfi partner",
            "Sandbox — Verifa",
            "Sandbox — API keys (/v1/api-keys)",
            "Sandbox — Kayle ID"
        ]
    );
    for connection in connections {
        let keys = h
            .invoke("list_keys", every_key(&connection["id"]))
            .expect("list_keys");
        assert!(
            !keys["keys"].as_array().unwrap().is_empty(),
            "{}",
            connection["name"]
        );
    }
    let token = h
        .store
        .get(SANDBOX_TOKEN_ENTRY)
        .unwrap()
        .expect("token in the keychain");
    let app_data = h
        ._data_home
        .path()
        .join("data")
        .join(&h.app.config().identifier);
    assert!(
        app_data.join("sandbox/state.json").exists(),
        "sandbox state under the app data dir"
    );

    // Create reveals the secret once; forgetting it works once.
    let created = h
        .invoke(
            "create_key",
            json!({ "connectionId": "sandbox-veryfi", "draft": {} }),
        )
        .expect("create_key");
    assert_eq!(created["secret"].as_str().unwrap().len(), 32);
    let reveal_id = created["revealId"].clone();
    assert_eq!(
        h.invoke("forget_secret", json!({ "revealId": reveal_id })),
        Ok(json!(true))
    );
    assert_eq!(
        h.invoke("forget_secret", json!({ "revealId": reveal_id })),
        Ok(json!(false))
    );

    // Resetting the sandbox brings the Veryfi account back to its one first key.
    let veryfi_keys = |h: &Harness| {
        h.invoke("list_keys", every_key("sandbox-veryfi")).unwrap()["keys"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(veryfi_keys(&h), 2);
    h.invoke("reset_sandbox", json!({})).expect("reset_sandbox");
    assert_eq!(veryfi_keys(&h), 1);
    h.invoke(
        "create_key",
        json!({ "connectionId": "sandbox-veryfi", "draft": {} }),
    )
    .expect("room for a second key again");

    // Errors arrive as the tagged enum, never as a string.
    let missing = h.invoke("list_keys", every_key("nope")).unwrap_err();
    assert_eq!(
        missing,
        json!({ "kind": "connectionNotFound", "connectionId": "nope" })
    );
    let third = h
        .invoke(
            "create_key",
            json!({ "connectionId": "sandbox-veryfi", "draft": {} }),
        )
        .unwrap_err();
    assert_eq!(third["kind"], "vendor");
    assert_eq!(third["reason"], "keyLimitReached");

    // A read-only connection: every mutating command is refused by the backend.
    let draft = json!({
        "name": "Support (read-only)", "vendor": "apiKeys", "environment": "sandbox",
        "baseUrl": connections[0]["baseUrl"], "readOnly": true,
        "clientId": null, "username": null, "organizationId": null,
        "credential": token.expose(),
    });
    let added = h
        .invoke("add_connection", json!({ "draft": draft }))
        .expect("add_connection");
    let id = added["id"].clone();
    let keys = h
        .invoke("list_keys", every_key(&id))
        .expect("read-only still lists");
    let key_id = keys["keys"][0]["id"].clone();
    let refusal = json!({ "kind": "readOnly", "connectionId": id });
    for (cmd, args) in [
        ("create_key", json!({ "connectionId": id, "draft": {} })),
        ("revoke_key", json!({ "connectionId": id, "keyId": key_id })),
        (
            "set_key_enabled",
            json!({ "connectionId": id, "keyId": key_id, "enabled": false }),
        ),
        ("reset_keys", json!({ "connectionId": id })),
    ] {
        assert_eq!(h.invoke(cmd, args).unwrap_err(), refusal, "{cmd}");
    }
    let after = h.invoke("list_keys", every_key(&id)).unwrap();
    assert_eq!(after["keys"], keys["keys"], "nothing changed");
}
