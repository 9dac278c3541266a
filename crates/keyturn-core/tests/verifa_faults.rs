//! The Verifa client against a scripted server: wire format, paging and bad answers.

mod common;

use std::time::Duration;

use keyturn_core::http::{HttpOptions, RetryPolicy};
use keyturn_core::keys::model::{DraftField, ScopeChoice};
use keyturn_core::keys::revoke_guard;
use keyturn_core::vendors::verifa::{VerifaCredentials, VerifaOrganization, DEFAULT_API_VERSION};
use keyturn_core::{KeyDraft, KeyStatus, LastUsed, Sensitive, Vendor, VendorErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

const KEYS: &str = "/api/v1/organizations/org_acme/keys";

fn client_for(
    server: &MockServer,
    organization_id: &str,
    options: HttpOptions,
) -> VerifaOrganization {
    client_with(
        server,
        organization_id,
        "adm-jwt-1",
        DEFAULT_API_VERSION,
        options,
    )
}

fn client_with(
    server: &MockServer,
    organization_id: &str,
    token: &str,
    api_version: &str,
    options: HttpOptions,
) -> VerifaOrganization {
    let credentials = VerifaCredentials {
        organization_id: organization_id.into(),
        admin_token: Sensitive::new(token.into()),
        api_version: api_version.into(),
    };
    VerifaOrganization::new(&server.uri(), credentials, options).unwrap()
}

fn client(server: &MockServer) -> VerifaOrganization {
    client_for(server, "org_acme", fast_retries())
}

fn item(id: &str) -> Value {
    json!({
        "id": id, "label": format!("Key {id}"), "environment": "live", "key_prefix": "vk_live_ab12",
        "scopes": ["sessions:read"], "is_active": true, "created_at": "2026-01-02T03:04:05Z",
        "last_used_at": null, "expires_at": null
    })
}

fn page(ids: &[&str], total: u64, offset: u64) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| item(id)).collect();
    ResponseTemplate::new(200).set_body_json(
        json!({"data": data, "pagination": {"total": total, "limit": 100, "offset": offset}}),
    )
}

/// A page as the endpoints without a total answer it.
fn page_without_total(ids: &[String], limit: u64, offset: u64) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| item(id)).collect();
    ResponseTemplate::new(200)
        .set_body_json(json!({"data": data, "pagination": {"limit": limit, "offset": offset}}))
}

/// A JWT whose only claim that matters is `exp`; the signature is never checked.
fn jwt_expiring_at(exp: i64) -> String {
    let payload = format!(r#"{{"sub":"usr_1","role":"admin","exp":{exp}}}"#);
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.c2lnbmF0dXJl",
        base64url(payload.as_bytes())
    )
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

async fn queries(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

fn refusal(status: u16, code: &str, detail: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("X-Request-Id", "req_00000000000000aa")
        .set_body_json(json!({"error": code, "detail": detail, "status_code": status}))
}

#[tokio::test]
async fn sends_the_bearer_token_and_by_default_the_current_version() {
    assert_eq!(
        DEFAULT_API_VERSION, "2026-01-01",
        "the version Verifa's versioning page names as current"
    );
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer adm-jwt-1"))
        .and(header("Verifa-Version", "2026-01-01"))
        .respond_with(page(&["key_1"], 1, 0))
        .expect(1)
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, "key_1");
}

#[tokio::test]
async fn pages_by_offset_until_the_total_is_reached() {
    let server = MockServer::start().await;
    for (offset, ids) in [("0", &["a", "b"][..]), ("2", &["c", "d"]), ("4", &["e"])] {
        Mock::given(method("GET"))
            .and(path(KEYS))
            .and(query_param("offset", offset))
            .respond_with(page(ids, 5, offset.parse().unwrap()))
            .mount(&server)
            .await;
    }
    let verifa = client(&server);
    let keys = verifa.list_keys().await.unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=100&offset=0",
            "limit=100&offset=2",
            "limit=100&offset=4"
        ]
    );

    let first = verifa.list_page(None).await.unwrap();
    assert_eq!(first.next.as_deref(), Some("2"));
    assert_eq!(first.total, Some(5));
    let last = verifa.list_page(Some("4")).await.unwrap();
    assert_eq!(last.next, None);
}

