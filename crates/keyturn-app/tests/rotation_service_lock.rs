//! One action at a time per rotation: a second action or a poll that arrives
//! while the first is still waiting for the vendor starts from the state the
//! first left, never from the one before it.

use std::sync::Arc;
use std::time::Duration;

use keyturn_app::reveal::RevealedSecrets;
use keyturn_app::rotations::RotationService;
use keyturn_core::connections::connection::Environment;
use keyturn_core::http::HttpOptions;
use keyturn_core::rotation::{RotationAction, RotationStep};
use keyturn_core::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use keyturn_core::workspace::Connection;
use keyturn_core::{ConnectionSummary, KeyDraft, Sensitive, VendorKind, Workspace};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEYS: &str = "/api/v8/partner/client-keys/";

fn workspace(server: &MockServer) -> Workspace {
    let credentials = VeryfiCredentials {
        client_id: "client-1".into(),
        username: "alice".into(),
        api_key: Sensitive::new("s3cr3t".into()),
    };
    let vendor = VeryfiPartner::new(&server.uri(), credentials, HttpOptions::default()).unwrap();
    Workspace::new(vec![Connection {
        summary: ConnectionSummary {
            id: "p1".into(),
            name: "Veryfi".into(),
            vendor: VendorKind::Veryfi,
            environment: Environment::Sandbox,
            read_only: false,
            base_url: server.uri(),
            account_label: None,
            account: Default::default(),
            api_version: None,
            builtin: false,
            problem: None,
            signed_out: false,
        },
        vendor: Some(Arc::new(vendor)),
    }])
}

/// Veryfi allows two keys; the account has one. The create answers slowly, so
/// a second create (a double click, a second window of the UI) arrives while
/// the first is in flight.
#[tokio::test]
async fn two_creates_at_once_create_one_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(KEYS))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"id": 1}]"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(KEYS))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_string(r#"{"id": 2, "value": "0123456789abcdef0123456789abcdef"}"#)
                .set_delay(Duration::from_millis(500)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let workspace = workspace(&server);
    let reveals = RevealedSecrets::default();
    let data = tempfile::tempdir().unwrap();
    let rotations = RotationService::new(data.path());
    let id = rotations
        .start(&workspace, &reveals, "p1")
        .await
        .unwrap()
        .rotation
        .id;
    let choose = RotationAction::Choose {
        key_id: "1".into(),
        override_in_use: false,
    };
    rotations
        .act(&workspace, &reveals, &id, Some(choose))
        .await
        .unwrap();

    let create = || {
        Some(RotationAction::Create {
            draft: KeyDraft::default(),
        })
    };
    let (a, b, poll) = tokio::join!(
        rotations.act(&workspace, &reveals, &id, create()),
        rotations.act(&workspace, &reveals, &id, create()),
        rotations.act(&workspace, &reveals, &id, None),
    );
    let made: Vec<_> = [&a, &b]
        .into_iter()
        .filter_map(|r| r.as_ref().ok()?.revealed.as_ref())
        .collect();
    assert_eq!(
        made.len(),
        1,
        "one create made a key ({}, {})",
        a.is_ok(),
        b.is_ok()
    );
    assert!(a.is_err() || b.is_err(), "the other was refused");
    let _ = poll;
    // What the service keeps is the state after the create, not a stale one.
    let after = rotations
        .act(&workspace, &reveals, &id, None)
        .await
        .unwrap()
        .rotation;
    assert_eq!(after.state, RotationStep::Created);
    assert_eq!(after.new_key.as_ref().map(|k| k.id.as_str()), Some("2"));
}
