//! A draft that breaks a vendor's rules is refused by the one create path before
//! any request: not even the list that precedes a create reaches the server.

mod common;

use std::sync::Arc;

use chrono::Utc;
use keyturn_core::connections::file::Account;
use keyturn_core::keys::create_guard;
use keyturn_core::keys::model::{DraftField, MetadataValue};
use keyturn_core::vendors::api_keys::account::ApiKeysAccount;
use keyturn_core::vendors::credential::Session;
use keyturn_core::vendors::kayle::{KayleCredentials, KayleId};
use keyturn_core::vendors::verifa::account::VerifaAccount;
use keyturn_core::{KeyDraft, Sensitive, Vendor, VendorErrorKind};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::fast_retries;

/// A server that answers every request with a 500, so a request sent shows up.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    server
}

fn token_vendor(server: &MockServer, account: Account) -> Arc<dyn Vendor> {
    account
        .connect(
            &server.uri(),
            Sensitive::new("admin-token-0123456789".into()),
            fast_retries(),
        )
        .unwrap()
}

fn kayle(server: &MockServer) -> Arc<dyn Vendor> {
    let credentials = KayleCredentials {
        session: Some(Session {
            cookie: Sensitive::new("kayle-id.session_token=tok.sig%3D".into()),
            expires_at: Utc::now() + chrono::Duration::days(7),
        }),
    };
    Arc::new(KayleId::new(&server.uri(), credentials, fast_retries()).unwrap())
}

fn draft(name: &str, scopes: &[&str]) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        ..KeyDraft::default()
    }
}

/// Each bad draft is refused as `InvalidDraft` naming `field`, with nothing
/// sent; then a good draft does reach the server, so the silence was the check's.
async fn assert_refused(
    server: &MockServer,
    vendor: &dyn Vendor,
    bad: Vec<(KeyDraft, DraftField)>,
    good: KeyDraft,
) {
    for (draft, field) in bad {
        let failure = create_guard::create_key(vendor, &draft).await.unwrap_err();
        let error = &failure.error;
        assert_eq!(error.kind, VendorErrorKind::InvalidDraft, "{draft:?}");
        assert_eq!(error.field, Some(field), "{draft:?}");
        assert_eq!(error.status, None);
        assert!(!error.message.is_empty());
        assert!(failure.orphan_candidates.is_empty() && !failure.orphan_check_failed);
        assert_eq!(vendor.check_draft(&draft), Err(error.clone()));
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused draft sent a request"
    );
    vendor.check_draft(&good).unwrap();
    create_guard::create_key(vendor, &good).await.unwrap_err();
    assert!(!server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn kayle_refuses_names_permissions_and_metadata_it_would_reject() {
    let server = server().await;
    let mut bad_key = draft("x", &["sessions:read"]);
    bad_key
        .metadata
        .insert("bad key!".into(), MetadataValue::Flag(true));
    let mut long_value = draft("x", &["sessions:read"]);
    long_value
        .metadata
        .insert("t".into(), MetadataValue::Text("x".repeat(513)));
    let mut many = draft("x", &["sessions:read"]);
    for i in 0..21 {
        many.metadata
            .insert(format!("k{i}"), MetadataValue::Flag(true));
    }
    let bad = vec![
        (draft("   ", &["sessions:read"]), DraftField::Name),
        (
            draft(&"n".repeat(121), &["sessions:read"]),
            DraftField::Name,
        ),
        (draft("x", &[]), DraftField::Scopes),
        (draft("x", &["keys:write"]), DraftField::Scopes),
        (bad_key, DraftField::Metadata),
        (long_value, DraftField::Metadata),
        (many, DraftField::Metadata),
    ];
    let vendor = kayle(&server);
    assert_refused(
        &server,
        vendor.as_ref(),
        bad,
        draft("ok", &["sessions:read"]),
    )
    .await;
}

#[tokio::test]
async fn verifa_refuses_a_draft_without_label_or_environment() {
    let server = server().await;
    let account = Account::Verifa(VerifaAccount {
        organization_id: "org_abc123".into(),
        api_version: None,
    });
    let with_environment = |name: &str| KeyDraft {
        environment: Some("live".into()),
        ..draft(name, &[])
    };
    let bad = vec![
        (with_environment("  "), DraftField::Name),
        (
            KeyDraft {
                name: None,
                ..with_environment("")
            },
            DraftField::Name,
        ),
        (draft("Label", &[]), DraftField::Environment),
    ];
    let vendor = token_vendor(&server, account);
    assert_refused(&server, vendor.as_ref(), bad, with_environment("Label")).await;
}

#[tokio::test]
async fn api_keys_refuses_a_draft_without_name_or_with_two_scopes() {
    let server = server().await;
    let bad = vec![
        (KeyDraft::default(), DraftField::Name),
        (draft(" ", &["read"]), DraftField::Name),
        (draft("ci", &["read", "read-write"]), DraftField::Scopes),
    ];
    let vendor = token_vendor(&server, Account::ApiKeys(ApiKeysAccount {}));
    assert_refused(&server, vendor.as_ref(), bad, draft("ci", &["read"])).await;
}
