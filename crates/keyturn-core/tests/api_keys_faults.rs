//! The seed-003 `/v1/api-keys` client against a scripted server: the
//! `{code, data, message, requestId}` envelope, last-use details and bad answers.

mod common;

use std::time::Duration;

use keyturn_core::http::{HttpOptions, RetryPolicy};
use keyturn_core::keys::model::ScopeChoice;
use keyturn_core::keys::revoke_guard;
use keyturn_core::vendors::api_keys::{ApiKeysCredentials, ApiKeysService, PUBLIC_BASE_URL};
use keyturn_core::{KeyDraft, KeyStatus, LastUsed, Sensitive, Vendor, VendorErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

const KEYS: &str = "/v1/api-keys";

fn client_with(server: &MockServer, options: HttpOptions) -> ApiKeysService {
    let credentials = ApiKeysCredentials {
        token: Sensitive::new("tok-003".into()),
    };
    ApiKeysService::new(&server.uri(), credentials, options).unwrap()
}

fn client(server: &MockServer) -> ApiKeysService {
    client_with(server, fast_retries())
}

fn success(data: Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("X-Request-Id", "req_1111111111111111")
        .set_body_json(json!({"code": 200, "data": data, "message": "success", "requestId": "req_1111111111111111"}))
}

fn refusal(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("X-Request-Id", "req_header")
        .set_body_json(
            json!({"code": status, "data": null, "message": message, "requestId": "req_envelope"}),
        )
}

fn record(id: &str) -> Value {
    json!({
        "createdAt": "2026-01-02T03:04:05Z", "createdBy": "sandbox-admin", "description": null,
        "expiresAt": null, "id": id, "keyPrefix": "sk_abc1234", "lastUsedAt": null, "lastUsedIp": null,
        "lastUsedUserAgent": null, "name": format!("Key {id}"), "organizationId": "org_sandbox",
        "revokedAt": null, "scope": "read", "serviceAccountId": null, "userId": "user_sandbox"
    })
}

fn named_draft(name: &str) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        ..KeyDraft::default()
    }
}

#[test]
fn has_no_public_base_url() {
    assert_eq!(PUBLIC_BASE_URL, None);
}

