mod common;

use common::{assert_rfc3339_z, request_id_of, start_sandbox, status_and_json, Bearer};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

const KEYS: &str = "/v1/api-keys";

/// Checks the envelope (code = status, requestId = X-Request-Id) and returns it.
async fn envelope(response: Response) -> (StatusCode, Value) {
    let request_id = request_id_of(&response);
    let (status, body) = status_and_json(response).await;
    assert_eq!(body["code"], status.as_u16(), "{body}");
    assert_eq!(body["requestId"], request_id, "{body}");
    assert!(body["message"].is_string(), "{body}");
    (status, body)
}

async fn create(client: &Bearer, body: Value) -> Value {
    let (status, body) = envelope(client.post_json(KEYS, &body.to_string()).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["message"], "success");
    body["data"].clone()
}

async fn list(client: &Bearer) -> Vec<Value> {
    let (status, body) = envelope(client.get(KEYS).await).await;
    assert_eq!(status, StatusCode::OK);
    body["data"].as_array().unwrap().clone()
}

async fn rejection(client: &Bearer, body: &str) -> String {
    let (status, body) = envelope(client.post_json(KEYS, body).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["data"], Value::Null);
    body["message"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn seed_003_empty_body_is_refused_naming_name() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    assert_eq!(rejection(&client, "{}").await, "name is required");
    assert!(list(&client).await.is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn create_returns_every_documented_field_and_the_key_once() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let data = create(&client, json!({"name": "Payroll"})).await;
    let mut fields: Vec<&str> = data
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "createdAt",
            "createdBy",
            "description",
            "expiresAt",
            "id",
            "key",
            "keyPrefix",
            "lastUsedAt",
            "lastUsedIp",
            "lastUsedUserAgent",
            "name",
            "organizationId",
            "revokedAt",
            "scope",
            "serviceAccountId",
            "userId"
        ]
    );
    let id = data["id"].as_str().unwrap();
    assert_eq!(id.len(), 3 + 24);
    assert!(id.starts_with("ak_"));
    let key = data["key"].as_str().unwrap();
    assert!(key.starts_with("sk_") && key.len() == 43, "{key}");
    assert!(key[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(data["keyPrefix"], key[..10]);
    assert_eq!(data["scope"], "read");
    assert_eq!(data["createdBy"], "sandbox-admin");
    assert_eq!(data["organizationId"], "org_sandbox");
    assert_eq!(data["userId"], "user_sandbox");
    assert_rfc3339_z(&data["createdAt"]);
    for null in [
        "description",
        "expiresAt",
        "lastUsedAt",
        "lastUsedIp",
        "lastUsedUserAgent",
        "revokedAt",
        "serviceAccountId",
    ] {
        assert_eq!(data[null], Value::Null, "{null}");
    }

    let listed = list(&client).await;
    assert_eq!(listed.len(), 1);
    assert!(
        listed[0].get("key").is_none(),
        "the list never shows the key"
    );
    let mut expected = data.clone();
    expected.as_object_mut().unwrap().remove("key");
    assert_eq!(listed[0], expected);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn optional_fields_are_kept_and_the_list_is_in_creation_order() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let expires = (chrono::Utc::now() + chrono::Duration::days(7)).to_rfc3339();
    let first = create(
        &client,
        json!({"name": "Deploy", "description": "CI", "expiresAt": expires,
               "scope": "read-write", "serviceAccountId": "sa_1"}),
    )
    .await;
    assert_eq!(first["description"], "CI");
    assert_eq!(first["scope"], "read-write");
    assert_eq!(first["serviceAccountId"], "sa_1");
    assert_rfc3339_z(&first["expiresAt"]);
    let second = create(&client, json!({"name": "Second"})).await;
    let ids: Vec<Value> = list(&client)
        .await
        .iter()
        .map(|k| k["id"].clone())
        .collect();
    assert_eq!(ids, [first["id"].clone(), second["id"].clone()]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_scope_must_be_read_or_read_write() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    for scope in ["write", "admin", "READ"] {
        let message = rejection(&client, &json!({"name": "x", "scope": scope}).to_string()).await;
        assert_eq!(message, r#"scope must be "read" or "read-write""#);
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn expires_at_must_be_a_future_rfc3339_time() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let past = rejection(
        &client,
        r#"{"name": "x", "expiresAt": "2020-01-01T00:00:00Z"}"#,
    )
    .await;
    assert_eq!(past, "expiresAt must be in the future");
    let garbled = rejection(&client, r#"{"name": "x", "expiresAt": "next week"}"#).await;
    assert!(garbled.starts_with("expiresAt"), "{garbled}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn name_and_description_lengths_are_checked() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let long_name = rejection(&client, &json!({"name": "n".repeat(101)}).to_string()).await;
    assert!(long_name.starts_with("name"), "{long_name}");
    let empty_name = rejection(&client, r#"{"name": ""}"#).await;
    assert!(empty_name.starts_with("name"), "{empty_name}");
    let long = json!({"name": "x", "description": "d".repeat(501)}).to_string();
    assert!(rejection(&client, &long).await.starts_with("description"));
    create(
        &client,
        json!({"name": "n".repeat(100), "description": "d".repeat(500)}),
    )
    .await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn revoke_sets_revoked_at_keeps_the_key_listed_and_twice_conflicts() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let data = create(&client, json!({"name": "old"})).await;
    let path = format!("{KEYS}/{}", data["id"].as_str().unwrap());

    let (status, body) = envelope(client.delete(&path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["id"], data["id"]);
    assert_rfc3339_z(&body["data"]["revokedAt"]);
    assert!(body["data"].get("key").is_none());
    let listed = list(&client).await;
    assert_eq!(listed[0]["revokedAt"], body["data"]["revokedAt"]);

    let (status, body) = envelope(client.delete(&path).await).await;
    assert_eq!(
        (status, &body["data"]),
        (StatusCode::CONFLICT, &Value::Null)
    );
    let (status, _) = envelope(client.delete(&format!("{KEYS}/ak_missing")).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_missing_or_wrong_token_gets_401_in_the_envelope() {
    let sandbox = start_sandbox(None).await;
    let anonymous = reqwest::Client::new()
        .post(format!("{}{KEYS}", sandbox.base_url()))
        .body(r#"{"name": "x"}"#)
        .send()
        .await
        .unwrap();
    let wrong = Bearer::with_token(&sandbox, "nope").get(KEYS).await;
    for response in [anonymous, wrong] {
        let (status, body) = envelope(response).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            body["message"],
            "unauthorized: missing or invalid bearer token"
        );
        assert_eq!(body["data"], Value::Null);
    }
    assert!(list(&Bearer::admin(&sandbox)).await.is_empty());
    sandbox.shutdown().await;
}
