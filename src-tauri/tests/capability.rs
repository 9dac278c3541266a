//! The main window's capability as built: every command in the one list passes
//! Tauri's permission check, and what the list does not name is refused. The
//! app is built from its real context (tauri.conf.json, capabilities/, the set
//! build.rs writes) on the mock runtime; the handler only answers, so no
//! command body runs.

use keyturn_app::commands::COMMANDS;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

fn window() -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = mock_builder()
        .invoke_handler(|invoke| {
            invoke.resolver.resolve("answered");
            true
        })
        .build(tauri::generate_context!())
        .expect("the app builds from its own context");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(json!({})),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn every_listed_command_is_allowed_and_nothing_else() {
    let (_app, window) = window();
    for command in COMMANDS {
        assert_eq!(
            invoke(&window, command),
            Ok(json!("answered")),
            "{command} is in with_commands! but the main window may not call it"
        );
    }
    // The page may listen to what Rust sends it (the menu), not send events itself.
    for event in ["plugin:event|listen", "plugin:event|unlisten"] {
        if let Err(refused) = invoke(&window, event) {
            assert!(
                !refused.to_string().contains("not allowed"),
                "{event}: {refused}"
            );
        }
    }
    for unlisted in [
        "not_a_keyturn_command",
        "plugin:clipboard-manager|read_text",
        "plugin:dialog|save",
        "plugin:event|emit",
        "plugin:event|emit_to",
    ] {
        let refused = invoke(&window, unlisted).expect_err(unlisted);
        assert!(
            refused.to_string().contains("not allowed"),
            "{unlisted}: {refused}"
        );
    }
}
