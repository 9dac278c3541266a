//! Signing a Kayle ID connection in through the connection service, against a
//! scripted server that answers as the real one does: the session goes to the
//! keychain only, a refused code ends the sign-in, an ended session shows as
//! signed out and nothing else breaks.

mod common;

use std::path::Path;
use std::sync::Arc;

use chrono::Utc;
use keyturn_core::connections::file::ConnectionFileStore;
use keyturn_core::connections::service::{
    keychain_entry, ConnectionDraft, ConnectionError, ConnectionService, SignInStart,
};
use keyturn_core::vendors::credential::Session;
use keyturn_core::workspace::WorkspaceError;
use keyturn_core::{
    Environment, MemoryStore, SecretStore, Sensitive, VendorErrorKind, VendorKind, Workspace,
};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

const EMAIL: &str = "k1-admin@example.test";
const COOKIE: &str = "kayle-id.session_token=secret-tok.sig%3D";
const ORG: &str = "daa2898b-9785-4305-b8e2-7064e10387bb";
const OTHER: &str = "cbdeea44-23d2-4bf0-8915-b70ae064b7e8";
const CODE: &str = "463994";

async fn kayle() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/sign-in"))
        .and(body_json(json!({"email": EMAIL, "type": "sign-in"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": true})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/verify-otp"))
        .and(body_json(
            json!({"email": EMAIL, "otp": CODE, "type": "sign-in"}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "Set-Cookie",
                    format!("{COOKIE}; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax")
                        .as_str(),
                )
                .set_body_json(json!({"status": true, "user": {}, "session": {}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/magic/verify-otp"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"message": "Your OTP is invalid or has expired. Please try again."}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/get-session"))
        .and(header("Cookie", COOKIE))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user": {}, "session": {}, "activeOrganization": null,
            "organizations": [
                {"id": ORG, "name": "Acme", "slug": "acme", "role": "owner"},
                {"id": OTHER, "name": "Elsewhere", "slug": "else", "role": "member"}
            ]
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/organization/set-active"))
        .and(header("Cookie", COOKIE))
        .and(body_json(json!({"organizationId": ORG})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": ORG})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/auth/sign-out"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .mount(&server)
        .await;
    server
}

async fn service(dir: &Path, store: Arc<MemoryStore>) -> (ConnectionService, Arc<Workspace>) {
    let workspace = Arc::new(Workspace::new(Vec::new()));
    let (service, _) = ConnectionService::open(
        ConnectionFileStore::new(dir),
        store,
        workspace.clone(),
        fast_retries(),
    )
    .await
    .unwrap();
    (service, workspace)
}

fn start(server: &MockServer) -> SignInStart {
    SignInStart {
        vendor: VendorKind::Kayle,
        base_url: server.uri(),
        email: format!(" {EMAIL} "),
        connection_id: None,
    }
}

fn draft() -> ConnectionDraft {
    ConnectionDraft {
        name: "Kayle prod".into(),
        vendor: VendorKind::Kayle,
        environment: Environment::Live,
        base_url: String::new(),
        read_only: false,
        client_id: None,
        username: None,
        organization_id: None,
        api_version: None,
        credential: None,
        allow_changes: None,
    }
}

fn code(text: &str) -> Sensitive<String> {
    Sensitive::new(text.into())
}

async fn requests_to(server: &MockServer, route: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == route)
        .count()
}

#[tokio::test]
async fn email_code_organization_saves_a_connection_whose_session_is_only_in_the_keychain() {
    let server = kayle().await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/api-keys"))
        .and(header("Cookie", COOKIE))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [], "error": null, "pagination": {"limit": 10, "has_more": false, "next_cursor": null}
        })))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let (connections, workspace) = service(dir.path(), store.clone()).await;

    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    assert_eq!(started.email, EMAIL);
    let organizations = connections
        .verify_sign_in_code(&started.sign_in_id, &code(&format!(" {CODE} ")))
        .await
        .unwrap();
    let ids: Vec<&str> = organizations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, [ORG], "only where the user is owner or admin");
    let refused = connections
        .finish_sign_in(&started.sign_in_id, OTHER, Some(&draft()))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, ConnectionError::Invalid { .. }),
        "{refused:?}"
    );
    let summary = connections
        .finish_sign_in(&started.sign_in_id, ORG, Some(&draft()))
        .await
        .unwrap();
    assert_eq!(
        summary.account_label.as_deref(),
        Some("k1-admin@example.test · Acme")
    );
    assert!(!summary.signed_out);
    assert!(workspace
        .list_keys(&summary.id)
        .await
        .unwrap()
        .keys
        .is_empty());

    let kept = store.get(&keychain_entry(&summary.id)).unwrap().unwrap();
    let session = Session::from_keychain(&kept).unwrap();
    assert_eq!(session.cookie.expose(), COOKIE);
    let file = std::fs::read_to_string(dir.path().join("connections.json")).unwrap();
    assert!(!file.contains("secret-tok"), "no cookie on disk: {file}");
    assert!(file.contains(ORG) && file.contains(EMAIL));

    // Reopened: still signed in from the keychain alone.
    drop(connections);
    let (_again, workspace) = service(dir.path(), store.clone()).await;
    assert!(!workspace.summary(&summary.id).unwrap().signed_out);
}

