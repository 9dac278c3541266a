//! The Kayle ID client against a scripted server that answers as the real one
//! does (see ../shared/vendors/kayle-id/README.md): cookie auth, ten a page,
//! PATCH and DELETE answered with a status, 400 codes for missing keys, 410 for a
//! frozen organization, Zod dumps and plain-text refusals.

mod common;

use std::time::Duration;

use chrono::Utc;
use keyturn_core::http::{HttpOptions, RetryPolicy};
use keyturn_core::keys::model::{DraftField, MetadataValue, ScopeChoice};
use keyturn_core::vendors::credential::{Session, SessionSignIn};
use keyturn_core::vendors::kayle::sign_in::KayleSignIn;
use keyturn_core::vendors::kayle::{KayleCredentials, KayleId};
use keyturn_core::{KeyDraft, KeyStatus, KeyUpdate, LastUsed, Sensitive, Vendor, VendorErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

const KEYS: &str = "/v1/auth/api-keys";
const COOKIE: &str = "kayle-id.session_token=tok.sig%3D";
const A: &str = "11111111-1111-4111-8111-111111111111";
const B: &str = "22222222-2222-4222-8222-222222222222";
const C: &str = "33333333-3333-4333-8333-333333333333";

fn session() -> Session {
    Session {
        cookie: Sensitive::new(COOKIE.into()),
        expires_at: Utc::now() + chrono::Duration::days(7),
    }
}

fn client_with(server: &MockServer, options: HttpOptions) -> KayleId {
    let credentials = KayleCredentials {
        session: Some(session()),
    };
    KayleId::new(&server.uri(), credentials, options).unwrap()
}

fn client(server: &MockServer) -> KayleId {
    client_with(server, fast_retries())
}

fn item(id: &str) -> Value {
    json!({
        "id": id, "name": format!("Key {id}"), "enabled": true, "permissions": ["sessions:read"],
        "metadata": {}, "createdAt": "2026-01-02T03:04:05Z", "updatedAt": "2026-01-02T03:04:05Z",
        "requestCount": 0
    })
}

fn listing(items: Vec<Value>, has_more: bool, next_cursor: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": items, "error": null,
        "pagination": {"limit": 10, "has_more": has_more, "next_cursor": next_cursor}
    }))
}

fn page(ids: &[&str], has_more: bool, next_cursor: Option<&str>) -> ResponseTemplate {
    listing(
        ids.iter().map(|id| item(id)).collect(),
        has_more,
        next_cursor,
    )
}

fn done(what: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "data": {"status": "success", "message": format!("API key {what} successfully")}, "error": null
    }))
}

fn refusal(status: u16, code: &str, message: &str, hint: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"data": null, "error": {
        "code": code, "message": message, "hint": hint,
        "docs": format!("https://kayle.id/docs/api/errors#{}", code.to_lowercase())
    }}))
}

fn frozen() -> ResponseTemplate {
    refusal(
        410,
        "ORGANIZATION_FROZEN",
        "This organization is scheduled for deletion. API keys and verification flows are disabled until the deletion is canceled.",
        "Cancel the pending deletion from the dashboard, then retry.",
    )
}

fn unauthorized() -> ResponseTemplate {
    ResponseTemplate::new(401)
        .set_body_json(json!({"error": {"code": "UNAUTHORIZED", "message": "Unauthorized"}}))
}

fn draft(name: &str, permissions: &[&str]) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        scopes: permissions.iter().map(|p| p.to_string()).collect(),
        ..KeyDraft::default()
    }
}

