//! `POST /_sandbox/api-keys/{id}/history`: a key's dates set from the admin side,
//! as the `/v1/api-keys` list then answers them.

mod common;

use chrono::{DateTime, Utc};
use common::{start_sandbox, status_and_json, Bearer};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn listed(client: &Bearer, id: &str) -> Value {
    let (_, body) = status_and_json(client.get("/v1/api-keys").await).await;
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .cloned()
        .expect("the key is listed")
}

fn days_from_now(v: &Value) -> f64 {
    let at: DateTime<Utc> = v.as_str().unwrap().parse().unwrap();
    (at - Utc::now()).num_seconds() as f64 / 86_400.0
}

#[tokio::test]
async fn history_sets_a_keys_dates_and_usage_and_the_list_answers_them() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let (status, made) = status_and_json(
        client
            .post_json("/v1/api-keys", r#"{"name":"old importer"}"#)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let id = made["data"]["id"].as_str().unwrap().to_owned();
    let path = format!("/_sandbox/api-keys/{id}/history");

    let body = json!({"created_days_ago": 400, "expires_in_days": 3, "last_used_days_ago": 200, "last_used_ip": "10.0.0.4"});
    let (status, answer) = status_and_json(client.post_json(&path, &body.to_string()).await).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let key = listed(&client, &id).await;
    assert!(
        (days_from_now(&key["createdAt"]) + 400.0).abs() < 0.01,
        "{key}"
    );
    assert!(
        (days_from_now(&key["expiresAt"]) - 3.0).abs() < 0.01,
        "{key}"
    );
    assert!(
        (days_from_now(&key["lastUsedAt"]) + 200.0).abs() < 0.01,
        "{key}"
    );
    assert_eq!(key["lastUsedIp"], "10.0.0.4");

    // Left out keeps; null clears (a key never used has no IP either).
    let body = json!({"expires_in_days": null, "last_used_days_ago": null});
    let (status, _) = status_and_json(client.post_json(&path, &body.to_string()).await).await;
    assert_eq!(status, StatusCode::OK);
    let key = listed(&client, &id).await;
    assert!(
        (days_from_now(&key["createdAt"]) + 400.0).abs() < 0.01,
        "{key}"
    );
    assert_eq!(key["expiresAt"], Value::Null);
    assert_eq!(key["lastUsedAt"], Value::Null);
    assert_eq!(key["lastUsedIp"], Value::Null);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn history_is_for_the_admin_token_and_refuses_what_it_cannot_set() {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    let stranger = Bearer::with_token(&sandbox, "not-the-admin-token");
    let (_, made) = status_and_json(admin.post_json("/v1/api-keys", r#"{"name":"k"}"#).await).await;
    let id = made["data"]["id"].as_str().unwrap();
    let path = format!("/_sandbox/api-keys/{id}/history");

    let (status, _) =
        status_and_json(stranger.post_json(&path, r#"{"created_days_ago":1}"#).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) =
        status_and_json(admin.post_json(&path, r#"{"created_days":1}"#).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) =
        status_and_json(admin.post_json(&path, r#"{"created_days_ago":1e9}"#).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = status_and_json(
        admin
            .post_json(
                "/_sandbox/api-keys/ak_nope/history",
                r#"{"created_days_ago":1}"#,
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    sandbox.shutdown().await;
}