#[tokio::test]
async fn a_wrong_code_ends_the_sign_in_and_asks_for_a_new_code() {
    let server = kayle().await;
    let dir = tempfile::tempdir().unwrap();
    let (connections, _) = service(dir.path(), Arc::new(MemoryStore::new())).await;
    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    let error = connections
        .verify_sign_in_code(&started.sign_in_id, &code("000000"))
        .await
        .unwrap_err();
    match &error {
        ConnectionError::Vendor(e) => {
            assert_eq!(e.kind, VendorErrorKind::CodeRejected);
            assert!(e.message.contains("request a new code"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    let after = connections
        .verify_sign_in_code(&started.sign_in_id, &code(CODE))
        .await
        .unwrap_err();
    assert!(after.to_string().contains("start again"), "{after}");
    assert_eq!(requests_to(&server, "/v1/auth/magic/verify-otp").await, 1);
}

#[tokio::test]
async fn malformed_input_and_pasted_credentials_are_refused_without_a_request() {
    let server = kayle().await;
    let dir = tempfile::tempdir().unwrap();
    let (connections, _) = service(dir.path(), Arc::new(MemoryStore::new())).await;
    let mut bad = start(&server);
    bad.email = "not an email".into();
    assert!(connections.start_sign_in(&bad).await.is_err());
    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    for typed in ["12345", "1234567", "12a456", ""] {
        let error = connections
            .verify_sign_in_code(&started.sign_in_id, &code(typed))
            .await
            .unwrap_err();
        assert!(
            matches!(error, ConnectionError::Invalid { ref field, .. } if field.as_deref() == Some("code")),
            "{typed}"
        );
    }
    let mut pasted = draft();
    pasted.base_url = server.uri();
    pasted.credential = Some(code("a-bearer-token"));
    assert!(
        connections.add(&pasted).await.is_err(),
        "Kayle is signed in, not pasted"
    );
    assert!(connections.test(&pasted).await.is_err());
    assert_eq!(requests_to(&server, "/v1/auth/magic/sign-in").await, 1);
    assert_eq!(requests_to(&server, "/v1/auth/magic/verify-otp").await, 0);
    assert_eq!(requests_to(&server, "/v1/auth/api-keys").await, 0);
}

#[tokio::test]
async fn a_revoked_session_shows_signed_out_and_signing_in_again_restores_it() {
    let server = kayle().await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/api-keys"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"error": {"code": "UNAUTHORIZED", "message": "Unauthorized"}}),
            ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/auth/api-keys"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [], "error": null, "pagination": {"limit": 10, "has_more": false, "next_cursor": null}
        })))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let (connections, workspace) = service(dir.path(), store.clone()).await;
    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    connections
        .verify_sign_in_code(&started.sign_in_id, &code(CODE))
        .await
        .unwrap();
    let summary = connections
        .finish_sign_in(&started.sign_in_id, ORG, Some(&draft()))
        .await
        .unwrap();

    let first = workspace.list_keys(&summary.id).await.unwrap_err();
    assert!(
        matches!(first, WorkspaceError::Vendor(ref e) if e.kind == VendorErrorKind::SignedOut),
        "{first:?}"
    );
    assert!(
        workspace.summary(&summary.id).unwrap().signed_out,
        "the sidebar learns it"
    );
    let second = workspace.list_keys(&summary.id).await.unwrap_err();
    assert!(
        matches!(second, WorkspaceError::SignedOut { .. }),
        "{second:?}"
    );
    assert_eq!(
        requests_to(&server, "/v1/auth/api-keys").await,
        1,
        "no call once signed out"
    );

    let again = SignInStart {
        connection_id: Some(summary.id.clone()),
        base_url: "https://ignored.example".into(),
        ..start(&server)
    };
    let started = connections.start_sign_in(&again).await.unwrap();
    connections
        .verify_sign_in_code(&started.sign_in_id, &code(CODE))
        .await
        .unwrap();
    let back = connections
        .finish_sign_in(&started.sign_in_id, ORG, None)
        .await
        .unwrap();
    assert_eq!(back.id, summary.id, "the same connection");
    assert!(!back.signed_out);
    assert!(workspace.list_keys(&summary.id).await.is_ok());

    let out = connections.sign_out(&summary.id).await.unwrap();
    assert!(out.signed_out);
    assert_eq!(requests_to(&server, "/v1/auth/sign-out").await, 1);
    assert!(store.get(&keychain_entry(&summary.id)).unwrap().is_none());
}

