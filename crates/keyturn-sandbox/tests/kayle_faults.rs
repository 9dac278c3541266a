//! Fault injection on Kayle's routes: injected errors wear Kayle's envelope, and a lost
//! answer still creates the key.

mod common;

use common::kayle::{Admin, Kayle, KEYS};
use common::{start_sandbox, status_and_json, Bearer, ADMIN_TOKEN};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn install(sandbox: &keyturn_sandbox::Sandbox, fault: serde_json::Value) {
    let admin = Bearer::admin(sandbox);
    let (status, body) = status_and_json(
        admin
            .post_json("/_sandbox/faults", &fault.to_string())
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn an_injected_status_uses_kayles_envelope_on_every_kayle_route() {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-fault@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    install(&sandbox, json!({"method": "POST", "path_prefix": KEYS, "fault": {"kind": "status", "status": 503, "retry_after": 2}})).await;
    let answer = kayle
        .post(
            KEYS,
            &json!({"name": "k", "permissions": ["sessions:read"]}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.headers.get("retry-after").unwrap(), "2");
    let body = answer.json();
    assert_eq!(
        (&body["data"], &body["error"]["code"]),
        (&json!(null), &json!("SERVICE_UNAVAILABLE"))
    );
    assert_eq!(
        body["error"]["docs"],
        "https://kayle.id/docs/api/errors#service_unavailable"
    );
    assert!(answer.headers.get("x-request-id").is_none());
    assert!(kayle.all_keys().await.is_empty(), "the handler did not run");

    install(
        &sandbox,
        json!({"path_prefix": "/v1/sessions", "fault": {"kind": "status", "status": 401}}),
    )
    .await;
    let refused = kayle.sessions_with("kk_whatever").await;
    assert_eq!(
        (refused.status, refused.text.as_str()),
        (
            StatusCode::UNAUTHORIZED,
            r#"{"error":{"code":"UNAUTHORIZED","message":"Unauthorized"}}"#
        )
    );
}

#[tokio::test]
async fn a_lost_create_answer_still_makes_the_key() {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-lost@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    install(
        &sandbox,
        json!({"method": "POST", "path_prefix": KEYS, "fault": {"kind": "drop_after"}}),
    )
    .await;
    let sent = kayle
        .http
        .request(Method::POST, format!("{}{KEYS}", sandbox.base_url()))
        .header("cookie", &cookie)
        .json(&json!({"name": "lost", "permissions": ["sessions:read"]}))
        .send()
        .await;
    assert!(sent.is_err(), "the answer was dropped");
    let keys = kayle.all_keys().await;
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["name"], "lost");
}
