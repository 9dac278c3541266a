//! The Kayle ID client against a scripted server: the `{data, error}` envelope,
//! cursor paging, updates and bad answers.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use keyturn_core::http::{HttpOptions, RetryPolicy};
use keyturn_core::model::{DraftField, MetadataValue, ScopeChoice};
use keyturn_core::vendors::kayle::{KayleCredentials, KayleId};
use keyturn_core::{KeyDraft, KeyStatus, KeyUpdate, LastUsed, Sensitive, Vendor, VendorErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

const KEYS: &str = "/v1/auth/api-keys";

fn client_with(server: &MockServer, options: HttpOptions) -> KayleId {
    let credentials = KayleCredentials {
        token: Sensitive::new("kayle-admin".into()),
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

fn page(ids: &[&str], has_more: bool, next_cursor: Option<&str>) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| item(id)).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data, "error": null,
        "pagination": {"limit": 100, "has_more": has_more, "next_cursor": next_cursor}
    }))
}

fn refusal(status: u16, code: &str, message: &str, hint: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("X-Request-Id", "req_00000000000000kk")
        .set_body_json(json!({"data": null, "error": {
            "code": code, "message": message, "hint": hint,
            "docs": format!("https://docs.kayle.id/errors#{}", code.to_lowercase())
        }}))
}

fn draft(name: &str, permissions: &[&str]) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        scopes: permissions.iter().map(|p| p.to_string()).collect(),
        ..KeyDraft::default()
    }
}

#[tokio::test]
async fn follows_the_cursor_across_pages_in_order() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer kayle-admin"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(page(&["kk_1", "kk_2"], true, Some("kk_2")))
        .expect(1)
        .mount(&server)
        .await;
    // No next_cursor despite has_more: the last id is where the next page starts.
    Mock::given(method("GET"))
        .and(query_param("starting_after", "kk_2"))
        .respond_with(page(&["kk_3", "kk_4"], true, None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("starting_after", "kk_4"))
        .respond_with(page(&["kk_5"], false, None))
        .expect(1)
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["kk_1", "kk_2", "kk_3", "kk_4", "kk_5"]);
    let requests = server.received_requests().await.unwrap();
    let queries: Vec<&str> = requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default())
        .collect();
    assert_eq!(
        queries,
        [
            "limit=100",
            "limit=100&starting_after=kk_2",
            "limit=100&starting_after=kk_4"
        ]
    );
}

#[tokio::test]
async fn listed_keys_map_status_count_permissions_and_metadata() {
    let server = MockServer::start().await;
    let mut disabled = item("kk_off");
    disabled["enabled"] = json!(false);
    disabled["requestCount"] = json!(1234);
    disabled["permissions"] = json!(["webhooks:read", "analytics:read"]);
    disabled["metadata"] = json!({"team": "payroll", "tier": 2, "prod": true});
    Mock::given(method("GET"))
        .respond_with(page(&[], false, None).set_body_json(json!({
            "data": [disabled, item("kk_on")], "error": null,
            "pagination": {"limit": 100, "has_more": false, "next_cursor": null}
        })))
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();

    let off = &keys[0];
    assert_eq!(off.status, KeyStatus::Disabled);
    assert_eq!(off.request_count, Some(1234));
    assert_eq!(
        off.last_used,
        LastUsed::NotReported,
        "Kayle reports no last use"
    );
    assert_eq!(off.scopes, ["webhooks:read", "analytics:read"]);
    assert_eq!(off.name.as_deref(), Some("Key kk_off"));
    assert_eq!(
        off.created_at,
        Some("2026-01-02T03:04:05Z".parse().unwrap())
    );
    assert_eq!(off.masked_prefix, None, "Kayle lists no prefix");
    let expected = BTreeMap::from([
        ("prod".to_owned(), MetadataValue::Flag(true)),
        ("team".to_owned(), MetadataValue::Text("payroll".into())),
        ("tier".to_owned(), MetadataValue::Number(2.0)),
    ]);
    assert_eq!(off.metadata, expected);

    assert_eq!(keys[1].status, KeyStatus::Active);
    assert_eq!(keys[1].request_count, Some(0));
}

