//! The version 3 state file with its journal: migration, durability, replay.

mod common;

use common::{ids, options, start_sandbox, start_with, status_and_json, Bearer, Client, KEYS};
use keyturn_sandbox::{start, SandboxError, SandboxOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

async fn lists(admin: &Bearer) -> Vec<Value> {
    let mut all = Vec::new();
    for route in ["/api/v1/organizations/org_a/keys", "/v1/api-keys"] {
        let mut body = status_and_json(admin.get(route).await).await.1;
        // Each answer has its own request id.
        body.as_object_mut().unwrap().remove("requestId");
        all.push(body);
    }
    all
}

fn journal_of(path: &std::path::Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".journal");
    name.into()
}

#[tokio::test]
async fn a_version_1_file_is_migrated_and_its_key_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let value = "0123456789abcdef0123456789abcdef";
    let sha256 = hex::encode(Sha256::digest(value.as_bytes()));
    let v1 = json!({
        "version": 1,
        "veryfi": {"next_id": 3, "keys": [
            {"id": 2, "prefix": "0123", "sha256": sha256, "created": "2025-01-01T00:00:00Z"}
        ]}
    });
    std::fs::write(&path, serde_json::to_vec_pretty(&v1).unwrap()).unwrap();

    let sandbox = start_sandbox(Some(path.clone())).await;
    let client = Client::new(&sandbox);
    let keys = client.list().await;
    assert_eq!(
        keys,
        [json!({"id": 2, "prefix": "0123", "created": "2025-01-01 00:00:00"})],
        "stored as RFC 3339, listed in Veryfi's documented form"
    );
    assert_eq!(
        client.send(Method::GET, KEYS, Some(value)).await.status(),
        StatusCode::OK
    );
    let (status, _) = common::ping(&sandbox, value).await;
    assert_eq!(status, StatusCode::OK);
    sandbox.shutdown().await;

    let file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(file["version"], 3);
    for section in ["veryfi", "verifa", "api_keys", "kayle"] {
        assert!(file[section].is_object(), "{section} section");
    }
    assert_eq!(file["veryfi"]["keys"][0]["usage"]["request_count"], 1);
}

#[tokio::test]
/// Kayle's part is in `kayle_state.rs`: it needs a session.
async fn every_bearer_dialect_survives_a_restart_without_secrets_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_sandbox(Some(path.clone())).await;
    let admin = Bearer::admin(&sandbox);
    let mut secrets = Vec::new();
    for (route, body) in [
        (
            "/api/v1/organizations/org_a/keys",
            r#"{"label": "l", "environment": "live"}"#,
        ),
        ("/v1/api-keys", r#"{"name": "n"}"#),
    ] {
        let (_, created) = status_and_json(admin.post_json(route, body).await).await;
        let key = created["key"]
            .as_str()
            .or(created["data"]["key"].as_str())
            .unwrap();
        secrets.push(key.to_string());
    }
    let before = lists(&admin).await;
    sandbox.shutdown().await;

    let on_disk = std::fs::read_to_string(&path).unwrap();
    for secret in &secrets {
        assert!(
            !on_disk.contains(secret.as_str()),
            "a key value reached the disk"
        );
    }
    assert!(
        !journal_of(&path).exists(),
        "shutdown folds the journal into the state file"
    );

    let sandbox = start_sandbox(Some(path)).await;
    assert_eq!(lists(&Bearer::admin(&sandbox)).await, before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_acknowledged_change_is_on_disk_even_without_a_clean_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_with(SandboxOptions {
        state_file: Some(path.clone()),
        seed_keys: 50,
        ..options()
    })
    .await;
    let admin = Bearer::admin(&sandbox);
    let (status, created) =
        status_and_json(admin.post_json("/v1/api-keys", r#"{"name": "late"}"#).await).await;
    assert_eq!(status, StatusCode::OK);
    let journal = std::fs::read_to_string(journal_of(&path)).unwrap();
    assert!(!journal.contains(created["data"]["key"].as_str().unwrap()));
    // Simulates a crash: the server never gets to fold its journal.
    std::mem::forget(sandbox);

    let reopened = start_sandbox(Some(path.clone())).await;
    let (_, listed) = status_and_json(Bearer::admin(&reopened).get("/v1/api-keys").await).await;
    let names: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 51);
    assert!(names.contains(&"late"));
    reopened.shutdown().await;
}

#[tokio::test]
async fn a_cut_short_last_journal_line_is_ignored_but_a_bad_line_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_sandbox(Some(path.clone())).await;
    let first = ids(&Client::new(&sandbox).list().await);
    sandbox.shutdown().await;

    std::fs::write(journal_of(&path), r#"{"seq": 1, "change": {"op": "kay"#).unwrap();
    let sandbox = start_sandbox(Some(path.clone())).await;
    assert_eq!(ids(&Client::new(&sandbox).list().await), first);
    sandbox.shutdown().await;
    assert!(!journal_of(&path).exists());

    let bad = "{\"seq\": 1, \"change\": {\"op\": \"nonsense\"}}\n";
    std::fs::write(journal_of(&path), bad).unwrap();
    let options = SandboxOptions {
        state_file: Some(path.clone()),
        ..options()
    };
    let error = match start("127.0.0.1:0".parse().unwrap(), options).await {
        Ok(_) => panic!("a corrupt journal must be refused"),
        Err(error) => error,
    };
    assert!(
        matches!(error, SandboxError::StateCorrupt { .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read_to_string(journal_of(&path)).unwrap(), bad);
}