#[tokio::test]
async fn lists_with_the_session_cookie_by_starting_after_and_never_a_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("Cookie", COOKIE))
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&[A], true, Some(A)))
        .expect(1)
        .mount(&server)
        .await;
    // No next_cursor despite has_more: the last id is where the next page starts.
    Mock::given(method("GET"))
        .and(query_param("starting_after", A))
        .respond_with(page(&[B], true, None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("starting_after", B))
        .respond_with(page(&[C], false, None))
        .expect(1)
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, [A, B, C]);
    let requests = server.received_requests().await.unwrap();
    for request in &requests {
        assert!(request.headers.get("authorization").is_none(), "no bearer");
        assert!(!request.url.query().unwrap_or_default().contains("limit"));
    }
    let queries: Vec<String> = requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            String::new(),
            format!("starting_after={A}"),
            format!("starting_after={B}")
        ]
    );
}

#[tokio::test]
async fn listed_keys_show_no_usage_and_no_prefix() {
    let server = MockServer::start().await;
    let mut disabled = item(A);
    disabled["enabled"] = json!(false);
    disabled["requestCount"] = json!(1234);
    disabled["permissions"] = json!(["webhooks:read", "analytics:read"]);
    disabled["metadata"] = json!({"team": "payroll", "tier": 2, "prod": true});
    Mock::given(method("GET"))
        .respond_with(listing(vec![disabled, item(B)], false, None))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    assert_eq!(keys[0].status, KeyStatus::Disabled);
    assert_eq!(keys[1].status, KeyStatus::Active);
    assert_eq!(keys[0].scopes, ["webhooks:read", "analytics:read"]);
    assert_eq!(keys[0].metadata["tier"], MetadataValue::Number(2.0));
    for key in &keys {
        assert_eq!(
            key.request_count, None,
            "Kayle's count is never incremented"
        );
        assert_eq!(key.last_used, LastUsed::NotReported);
        assert_eq!(key.masked_prefix, None);
    }
}