#[tokio::test]
async fn create_sends_name_permissions_and_metadata_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(KEYS))
        .and(header("Authorization", "Bearer kayle-admin"))
        .and(body_json(json!({
            "name": "Webhook relay", "permissions": ["webhooks:read", "webhooks:write"],
            "metadata": {"owner": "ops", "priority": 3.0, "prod": false}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": "kk_new", "key": "kayle_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd"},
            "error": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut draft = draft("Webhook relay", &["webhooks:read", "webhooks:write"]);
    draft.metadata = BTreeMap::from([
        ("owner".to_owned(), MetadataValue::Text("ops".into())),
        ("priority".to_owned(), MetadataValue::Number(3.0)),
        ("prod".to_owned(), MetadataValue::Flag(false)),
    ]);
    let created = client(&server).create_key(&draft).await.unwrap();
    assert_eq!(
        created.secret.expose(),
        "kayle_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd"
    );
    assert_eq!(created.key.id, "kk_new");
    assert_eq!(created.key.masked_prefix.as_deref(), Some("kayle_ABCD"));
    assert_eq!(created.key.name.as_deref(), Some("Webhook relay"));
    assert_eq!(created.key.scopes, ["webhooks:read", "webhooks:write"]);
    assert_eq!(created.key.metadata, draft.metadata);
    assert_eq!(created.key.request_count, Some(0));
    assert_eq!(created.key.last_used, LastUsed::NotReported);
}

#[tokio::test]
async fn create_leaves_out_empty_metadata() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(json!({"name": "Bare", "permissions": ["sessions:read"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": "kk_b", "key": "kayle_0000000000000000000000000000000000000000"}, "error": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .create_key(&draft("Bare", &["sessions:read"]))
        .await
        .unwrap();
}

#[tokio::test]
async fn create_needs_a_name_and_a_permission_before_sending() {
    let server = MockServer::start().await;
    let kayle = client(&server);
    for draft in [draft("", &["sessions:read"]), draft("Named", &[])] {
        let error = kayle.create_key(&draft).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_create_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(
            503,
            "SERVICE_UNAVAILABLE",
            "Unavailable.",
            "Retry in a minute.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .create_key(&draft("x", &["sessions:read"]))
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert!(error.is_ambiguous());
}

#[tokio::test]
async fn error_envelopes_join_message_and_hint_and_keep_code_and_request_id() {
    let cases = [
        (
            400,
            "VALIDATION_ERROR",
            "Invalid request body.",
            "name must be 1 to 120 characters.",
            VendorErrorKind::InvalidRequest,
        ),
        (
            401,
            "UNAUTHORIZED",
            "Missing or invalid token.",
            "Send Authorization: Bearer <token>.",
            VendorErrorKind::Unauthorized,
        ),
        (
            403,
            "FORBIDDEN",
            "Not allowed.",
            "Ask an owner for the keys permission.",
            VendorErrorKind::Forbidden,
        ),
        (
            410,
            "ORGANIZATION_SCHEDULED_FOR_DELETION",
            "This organization is scheduled for deletion; its API keys are disabled.",
            "Cancel the deletion in the dashboard to use the API again.",
            VendorErrorKind::Forbidden,
        ),
        (
            400,
            "INVALID_CURSOR",
            "Unknown cursor.",
            "Start the list again.",
            VendorErrorKind::InvalidRequest,
        ),
    ];
    for (status, code, message, hint, kind) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(refusal(status, code, message, hint))
            .expect(1)
            .mount(&server)
            .await;
        let error = client(&server).list_keys().await.unwrap_err();
        assert_eq!(error.kind, kind, "{code}");
        assert_eq!(error.status, Some(status));
        assert_eq!(error.code.as_deref(), Some(code));
        assert_eq!(error.message, format!("{message} — {hint}"));
        assert_eq!(error.request_id.as_deref(), Some("req_00000000000000kk"));
    }
}

#[tokio::test]
async fn an_error_without_a_hint_is_just_the_message() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "data": null, "error": {"code": "NOT_FOUND", "message": "API key not found.", "hint": "", "docs": ""}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).delete_key("kk_gone").await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::NotFound);
    assert_eq!(error.message, "API key not found.");
}

#[tokio::test]
async fn an_error_inside_a_200_envelope_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(
            200,
            "FORBIDDEN",
            "Not allowed.",
            "Use an owner token.",
        ))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Forbidden);
    assert_eq!(error.message, "Not allowed. — Use an owner token.");
}

#[tokio::test]
async fn rate_limits_carry_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            refusal(429, "RATE_LIMITED", "Too many requests.", "Slow down.")
                .insert_header("Retry-After", "60"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(60)));
}

