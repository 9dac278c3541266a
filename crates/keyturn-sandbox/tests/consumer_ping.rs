mod common;

use common::kayle::{Admin, Kayle};
use common::{assert_rfc3339_z, ping, start_sandbox, status_and_json, Bearer, Client, ADMIN_TOKEN};
use keyturn_sandbox::Sandbox;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PING: &str = "/v1/consumer/ping";
const VERIFA: &str = "/api/v1/organizations/org_acme/keys";
const API_KEYS: &str = "/v1/api-keys";
const VERYFI: &str = "/api/v8/partner/client-keys/";

async fn data_of(response: reqwest::Response) -> Value {
    let (status, body) = status_and_json(response).await;
    assert!(status.is_success(), "{status} {body}");
    body
}

async fn kayle_client(sandbox: &Sandbox) -> Kayle {
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, _) = admin.session("k2-ping@example.test").await;
    Kayle::new(&sandbox.base_url()).with_cookie(&cookie)
}

async fn refused_with(sandbox: &Sandbox, key: &str) -> String {
    let (status, body) = ping(sandbox, key).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["ok"], false);
    assert!(body["message"].as_str().unwrap().ends_with('.'));
    body["code"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_ping_fills_last_used_ip_and_user_agent_in_the_api_keys_list() {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    let created = data_of(admin.post_json(API_KEYS, r#"{"name": "worker"}"#).await).await;
    let key = created["data"]["key"].as_str().unwrap();

    let (status, body) = ping(&sandbox, key).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"ok": true, "vendor": "api_keys", "key_id": created["data"]["id"]})
    );

    let listed = &data_of(admin.get(API_KEYS).await).await["data"][0];
    assert_rfc3339_z(&listed["lastUsedAt"]);
    assert_eq!(listed["lastUsedIp"], "127.0.0.1");
    assert_eq!(listed["lastUsedUserAgent"], "ping-test/1.0");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_ping_sets_verifa_last_used_at_with_a_bearer_key() {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    let created = data_of(
        admin
            .post_json(VERIFA, r#"{"label": "l", "environment": "sandbox"}"#)
            .await,
    )
    .await;
    let key = created["key"].as_str().unwrap();
    assert_eq!(
        data_of(admin.get(VERIFA).await).await["data"][0]["last_used_at"],
        Value::Null
    );

    let as_bearer = Bearer::with_token(&sandbox, key);
    let body = data_of(as_bearer.get(PING).await).await;
    assert_eq!(body["vendor"], "verifa");
    assert_eq!(body["key_id"], created["id"]);
    let item = &data_of(admin.get(VERIFA).await).await["data"][0];
    assert_rfc3339_z(&item["last_used_at"]);
    assert!(
        item.get("last_used_ip").is_none(),
        "Verifa reports the time only"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn veryfi_keys_ping_with_the_apikey_header_and_the_list_stays_unchanged() {
    let sandbox = start_sandbox(None).await;
    let veryfi = Client::new(&sandbox);
    let (id, value) = veryfi.create().await;
    let before = veryfi.list().await;
    let response = reqwest::Client::new()
        .get(format!("{}{PING}", sandbox.base_url()))
        .header("authorization", format!("apikey anyone:{value}"))
        .send()
        .await
        .unwrap();
    let body = data_of(response).await;
    assert_eq!(
        body,
        json!({"ok": true, "vendor": "veryfi", "key_id": id.to_string()})
    );
    assert_eq!(
        veryfi.list().await,
        before,
        "Veryfi does not report last use"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn revoked_and_deleted_keys_are_refused_as_revoked() {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    let verifa = data_of(
        admin
            .post_json(VERIFA, r#"{"label": "l", "environment": "live"}"#)
            .await,
    )
    .await;
    admin
        .delete(&format!("{VERIFA}/{}", verifa["id"].as_str().unwrap()))
        .await;
    let api = data_of(admin.post_json(API_KEYS, r#"{"name": "n"}"#).await).await;
    admin
        .delete(&format!(
            "{API_KEYS}/{}",
            api["data"]["id"].as_str().unwrap()
        ))
        .await;
    let kayle = kayle_client(&sandbox).await;
    let (kayle_id, kayle_key) = kayle.create("n", &["sessions:read"]).await;
    kayle.delete(&kayle_id).await;
    let veryfi = Client::new(&sandbox);
    let (veryfi_id, veryfi_value) = veryfi.create().await;
    veryfi.delete(&veryfi_id.to_string()).await;

    for key in [
        verifa["key"].as_str().unwrap(),
        api["data"]["key"].as_str().unwrap(),
        &kayle_key,
        &veryfi_value,
    ] {
        assert_eq!(refused_with(&sandbox, key).await, "key_revoked", "{key}");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_disabled_kayle_key_is_refused_as_disabled() {
    let sandbox = start_sandbox(None).await;
    let kayle = kayle_client(&sandbox).await;
    let (id, key) = kayle.create("n", &["sessions:read"]).await;
    let disabled = kayle.patch(&id, &json!({"enabled": false})).await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.text);
    assert_eq!(refused_with(&sandbox, &key).await, "key_disabled");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_expired_key_is_refused_as_expired() {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    let soon = (chrono::Utc::now() + chrono::Duration::milliseconds(2500)).to_rfc3339();
    let verifa = data_of(
        admin
            .post_json(
                VERIFA,
                &json!({"label": "l", "environment": "live", "expires_at": soon}).to_string(),
            )
            .await,
    )
    .await;
    let api = data_of(
        admin
            .post_json(
                API_KEYS,
                &json!({"name": "n", "expiresAt": soon}).to_string(),
            )
            .await,
    )
    .await;
    let (verifa_key, api_key) = (
        verifa["key"].as_str().unwrap(),
        api["data"]["key"].as_str().unwrap(),
    );
    assert_eq!(ping(&sandbox, api_key).await.0, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(2600)).await;
    assert_eq!(refused_with(&sandbox, verifa_key).await, "key_expired");
    assert_eq!(refused_with(&sandbox, api_key).await, "key_expired");
    assert_eq!(
        data_of(admin.get(VERIFA).await).await["data"][0]["is_active"],
        false
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_veryfi_value_replaced_by_reset_is_refused_as_reset() {
    let sandbox = start_sandbox(None).await;
    let veryfi = Client::new(&sandbox);
    let (_, old_value) = veryfi.create().await;
    assert_eq!(ping(&sandbox, &old_value).await.0, StatusCode::OK);
    let reset = veryfi
        .send(Method::POST, &format!("{VERYFI}reset/"), Some(ADMIN_TOKEN))
        .await;
    assert_eq!(reset.status(), StatusCode::CREATED);
    assert_eq!(refused_with(&sandbox, &old_value).await, "key_reset");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn unknown_and_missing_keys_are_refused() {
    let sandbox = start_sandbox(None).await;
    assert_eq!(refused_with(&sandbox, "sk_not_a_key").await, "key_unknown");
    assert_eq!(refused_with(&sandbox, ADMIN_TOKEN).await, "key_unknown");
    let response = reqwest::Client::new()
        .get(format!("{}{PING}", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    let (status, body) = status_and_json(response).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("key_missing"))
    );
    sandbox.shutdown().await;
}
