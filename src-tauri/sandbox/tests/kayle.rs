mod common;

use common::{assert_rfc3339_z, start_sandbox, status_and_json, Bearer};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

const KEYS: &str = "/v1/auth/api-keys";

async fn create(client: &Bearer, body: Value) -> Value {
    let (status, body) = status_and_json(client.post_json(KEYS, &body.to_string()).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["error"], Value::Null);
    body["data"].clone()
}

async fn create_named(client: &Bearer, name: &str) -> Value {
    create(
        client,
        json!({"name": name, "permissions": ["sessions:read"]}),
    )
    .await
}

async fn list(client: &Bearer, query: &str) -> Value {
    let (status, body) = status_and_json(client.get(&format!("{KEYS}{query}")).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["error"], Value::Null);
    body
}

/// Asserts seed 004's error envelope (`data: null`, error with code, message, hint, docs)
/// and returns `(status, code, hint)`.
async fn error_of(response: Response) -> (StatusCode, String, String) {
    let (status, body) = status_and_json(response).await;
    assert_eq!(body["data"], Value::Null, "{body}");
    let error = &body["error"];
    let code = error["code"].as_str().expect("code").to_string();
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(
        error["docs"],
        format!("https://docs.kayle.id/errors#{}", code.to_lowercase())
    );
    let hint = error["hint"].as_str().expect("hint").to_string();
    (status, code, hint)
}

async fn validation_hint(client: &Bearer, method: Method, path: &str, body: Value) -> String {
    let response = client.send_json(method, path, &body.to_string()).await;
    let (status, code, hint) = error_of(response).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "VALIDATION_ERROR"),
        "{body}"
    );
    hint
}

#[tokio::test]
async fn create_returns_id_and_key_only_and_the_list_never_shows_the_key() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let data = create(
        &client,
        json!({"name": "Webhooks", "permissions": ["webhooks:read", "webhooks:write"],
               "metadata": {"team": "risk", "ticket": 42, "rotates": true}}),
    )
    .await;
    let mut fields: Vec<&str> = data
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["id", "key"]);
    let id = data["id"].as_str().unwrap();
    assert!(id.starts_with("kk_") && id.len() == 27, "{id}");
    let key = data["key"].as_str().unwrap();
    assert!(key.starts_with("kayle_") && key.len() == 46, "{key}");

    let page = list(&client, "").await;
    let item = &page["data"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["name"], "Webhooks");
    assert_eq!(item["enabled"], true);
    assert_eq!(
        item["permissions"],
        json!(["webhooks:read", "webhooks:write"])
    );
    assert_eq!(
        item["metadata"],
        json!({"team": "risk", "ticket": 42, "rotates": true})
    );
    assert_eq!(item["requestCount"], 0);
    assert_rfc3339_z(&item["createdAt"]);
    assert_rfc3339_z(&item["updatedAt"]);
    assert!(!page.to_string().contains(key));
    assert_eq!(
        page["pagination"],
        json!({"limit": 20, "has_more": false, "next_cursor": null})
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_cursor_walks_three_pages_in_creation_order() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let mut ids = Vec::new();
    for n in 0..7 {
        ids.push(create_named(&client, &format!("key {n}")).await["id"].clone());
    }
    let mut seen = Vec::new();
    let mut query = "?limit=3".to_string();
    let mut pages = 0;
    loop {
        let page = list(&client, &query).await;
        pages += 1;
        let items = page["data"].as_array().unwrap();
        seen.extend(items.iter().map(|item| item["id"].clone()));
        let pagination = &page["pagination"];
        assert_eq!(pagination["limit"], 3);
        if pagination["has_more"] == false {
            assert_eq!(pagination["next_cursor"], Value::Null);
            break;
        }
        assert_eq!(pagination["next_cursor"], items.last().unwrap()["id"]);
        query = format!(
            "?limit=3&starting_after={}",
            pagination["next_cursor"].as_str().unwrap()
        );
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, ids);

    let (status, code, _) =
        error_of(client.get(&format!("{KEYS}?starting_after=kk_nope")).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "INVALID_CURSOR")
    );
    let (status, code, hint) = error_of(client.get(&format!("{KEYS}?limit=101")).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "VALIDATION_ERROR")
    );
    assert!(hint.contains("limit"), "{hint}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_name_of_0_or_121_characters_is_refused() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    for name in [String::new(), "n".repeat(121)] {
        let body = json!({"name": name, "permissions": ["sessions:read"]});
        let hint = validation_hint(&client, Method::POST, KEYS, body).await;
        assert_eq!(hint, "name must be 1 to 120 characters");
    }
    create_named(&client, &"n".repeat(120)).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn permissions_must_be_a_non_empty_list_of_known_ones() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let empty = json!({"name": "x", "permissions": []});
    let hint = validation_hint(&client, Method::POST, KEYS, empty).await;
    assert_eq!(hint, "permissions must contain at least one permission");
    let unknown = json!({"name": "x", "permissions": ["sessions:read", "keys:write"]});
    let hint = validation_hint(&client, Method::POST, KEYS, unknown).await;
    assert!(
        hint.starts_with("permissions") && hint.contains("keys:write"),
        "{hint}"
    );
    let twice = json!({"name": "x", "permissions": ["sessions:read", "sessions:read"]});
    let hint = validation_hint(&client, Method::POST, KEYS, twice).await;
    assert!(hint.starts_with("permissions"), "{hint}");
    let missing = json!({"name": "x"});
    assert_eq!(
        validation_hint(&client, Method::POST, KEYS, missing).await,
        "permissions is required"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_metadata_string_of_513_characters_is_refused() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let body = json!({"name": "x", "permissions": ["sessions:read"], "metadata": {"note": "m".repeat(513)}});
    let hint = validation_hint(&client, Method::POST, KEYS, body).await;
    assert_eq!(hint, "metadata.note must be at most 512 characters");
    let nested =
        json!({"name": "x", "permissions": ["sessions:read"], "metadata": {"deep": {"a": 1}}});
    let hint = validation_hint(&client, Method::POST, KEYS, nested).await;
    assert!(hint.starts_with("metadata.deep"), "{hint}");
    let many: serde_json::Map<String, Value> =
        (0..51).map(|n| (format!("k{n}"), json!(n))).collect();
    let body = json!({"name": "x", "permissions": ["sessions:read"], "metadata": many});
    let hint = validation_hint(&client, Method::POST, KEYS, body).await;
    assert!(hint.starts_with("metadata"), "{hint}");
    create(&client, json!({"name": "x", "permissions": ["sessions:read"], "metadata": {"note": "m".repeat(512)}})).await;
    sandbox.shutdown().await;
}

