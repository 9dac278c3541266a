//! A Kayle organization scheduled for deletion, and the consumer route `/v1/sessions`.

mod common;

use common::kayle::{Admin, Kayle, KEYS, UNKNOWN_ID};
use common::{ping, start_sandbox, ADMIN_TOKEN};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const FORBIDDEN: &str = r#"{"error":{"code":"FORBIDDEN","message":"Forbidden"}}"#;
const UNAUTHORIZED: &str = r#"{"error":{"code":"UNAUTHORIZED","message":"Unauthorized"}}"#;

fn frozen_body() -> Value {
    json!({"data": null, "error": {"code": "ORGANIZATION_FROZEN",
        "message": "This organization is scheduled for deletion. API keys and verification flows are disabled until the deletion is canceled.",
        "hint": "Cancel the pending deletion from the dashboard, then retry.",
        "docs": "https://kayle.id/docs/errors/organization-frozen"}})
}

#[tokio::test]
async fn a_frozen_organization_refuses_every_change_before_any_check_but_still_lists() {
    let sandbox = start_sandbox(None).await;
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, session) = admin.session("k2-frozen@example.test").await;
    let org_id = session["organization_id"].as_str().unwrap();
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let (id, _) = kayle.create("k", &["sessions:read"]).await;

    admin.set_frozen(org_id, true).await;
    let attempts = [
        kayle
            .post(
                KEYS,
                &json!({"name": "x", "permissions": ["sessions:read"]}),
            )
            .await,
        kayle.post(KEYS, &json!({})).await,
        kayle
            .raw(
                Method::POST,
                KEYS,
                Some("{bad"),
                Some("application/json"),
                &[],
            )
            .await,
        kayle.patch(&id, &json!({"name": "x"})).await,
        kayle.patch("nope", &json!({})).await,
        kayle.delete(UNKNOWN_ID).await,
        kayle.delete(&id).await,
    ];
    for answer in attempts {
        assert_eq!(
            (answer.status, answer.json()),
            (StatusCode::GONE, frozen_body())
        );
    }
    let list = kayle.get(KEYS).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()["data"][0]["name"], "k");
    let session = kayle.get("/v1/auth/get-session").await.json();
    assert!(
        session["activeOrganization"]["pendingDeletionAt"].is_string(),
        "{session}"
    );

    admin.set_frozen(org_id, false).await;
    assert_eq!(kayle.delete(&id).await.status, StatusCode::OK);
}

#[tokio::test]
async fn sessions_answers_a_key_with_sessions_read_and_refuses_the_rest() {
    let sandbox = start_sandbox(None).await;
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, session) = admin.session("k2-consumer@example.test").await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let (read_id, read_key) = kayle.create("reader", &["sessions:read"]).await;
    let (_, write_key) = kayle.create("writer", &["webhooks:read"]).await;

    let ok = kayle.sessions_with(&read_key).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(
        ok.json(),
        json!({"data": [], "error": null, "pagination": {"limit": 10, "has_more": false, "next_cursor": null}})
    );
    let scope = kayle.sessions_with(&write_key).await;
    assert_eq!(
        (scope.status, scope.text.as_str()),
        (StatusCode::FORBIDDEN, FORBIDDEN)
    );
    for key in ["kk_00000000000000000000000000000000", "nope"] {
        let unknown = kayle.sessions_with(key).await;
        assert_eq!(
            (unknown.status, unknown.text.as_str()),
            (StatusCode::UNAUTHORIZED, UNAUTHORIZED)
        );
    }
    let on_keys = Kayle::new(&sandbox.base_url())
        .raw(
            Method::GET,
            KEYS,
            None,
            None,
            &[("authorization", &format!("Bearer {read_key}"))],
        )
        .await;
    assert_eq!(on_keys.status, StatusCode::UNAUTHORIZED);

    admin
        .set_frozen(session["organization_id"].as_str().unwrap(), true)
        .await;
    assert_eq!(kayle.sessions_with(&write_key).await.json(), frozen_body());
    admin
        .set_frozen(session["organization_id"].as_str().unwrap(), false)
        .await;

    assert_eq!(
        kayle
            .patch(&read_id, &json!({"enabled": false}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        kayle.sessions_with(&read_key).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        kayle
            .patch(&read_id, &json!({"enabled": true}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(kayle.delete(&read_id).await.status, StatusCode::OK);
    assert_eq!(
        kayle.sessions_with(&read_key).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn using_a_key_never_counts_or_records_anything() {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-count@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let (id, key) = kayle.create("k", &["sessions:read"]).await;
    assert_eq!(kayle.sessions_with(&key).await.status, StatusCode::OK);
    let (status, body) = ping(&sandbox, &key).await;
    assert_eq!(
        (status, &body["vendor"], &body["key_id"]),
        (StatusCode::OK, &json!("kayle"), &json!(id))
    );
    let item = &kayle.get(KEYS).await.json()["data"][0];
    assert_eq!(item["requestCount"], 0);
    let fields: Vec<&String> = item.as_object().unwrap().keys().collect();
    assert!(
        !fields.iter().any(|f| f.to_lowercase().contains("last")),
        "{item}"
    );
}

#[tokio::test]
async fn sessions_takes_a_converted_limit_and_a_verification_session_cursor() {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-query@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let (_, key) = kayle.create("reader", &["sessions:read"]).await;
    let bearer = format!("Bearer {key}");
    let get = |query: String| {
        let kayle = kayle.clone();
        let bearer = bearer.clone();
        async move {
            kayle
                .raw(
                    Method::GET,
                    &format!("/v1/sessions?{query}"),
                    None,
                    None,
                    &[("authorization", &bearer)],
                )
                .await
        }
    };
    assert_eq!(
        get("limit=100".into()).await.json()["pagination"]["limit"],
        100
    );
    let cursor = format!("starting_after=vs_{}", "a".repeat(64));
    assert_eq!(get(cursor).await.status, StatusCode::OK);
    for (query, code) in [
        ("limit=0", "too_small"),
        ("limit=101", "too_big"),
        ("limit=abc", "invalid_type"),
        ("limit=1.5", "invalid_type"),
        ("starting_after=nope", "invalid_format"),
    ] {
        let answer = get(query.into()).await;
        assert_eq!(answer.zod_issues()[0]["code"], code, "{query}");
    }
    assert_eq!(
        get("limit=abc".into()).await.zod_issues()[0]["received"],
        "NaN"
    );
    assert_eq!(
        get("limit=0".into()).await.zod_issues()[0]["message"],
        "Too small: expected number to be >=1"
    );
}