#[tokio::test]
async fn create_sends_trimmed_name_permissions_and_metadata_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(KEYS))
        .and(header("Cookie", COOKIE))
        .and(body_json(json!({
            "name": "ci key", "permissions": ["sessions:read"], "metadata": {"team": "core", "n": 1.0, "b": true}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": A, "key": "kk_abcdefghijklmnopqrstuvwxyz012345"}, "error": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut d = draft("  ci key ", &["sessions:read"]);
    d.metadata
        .insert("team".into(), MetadataValue::Text("core".into()));
    d.metadata.insert("n".into(), MetadataValue::Number(1.0));
    d.metadata.insert("b".into(), MetadataValue::Flag(true));
    let created = client(&server).create_key(&d).await.unwrap();
    assert_eq!(
        created.secret.expose(),
        "kk_abcdefghijklmnopqrstuvwxyz012345"
    );
    assert_eq!(
        created.key.masked_prefix.as_deref(),
        Some("kk_abcd"),
        "kk_ and four"
    );
    assert_eq!(created.key.name.as_deref(), Some("ci key"));
    assert_eq!(created.key.request_count, None);
}

#[tokio::test]
async fn kayles_rules_are_refused_before_any_request() {
    let server = MockServer::start().await;
    let api = client(&server);
    let mut bad_key = draft("x", &["sessions:read"]);
    bad_key
        .metadata
        .insert("no spaces".into(), MetadataValue::Flag(true));
    let mut long_value = draft("x", &["sessions:read"]);
    long_value
        .metadata
        .insert("k".into(), MetadataValue::Text("v".repeat(513)));
    let mut many = draft("x", &["sessions:read"]);
    for i in 0..21 {
        many.metadata
            .insert(format!("k{i}"), MetadataValue::Flag(true));
    }
    for (d, says) in [
        (draft("   ", &["sessions:read"]), "name"),
        (draft(&"n".repeat(121), &["sessions:read"]), "120"),
        (draft("x", &[]), "at least one permission"),
        (draft("x", &["keys:write"]), "keys:write"),
        (bad_key, "no spaces"),
        (long_value, "512"),
        (many, "20"),
    ] {
        let error = api.create_key(&d).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidDraft, "{says}");
        assert!(error.message.contains(says), "{says}: {}", error.message);
    }
    for id in ["kk_1", "../sessions", "not-a-uuid", ""] {
        let delete = api.revoke_key(id).await.unwrap_err();
        let update = api
            .update_key(
                id,
                &KeyUpdate {
                    enabled: Some(false),
                    ..KeyUpdate::default()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(delete.kind, VendorErrorKind::InvalidRequest, "{id}");
        assert_eq!(update.kind, VendorErrorKind::InvalidRequest, "{id}");
    }
    let empty = api.update_key(A, &KeyUpdate::default()).await.unwrap_err();
    assert_eq!(
        empty.kind,
        VendorErrorKind::InvalidRequest,
        "Kayle answers {{}} with a 500"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn a_patch_answered_with_a_status_reads_the_key_again() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{KEYS}/{A}")))
        .and(header("Cookie", COOKIE))
        .and(body_json(json!({"enabled": false})))
        .respond_with(done("updated"))
        .expect(1)
        .mount(&server)
        .await;
    let mut now_off = item(A);
    now_off["enabled"] = json!(false);
    Mock::given(method("GET"))
        .and(path(KEYS))
        .respond_with(listing(vec![item(B), now_off], false, None))
        .expect(1)
        .mount(&server)
        .await;
    let key = client(&server)
        .update_key(
            A,
            &KeyUpdate {
                enabled: Some(false),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((key.id.as_str(), key.status), (A, KeyStatus::Disabled));
}

#[tokio::test]
async fn a_rename_sends_the_trimmed_name() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(body_json(json!({"name": "new name"})))
        .respond_with(done("updated"))
        .expect(1)
        .mount(&server)
        .await;
    let mut renamed = item(A);
    renamed["name"] = json!("new name");
    Mock::given(method("GET"))
        .respond_with(listing(vec![renamed], false, None))
        .mount(&server)
        .await;
    let key = client(&server)
        .update_key(
            A,
            &KeyUpdate {
                name: Some("  new name ".into()),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(key.name.as_deref(), Some("new name"));
}

#[tokio::test]
async fn a_missing_key_is_not_found_with_a_sentence() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(refusal(
            400,
            "API_KEY_NOT_FOUND",
            "API key not found",
            "Confirm the API key ID belongs to this organization.",
        ))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(
            400,
            "API_KEY_NOT_DELETED",
            "API key not found",
            "Confirm the API key ID belongs to this organization.",
        ))
        .mount(&server)
        .await;
    let api = client(&server);
    let update = api
        .update_key(
            A,
            &KeyUpdate {
                enabled: Some(true),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap_err();
    let delete = api.revoke_key(A).await.unwrap_err();
    for (error, code) in [
        (update, "API_KEY_NOT_FOUND"),
        (delete, "API_KEY_NOT_DELETED"),
    ] {
        assert_eq!(error.kind, VendorErrorKind::NotFound, "{code}");
        assert_eq!(error.code.as_deref(), Some(code));
        assert_eq!(error.status, Some(400));
        assert!(
            error.message.contains("refresh the list"),
            "{}",
            error.message
        );
    }
    let gets = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count();
    assert_eq!(
        gets, 0,
        "a first-attempt refusal is believed without a re-list"
    );
}

#[tokio::test]
async fn a_delete_is_done_when_kayle_says_success() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/{A}")))
        .and(header("Cookie", COOKIE))
        .respond_with(done("deleted"))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).revoke_key(A).await.unwrap();
}

#[tokio::test]
async fn a_200_that_does_not_say_success_is_not_a_delete() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"status": "pending"}, "error": null})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&[A], false, None))
        .mount(&server)
        .await;
    let error = client(&server).revoke_key(A).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse, "{error}");
}

/// The first answer is lost (a 503 after the delete went through); the retry gets
/// API_KEY_NOT_DELETED; the list no longer shows the key, so it is done.
#[tokio::test]
async fn a_repeated_delete_after_a_lost_answer_is_done_once_the_list_confirms() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(
            400,
            "API_KEY_NOT_DELETED",
            "API key not found",
            "Confirm the API key ID belongs to this organization.",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&[B], false, None))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).revoke_key(A).await.unwrap();
}

