//! The Veryfi client against a scripted server: what it does with bad answers.

mod common;

use std::time::Duration;

use keyturn_core::http::HttpOptions;
use keyturn_core::keys::revoke_guard;
use keyturn_core::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use keyturn_core::{KeyDraft, Sensitive, Vendor, VendorErrorKind};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEYS: &str = "/api/v8/partner/client-keys/";

fn client(server: &MockServer, options: HttpOptions) -> VeryfiPartner {
    let credentials = VeryfiCredentials {
        client_id: "client-1".into(),
        username: "alice".into(),
        api_key: Sensitive::new("s3cr3t".into()),
    };
    VeryfiPartner::new(&server.uri(), credentials, options).unwrap()
}

#[tokio::test]
async fn sends_veryfi_auth_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .and(header("CLIENT-ID", "client-1"))
        .and(header("AUTHORIZATION", "apikey alice:s3cr3t"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 7}]"#))
        .expect(1)
        .mount(&server)
        .await;
    let keys = client(&server, HttpOptions::default())
        .list_keys()
        .await
        .unwrap();
    assert_eq!(keys[0].id, "7");
    assert_eq!(keys[0].masked_prefix, None);
}

#[tokio::test]
async fn accepts_a_wrapped_list() {
    let server = MockServer::start().await;
    let body =
        r#"{"client_keys": [{"id": 1, "prefix": "abcdef", "created": "2026-01-02T03:04:05Z"}]}"#;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    let keys = client(&server, HttpOptions::default())
        .list_keys()
        .await
        .unwrap();
    assert_eq!(
        keys[0].masked_prefix.as_deref(),
        Some("abcd"),
        "never more than 4 characters"
    );
    assert_eq!(
        keys[0].created_at.unwrap().to_rfc3339(),
        "2026-01-02T03:04:05+00:00"
    );
}

#[tokio::test]
async fn malformed_json_is_an_invalid_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1,"#))
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert_eq!(error.status, Some(200));
}

#[tokio::test]
async fn server_errors_keep_code_message_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("X-Request-Id", "req_abc")
                .set_body_string(
                    r#"{"status":"fail","code":"SERVICE_UNAVAILABLE","message":"Try later."}"#,
                ),
        )
        .expect(1) // a create is never retried blindly
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .create_key(&KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert_eq!(error.status, Some(503));
    assert_eq!(error.code.as_deref(), Some("SERVICE_UNAVAILABLE"));
    assert_eq!(error.message, "Try later.");
    assert_eq!(error.request_id.as_deref(), Some("req_abc"));
}

#[tokio::test]
async fn rate_limits_carry_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "17")
                .set_body_string(r#"{"status":"fail","code":"YOU_HAVE_BEEN_RATE_LIMITED","message":"You have been rate limited"}"#),
        )
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(17)));
}

#[tokio::test]
async fn an_error_without_a_body_still_explains_itself() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .revoke_key("3")
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert!(error.message.contains("500"), "{}", error.message);
}

#[tokio::test]
async fn a_slow_vendor_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string("[]")
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let options = HttpOptions {
        total_timeout: Duration::from_millis(300),
        ..HttpOptions::default()
    };
    let error = client(&server, options).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Timeout);
}