#[tokio::test]
async fn lists_every_key_in_one_request_with_the_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer tok-003"))
        .respond_with(success(json!([
            record("ak_1"),
            record("ak_2"),
            record("ak_3")
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let api = client(&server);
    let page = api.list_page(None).await.unwrap();
    assert_eq!(page.next, None, "this API does not paginate");
    let ids: Vec<&str> = page.items.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["ak_1", "ak_2", "ak_3"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn a_null_list_means_no_keys() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(success(Value::Null))
        .mount(&server)
        .await;
    assert!(client(&server).list_keys().await.unwrap().is_empty());
}

#[tokio::test]
async fn listed_keys_map_who_used_them_from_where_and_their_status() {
    let server = MockServer::start().await;
    let mut used = record("ak_used");
    used["lastUsedAt"] = json!("2026-04-05T06:07:08Z");
    used["lastUsedIp"] = json!("10.0.0.7");
    used["lastUsedUserAgent"] = json!("python-requests/2.32");
    used["scope"] = json!("read-write");
    used["description"] = json!("Nightly export");
    used["expiresAt"] = json!("2999-01-01T00:00:00Z");
    let mut revoked = record("ak_revoked");
    revoked["revokedAt"] = json!("2026-02-01T00:00:00Z");
    let mut expired = record("ak_expired");
    expired["expiresAt"] = json!("2025-01-01T00:00:00Z");
    Mock::given(method("GET"))
        .respond_with(success(json!([used, revoked, expired, record("ak_fresh")])))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();

    assert_eq!(
        keys[0].last_used,
        LastUsed::Used {
            at: "2026-04-05T06:07:08Z".parse().unwrap(),
            ip: Some("10.0.0.7".into()),
            user_agent: Some("python-requests/2.32".into()),
        }
    );
    assert_eq!(keys[0].status, KeyStatus::Active);
    assert_eq!(keys[0].scopes, ["read-write"]);
    assert_eq!(keys[0].description.as_deref(), Some("Nightly export"));
    assert_eq!(keys[0].masked_prefix.as_deref(), Some("sk_abc1234"));
    assert_eq!(keys[0].name.as_deref(), Some("Key ak_used"));
    assert_eq!(
        keys[0].created_at,
        Some("2026-01-02T03:04:05Z".parse().unwrap())
    );
    assert_eq!(keys[0].request_count, None);

    assert_eq!(keys[1].status, KeyStatus::Revoked);
    assert_eq!(
        keys[1].revoked_at,
        Some("2026-02-01T00:00:00Z".parse().unwrap())
    );
    assert_eq!(keys[2].status, KeyStatus::Expired);
    assert_eq!(keys[3].last_used, LastUsed::Never);
}

#[tokio::test]
async fn create_sends_name_description_expiry_and_scope() {
    let server = MockServer::start().await;
    let mut data = record("ak_new");
    data["key"] = json!("sk_0123456789abcdefghijklmnopqrstuvwxyzABCD");
    data["keyPrefix"] = json!("sk_0123456");
    data["scope"] = json!("read-write");
    data["description"] = json!("For CI");
    data["expiresAt"] = json!("2030-01-01T00:00:00Z");
    Mock::given(method("POST"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer tok-003"))
        .and(body_json(json!({
            "name": "CI", "description": "For CI", "expiresAt": "2030-01-01T00:00:00Z", "scope": "read-write"
        })))
        .respond_with(success(data))
        .expect(1)
        .mount(&server)
        .await;
    let draft = KeyDraft {
        name: Some("CI".into()),
        description: Some("For CI".into()),
        scopes: vec!["read-write".into()],
        expires_at: Some("2030-01-01T00:00:00Z".parse().unwrap()),
        ..KeyDraft::default()
    };
    let created = client(&server).create_key(&draft).await.unwrap();
    assert_eq!(
        created.secret.expose(),
        "sk_0123456789abcdefghijklmnopqrstuvwxyzABCD"
    );
    assert_eq!(created.key.id, "ak_new");
    assert_eq!(created.key.masked_prefix.as_deref(), Some("sk_0123456"));
    assert_eq!(created.key.scopes, ["read-write"]);
    assert_eq!(
        created.key.expires_at,
        Some("2030-01-01T00:00:00Z".parse().unwrap())
    );
    assert_eq!(created.key.status, KeyStatus::Active);
    assert_eq!(created.key.last_used, LastUsed::Never);
}

#[tokio::test]
async fn create_leaves_the_scope_to_the_service_and_falls_back_to_the_secret_prefix() {
    let server = MockServer::start().await;
    let mut data = record("ak_min");
    data["key"] = json!("sk_zyxwvutsrqponmlkjihgfedcba9876543210ZYXW");
    data.as_object_mut().unwrap().remove("keyPrefix");
    Mock::given(method("POST"))
        .and(body_json(json!({"name": "Minimal"})))
        .respond_with(success(data))
        .expect(1)
        .mount(&server)
        .await;
    let created = client(&server)
        .create_key(&named_draft("Minimal"))
        .await
        .unwrap();
    assert_eq!(created.key.masked_prefix.as_deref(), Some("sk_zyxwvut"));
    assert_eq!(created.key.scopes, ["read"]);
}

#[tokio::test]
async fn create_refuses_a_missing_name_or_two_scopes_without_sending() {
    let server = MockServer::start().await;
    let api = client(&server);
    let two_scopes = KeyDraft {
        scopes: vec!["read".into(), "read-write".into()],
        ..named_draft("x")
    };
    for draft in [KeyDraft::default(), named_draft(" "), two_scopes] {
        let error = api.create_key(&draft).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidDraft);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_create_answer_without_the_key_is_ambiguous() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(success(record("ak_nokey")))
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&named_draft("x"))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert_eq!(error.request_id.as_deref(), Some("req_1111111111111111"));
    assert!(error.is_ambiguous(), "the key may exist");
}

#[tokio::test]
async fn a_create_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(503, "service unavailable"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&named_draft("x"))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert_eq!(error.message, "service unavailable");
}

#[tokio::test]
async fn error_envelopes_keep_message_and_the_envelope_request_id() {
    let cases = [
        (
            401,
            "unauthorized: missing or invalid bearer token",
            VendorErrorKind::Unauthorized,
        ),
        (
            400,
            "name must be 1..100 characters",
            VendorErrorKind::InvalidRequest,
        ),
        (404, "api key not found", VendorErrorKind::NotFound),
    ];
    for (status, message, kind) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(refusal(status, message))
            .expect(1)
            .mount(&server)
            .await;
        let error = client(&server).list_keys().await.unwrap_err();
        assert_eq!(error.kind, kind);
        assert_eq!(error.status, Some(status));
        assert_eq!(error.message, message);
        assert_eq!(
            error.request_id.as_deref(),
            Some("req_envelope"),
            "envelope first"
        );
        assert_eq!(
            error.code, None,
            "the envelope code is only the HTTP status"
        );
    }
}

#[tokio::test]
async fn without_an_envelope_the_header_request_id_and_retry_after_are_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-Request-Id", "req_header")
                .insert_header("Retry-After", "42")
                .set_body_string("slow down"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(42)));
    assert_eq!(error.request_id.as_deref(), Some("req_header"));
    assert!(error.message.contains("429"), "{}", error.message);
}

#[tokio::test]
async fn an_error_code_inside_a_200_envelope_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"code": 403, "data": null, "message": "forbidden: admin role required", "requestId": "req_x"}),
        ))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Forbidden);
    assert_eq!(error.status, Some(403));
    assert_eq!(error.message, "forbidden: admin role required");
}

#[tokio::test]
async fn malformed_json_is_an_invalid_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"code": 200, "data": [{"#))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
}

#[tokio::test]
async fn server_errors_on_a_list_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(500, "internal error"))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(success(json!([record("ak_1")])))
        .mount(&server)
        .await;
    assert_eq!(client(&server).list_keys().await.unwrap().len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_slow_service_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(success(json!([])).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let options = HttpOptions {
        total_timeout: Duration::from_millis(200),
        retry: RetryPolicy::never(),
        ..HttpOptions::default()
    };
    let error = client_with(&server, options).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Timeout);
}