#[tokio::test]
async fn a_repeated_delete_is_not_done_while_the_list_still_shows_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(
            400,
            "API_KEY_NOT_DELETED",
            "API key not found",
            "h",
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&[A], false, None))
        .mount(&server)
        .await;
    let error = client(&server).revoke_key(A).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::NotFound);
}

#[tokio::test]
async fn a_frozen_organization_says_to_cancel_the_deletion() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(frozen())
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(frozen())
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(frozen())
        .mount(&server)
        .await;
    let api = client(&server);
    let errors = [
        api.create_key(&draft("x", &["sessions:read"]))
            .await
            .unwrap_err(),
        api.update_key(
            A,
            &KeyUpdate {
                enabled: Some(false),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap_err(),
        api.revoke_key(A).await.unwrap_err(),
    ];
    for error in errors {
        assert_eq!(error.kind, VendorErrorKind::Forbidden, "not 'not found'");
        assert_eq!(error.code.as_deref(), Some("ORGANIZATION_FROZEN"));
        assert!(
            error.message.contains("scheduled for deletion"),
            "{}",
            error.message
        );
        assert!(
            error
                .message
                .contains("cancel the deletion in the Kayle ID dashboard"),
            "{}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_zod_dump_becomes_one_sentence_per_field() {
    let server = MockServer::start().await;
    let issues = "[\n  {\n    \"origin\": \"string\",\n    \"code\": \"too_small\",\n    \"minimum\": 1,\n    \"path\": [\n      \"name\"\n    ],\n    \"message\": \"Too small: expected string to have >=1 characters\"\n  },\n  {\n    \"code\": \"invalid_type\",\n    \"path\": [\n      \"permissions\", 0\n    ],\n    \"message\": \"Invalid option\"\n  }\n]";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "success": false, "error": {"name": "ZodError", "message": issues}
        })))
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&draft("fine locally", &["sessions:read"]))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert_eq!(
        error.message,
        "The field \"name\" was refused: Too small: expected string to have >=1 characters. \
         The field \"permissions.0\" was refused: Invalid option."
    );
}

#[tokio::test]
async fn plain_text_malformed_json_is_a_sentence() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string("Malformed JSON in request body"))
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&draft("x", &["sessions:read"]))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert_eq!(
        error.message,
        "Kayle ID could not read the request body as JSON."
    );
}

#[tokio::test]
async fn a_401_is_signed_out_with_a_sentence_and_no_session() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(unauthorized())
        .mount(&server)
        .await;
    let error = client(&server).list_page(None).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::SignedOut);
    assert!(error.message.contains("sign in again"), "{}", error.message);
    assert!(!format!("{error:?}").contains("tok.sig"));
}

fn expired_client(server: &MockServer) -> KayleId {
    let expired = KayleCredentials {
        session: Some(Session {
            cookie: Sensitive::new(COOKIE.into()),
            expires_at: Utc::now() - chrono::Duration::seconds(1),
        }),
    };
    KayleId::new(&server.uri(), expired, fast_retries()).unwrap()
}

async fn paths(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect()
}

#[tokio::test]
async fn a_session_past_its_known_expiry_that_kayle_no_longer_knows_is_signed_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/get-session"))
        .and(header("Cookie", COOKIE))
        .respond_with(ResponseTemplate::new(200).set_body_string("null"))
        .mount(&server)
        .await;
    let api = expired_client(&server);
    assert_eq!(
        api.list_page(None).await.unwrap_err().kind,
        VendorErrorKind::SignedOut
    );
    assert_eq!(
        api.list_page(None).await.unwrap_err().kind,
        VendorErrorKind::SignedOut
    );
    assert_eq!(
        paths(&server).await,
        ["/v1/auth/get-session"],
        "asked once, keys never"
    );
    let none = KayleId::new(
        &server.uri(),
        KayleCredentials { session: None },
        fast_retries(),
    )
    .unwrap();
    assert_eq!(
        none.list_page(None).await.unwrap_err().kind,
        VendorErrorKind::SignedOut
    );
    assert_eq!(paths(&server).await.len(), 1, "no session, no request");
}