#[tokio::test]
async fn an_empty_page_ends_the_list_even_below_the_total() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&[], 10, 0))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server).list_page(None).await.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.next, None);
}

#[tokio::test]
async fn a_cursor_that_is_not_an_offset_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let error = client(&server).list_page(Some("abc")).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn listed_keys_map_status_last_use_and_details() {
    let server = MockServer::start().await;
    let body = json!({
        "data": [
            {"id": "key_used", "label": "Payroll sync", "environment": "live", "key_prefix": "vk_live_ab12",
             "scopes": ["sessions:read", "keys:write"], "is_active": true, "created_at": "2025-01-02T03:04:05Z",
             "last_used_at": "2026-03-04T05:06:07Z", "expires_at": "2999-01-01T00:00:00Z",
             "allowed_origins": null, "key_type": "secret"},
            {"id": "key_revoked", "label": "Old", "environment": "sandbox", "key_prefix": "vk_sandbox_z",
             "scopes": [], "is_active": false, "created_at": "2025-01-02T03:04:05Z",
             "last_used_at": null, "expires_at": null},
            {"id": "key_expired", "label": "Temp", "environment": "live", "key_prefix": "vk_live_cd34",
             "scopes": [], "is_active": false, "created_at": "2025-01-02T03:04:05Z",
             "last_used_at": null, "expires_at": "2025-02-01T00:00:00Z"},
            {"id": "key_minimal"}
        ],
        "pagination": {"limit": 100, "offset": 0}
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();

    let used = &keys[0];
    assert_eq!(used.name.as_deref(), Some("Payroll sync"));
    assert_eq!(used.environment.as_deref(), Some("live"));
    assert_eq!(used.masked_prefix.as_deref(), Some("vk_live_ab12"));
    assert_eq!(used.scopes, ["sessions:read", "keys:write"]);
    assert_eq!(used.status, KeyStatus::Active);
    assert_eq!(used.request_count, None, "Verifa reports no count");
    assert_eq!(
        used.last_used,
        LastUsed::Used {
            at: "2026-03-04T05:06:07Z".parse().unwrap(),
            ip: None,
            user_agent: None
        }
    );
    assert_eq!(
        used.expires_at,
        Some("2999-01-01T00:00:00Z".parse().unwrap())
    );

    assert_eq!(
        keys[1].status,
        KeyStatus::Revoked,
        "inactive and not expired: revoked, the only other way a Verifa key stops"
    );
    assert_eq!(
        keys[1].revoked_at, None,
        "Verifa's key objects carry no revoked_at"
    );
    assert_eq!(
        keys[1].last_used,
        LastUsed::Never,
        "null is never used, not unreported"
    );
    assert_eq!(
        keys[2].status,
        KeyStatus::Expired,
        "the expiry says why it is inactive"
    );
    assert_eq!(keys[3].status, KeyStatus::Active, "only the id is required");
    assert_eq!(keys[3].masked_prefix, None);
}

#[tokio::test]
async fn create_sends_label_environment_scopes_and_expiry_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer adm-jwt-1"))
        .and(body_json(json!({
            "label": "CI deploy", "environment": "sandbox",
            "scopes": ["keys:read", "sessions:read"], "expires_at": "2030-01-02T03:04:05Z"
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "key_new", "key": "vk_sandbox_0123456789abcdefghijklmnopqrstuv", "label": "CI deploy",
            "environment": "sandbox", "created_at": "2026-05-01T00:00:00Z", "key_prefix": "vk_sandbox_0",
            "scopes": ["keys:read", "sessions:read"], "expires_at": "2030-01-02T03:04:05Z"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let draft = KeyDraft {
        name: Some("  CI deploy ".into()),
        environment: Some("sandbox".into()),
        scopes: vec!["keys:read".into(), "sessions:read".into()],
        expires_at: Some("2030-01-02T03:04:05Z".parse().unwrap()),
        ..KeyDraft::default()
    };
    let created = client(&server).create_key(&draft).await.unwrap();
    assert_eq!(
        created.secret.expose(),
        "vk_sandbox_0123456789abcdefghijklmnopqrstuv"
    );
    assert_eq!(created.key.id, "key_new");
    assert_eq!(created.key.name.as_deref(), Some("CI deploy"));
    assert_eq!(created.key.environment.as_deref(), Some("sandbox"));
    assert_eq!(created.key.masked_prefix.as_deref(), Some("vk_sandbox_0"));
    assert_eq!(created.key.scopes, ["keys:read", "sessions:read"]);
    assert_eq!(
        created.key.created_at,
        Some("2026-05-01T00:00:00Z".parse().unwrap())
    );
    assert_eq!(
        created.key.expires_at,
        Some("2030-01-02T03:04:05Z".parse().unwrap())
    );
    assert_eq!(created.key.last_used, LastUsed::Never);
    assert!(
        !format!("{created:?}").contains("0123456789abcdef"),
        "secret redacted"
    );
}

#[tokio::test]
async fn create_without_scopes_leaves_them_to_verifa() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(
            json!({"label": "Seed-style", "environment": "live"}),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "key_min", "key": "vk_live_abcdefghijklmnopqrstuvwxyz012345",
            "label": "Seed-style", "environment": "live", "created_at": "2026-05-01T00:00:00Z"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let draft = KeyDraft {
        name: Some("Seed-style".into()),
        environment: Some("live".into()),
        ..KeyDraft::default()
    };
    let created = client(&server).create_key(&draft).await.unwrap();
    assert_eq!(
        created.key.masked_prefix.as_deref(),
        Some("vk_live_abcd"),
        "without key_prefix: the 12 characters Verifa itself shows"
    );
    assert_eq!(created.key.scopes.len(), 5, "Verifa's default scopes");
    assert!(created.key.scopes.contains(&"identities:read".to_owned()));
}

#[tokio::test]
async fn create_needs_a_label_and_an_environment_before_sending() {
    let server = MockServer::start().await;
    let verifa = client(&server);
    let no_label = KeyDraft {
        name: Some("   ".into()),
        environment: Some("live".into()),
        ..KeyDraft::default()
    };
    let no_environment = KeyDraft {
        name: Some("Label".into()),
        ..KeyDraft::default()
    };
    for draft in [no_label, no_environment] {
        let error = verifa.create_key(&draft).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidDraft);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_create_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(503, "service_unavailable", "Try again shortly."))
        .expect(1)
        .mount(&server)
        .await;
    let draft = KeyDraft {
        name: Some("x".into()),
        environment: Some("live".into()),
        ..KeyDraft::default()
    };
    let error = client(&server).create_key(&draft).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert!(error.is_ambiguous());
}

#[tokio::test]
async fn error_envelopes_keep_code_detail_and_request_id() {
    let cases = [
        (
            401,
            "unauthorized",
            "Invalid or missing API key.",
            VendorErrorKind::Unauthorized,
        ),
        (
            403,
            "forbidden",
            "API key does not have the required scope: keys:read",
            VendorErrorKind::Forbidden,
        ),
        (
            404,
            "not_found",
            "Organization not found.",
            VendorErrorKind::NotFound,
        ),
        (
            400,
            "validation_error",
            "limit must be 1..100",
            VendorErrorKind::InvalidRequest,
        ),
    ];
    for (status, code, detail, kind) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(refusal(status, code, detail))
            .expect(1)
            .mount(&server)
            .await;
        let error = client(&server).list_keys().await.unwrap_err();
        assert_eq!(error.kind, kind, "{code}");
        assert_eq!(error.status, Some(status));
        assert_eq!(error.code.as_deref(), Some(code));
        assert_eq!(error.message, detail);
        assert_eq!(error.request_id.as_deref(), Some("req_00000000000000aa"));
    }
}

#[tokio::test]
async fn rate_limits_carry_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            refusal(429, "rate_limited", "Too many requests.").insert_header("Retry-After", "30"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn malformed_json_is_an_invalid_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data": [{"id": "#))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert_eq!(error.status, Some(200));
}

#[tokio::test]
async fn server_errors_on_a_list_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(503, "unavailable", "Busy."))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&["key_1"], 1, 0))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_slow_vendor_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&[], 0, 0).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let options = HttpOptions {
        total_timeout: Duration::from_millis(200),
        retry: RetryPolicy::never(),
        ..HttpOptions::default()
    };
    let error = client_for(&server, "org_acme", options)
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Timeout);
}