#[tokio::test]
async fn oversized_answers_are_refused() {
    let server = MockServer::start().await;
    let huge = format!("[{}]", vec![r#"{"id":1}"#; 20_000].join(","));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(huge))
        .mount(&server)
        .await;
    let options = HttpOptions {
        max_response_bytes: 64 * 1024,
        ..HttpOptions::default()
    };
    let error = client(&server, options).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert!(error.message.contains("larger than"), "{}", error.message);
}

fn quick_retries() -> HttpOptions {
    HttpOptions {
        retry: keyturn_core::http::RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(2),
        },
        ..HttpOptions::default()
    }
}

#[tokio::test]
async fn reads_are_retried_after_server_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 4}]"#))
        .mount(&server)
        .await;
    let keys = client(&server, quick_retries()).list_keys().await.unwrap();
    assert_eq!(keys[0].id, "4");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn reads_give_up_after_the_last_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let error = client(&server, quick_retries())
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::Server);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_long_retry_after_is_reported_not_waited_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let error = client(&server, quick_retries())
        .list_keys()
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(120)));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_delete_whose_first_answer_was_lost_counts_as_done() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_string(r#"{"status":"fail","code":"NOT_FOUND","message":"Not found."}"#),
        )
        .mount(&server)
        .await;
    // Veryfi's own NOT_FOUND envelope: done, with no list to confirm it.
    revoke_guard::revoke_key(&client(&server, quick_retries()), "9")
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_delete_of_an_unknown_key_on_the_first_try_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(404).set_body_string(r#"{"status":"fail","code":"NOT_FOUND"}"#),
        )
        .mount(&server)
        .await;
    let error = client(&server, quick_retries())
        .revoke_key("9")
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::NotFound);
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_reports_the_orphan() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}]"#))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"[{"id": 1}, {"id": 2, "prefix": "ab12"}]"#),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": 2, "value""#))
        .expect(1)
        .mount(&server)
        .await;
    let veryfi = client(&server, quick_retries());
    let failure = keyturn_core::keys::create_guard::create_key(&veryfi, &KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(failure.error.kind, VendorErrorKind::InvalidResponse);
    let orphans: Vec<&str> = failure
        .orphan_candidates
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(orphans, ["2"]);
    assert!(!failure.orphan_check_failed);
}

#[tokio::test]
async fn a_create_refused_outright_reports_no_orphan() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}, {"id": 2}]"#))
        .expect(2) // the guard's list before, and the adapter's to read the refusal
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"status":"fail","code":"MALFORMED_PARAMETERS","message":"Two keys at most."}"#,
        ))
        .mount(&server)
        .await;
    let veryfi = client(&server, quick_retries());
    let failure = keyturn_core::keys::create_guard::create_key(&veryfi, &KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(failure.error.kind, VendorErrorKind::KeyLimitReached);
    assert!(failure.orphan_candidates.is_empty());
}

#[tokio::test]
async fn every_path_ends_in_a_slash_as_veryfis_sdks_send_them() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}, {"id": 9}]"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(KEYS))
        .and(body_string("{}"))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"id": 9, "value": "v9"}"#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v8/partner/client-keys/9/"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v8/partner/client-keys/reset/"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_string(r#"{"api_keys": [{"id": 10, "value": "v10"}]}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    let veryfi = client(&server, HttpOptions::default());
    assert_eq!(veryfi.list_keys().await.unwrap().len(), 2);
    assert_eq!(
        veryfi
            .create_key(&KeyDraft::default())
            .await
            .unwrap()
            .key
            .id,
        "9"
    );
    veryfi.revoke_key("9").await.unwrap();
    assert_eq!(veryfi.reset_keys().await.unwrap()[0].key.id, "10");
    veryfi
        .test_key(&Sensitive::new("v10".into()))
        .await
        .unwrap();
    let unslashed = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| !r.url.path().ends_with('/'))
        .count();
    assert_eq!(unslashed, 0);
}

fn refusal(status: u16, code: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(serde_json::json!({"status": "fail", "code": code, "message": message}))
}

