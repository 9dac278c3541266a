//! The HTTP layer's redirect policy, seen through the Veryfi client: a few
//! same-origin redirects are followed with the credentials, anything that leaves
//! the configured origin is refused before a credential is sent there.

use keyturn_core::http::{HttpOptions, MAX_REDIRECTS};
use keyturn_core::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use keyturn_core::{KeyDraft, Sensitive, Vendor, VendorErrorKind};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEYS: &str = "/api/v8/partner/client-keys/";
const SECRET: &str = "s3cr3t-api-key";

fn client(server: &MockServer) -> VeryfiPartner {
    let credentials = VeryfiCredentials {
        client_id: "client-1".into(),
        username: "alice".into(),
        api_key: Sensitive::new(SECRET.into()),
    };
    VeryfiPartner::new(&server.uri(), credentials, HttpOptions::default()).unwrap()
}

fn redirect(status: u16, location: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("Location", location)
}

/// A second server standing for any other origin; it must never be called.
async fn elsewhere() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(0)
        .mount(&other)
        .await;
    other
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_the_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .respond_with(redirect(301, "/api/v8/partner/client-keys/moved/"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v8/partner/client-keys/moved/"))
        .and(header("CLIENT-ID", "client-1"))
        .and(header(
            "AUTHORIZATION",
            format!("apikey alice:{SECRET}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 3}]"#))
        .expect(1)
        .mount(&server)
        .await;
    let keys = client(&server).list_keys().await.unwrap();
    assert_eq!(keys[0].id, "3");
}

#[tokio::test]
async fn a_write_redirected_with_301_or_308_is_sent_again_as_it_was() {
    for status in [301, 307, 308] {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .and(path("/api/v8/partner/client-keys/4/"))
            .respond_with(redirect(status, "/v9/keys/4/"))
            .mount(&server)
            .await;
        Mock::given(method("DELETE"))
            .and(path("/v9/keys/4/"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        client(&server).revoke_key("4").await.unwrap();
    }
}

#[tokio::test]
async fn a_cross_origin_redirect_is_refused_and_nothing_is_sent_there() {
    for status in [301, 302, 303, 307, 308] {
        let server = MockServer::start().await;
        let other = elsewhere().await;
        Mock::given(any())
            .respond_with(redirect(status, &format!("{}{KEYS}", other.uri())))
            .mount(&server)
            .await;
        let veryfi = client(&server);
        let listed = veryfi.list_keys().await.unwrap_err();
        let created = veryfi.create_key(&KeyDraft::default()).await.unwrap_err();
        for error in [listed, created] {
            assert_eq!(error.kind, VendorErrorKind::InvalidResponse, "{status}");
            assert_eq!(error.status, Some(status));
            assert!(
                error.message.contains(&other.uri()) && error.message.contains("another address"),
                "{}",
                error.message
            );
            assert!(!error.message.contains(SECRET) && !error.to_string().contains(SECRET));
        }
        assert!(
            other.received_requests().await.unwrap().is_empty(),
            "{status}"
        );
    }
}

#[tokio::test]
async fn a_redirect_to_another_port_or_scheme_of_the_same_host_is_another_origin() {
    let server = MockServer::start().await;
    let other = elsewhere().await;
    let other_port = other.address().port();
    for location in [
        format!("http://127.0.0.1:{other_port}{KEYS}"),
        format!("https://127.0.0.1:{}{KEYS}", server.address().port()),
    ] {
        server.reset().await;
        Mock::given(any())
            .respond_with(redirect(301, &location))
            .mount(&server)
            .await;
        let error = client(&server).list_keys().await.unwrap_err();
        assert!(
            error.message.contains("another address"),
            "{location}: {}",
            error.message
        );
    }
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_redirect_loop_stops_after_a_few() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(redirect(301, KEYS))
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert!(
        error.message.contains("redirected more than"),
        "{}",
        error.message
    );
    let requests = server.received_requests().await.unwrap().len();
    assert_eq!(
        requests,
        MAX_REDIRECTS + 1,
        "the first request and each followed one"
    );
}

#[tokio::test]
async fn a_create_answered_see_other_is_not_repeated_and_may_have_happened() {
    for status in [302, 303] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(redirect(status, "/api/v8/partner/client-keys/5/"))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 5}]"#))
            .expect(0)
            .mount(&server)
            .await;
        let error = client(&server)
            .create_key(&KeyDraft::default())
            .await
            .unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
        assert!(
            error.is_ambiguous(),
            "{status}: the create may have been carried out"
        );
        assert!(error.message.contains("refresh"), "{}", error.message);
    }
}

#[tokio::test]
async fn a_redirect_without_a_location_is_the_answer() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(301))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server).list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
    assert_eq!(error.status, Some(301));
}