#[tokio::test]
async fn revoke_is_a_delete_answered_204() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/key_abc")))
        .and(header("Authorization", "Bearer adm-jwt-1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).revoke_key("key_abc").await.unwrap();
}

#[tokio::test]
async fn a_repeated_revoke_answered_already_revoked_is_done() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(502, "bad_gateway", "Upstream failed."))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(409, "already_revoked", "Key already revoked."))
        .mount(&server)
        .await;
    // Verifa's own already-revoked envelope: done, with no list to confirm it.
    revoke_guard::revoke_key(&client(&server), "key_abc")
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_first_revoke_of_an_unknown_key_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(refusal(404, "not_found", "API key not found."))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).revoke_key("key_gone").await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::NotFound);
}

#[tokio::test]
async fn ids_that_would_change_the_path_are_refused() {
    let server = MockServer::start().await;
    let error = client(&server).revoke_key("../other").await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    let error = client_for(&server, "org_a/keys", fast_retries())
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn capabilities_describe_labels_environments_and_scopes() {
    let caps = VerifaOrganization::new(
        "https://api.withverifa.com",
        VerifaCredentials {
            organization_id: "org_x".into(),
            admin_token: Sensitive::new("t".into()),
            api_version: DEFAULT_API_VERSION.into(),
        },
        HttpOptions::default(),
    )
    .unwrap()
    .capabilities();
    assert_eq!(caps.name_label, "Label");
    assert_eq!(caps.max_keys, None);
    assert_eq!(caps.environments, ["live", "sandbox"]);
    assert_eq!(caps.scope_choice, ScopeChoice::Any);
    assert_eq!(caps.scopes.len(), 22);
    assert_eq!(caps.default_scopes.len(), 5);
    assert!(caps.default_scopes.iter().all(|s| caps.scopes.contains(s)));
    assert!(caps.revoked_keys_listed);
    assert!(caps.last_used.at && !caps.last_used.ip && !caps.last_used.request_count);
    let fields: Vec<(DraftField, bool)> = caps
        .create_fields
        .iter()
        .map(|f| (f.field, f.required))
        .collect();
    assert_eq!(
        fields,
        [
            (DraftField::Name, true),
            (DraftField::Environment, true),
            (DraftField::Scopes, false),
            (DraftField::ExpiresAt, false)
        ]
    );
}

#[tokio::test]
async fn a_connection_may_pin_another_version() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("Verifa-Version", "2026-07-01"))
        .respond_with(page(&["key_1"], 1, 0))
        .expect(1)
        .mount(&server)
        .await;
    let verifa = client_with(
        &server,
        "org_acme",
        "adm-jwt-1",
        "2026-07-01",
        fast_retries(),
    );
    assert_eq!(verifa.list_keys().await.unwrap().len(), 1);
}

