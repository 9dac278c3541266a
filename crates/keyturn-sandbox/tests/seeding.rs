mod common;

use std::collections::HashSet;

use common::kayle::{Admin, Kayle};
use common::{options, start_with, status_and_json, Bearer, ADMIN_TOKEN};
use keyturn_sandbox::{Sandbox, SandboxOptions};
use reqwest::StatusCode;
use serde_json::Value;

const VERIFA: &str = "/api/v1/organizations/org_sandbox/keys";

async fn seeded(count: usize, seed: u64) -> Sandbox {
    start_with(SandboxOptions {
        seed_keys: count,
        seed,
        ..options()
    })
    .await
}

async fn get(admin: &Bearer, path: &str) -> Value {
    let (status, body) = status_and_json(admin.get(path).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// The seeded Kayle keys belong to the sandbox organization of `sandbox@example.test`.
async fn all_kayle(sandbox: &Sandbox) -> Vec<Value> {
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, _) = admin.session("sandbox@example.test").await;
    Kayle::new(&sandbox.base_url())
        .with_cookie(&cookie)
        .all_keys()
        .await
}

/// `(verifa ids, api_keys ids, kayle ids)`.
async fn ids(sandbox: &Sandbox) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let admin = Bearer::admin(sandbox);
    let mut verifa = Vec::new();
    for offset in (0..).step_by(100) {
        let page = get(&admin, &format!("{VERIFA}?limit=100&offset={offset}")).await;
        let data = page["data"].as_array().unwrap();
        if data.is_empty() {
            break;
        }
        verifa.extend(data.iter().map(|k| k["id"].clone()));
    }
    let api = get(&admin, "/v1/api-keys").await["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].clone())
        .collect();
    let kayle = all_kayle(sandbox)
        .await
        .iter()
        .map(|k| k["id"].clone())
        .collect();
    (verifa, api, kayle)
}

#[tokio::test]
async fn every_dialect_but_veryfi_gets_n_keys() {
    let sandbox = seeded(250, 1).await;
    let (verifa, api, kayle) = ids(&sandbox).await;
    assert_eq!((verifa.len(), api.len(), kayle.len()), (250, 250, 250));
    let unique: HashSet<String> = verifa.iter().map(|id| id.to_string()).collect();
    assert_eq!(unique.len(), 250);
    let veryfi = common::Client::new(&sandbox).list().await;
    assert_eq!(veryfi.len(), 1);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn seeded_keys_vary_and_carry_usage() {
    let sandbox = seeded(300, 2).await;
    let admin = Bearer::admin(&sandbox);
    let api = get(&admin, "/v1/api-keys").await;
    let keys = api["data"].as_array().unwrap();
    let revoked = keys.iter().filter(|k| !k["revokedAt"].is_null()).count();
    let used: Vec<&Value> = keys.iter().filter(|k| !k["lastUsedAt"].is_null()).collect();
    assert!(revoked > 0 && revoked < 100, "{revoked} revoked");
    assert!(used.len() > 100, "{} used", used.len());
    for key in &used {
        assert!(key["lastUsedIp"].as_str().unwrap().starts_with("10.0.0."));
        assert!(key["lastUsedUserAgent"].as_str().is_some());
    }
    let now = chrono::Utc::now();
    let expired = keys
        .iter()
        .filter_map(|k| k["expiresAt"].as_str())
        .filter(|t| chrono::DateTime::parse_from_rfc3339(t).unwrap() < now)
        .count();
    assert!(expired > 0, "some seeded keys have expired");
    let oldest =
        chrono::DateTime::parse_from_rfc3339(keys[0]["createdAt"].as_str().unwrap()).unwrap();
    assert!(now.signed_duration_since(oldest).num_days() <= 400);
    let names: HashSet<&str> = keys.iter().map(|k| k["name"].as_str().unwrap()).collect();
    assert!(names.len() > 50, "names vary");

    let kayle = all_kayle(&sandbox).await;
    assert!(kayle.iter().any(|k| k["enabled"] == false));
    assert!(
        kayle.iter().all(|k| k["requestCount"] == 0),
        "Kayle never counts"
    );
    let ids: Vec<&str> = kayle.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert!(
        ids.windows(2).all(|pair| pair[0] < pair[1]),
        "listed in id order"
    );
    assert!(
        ids.iter().all(|id| id.len() == 36 && &id[14..15] == "4"),
        "UUIDs"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_ids_and_another_seed_does_not() {
    let first = seeded(120, 42).await;
    let second = seeded(120, 42).await;
    let other = seeded(120, 43).await;
    let first_ids = ids(&first).await;
    assert_eq!(first_ids, ids(&second).await);
    assert_ne!(first_ids.0, ids(&other).await.0);
    for sandbox in [first, second, other] {
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn seeding_applies_only_to_a_fresh_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let sandbox = start_with(SandboxOptions {
        state_file: Some(path.clone()),
        seed_keys: 10,
        ..options()
    })
    .await;
    let before = ids(&sandbox).await;
    sandbox.shutdown().await;
    let sandbox = start_with(SandboxOptions {
        state_file: Some(path),
        seed_keys: 30,
        seed: 9,
        ..options()
    })
    .await;
    assert_eq!(ids(&sandbox).await, before);
    sandbox.shutdown().await;
}
