//! The Veryfi partner client against the real sandbox over loopback HTTP.

use std::net::SocketAddr;

use keyturn_core::http::HttpOptions;
use keyturn_core::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use keyturn_core::{KeyDraft, Sensitive, Vendor, VendorErrorKind};
use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};

const TOKEN: &str = "test-admin-token-0123456789";

async fn sandbox() -> Sandbox {
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        state_file: None,
        ..Default::default()
    };
    keyturn_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0)), options)
        .await
        .expect("sandbox starts")
}

fn client(sandbox: &Sandbox, api_key: &str) -> VeryfiPartner {
    let credentials = VeryfiCredentials {
        client_id: VERYFI_CLIENT_ID.into(),
        username: VERYFI_USERNAME.into(),
        api_key: Sensitive::new(api_key.into()),
    };
    VeryfiPartner::new(&sandbox.base_url(), credentials, HttpOptions::default()).unwrap()
}

fn ids(keys: &[keyturn_core::ApiKey]) -> Vec<String> {
    keys.iter().map(|k| k.id.clone()).collect()
}

#[tokio::test]
async fn create_list_and_the_two_key_limit() {
    let sandbox = sandbox().await;
    let veryfi = client(&sandbox, TOKEN);

    let before = veryfi.list_keys().await.unwrap();
    assert_eq!(before.len(), 1, "a fresh account has one key");

    let created = veryfi.create_key(&KeyDraft::default()).await.unwrap();
    assert_eq!(created.secret.expose().len(), 32);
    let after = veryfi.list_keys().await.unwrap();
    assert_eq!(after.len(), 2);
    let listed = after
        .iter()
        .find(|k| k.id == created.key.id)
        .expect("new key listed");
    assert_eq!(
        listed.masked_prefix.as_deref(),
        Some(&created.secret.expose()[..4])
    );
    assert!(listed.created_at.is_some());

    let third = veryfi.create_key(&KeyDraft::default()).await.unwrap_err();
    assert_eq!(third.kind, VendorErrorKind::KeyLimitReached);
    assert_eq!(third.status, Some(400));
    assert_eq!(
        third.code.as_deref(),
        Some("MALFORMED_PARAMETERS"),
        "a plain 400, recognised from the two keys listed"
    );
    assert!(third
        .request_id
        .as_deref()
        .is_some_and(|id| id.starts_with("req_")));
    assert_eq!(
        ids(&veryfi.list_keys().await.unwrap()),
        ids(&after),
        "refusal changed nothing"
    );
}

#[tokio::test]
async fn delete_and_the_last_key_refusal() {
    let sandbox = sandbox().await;
    let veryfi = client(&sandbox, TOKEN);
    let original = veryfi.list_keys().await.unwrap().remove(0);
    let created = veryfi.create_key(&KeyDraft::default()).await.unwrap();

    veryfi.revoke_key(&original.id).await.unwrap();
    assert_eq!(
        ids(&veryfi.list_keys().await.unwrap()),
        vec![created.key.id.clone()]
    );

    let last = veryfi.revoke_key(&created.key.id).await.unwrap_err();
    assert_eq!(last.kind, VendorErrorKind::LastKeyProtected);
    assert_eq!(veryfi.list_keys().await.unwrap().len(), 1);

    let missing = veryfi.revoke_key("999999").await.unwrap_err();
    assert_eq!(missing.kind, VendorErrorKind::NotFound);
    let malformed = veryfi.revoke_key("not-a-number").await.unwrap_err();
    assert_eq!(malformed.kind, VendorErrorKind::InvalidRequest);
}

#[tokio::test]
async fn reset_makes_old_values_fail() {
    let sandbox = sandbox().await;
    let admin = client(&sandbox, TOKEN);
    let created = admin.create_key(&KeyDraft::default()).await.unwrap();
    let as_old_key = client(&sandbox, created.secret.expose());
    assert_eq!(
        as_old_key.list_keys().await.unwrap().len(),
        2,
        "a current key authenticates"
    );

    let fresh = admin.reset_keys().await.unwrap();
    assert_eq!(fresh.len(), 2, "reset keeps the count");
    assert!(
        fresh.iter().all(|k| k.key.id != created.key.id),
        "reset issues new ids"
    );

    let refused = as_old_key.list_keys().await.unwrap_err();
    assert_eq!(refused.kind, VendorErrorKind::Unauthorized);
    let as_new_key = client(&sandbox, fresh[0].secret.expose());
    assert_eq!(ids(&as_new_key.list_keys().await.unwrap()).len(), 2);
}

#[tokio::test]
async fn wrong_credentials_are_unauthorized() {
    let sandbox = sandbox().await;
    let error = client(&sandbox, "not-the-token")
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Unauthorized);
    assert_eq!(error.status, Some(403));
    assert_eq!(
        error.code.as_deref(),
        Some("AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED")
    );
    assert!(!error.to_string().contains("not-the-token"));
}

#[tokio::test]
async fn a_stopped_sandbox_is_a_network_error() {
    let sandbox = sandbox().await;
    let veryfi = client(&sandbox, TOKEN);
    sandbox.shutdown().await;
    let error = veryfi.list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Unreachable);
}

#[tokio::test]
async fn a_new_key_can_be_tested_and_a_wrong_one_fails_the_test() {
    let sandbox = sandbox().await;
    let veryfi = client(&sandbox, TOKEN);
    let created = veryfi.create_key(&KeyDraft::default()).await.unwrap();
    veryfi
        .test_key(&created.secret)
        .await
        .expect("the new key works");
    let wrong = Sensitive::new("0".repeat(32));
    assert_eq!(
        veryfi.test_key(&wrong).await.unwrap_err().kind,
        VendorErrorKind::Unauthorized
    );
}

#[tokio::test]
async fn the_sandboxs_redirect_of_a_slash_less_path_is_followed_on_the_same_origin() {
    let sandbox = sandbox().await;
    let http =
        keyturn_core::http::HttpClient::new(&sandbox.base_url(), HttpOptions::default()).unwrap();
    let request = http
        .request(reqwest::Method::GET, "api/v8/partner/client-keys")
        .header("CLIENT-ID", VERYFI_CLIENT_ID)
        .header(
            "AUTHORIZATION",
            keyturn_core::http::sensitive_header(&format!("apikey {VERYFI_USERNAME}:{TOKEN}")),
        );
    let response = http.send(request).await.unwrap();
    assert_eq!(response.status, reqwest::StatusCode::OK);
    let listed: serde_json::Value = response.json().unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}