#[tokio::test]
async fn malformed_json_is_an_invalid_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data": [{"id": "kk_1""#))
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
        .respond_with(refusal(
            500,
            "INTERNAL_SERVER_ERROR",
            "An unexpected error occurred",
            "",
        ))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(page(&["kk_1"], false, None))
        .mount(&server)
        .await;
    assert_eq!(client(&server).list_keys().await.unwrap().len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn persistent_server_errors_surface_after_the_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(refusal(
            500,
            "INTERNAL_SERVER_ERROR",
            "An unexpected error occurred",
            "",
        ))
        .expect(3)
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert_eq!(error.code.as_deref(), Some("INTERNAL_SERVER_ERROR"));
    assert_eq!(error.message, "An unexpected error occurred");
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
    let error = client_with(&server, options).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Timeout);
}

#[tokio::test]
async fn disabling_is_a_patch_that_returns_the_key() {
    let server = MockServer::start().await;
    let mut updated = item("kk_1");
    updated["enabled"] = json!(false);
    Mock::given(method("PATCH"))
        .and(path(format!("{KEYS}/kk_1")))
        .and(header("Authorization", "Bearer kayle-admin"))
        .and(body_json(json!({"enabled": false})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": updated, "error": null})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let update = KeyUpdate {
        enabled: Some(false),
        ..KeyUpdate::default()
    };
    let key = client(&server).update_key("kk_1", &update).await.unwrap();
    assert_eq!(key.status, KeyStatus::Disabled);
}

#[tokio::test]
async fn renaming_is_retried_like_any_absolute_update() {
    let server = MockServer::start().await;
    let mut renamed = item("kk_1");
    renamed["name"] = json!("Renamed");
    Mock::given(method("PATCH"))
        .respond_with(refusal(502, "BAD_GATEWAY", "Upstream failed.", ""))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(body_json(json!({"name": "Renamed"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": renamed, "error": null})),
        )
        .mount(&server)
        .await;
    let update = KeyUpdate {
        name: Some("Renamed".into()),
        ..KeyUpdate::default()
    };
    let key = client(&server).update_key("kk_1", &update).await.unwrap();
    assert_eq!(key.name.as_deref(), Some("Renamed"));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_empty_update_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let error = client(&server)
        .update_key("kk_1", &KeyUpdate::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn delete_is_answered_200_and_a_repeat_answered_404_is_done() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/kk_1")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"id": "kk_1", "deleted": true}, "error": null})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/kk_2")))
        .respond_with(refusal(503, "SERVICE_UNAVAILABLE", "Busy.", ""))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{KEYS}/kk_2")))
        .respond_with(refusal(404, "NOT_FOUND", "API key not found.", ""))
        .expect(1)
        .mount(&server)
        .await;
    let kayle = client(&server);
    kayle.delete_key("kk_1").await.unwrap();
    kayle.delete_key("kk_2").await.unwrap();
}

#[tokio::test]
async fn ids_that_would_change_the_path_are_refused() {
    let server = MockServer::start().await;
    let kayle = client(&server);
    assert_eq!(
        kayle.delete_key("kk_1/../x").await.unwrap_err().kind,
        VendorErrorKind::InvalidRequest
    );
    let update = KeyUpdate {
        enabled: Some(true),
        ..KeyUpdate::default()
    };
    assert_eq!(
        kayle
            .update_key("kk_1?x=1", &update)
            .await
            .unwrap_err()
            .kind,
        VendorErrorKind::InvalidRequest
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn capabilities_offer_renaming_disabling_and_a_request_count() {
    let kayle = KayleId::new(
        "https://api.kayle.id",
        KayleCredentials {
            token: Sensitive::new("t".into()),
        },
        HttpOptions::default(),
    )
    .unwrap();
    let caps = kayle.capabilities();
    assert!(caps.can_disable && caps.can_rename);
    assert!(!caps.revoked_keys_listed, "deleted keys disappear");
    assert_eq!(caps.max_name_length, Some(120));
    assert_eq!(caps.scope_choice, ScopeChoice::AtLeastOne);
    assert_eq!(caps.scopes.len(), 5);
    assert!(caps.last_used.request_count && !caps.last_used.at);
    let fields: Vec<(DraftField, bool)> = caps
        .create_fields
        .iter()
        .map(|f| (f.field, f.required))
        .collect();
    assert_eq!(
        fields,
        [
            (DraftField::Name, true),
            (DraftField::Scopes, true),
            (DraftField::Metadata, false)
        ]
    );
}