#[tokio::test]
async fn a_session_that_ended_at_kayle_shows_signed_out_at_the_first_call() {
    let server = kayle().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let (connections, _) = service(dir.path(), store.clone()).await;
    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    connections
        .verify_sign_in_code(&started.sign_in_id, &code(CODE))
        .await
        .unwrap();
    let summary = connections
        .finish_sign_in(&started.sign_in_id, ORG, Some(&draft()))
        .await
        .unwrap();
    let ended = Session {
        cookie: Sensitive::new(COOKIE.into()),
        expires_at: Utc::now() - chrono::Duration::minutes(1),
    };
    store
        .set(&keychain_entry(&summary.id), &ended.to_keychain())
        .unwrap();
    drop(connections);
    let (_connections, workspace) = service(dir.path(), store).await;
    // The scripted get-session gives no expiry: Kayle no longer knows the session.
    let error = workspace.list_keys(&summary.id).await.unwrap_err();
    assert!(
        matches!(error, WorkspaceError::Vendor(ref e) if e.kind == VendorErrorKind::SignedOut),
        "{error:?}"
    );
    let now = workspace.summary(&summary.id).unwrap();
    assert!(now.signed_out && now.problem.unwrap().contains("sign in again"));
    assert_eq!(requests_to(&server, "/v1/auth/api-keys").await, 0);
}

#[tokio::test]
async fn a_keychain_entry_that_is_not_a_session_opens_as_signed_out() {
    let dir = tempfile::tempdir().unwrap();
    let server = kayle().await;
    let store = Arc::new(MemoryStore::new());
    let (connections, _) = service(dir.path(), store.clone()).await;
    let started = connections.start_sign_in(&start(&server)).await.unwrap();
    connections
        .verify_sign_in_code(&started.sign_in_id, &code(CODE))
        .await
        .unwrap();
    let summary = connections
        .finish_sign_in(&started.sign_in_id, ORG, Some(&draft()))
        .await
        .unwrap();
    // What an older Keyturn kept for Kayle: a bearer token.
    store
        .set(&keychain_entry(&summary.id), &code("an-old-bearer-token"))
        .unwrap();
    drop(connections);
    let (_connections, workspace) = service(dir.path(), store).await;
    let reopened = workspace.summary(&summary.id).unwrap();
    assert!(reopened.signed_out, "{reopened:?}");
    assert!(matches!(
        workspace.list_keys(&summary.id).await,
        Err(WorkspaceError::SignedOut { .. })
    ));
}