/// Kayle extends a session in use: the expiry recorded at sign-in is not the end.
#[tokio::test]
async fn a_session_kayle_has_extended_keeps_working() {
    let server = MockServer::start().await;
    let later = (Utc::now() + chrono::Duration::days(6)).to_rfc3339();
    Mock::given(method("GET"))
        .and(path("/v1/auth/get-session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user": {}, "organizations": [], "session": {"expiresAt": later}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("Cookie", COOKIE))
        .respond_with(page(&[A], false, None))
        .expect(2)
        .mount(&server)
        .await;
    let api = expired_client(&server);
    assert_eq!(api.list_keys().await.unwrap().len(), 1);
    assert_eq!(
        api.list_keys().await.unwrap().len(),
        1,
        "the new expiry is remembered"
    );
}

#[tokio::test]
async fn a_session_without_an_organization_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"error": {"code": "FORBIDDEN", "message": "Forbidden"}})),
        )
        .mount(&server)
        .await;
    let error = client(&server).list_page(None).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Forbidden);
    assert!(
        error.message.contains("owner or admin"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_create_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&draft("x", &["sessions:read"]))
        .await
        .unwrap_err();
    assert!(error.is_ambiguous());
}

#[tokio::test]
async fn server_errors_on_a_list_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&[A], false, None))
        .mount(&server)
        .await;
    assert_eq!(client(&server).list_keys().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_slow_vendor_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&[], false, None).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let options = HttpOptions {
        total_timeout: Duration::from_millis(200),
        retry: RetryPolicy::never(),
        ..HttpOptions::default()
    };
    let error = client_with(&server, options)
        .list_page(None)
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Timeout);
}

#[tokio::test]
async fn the_new_key_is_tested_on_the_public_api_with_bearer() {
    let server = MockServer::start().await;
    for (secret, status) in [
        ("kk_works", 200),
        ("kk_disabled", 401),
        ("kk_noscope", 403),
        ("kk_frozen", 410),
    ] {
        let answer = match status {
            200 => page(&[], false, None),
            401 => unauthorized(),
            403 => ResponseTemplate::new(403)
                .set_body_json(json!({"error": {"code": "FORBIDDEN", "message": "Forbidden"}})),
            _ => frozen(),
        };
        Mock::given(method("GET"))
            .and(path("/v1/sessions"))
            .and(header("Authorization", format!("Bearer {secret}").as_str()))
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    let api = client(&server);
    let test = |s: &str| Sensitive::new(s.to_owned());
    api.test_key(&test("kk_works")).await.unwrap();
    let disabled = api.test_key(&test("kk_disabled")).await.unwrap_err();
    assert_eq!(
        disabled.kind,
        VendorErrorKind::Unauthorized,
        "a refused key, not signed out"
    );
    let scope = api.test_key(&test("kk_noscope")).await.unwrap_err();
    assert_eq!(scope.kind, VendorErrorKind::Forbidden);
    assert!(scope.message.contains("sessions:read"));
    let frozen = api.test_key(&test("kk_frozen")).await.unwrap_err();
    assert!(frozen.message.contains("scheduled for deletion"));
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.iter().all(|r| r.headers.get("cookie").is_none()),
        "the session is not sent with a key"
    );
}

