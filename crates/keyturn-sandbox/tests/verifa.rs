mod common;

use common::{
    assert_rfc3339_z, request_id_of, start_sandbox, status_and_json, Bearer, ADMIN_TOKEN,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ORG: &str = "/api/v1/organizations/org_acme/keys";

const DEFAULT_SCOPES: [&str; 5] = [
    "sessions:read",
    "sessions:create",
    "sessions:write",
    "verifications:read",
    "identities:read",
];

async fn create(client: &Bearer, path: &str, body: Value) -> Value {
    let (status, body) = status_and_json(client.post_json(path, &body.to_string()).await).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn list(client: &Bearer, path: &str) -> Value {
    let (status, body) = status_and_json(client.get(path).await).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Asserts the Verifa error envelope and returns `(status, error code, detail)`.
async fn error_of(response: reqwest::Response) -> (StatusCode, String, String) {
    let (status, body) = status_and_json(response).await;
    assert_eq!(body["status_code"], status.as_u16(), "{body}");
    (
        status,
        body["error"].as_str().expect("error code").to_string(),
        body["detail"].as_str().expect("detail").to_string(),
    )
}

async fn validation_detail(client: &Bearer, body: &str) -> String {
    let (status, code, detail) = error_of(client.post_json(ORG, body).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "validation_error"),
        "{body}"
    );
    detail
}

#[tokio::test]
async fn seed_000_curl_creates_a_live_key_with_the_documented_fields() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let response = client
        .post_json(
            "/api/v1/organizations/org_id/keys",
            r#"{
 "label": "Production key",
 "environment": "live"
}"#,
        )
        .await;
    let (status, body) = status_and_json(response).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = body["id"].as_str().unwrap();
    let hex = id.strip_prefix("key_").expect("key_ id");
    assert_eq!(hex.len(), 24);
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()));
    let key = body["key"].as_str().unwrap();
    let random = key.strip_prefix("vk_live_").expect("vk_live_ key");
    assert_eq!(random.len(), 32);
    assert!(random.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(body["label"], "Production key");
    assert_eq!(body["environment"], "live");
    assert_rfc3339_z(&body["created_at"]);
    assert_eq!(body["key_prefix"], key[..12]);
    assert_eq!(body["scopes"], json!(DEFAULT_SCOPES));
    assert_eq!(body["expires_at"], Value::Null);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn sandbox_keys_get_the_sandbox_prefix_and_chosen_scopes() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let expires = (chrono::Utc::now() + chrono::Duration::days(30)).to_rfc3339();
    let body = create(
        &client,
        ORG,
        json!({"label": "CI", "environment": "sandbox", "scopes": ["keys:read", "sessions:read"],
               "expires_at": expires}),
    )
    .await;
    let key = body["key"].as_str().unwrap();
    assert!(key.starts_with("vk_sandbox_"), "{key}");
    assert_eq!(key.len(), "vk_sandbox_".len() + 32);
    assert_eq!(body["key_prefix"], "vk_sandbox_".to_string() + &key[11..12]);
    assert_eq!(body["scopes"], json!(["keys:read", "sessions:read"]));
    assert_rfc3339_z(&body["expires_at"]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_list_masks_keys_and_keeps_creation_order() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let mut created = Vec::new();
    for label in ["first", "second", "third"] {
        created.push(create(&client, ORG, json!({"label": label, "environment": "live"})).await);
    }
    let page = list(&client, ORG).await;
    assert_eq!(
        page["pagination"],
        json!({"limit": 20, "offset": 0}),
        "no total: Verifa returns one from only some endpoints"
    );
    let items = page["data"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["first", "second", "third"]);
    let item = &items[0];
    let mut fields: Vec<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "created_at",
            "environment",
            "expires_at",
            "id",
            "is_active",
            "key_prefix",
            "label",
            "last_used_at",
            "scopes"
        ]
    );
    assert_eq!(item["id"], created[0]["id"]);
    assert_eq!(item["key_prefix"], created[0]["key_prefix"]);
    assert_eq!(item["is_active"], true);
    assert_eq!(item["last_used_at"], Value::Null);
    let text = page.to_string();
    for key in &created {
        assert!(
            !text.contains(key["key"].as_str().unwrap()),
            "a full key is listed"
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn offset_and_limit_page_through_with_the_total() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let mut ids = Vec::new();
    for n in 0..5 {
        let body = create(
            &client,
            ORG,
            json!({"label": format!("k{n}"), "environment": "live"}),
        )
        .await;
        ids.push(body["id"].clone());
    }
    let page = list(&client, &format!("{ORG}?limit=2&offset=3")).await;
    assert_eq!(page["pagination"], json!({"limit": 2, "offset": 3}));
    let page_ids: Vec<Value> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(page_ids, ids[3..5]);
    let past_the_end = list(&client, &format!("{ORG}?offset=9")).await;
    assert_eq!(past_the_end["data"], json!([]));
    assert_eq!(
        past_the_end["pagination"],
        json!({"limit": 20, "offset": 9})
    );
    for bad in [
        "limit=0",
        "limit=101",
        "limit=abc",
        "offset=-1",
        "offset=1.5",
    ] {
        let (status, code, detail) = error_of(client.get(&format!("{ORG}?{bad}")).await).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::BAD_REQUEST, "validation_error"),
            "{bad}"
        );
        assert!(detail.contains(bad.split('=').next().unwrap()), "{detail}");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn revoke_keeps_the_key_listed_as_inactive_and_twice_is_a_conflict() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let body = create(&client, ORG, json!({"label": "old", "environment": "live"})).await;
    let path = format!("{ORG}/{}", body["id"].as_str().unwrap());

    let response = client.delete(&path).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(response.bytes().await.unwrap().is_empty());
    let item = &list(&client, ORG).await["data"][0];
    assert_eq!(item["is_active"], false);
    assert!(
        item.get("revoked_at").is_none(),
        "Verifa's key objects carry no revoked_at: {item}"
    );

    let (status, code, _) = error_of(client.delete(&path).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "already_revoked")
    );
    let (status, code, _) = error_of(client.delete(&format!("{ORG}/key_nope")).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn organizations_appear_on_first_use_and_are_isolated() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let fresh = list(&client, "/api/v1/organizations/org_new_one/keys").await;
    assert_eq!(
        fresh,
        json!({"data": [], "pagination": {"limit": 20, "offset": 0}})
    );

    let a = "/api/v1/organizations/org_a/keys";
    let b = "/api/v1/organizations/org_b/keys";
    let key = create(&client, a, json!({"label": "A's", "environment": "live"})).await;
    assert_eq!(list(&client, b).await["data"], json!([]));
    assert_eq!(list(&client, a).await["data"].as_array().unwrap().len(), 1);

    let other_org = format!("{b}/{}", key["id"].as_str().unwrap());
    let (status, code, _) = error_of(client.delete(&other_org).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    assert_eq!(list(&client, a).await["data"][0]["is_active"], true);

    for bad in ["acme", "org_", "org_a-b"] {
        let (status, code, detail) = error_of(
            client
                .get(&format!("/api/v1/organizations/{bad}/keys"))
                .await,
        )
        .await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{bad}"
        );
        assert_eq!(detail, "Organization not found.");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_missing_label_is_named() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    assert_eq!(
        validation_detail(&client, r#"{"environment": "live"}"#).await,
        "label is required"
    );
    let detail = validation_detail(&client, r#"{"label": "   ", "environment": "live"}"#).await;
    assert!(detail.starts_with("label must be 1 to 200"), "{detail}");
    let long = "x".repeat(201);
    let detail = validation_detail(
        &client,
        &json!({"label": long, "environment": "live"}).to_string(),
    )
    .await;
    assert!(detail.starts_with("label must be 1 to 200"), "{detail}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_environment_is_required_and_must_be_live_or_sandbox() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    assert_eq!(
        validation_detail(&client, r#"{"label": "x"}"#).await,
        "environment is required"
    );
    let detail = validation_detail(&client, r#"{"label": "x", "environment": "production"}"#).await;
    assert_eq!(detail, r#"environment must be "live" or "sandbox""#);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn scopes_and_expiry_are_checked() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let with = |extra: Value| {
        let mut body = json!({"label": "x", "environment": "live"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body.to_string()
    };
    let detail = validation_detail(&client, &with(json!({"scopes": ["sessions:delete"]}))).await;
    assert!(detail.contains("sessions:delete"), "{detail}");
    let detail = validation_detail(&client, &with(json!({"scopes": []}))).await;
    assert!(detail.starts_with("scopes"), "{detail}");
    let detail = validation_detail(
        &client,
        &with(json!({"expires_at": "2020-01-01T00:00:00Z"})),
    )
    .await;
    assert_eq!(detail, "expires_at must be in the future");
    let detail = validation_detail(&client, &with(json!({"expires_at": "tomorrow"}))).await;
    assert!(detail.starts_with("expires_at"), "{detail}");

    let (status, code, _) = error_of(client.post_json(ORG, "label=x").await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_json")
    );
    assert_eq!(list(&client, ORG).await["data"], json!([]));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn only_the_current_version_is_answered_and_a_retired_one_is_refused() {
    let sandbox = start_sandbox(None).await;
    let client = Bearer::admin(&sandbox);
    let with_version = |version: &str| {
        client
            .request(Method::GET, ORG)
            .header("Verifa-Version", version)
            .send()
    };
    assert_eq!(
        with_version("2026-01-01").await.unwrap().status(),
        StatusCode::OK
    );
    let (status, code, detail) = error_of(with_version("2025-06-01").await.unwrap()).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "invalid_version")
    );
    assert!(
        detail.contains("2025-06-01")
            && detail.contains("retired")
            && detail.contains("2026-01-01"),
        "{detail}"
    );
    let (status, _, detail) = error_of(with_version("2026-02-01").await.unwrap()).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "2026-02-01 is only the docs' example"
    );
    assert!(detail.contains("not a Verifa API version"), "{detail}");
    for bad in ["2026-02-30", "2026-2-1", "latest"] {
        let (status, code, _) = error_of(with_version(bad).await.unwrap()).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::BAD_REQUEST, "invalid_version"),
            "{bad}"
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn only_the_admin_bearer_token_is_accepted() {
    let sandbox = start_sandbox(None).await;
    let expected = json!({"error": "unauthorized", "detail": "Invalid or missing API key.", "status_code": 401});
    let no_token = reqwest::Client::new()
        .get(format!("{}{ORG}", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    let wrong = Bearer::with_token(&sandbox, "wrong").get(ORG).await;
    let veryfi_style = reqwest::Client::new()
        .post(format!("{}{ORG}", sandbox.base_url()))
        .header("authorization", format!("apikey sandbox:{ADMIN_TOKEN}"))
        .body(r#"{"label": "x", "environment": "live"}"#)
        .send()
        .await
        .unwrap();
    for response in [no_token, wrong, veryfi_style] {
        let (status, body) = status_and_json(response).await;
        assert_eq!((status, body), (StatusCode::UNAUTHORIZED, expected.clone()));
    }
    assert_eq!(list(&Bearer::admin(&sandbox), ORG).await["data"], json!([]));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn answers_carry_a_request_id() {
    let sandbox = start_sandbox(None).await;
    let response = Bearer::admin(&sandbox).get(ORG).await;
    let id = request_id_of(&response);
    assert!(id.starts_with("req_") && id.len() == 20, "{id}");
    sandbox.shutdown().await;
}