#[tokio::test]
async fn patch_changes_only_the_given_fields_and_an_empty_body_is_refused() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let id = create_named(&client, "before").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("{KEYS}/{id}");
    let before = list(&client, "").await["data"][0].clone();

    let response = client
        .send_json(
            Method::PATCH,
            &path,
            r#"{"enabled": false, "name": "after"}"#,
        )
        .await;
    let (status, body) = status_and_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["error"], Value::Null);
    let item = &body["data"];
    assert_eq!(
        (item["name"].as_str(), item["enabled"].as_bool()),
        (Some("after"), Some(false))
    );
    assert_eq!(item["permissions"], before["permissions"]);
    assert_eq!(item["createdAt"], before["createdAt"]);
    assert_ne!(item["updatedAt"], before["updatedAt"]);
    assert_eq!(list(&client, "").await["data"][0], *item);

    let hint = validation_hint(&client, Method::PATCH, &path, json!({})).await;
    assert!(hint.contains("at least one"), "{hint}");
    let hint = validation_hint(&client, Method::PATCH, &path, json!({"permissions": []})).await;
    assert!(hint.starts_with("permissions"), "{hint}");
    let response = client
        .send_json(
            Method::PATCH,
            &format!("{KEYS}/kk_nope"),
            r#"{"enabled": true}"#,
        )
        .await;
    let (status, code, _) = error_of(response).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "NOT_FOUND")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn delete_removes_the_key_from_the_list() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let id = create_named(&client, "gone").await["id"].clone();
    let kept = create_named(&client, "kept").await["id"].clone();
    let path = format!("{KEYS}/{}", id.as_str().unwrap());
    let (status, body) = status_and_json(client.delete(&path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"data": {"id": id, "deleted": true}, "error": null})
    );
    let ids: Vec<Value> = list(&client, "").await["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, [kept]);
    let (status, code, _) = error_of(client.delete(&path).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "NOT_FOUND")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn seed_004_error_envelope_for_a_missing_or_wrong_token() {
    let sandbox = start_sandbox(None).await;
    let anonymous = reqwest::Client::new()
        .get(format!("{}{KEYS}", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    let wrong = Bearer::with_token(&sandbox, "nope")
        .post_json(KEYS, r#"{"name": "x", "permissions": ["sessions:read"]}"#)
        .await;
    for response in [anonymous, wrong] {
        let (status, code, hint) = error_of(response).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::UNAUTHORIZED, "UNAUTHORIZED")
        );
        assert!(hint.contains("Bearer"), "{hint}");
    }
    assert_eq!(list(&Bearer::admin(&sandbox), "").await["data"], json!([]));
    sandbox.shutdown().await;
}