#[test]
fn capabilities_offer_renaming_disabling_and_no_usage() {
    let api = KayleId::new(
        "http://127.0.0.1:1",
        KayleCredentials { session: None },
        HttpOptions::default(),
    )
    .unwrap();
    let capabilities = api.capabilities();
    assert!(capabilities.can_disable && capabilities.can_rename);
    assert!(!capabilities.can_reset && !capabilities.revoked_keys_listed);
    assert!(
        !capabilities.last_used.at && !capabilities.last_used.request_count,
        "no usage reported"
    );
    assert_eq!(capabilities.scope_choice, ScopeChoice::AtLeastOne);
    assert_eq!(capabilities.scopes.len(), 5);
    assert_eq!(capabilities.max_name_length, Some(120));
    let fields: Vec<DraftField> = capabilities.create_fields.iter().map(|f| f.field).collect();
    assert_eq!(
        fields,
        [DraftField::Name, DraftField::Scopes, DraftField::Metadata]
    );
}

// Sign-in.

fn set_cookie() -> String {
    format!("{COOKIE}; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax; Partitioned")
}

#[tokio::test]
async fn sign_in_sends_the_code_then_trades_it_for_the_cookie() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/sign-in"))
        .and(body_json(
            json!({"email": "u@example.test", "type": "sign-in"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/verify-otp"))
        .and(body_json(
            json!({"email": "u@example.test", "otp": "463994", "type": "sign-in"}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Set-Cookie", set_cookie().as_str())
                .set_body_json(json!({"status": true, "user": {}, "session": {}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let flow = KayleSignIn::new(&server.uri(), fast_retries()).unwrap();
    flow.send_code("u@example.test").await.unwrap();
    let session = flow
        .verify_code("u@example.test", &Sensitive::new("463994".into()))
        .await
        .unwrap();
    assert_eq!(
        session.cookie.expose(),
        COOKIE,
        "name=value only, as sent back"
    );
    let days = (session.expires_at - Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "Max-Age is 7 days: {days}h");
    assert!(
        !format!("{session:?}").contains("tok.sig"),
        "Debug hides the cookie"
    );
}

#[tokio::test]
async fn a_wrong_code_is_rejected_and_the_user_told_to_request_a_new_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/verify-otp"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"message": "Your OTP is invalid or has expired. Please try again."}),
        ))
        .mount(&server)
        .await;
    let flow = KayleSignIn::new(&server.uri(), fast_retries()).unwrap();
    let error = flow
        .verify_code("u@example.test", &Sensitive::new("000000".into()))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::CodeRejected);
    assert!(
        error.message.contains("request a new code"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn organizations_are_those_the_user_owns_or_administers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/get-session"))
        .and(header("Cookie", COOKIE))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user": {}, "session": {}, "activeOrganization": null, "isPlatformAdmin": false,
            "organizations": [
                {"id": A, "name": "Owned", "slug": "owned", "role": "owner"},
                {"id": B, "name": "", "slug": "administered", "role": "admin"},
                {"id": C, "name": "Member only", "slug": "member", "role": "member"}
            ]
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/organization/set-active"))
        .and(body_json(json!({"organizationId": B})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": B})))
        .expect(1)
        .mount(&server)
        .await;
    let flow = KayleSignIn::new(&server.uri(), fast_retries()).unwrap();
    let choices = flow.organizations(&session()).await.unwrap();
    let shown: Vec<(&str, &str)> = choices
        .iter()
        .map(|c| (c.name.as_str(), c.role.as_str()))
        .collect();
    assert_eq!(shown, [("Owned", "owner"), ("administered", "admin")]);
    let chosen = flow.choose_organization(session(), B).await.unwrap();
    assert_eq!(
        chosen.cookie.expose(),
        COOKIE,
        "no new cookie: the old one is kept"
    );
}

#[tokio::test]
async fn no_session_at_get_session_is_signed_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/get-session"))
        .respond_with(ResponseTemplate::new(200).set_body_string("null"))
        .mount(&server)
        .await;
    let flow = KayleSignIn::new(&server.uri(), fast_retries()).unwrap();
    let error = flow.organizations(&session()).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::SignedOut);
}