#[tokio::test]
async fn without_a_total_a_full_page_asks_for_the_next_and_a_short_one_ends() {
    let server = MockServer::start().await;
    let first: Vec<String> = (0..100).map(|n| format!("key_{n}")).collect();
    let second: Vec<String> = (100..130).map(|n| format!("key_{n}")).collect();
    Mock::given(method("GET"))
        .and(query_param("offset", "0"))
        .respond_with(page_without_total(&first, 100, 0))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("offset", "100"))
        .respond_with(page_without_total(&second, 100, 100))
        .expect(1)
        .mount(&server)
        .await;
    let verifa = client(&server);
    let keys = verifa.list_keys().await.unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    let expected: Vec<&str> = first.iter().chain(&second).map(String::as_str).collect();
    assert_eq!(ids, expected);
    let page = verifa.list_page(None).await.unwrap();
    assert_eq!(page.total, None, "no total is invented");
    assert_eq!(page.next.as_deref(), Some("100"));
}

#[tokio::test]
async fn a_list_without_pagination_is_one_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [item("key_1")]})))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server).list_page(None).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!((page.next, page.total), (None, None));
}

#[tokio::test]
async fn a_refused_version_is_explained_with_the_version_to_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("Verifa-Version", "2025-06-01"))
        .respond_with(refusal(
            400,
            "invalid_version",
            "API version 2025-06-01 has been retired.",
        ))
        .mount(&server)
        .await;
    let verifa = client_with(
        &server,
        "org_acme",
        "adm-jwt-1",
        "2025-06-01",
        fast_retries(),
    );
    let error = verifa.list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert_eq!(error.code.as_deref(), Some("invalid_version"));
    assert_eq!(error.request_id.as_deref(), Some("req_00000000000000aa"));
    for part in [
        "Verifa API version 2025-06-01 is not accepted",
        "has been retired",
        "set it to 2026-01-01",
    ] {
        assert!(
            error.message.contains(part),
            "{part:?} in {}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_version_refusal_is_recognised_by_its_words_whatever_the_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(
            400,
            "bad_request",
            "Unsupported Verifa-Version header.",
        ))
        .mount(&server)
        .await;
    let verifa = client_with(
        &server,
        "org_acme",
        "adm-jwt-1",
        "2024-01-01",
        fast_retries(),
    );
    let error = verifa.list_keys().await.unwrap_err();
    assert!(
        error.message.contains("version 2024-01-01 is not accepted"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn other_bad_requests_keep_verifas_words() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(400, "validation_error", "label is required"))
        .mount(&server)
        .await;
    let draft = KeyDraft {
        name: Some("x".into()),
        environment: Some("live".into()),
        ..KeyDraft::default()
    };
    let error = client(&server).create_key(&draft).await.unwrap_err();
    assert_eq!(error.message, "label is required");
}

