//! Kayle's users, organizations, sessions and keys survive a restart through the state
//! file and its journal; a version 2 file's keys are adopted by the sandbox organization.

mod common;

use common::kayle::{Admin, Kayle, KEYS};
use common::{options, start_with, ADMIN_TOKEN};
use keyturn_sandbox::SandboxOptions;
use reqwest::StatusCode;
use serde_json::json;

fn with_state(path: std::path::PathBuf) -> SandboxOptions {
    SandboxOptions {
        state_file: Some(path),
        ..options()
    }
}

#[tokio::test]
async fn sessions_keys_and_frozen_state_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let sandbox = start_with(with_state(state.clone())).await;
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, session) = admin.session("k2-durable@example.test").await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let (id, key) = kayle.create("durable", &["sessions:read"]).await;
    kayle.patch(&id, &json!({"metadata": {"a": 1}})).await;
    admin
        .set_frozen(session["organization_id"].as_str().unwrap(), true)
        .await;
    sandbox.shutdown().await;

    let text = std::fs::read_to_string(&state).unwrap();
    assert!(!text.contains(&key), "no key value on disk");
    assert!(
        !text.contains(cookie.split_once('=').unwrap().1),
        "no cookie on disk"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["version"],
        3
    );

    let again = start_with(with_state(state)).await;
    let kayle = Kayle::new(&again.base_url()).with_cookie(&cookie);
    let list = kayle.get(KEYS).await.json();
    assert_eq!(
        (&list["data"][0]["id"], &list["data"][0]["metadata"]),
        (&json!(id), &json!({"a": 1}))
    );
    assert_eq!(kayle.delete(&id).await.status, StatusCode::GONE);
    assert_eq!(kayle.sessions_with(&key).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_version_2_file_keeps_its_kayle_keys_under_the_sandbox_organization() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    start_with(with_state(state.clone())).await.shutdown().await;
    let mut legacy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    legacy["version"] = json!(2);
    legacy["kayle"] = json!({"keys": [{"id": "kk_0123456789abcdef01234567", "name": "old", "enabled": true,
        "permissions": ["sessions:read"], "metadata": {}, "sha256": "a".repeat(64),
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        "usage": {"last_used_at": null, "last_used_ip": null, "last_used_user_agent": null, "request_count": 3}}],
        "deleted": []});
    std::fs::write(&state, legacy.to_string()).unwrap();
    let sandbox = start_with(with_state(state.clone())).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("sandbox@example.test")
        .await;
    let keys = Kayle::new(&sandbox.base_url())
        .with_cookie(&cookie)
        .all_keys()
        .await;
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(
        (&keys[0]["name"], &keys[0]["requestCount"]),
        (&json!("old"), &json!(0))
    );
    let id = keys[0]["id"].as_str().unwrap();
    assert!(id.len() == 36 && &id[14..15] == "4", "{id}");
    sandbox.shutdown().await;
    let rewritten: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(rewritten["version"], 3);
}

fn legacy_key(id: &str, name: &str, sha: char, created: &str) -> serde_json::Value {
    json!({"id": id, "name": name, "enabled": true, "permissions": ["sessions:read"],
           "metadata": {}, "sha256": sha.to_string().repeat(64),
           "created_at": created, "updated_at": created,
           "usage": {"last_used_at": null, "last_used_ip": null, "last_used_user_agent": null, "request_count": 0}})
}

#[tokio::test]
async fn a_version_2_journal_is_replayed_onto_its_keys_before_they_are_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    start_with(with_state(state.clone())).await.shutdown().await;
    let mut legacy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    legacy["version"] = json!(2);
    legacy["journal_seq"] = json!(0);
    // Creation order is not id order, as version 2 kept them.
    legacy["kayle"] = json!({"keys": [
        legacy_key("kk_ffff", "newest id, oldest key", 'a', "2026-01-01T00:00:00Z"),
        legacy_key("kk_0000", "oldest id", 'b', "2026-01-02T00:00:00Z"),
        legacy_key("kk_8888", "to delete", 'c', "2026-01-03T00:00:00Z"),
    ], "deleted": []});
    std::fs::write(&state, legacy.to_string()).unwrap();
    let mut renamed = legacy_key(
        "kk_ffff",
        "renamed in the journal",
        'a',
        "2026-01-01T00:00:00Z",
    );
    renamed["updated_at"] = json!("2026-01-04T00:00:00Z");
    let journal = [
        json!({"seq": 1, "change": {"op": "kayle_put", "key": renamed}}),
        json!({"seq": 2, "change": {"op": "kayle_delete", "id": "kk_8888"}}),
    ];
    let lines: String = journal.iter().map(|line| format!("{line}\n")).collect();
    std::fs::write(dir.path().join("state.json.journal"), lines).unwrap();

    let sandbox = start_with(with_state(state)).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("sandbox@example.test")
        .await;
    let keys = Kayle::new(&sandbox.base_url())
        .with_cookie(&cookie)
        .all_keys()
        .await;
    let mut names: Vec<&str> = keys.iter().map(|k| k["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["oldest id", "renamed in the journal"]);
}