#[tokio::test]
async fn revoke_is_a_delete_answered_with_the_revoked_key() {
    let server = MockServer::start().await;
    let mut revoked = record("ak_1");
    revoked["revokedAt"] = json!("2026-05-05T00:00:00Z");
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/ak_1")))
        .and(header("Authorization", "Bearer tok-003"))
        .respond_with(success(revoked))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).revoke_key("ak_1").await.unwrap();
}

/// A 409 to a repeat is not the vendor saying "revoked": the list settles it.
#[tokio::test]
async fn a_repeated_revoke_answered_409_is_done_only_when_the_list_agrees() {
    let mut revoked = record("ak_1");
    revoked["revokedAt"] = json!("2026-01-02T03:04:06Z");
    for (listed, done) in [
        (json!([record("ak_2")]), true),
        (json!([revoked]), true),
        (json!([record("ak_1")]), false),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(refusal(503, "busy"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("DELETE"))
            .respond_with(refusal(409, "api key already revoked"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(KEYS))
            .respond_with(success(listed.clone()))
            .expect(1)
            .mount(&server)
            .await;
        let result = revoke_guard::revoke_key(&client(&server), "ak_1").await;
        if done {
            result.unwrap();
        } else {
            let error = result.unwrap_err();
            assert_eq!(error.status, Some(409), "{listed}");
            assert_eq!(error.message, "api key already revoked");
        }
    }
}

#[test]
fn capabilities_offer_one_scope_and_full_last_use() {
    let api = ApiKeysService::new(
        "https://keys.example.com",
        ApiKeysCredentials {
            token: Sensitive::new("t".into()),
        },
        HttpOptions::default(),
    )
    .unwrap();
    let caps = api.capabilities();
    assert_eq!(caps.scope_choice, ScopeChoice::One);
    assert_eq!(caps.scopes, ["read", "read-write"]);
    assert_eq!(caps.default_scopes, ["read"]);
    assert_eq!(caps.max_name_length, Some(100));
    assert!(caps.revoked_keys_listed);
    assert!(caps.last_used.at && caps.last_used.ip && caps.last_used.user_agent);
    assert!(!caps.last_used.request_count);
}

#[tokio::test]
async fn unknown_fields_missing_fields_and_empty_or_zero_times_are_read_leniently() {
    let server = MockServer::start().await;
    let rows = json!([
        {"id": "ak_min"},
        {"id": "ak_extra", "name": "Extra", "owner": {"team": "data"}, "tags": ["x"],
         "lastUsedAt": "", "revokedAt": "0001-01-01T00:00:00Z", "expiresAt": null,
         "createdAt": "2026-01-02T03:04:05Z"},
        {"id": 42, "name": "Numeric id"}
    ]);
    Mock::given(method("GET"))
        .respond_with(success(rows))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["ak_min", "ak_extra", "42"]);
    assert!(keys.iter().all(|k| k.problem.is_none()), "{keys:?}");
    assert_eq!(keys[0].name, None);
    assert_eq!(keys[0].last_used, LastUsed::Never);
    assert_eq!(
        keys[1].status,
        KeyStatus::Active,
        "a zero revokedAt is not a revocation"
    );
    assert_eq!(keys[1].revoked_at, None);
    assert_eq!(
        keys[1].last_used,
        LastUsed::Never,
        "an empty lastUsedAt is never used"
    );
    assert_eq!(
        keys[1].created_at,
        Some("2026-01-02T03:04:05Z".parse().unwrap())
    );
}

#[tokio::test]
async fn a_bad_row_fails_only_that_row_and_says_why() {
    let server = MockServer::start().await;
    let mut bad_time = record("ak_bad_time");
    bad_time["lastUsedAt"] = json!("yesterday");
    let rows = json!([record("ak_ok"), bad_time, {"name": "no id"}, "junk"]);
    Mock::given(method("GET"))
        .respond_with(success(rows))
        .mount(&server)
        .await;
    let api = client(&server);
    let keys = api.list_keys().await.unwrap();
    assert_eq!(keys.len(), 4);
    assert_eq!(keys[0].problem, None);

    assert_eq!(keys[1].id, "ak_bad_time");
    assert_eq!(keys[1].last_used, LastUsed::Never);
    let problem = keys[1].problem.as_deref().unwrap();
    assert!(
        problem.contains("last use") && problem.contains("yesterday"),
        "{problem}"
    );

    for (key, row) in [(&keys[2], "Row 3"), (&keys[3], "Row 4")] {
        let problem = key.problem.as_deref().unwrap();
        assert!(problem.contains(row), "{problem}");
        let error = api.revoke_key(&key.id).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    }
    let deletes = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "DELETE")
        .count();
    assert_eq!(
        deletes, 0,
        "no delete is sent for a row Keyturn could not read"
    );
}