#[tokio::test]
async fn an_expired_admin_token_is_explained_as_expired() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(401, "unauthorized", "Invalid or missing API key."))
        .mount(&server)
        .await;
    let an_hour_ago = chrono::Utc::now().timestamp() - 3600;
    let token = jwt_expiring_at(an_hour_ago);
    let verifa = client_with(
        &server,
        "org_acme",
        &token,
        DEFAULT_API_VERSION,
        fast_retries(),
    );
    let error = verifa.list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::CredentialExpired);
    assert_eq!(error.status, Some(401));
    assert_eq!(error.code.as_deref(), Some("unauthorized"));
    let expired_at = chrono::DateTime::from_timestamp(an_hour_ago, 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M")
        .to_string();
    for part in [
        "admin token expired at",
        expired_at.as_str(),
        "8 hours",
        "paste it into the connection",
    ] {
        assert!(
            error.message.contains(part),
            "{part:?} in {}",
            error.message
        );
    }
    assert!(!error.message.contains(&token) && !error.to_string().contains(&token));
    assert!(
        !error.message.contains("c2lnbmF0dXJl"),
        "no part of the token"
    );
}

#[tokio::test]
async fn a_refused_token_that_has_not_expired_is_unauthorized() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(401, "unauthorized", "Invalid or missing API key."))
        .mount(&server)
        .await;
    let in_an_hour = chrono::Utc::now().timestamp() + 3600;
    for token in [jwt_expiring_at(in_an_hour), "opaque-token".to_owned()] {
        let verifa = client_with(
            &server,
            "org_acme",
            &token,
            DEFAULT_API_VERSION,
            fast_retries(),
        );
        let error = verifa.list_keys().await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::Unauthorized, "{token}");
        assert_eq!(error.message, "Invalid or missing API key.");
    }
}

#[tokio::test]
async fn verifa_saying_the_token_expired_is_enough() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(401, "unauthorized", "Token has expired."))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::CredentialExpired);
    assert!(
        error.message.contains("fresh admin token"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_bad_row_fails_only_that_row() {
    let server = MockServer::start().await;
    let mut bad_date = item("key_bad_date");
    bad_date["created_at"] = json!("the day before yesterday");
    let body = json!({
        "data": [item("key_ok"), bad_date, {"label": "no id"}, 17],
        "pagination": {"limit": 100, "offset": 0}
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/key_bad_date")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let verifa = client(&server);
    let keys = verifa.list_keys().await.unwrap();
    assert_eq!(keys.len(), 4);
    assert_eq!((keys[0].id.as_str(), &keys[0].problem), ("key_ok", &None));

    assert_eq!(keys[1].id, "key_bad_date");
    assert_eq!(keys[1].name.as_deref(), Some("Key key_bad_date"));
    assert!(keys[1]
        .problem
        .as_deref()
        .unwrap()
        .contains("can still be revoked"));
    verifa.revoke_key("key_bad_date").await.unwrap();

    assert_ne!(keys[2].id, keys[3].id, "each unreadable row is its own");
    for unreadable in &keys[2..] {
        assert!(unreadable
            .problem
            .as_deref()
            .unwrap()
            .contains("Verifa's dashboard"));
        let error = verifa.revoke_key(&unreadable.id).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    }
}
