mod common;

use common::{error_of, ids, start_sandbox, Client, ADMIN_TOKEN, KEYS};
use keyturn_sandbox::{start, SandboxError, SandboxOptions};
use reqwest::{Method, StatusCode};
use serde_json::Value;

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn state_survives_a_restart_and_never_holds_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("state.json");

    let sandbox = start_sandbox(Some(path.clone())).await;
    let client = Client::new(&sandbox);
    let (_, created_value) = client.create().await;
    let before = client.list().await;
    sandbox.shutdown().await;

    let bytes = std::fs::read(&path).expect("state file written, parent created");
    assert!(!contains(&bytes, &created_value), "value leaked to disk");
    assert!(!contains(&bytes, ADMIN_TOKEN), "admin token leaked to disk");
    let file: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(file["version"], 3);
    assert!(file["veryfi"].is_object());
    let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary files left behind");

    let sandbox = start_sandbox(Some(path.clone())).await;
    let client = Client::new(&sandbox);
    assert_eq!(client.list().await, before);
    let response = client.send(Method::GET, KEYS, Some(&created_value)).await;
    assert_eq!(response.status(), StatusCode::OK, "key still works");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn fresh_state_is_written_at_start_so_the_first_key_keeps_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_sandbox(Some(path.clone())).await;
    assert!(path.exists());
    let first = Client::new(&sandbox).list().await;
    sandbox.shutdown().await;

    let sandbox = start_sandbox(Some(path)).await;
    assert_eq!(Client::new(&sandbox).list().await, first);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn reset_and_delete_are_persisted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_sandbox(Some(path.clone())).await;
    let client = Client::new(&sandbox);
    let (_, old_value) = client.create().await;
    let response = client
        .send(Method::POST, &format!("{KEYS}reset/"), Some(ADMIN_TOKEN))
        .await;
    let body: Value = response.json().await.unwrap();
    let new_ids = ids(body["api_keys"].as_array().unwrap());
    assert_eq!(
        client.delete(&new_ids[0].to_string()).await.status(),
        StatusCode::NO_CONTENT
    );
    sandbox.shutdown().await;

    let sandbox = start_sandbox(Some(path)).await;
    let client = Client::new(&sandbox);
    assert_eq!(ids(&client.list().await), vec![new_ids[1]]);
    let old = client.send(Method::GET, KEYS, Some(&old_value)).await;
    assert_eq!(
        error_of(old).await,
        (
            StatusCode::FORBIDDEN,
            "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED".into()
        )
    );
    sandbox.shutdown().await;
}

async fn start_expecting_error(path: std::path::PathBuf) -> SandboxError {
    let options = SandboxOptions {
        state_file: Some(path),
        ..common::options()
    };
    match start("127.0.0.1:0".parse().unwrap(), options).await {
        Ok(_) => panic!("start should fail"),
        Err(error) => error,
    }
}

#[tokio::test]
async fn a_corrupt_state_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let cases: [&[u8]; 4] = [
        b"{ not json",
        br#"{"version": 3, "veryfi": {"next_id": 2, "keys": []}}"#,
        br#"{"version": 1}"#,
        br#"{"version": 1, "veryfi": {"next_id": 5, "keys": []}}"#,
    ];
    for contents in cases {
        std::fs::write(&path, contents).unwrap();
        let error = start_expecting_error(path.clone()).await;
        assert!(
            matches!(error, SandboxError::StateCorrupt { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("untouched"), "{message}");
        assert_eq!(std::fs::read(&path).unwrap(), contents);
    }
}

#[tokio::test]
async fn an_unreadable_state_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let error = start_expecting_error(dir.path().to_path_buf()).await;
    assert!(
        matches!(error, SandboxError::StateUnreadable { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("untouched"));
}

/// Nobody, not even root, can create a directory under /proc.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn an_unwritable_state_location_is_reported() {
    let path = std::path::PathBuf::from("/proc/keyturn-sandbox-test/state.json");
    let error = start_expecting_error(path).await;
    assert!(
        matches!(error, SandboxError::StateWrite { .. }),
        "{error:?}"
    );
    assert!(error
        .to_string()
        .contains("/proc/keyturn-sandbox-test/state.json"));
}

#[tokio::test]
async fn binding_a_busy_address_names_it() {
    let sandbox = start_sandbox(None).await;
    let error = match start(sandbox.addr(), common::options()).await {
        Ok(_) => panic!("second bind should fail"),
        Err(error) => error,
    };
    assert!(matches!(error, SandboxError::Bind { .. }), "{error:?}");
    assert!(error.to_string().contains(&sandbox.addr().to_string()));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_empty_admin_token_is_refused() {
    let options = SandboxOptions {
        admin_token: String::new(),
        ..SandboxOptions::default()
    };
    let result = start("127.0.0.1:0".parse().unwrap(), options).await;
    assert!(matches!(result, Err(SandboxError::EmptyAdminToken)));
}

#[tokio::test]
async fn shutdown_stops_serving_and_drop_does_not_panic() {
    let sandbox = start_sandbox(None).await;
    let url = sandbox.base_url();
    assert!(url.starts_with("http://127.0.0.1:"));
    assert_eq!(url, format!("http://{}", sandbox.addr()));
    sandbox.shutdown().await;
    let after = reqwest::Client::new()
        .get(format!("{url}{KEYS}"))
        .send()
        .await;
    assert!(after.is_err(), "server still answering after shutdown");

    let dropped = start_sandbox(None).await;
    drop(dropped);
}