#[tokio::test]
async fn the_documented_codes_say_what_to_do() {
    let cases = [
        (
            400,
            "MALFORMED_PARAMETERS",
            VendorErrorKind::InvalidRequest,
            "refresh the key list",
        ),
        (
            403,
            "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED",
            VendorErrorKind::Unauthorized,
            "check its client id, username and API key",
        ),
        (
            404,
            "NOT_FOUND",
            VendorErrorKind::NotFound,
            "refresh the key list",
        ),
        (
            413,
            "REQUEST_BODY_TOO_LARGE",
            VendorErrorKind::InvalidRequest,
            "report it",
        ),
        (
            429,
            "YOU_HAVE_BEEN_RATE_LIMITED",
            VendorErrorKind::RateLimited,
            "wait a minute",
        ),
    ];
    for (status, code, kind, what_to_do) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(refusal(status, code, "Veryfi's own words."))
            .mount(&server)
            .await;
        let error = client(&server, common::no_retries())
            .list_keys()
            .await
            .unwrap_err();
        assert_eq!(error.kind, kind, "{code}");
        assert_eq!(error.status, Some(status), "{code}");
        assert_eq!(error.code.as_deref(), Some(code), "kept for support");
        assert!(
            error.message.contains(what_to_do),
            "{code}: {}",
            error.message
        );
        assert!(
            error.message.contains("Veryfi's own words."),
            "{code}: {}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_plain_400_to_a_create_with_two_keys_listed_is_the_limit() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(
            400,
            "MALFORMED_PARAMETERS",
            "You can have at most 2 keys.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}, {"id": 2}]"#))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .create_key(&KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::KeyLimitReached);
    assert_eq!(error.code.as_deref(), Some("MALFORMED_PARAMETERS"));
    assert!(
        error.message.contains("this one has 2"),
        "{}",
        error.message
    );
    assert!(!error.is_ambiguous(), "nothing was created");
}

#[tokio::test]
async fn a_400_to_a_create_below_the_limit_stays_a_bad_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(400, "MALFORMED_PARAMETERS", "Bad body."))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}]"#))
        .mount(&server)
        .await;
    let error = client(&server, HttpOptions::default())
        .create_key(&KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert!(error.message.contains("Bad body."), "{}", error.message);
}

#[tokio::test]
async fn a_400_to_a_create_when_the_list_fails_too_keeps_the_refusal() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(refusal(400, "MALFORMED_PARAMETERS", "No."))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let error = client(&server, common::no_retries())
        .create_key(&KeyDraft::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert_eq!(error.status, Some(400));
}

#[tokio::test]
async fn a_plain_400_to_deleting_the_only_listed_key_is_the_last_key_refusal() {
    for (listed, kind) in [
        (r#"[{"id": 7}]"#, VendorErrorKind::LastKeyProtected),
        (r#"[{"id": 7}, {"id": 8}]"#, VendorErrorKind::InvalidRequest),
        (r#"[{"id": 8}]"#, VendorErrorKind::InvalidRequest),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .and(path("/api/v8/partner/client-keys/7/"))
            .respond_with(refusal(400, "MALFORMED_PARAMETERS", "Cannot delete."))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string(listed))
            .mount(&server)
            .await;
        let error = client(&server, HttpOptions::default())
            .revoke_key("7")
            .await
            .unwrap_err();
        assert_eq!(error.kind, kind, "{listed}");
        assert_eq!(error.code.as_deref(), Some("MALFORMED_PARAMETERS"));
        if kind == VendorErrorKind::LastKeyProtected {
            assert!(
                error.message.contains("create the replacement first"),
                "{}",
                error.message
            );
        }
    }
}

/// A 404 page from a proxy in front of Veryfi is not Veryfi saying "no such
/// key": only a list without the key makes the delete done.
#[tokio::test]
async fn a_proxys_html_404_is_a_delete_only_when_the_list_agrees() {
    for (listed, done) in [
        (r#"[{"id": 9}, {"id": 10}]"#, false),
        (r#"[{"id": 10}]"#, true),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(
                ResponseTemplate::new(404)
                    .insert_header("content-type", "text/html")
                    .set_body_string("<html><body><h1>404 Not Found</h1>nginx</body></html>"),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(KEYS))
            .respond_with(ResponseTemplate::new(200).set_body_string(listed))
            .mount(&server)
            .await;
        let result = revoke_guard::revoke_key(&client(&server, quick_retries()), "9").await;
        assert_eq!(result.is_ok(), done, "{listed}: {result:?}");
    }
}

/// A 409 to a repeated delete, or a 404 page to it, is not proof either.
#[tokio::test]
async fn a_repeat_answered_409_or_an_html_404_is_not_a_delete_while_the_key_is_listed() {
    for repeat in [
        ResponseTemplate::new(409).set_body_string(r#"{"status":"fail","message":"Busy."}"#),
        ResponseTemplate::new(404).set_body_string("<html>Not Found</html>"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("DELETE"))
            .respond_with(repeat)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(KEYS))
            .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 9}]"#))
            .expect(1)
            .mount(&server)
            .await;
        revoke_guard::revoke_key(&client(&server, quick_retries()), "9")
            .await
            .unwrap_err();
    }
}
