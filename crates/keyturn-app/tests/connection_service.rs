//! Saved connections: credentials only in the (in-memory) keychain, the rest in the
//! connection file, validated like a careful admin would expect.

use std::path::PathBuf;
use std::sync::Arc;

use keyturn_app::Keyturn;
use keyturn_core::connections::service::{keychain_entry, ConnectionDraft, ConnectionError};
use keyturn_core::workspace::WorkspaceError;
use keyturn_core::{
    Environment, KeyDraft, KeyUpdate, MemoryStore, SecretStore, Sensitive, VendorErrorKind,
    VendorKind,
};

const EXTERNAL_TOKEN: &str = "external-sandbox-token-123";

/// The user's own sandbox, started by hand: its address outlives Keyturn restarts.
async fn external_sandbox() -> keyturn_sandbox::Sandbox {
    let options = keyturn_sandbox::SandboxOptions {
        admin_token: EXTERNAL_TOKEN.into(),
        seed_keys: 3,
        ..Default::default()
    };
    keyturn_sandbox::start(([127, 0, 0, 1], 0).into(), options)
        .await
        .unwrap()
}

struct Fixture {
    external: Arc<keyturn_sandbox::Sandbox>,
    _dirs: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
    store: Arc<MemoryStore>,
    keyturn: Keyturn,
}

impl Fixture {
    async fn new() -> Self {
        let dirs = tempfile::tempdir().unwrap();
        let (data, config) = (dirs.path().join("data"), dirs.path().join("config"));
        let store = Arc::new(MemoryStore::new());
        let keyturn = Keyturn::open(store.clone(), &data, &config).await.unwrap();
        let external = Arc::new(external_sandbox().await);
        Self {
            external,
            _dirs: dirs,
            data,
            config,
            store,
            keyturn,
        }
    }

    async fn reopen(self) -> Self {
        let Fixture {
            external,
            _dirs,
            data,
            config,
            store,
            keyturn,
        } = self;
        keyturn.shutdown().await;
        let keyturn = Keyturn::open(store.clone(), &data, &config).await.unwrap();
        Self {
            external,
            _dirs,
            data,
            config,
            store,
            keyturn,
        }
    }

    fn sandbox_url(&self) -> String {
        self.external.base_url()
    }

    fn token(&self) -> String {
        EXTERNAL_TOKEN.to_owned()
    }

    fn api_keys_draft(&self, name: &str) -> ConnectionDraft {
        ConnectionDraft {
            name: name.into(),
            vendor: VendorKind::ApiKeys,
            environment: Environment::Sandbox,
            base_url: self.sandbox_url(),
            read_only: false,
            client_id: None,
            username: None,
            organization_id: None,
            api_version: None,
            credential: Some(Sensitive::new(self.token())),
            allow_changes: None,
        }
    }

    fn connection_file(&self) -> String {
        std::fs::read_to_string(self.config.join("connections.json")).unwrap()
    }
}

fn field_of(error: ConnectionError) -> Option<String> {
    match error {
        ConnectionError::Invalid { field, .. } => field,
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_added_connection_keeps_its_credential_only_in_the_keychain_and_survives_a_restart() {
    let fx = Fixture::new().await;
    let draft = fx.api_keys_draft("Payroll API");
    let check = fx.keyturn.connections.test(&draft).await.unwrap();
    assert!(check.keys_seen > 0);

    let added = fx.keyturn.connections.add(&draft).await.unwrap();
    assert!(!added.builtin && added.problem.is_none());
    let stored = fx.store.get(&keychain_entry(&added.id)).unwrap().unwrap();
    assert_eq!(stored.expose(), &fx.token());
    let file = fx.connection_file();
    assert!(file.contains("Payroll API"));
    assert!(
        !file.contains(&fx.token()),
        "no credential in the connection file"
    );

    let fx = fx.reopen().await;
    let reopened = fx.keyturn.workspace.summary(&added.id).unwrap();
    assert_eq!(reopened.name, "Payroll API");
    assert!(reopened.problem.is_none());
    let keys = fx.keyturn.workspace.list_keys(&added.id).await.unwrap();
    assert!(
        !keys.keys.is_empty(),
        "the credential was read back from the keychain"
    );
}

#[tokio::test]
async fn names_must_be_unique_ignoring_case_including_built_in_connections() {
    let fx = Fixture::new().await;
    fx.keyturn
        .connections
        .add(&fx.api_keys_draft("Payroll"))
        .await
        .unwrap();
    let again = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("  payroll "))
        .await
        .unwrap_err();
    assert_eq!(field_of(again).as_deref(), Some("name"));
    let builtin = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("sandbox — kayle id"))
        .await
        .unwrap_err();
    assert_eq!(field_of(builtin).as_deref(), Some("name"));
}

#[tokio::test]
async fn bad_input_names_the_field_and_saves_nothing() {
    let fx = Fixture::new().await;
    let mut plain_http = fx.api_keys_draft("Remote");
    plain_http.base_url = "http://keys.example.com".into();
    assert_eq!(
        field_of(fx.keyturn.connections.add(&plain_http).await.unwrap_err()).as_deref(),
        Some("baseUrl")
    );

    let mut verifa = fx.api_keys_draft("Verifa");
    verifa.vendor = VendorKind::Verifa;
    verifa.organization_id = Some("acme".into());
    assert_eq!(
        field_of(fx.keyturn.connections.add(&verifa).await.unwrap_err()).as_deref(),
        Some("organizationId")
    );

    let mut veryfi = fx.api_keys_draft("Veryfi");
    veryfi.vendor = VendorKind::Veryfi;
    veryfi.client_id = Some("sandbox".into());
    assert_eq!(
        field_of(fx.keyturn.connections.add(&veryfi).await.unwrap_err()).as_deref(),
        Some("username")
    );

    let mut no_secret = fx.api_keys_draft("Nothing");
    no_secret.credential = None;
    assert_eq!(
        field_of(fx.keyturn.connections.add(&no_secret).await.unwrap_err()).as_deref(),
        Some("credential")
    );

    assert!(
        !fx.config.join("connections.json").exists(),
        "nothing was written"
    );
    assert_eq!(fx.keyturn.workspace.connections().len(), 4);
}

#[tokio::test]
async fn testing_with_a_wrong_credential_says_unauthorized() {
    let fx = Fixture::new().await;
    let mut draft = fx.api_keys_draft("Wrong");
    draft.credential = Some(Sensitive::new("not-the-token".into()));
    match fx.keyturn.connections.test(&draft).await.unwrap_err() {
        ConnectionError::Vendor(e) => assert_eq!(e.kind, VendorErrorKind::Unauthorized),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn editing_without_a_secret_keeps_the_stored_one() {
    let fx = Fixture::new().await;
    let added = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("Before"))
        .await
        .unwrap();
    let mut edit = fx.api_keys_draft("After");
    edit.credential = None;
    let updated = fx
        .keyturn
        .connections
        .update(&added.id, &edit)
        .await
        .unwrap();
    assert_eq!(updated.name, "After");
    assert!(fx.keyturn.workspace.list_keys(&added.id).await.is_ok());

    edit.credential = Some(Sensitive::new("replaced-token".into()));
    fx.keyturn
        .connections
        .update(&added.id, &edit)
        .await
        .unwrap();
    assert_eq!(
        fx.store
            .get(&keychain_entry(&added.id))
            .unwrap()
            .unwrap()
            .expose(),
        "replaced-token"
    );
}

#[tokio::test]
async fn removing_deletes_the_keychain_entry_and_the_file_entry() {
    let fx = Fixture::new().await;
    let keep = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("Keep"))
        .await
        .unwrap();
    let gone = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("Gone"))
        .await
        .unwrap();
    let removed = fx.keyturn.connections.remove(&gone.id).await.unwrap();
    assert_eq!(removed.name, "Gone");
    assert!(removed.keychain_entry_removed);
    assert!(fx.store.get(&keychain_entry(&gone.id)).unwrap().is_none());
    assert!(fx.store.get(&keychain_entry(&keep.id)).unwrap().is_some());
    assert!(!fx.connection_file().contains("Gone"));
    let fx = fx.reopen().await;
    assert!(fx.keyturn.workspace.summary(&gone.id).is_err());
}

#[tokio::test]
async fn a_credential_missing_from_the_keychain_is_explained() {
    let fx = Fixture::new().await;
    let added = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("Lost"))
        .await
        .unwrap();
    fx.store.delete(&keychain_entry(&added.id)).unwrap();
    let fx = fx.reopen().await;
    let summary = fx.keyturn.workspace.summary(&added.id).unwrap();
    assert!(summary
        .problem
        .unwrap()
        .contains("missing from the keychain"));
    assert!(matches!(
        fx.keyturn.workspace.list_keys(&added.id).await,
        Err(WorkspaceError::Unusable { .. })
    ));
}

#[tokio::test]
async fn read_only_connections_refuse_every_change() {
    let fx = Fixture::new().await;
    let mut draft = fx.api_keys_draft("Support view");
    draft.read_only = true;
    let id = fx.keyturn.connections.add(&draft).await.unwrap().id;
    let ws = &fx.keyturn.workspace;
    let keys = ws.list_keys(&id).await.unwrap().keys;
    let key_id = keys[0].id.clone();
    let refused = |e: WorkspaceError| matches!(e, WorkspaceError::ReadOnly(ref p) if *p == id);
    assert!(refused(
        ws.create_key(&id, &KeyDraft::default()).await.unwrap_err()
    ));
    assert!(refused(ws.revoke_key(&id, &key_id).await.unwrap_err()));
    assert!(refused(
        ws.update_key(&id, &key_id, &KeyUpdate::default())
            .await
            .unwrap_err()
    ));
    assert!(refused(ws.reset_keys(&id).await.unwrap_err()));
    assert_eq!(
        ws.list_keys(&id).await.unwrap().keys,
        keys,
        "nothing changed"
    );
}

#[tokio::test]
async fn the_last_selected_connection_is_remembered() {
    let fx = Fixture::new().await;
    fx.keyturn
        .connections
        .select("sandbox-kayle")
        .await
        .unwrap();
    let fx = fx.reopen().await;
    assert_eq!(
        fx.keyturn.connections.last_connection_id().await.as_deref(),
        Some("sandbox-kayle")
    );
    assert!(matches!(
        fx.keyturn.connections.select("nope").await,
        Err(ConnectionError::NotFound(_))
    ));
}

#[tokio::test]
async fn every_key_action_is_audited_without_secrets() {
    let fx = Fixture::new().await;
    let ws = &fx.keyturn.workspace;
    let created = ws
        .create_key("sandbox-veryfi", &KeyDraft::default())
        .await
        .unwrap();
    let third = ws.create_key("sandbox-veryfi", &KeyDraft::default()).await;
    assert!(third.is_err(), "two keys at most");
    ws.revoke_key("sandbox-veryfi", &created.key.id)
        .await
        .unwrap();

    let entries = ws.audit_log().unwrap().recent(10).unwrap().entries;
    let summary: Vec<(String, Option<String>, String)> = entries
        .iter()
        .map(|e| {
            (
                format!("{:?}", e.action),
                e.key_id.clone(),
                e.outcome.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Revoke".to_owned(),
                Some(created.key.id.clone()),
                "ok".to_owned()
            ),
            (
                "Create".to_owned(),
                None,
                "failed: KeyLimitReached (MALFORMED_PARAMETERS)".to_owned()
            ),
            (
                "Create".to_owned(),
                Some(created.key.id.clone()),
                "ok".to_owned()
            ),
        ]
    );
    let raw = std::fs::read_to_string(fx.data.join("audit.jsonl")).unwrap();
    assert!(
        !raw.contains(created.secret.expose().as_str()),
        "no secret in the audit log"
    );
}

#[tokio::test]
async fn a_verifa_connection_pins_its_api_version_and_a_refused_one_is_explained() {
    let fx = Fixture::new().await;
    let mut verifa = fx.api_keys_draft("Verifa");
    verifa.vendor = VendorKind::Verifa;
    verifa.organization_id = Some("org_acme".into());

    verifa.api_version = Some("2026-1-1".into());
    assert_eq!(
        field_of(fx.keyturn.connections.add(&verifa).await.unwrap_err()).as_deref(),
        Some("apiVersion")
    );

    verifa.api_version = Some("2025-06-01".into());
    let refused = fx.keyturn.connections.test(&verifa).await.unwrap_err();
    let ConnectionError::Vendor(refused) = refused else {
        panic!("expected the sandbox's refusal, got {refused:?}");
    };
    assert_eq!(refused.status, Some(400));
    assert!(
        refused
            .message
            .contains("Verifa API version 2025-06-01 is not accepted")
            && refused.message.contains("set it to 2026-01-01"),
        "{}",
        refused.message
    );
    let pinned = fx.keyturn.connections.add(&verifa).await.unwrap();
    assert_eq!(pinned.api_version.as_deref(), Some("2025-06-01"));
    assert!(fx
        .connection_file()
        .contains("\"apiVersion\": \"2025-06-01\""));

    for default in [None, Some(""), Some(" 2026-01-01 ")] {
        verifa.api_version = default.map(str::to_owned);
        let check = fx.keyturn.connections.test(&verifa).await.unwrap();
        assert!(!check.more_pages, "{default:?} is answered");
        let summary = fx
            .keyturn
            .connections
            .update(&pinned.id, &verifa)
            .await
            .unwrap();
        assert_eq!(summary.api_version, None, "{default:?} is the default");
    }
    assert!(!fx.connection_file().contains("apiVersion"));
}

#[tokio::test]
async fn a_saved_credential_never_follows_an_edit_to_another_host() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let fx = Fixture::new().await;
    let added = fx
        .keyturn
        .connections
        .add(&fx.api_keys_draft("Moves"))
        .await
        .unwrap();
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data":[]}"#))
        .mount(&elsewhere)
        .await;

    let mut moved = fx.api_keys_draft("Moves");
    moved.base_url = elsewhere.uri();
    moved.credential = None;
    let refused = fx.keyturn.connections.update(&added.id, &moved).await;
    match refused {
        Err(ConnectionError::Invalid { field, message }) => {
            assert_eq!(field.as_deref(), Some("credential"));
            assert!(message.contains("again"), "{message}");
            assert!(message.contains(&fx.sandbox_url()), "{message}");
        }
        other => panic!("an edit to another host without the credential is refused: {other:?}"),
    }
    let _ = fx.keyturn.workspace.list_keys(&added.id).await;
    let seen = elsewhere.received_requests().await.unwrap();
    assert!(
        seen.iter()
            .all(|r| !format!("{:?}", r.headers).contains(EXTERNAL_TOKEN)),
        "the saved token never reached the other host"
    );
    assert_eq!(
        fx.keyturn
            .workspace
            .summary(&added.id)
            .unwrap()
            .base_url
            .trim_end_matches('/'),
        fx.sandbox_url().trim_end_matches('/'),
        "nothing was saved"
    );

    moved.credential = Some(Sensitive::new("token-for-the-new-host".into()));
    fx.keyturn
        .connections
        .update(&added.id, &moved)
        .await
        .unwrap();
    let _ = fx.keyturn.workspace.list_keys(&added.id).await;
    let seen = elsewhere.received_requests().await.unwrap();
    assert!(
        !seen.is_empty(),
        "the new host is called with its own token"
    );
    assert!(seen
        .iter()
        .all(|r| !format!("{:?}", r.headers).contains(EXTERNAL_TOKEN)));
}

#[tokio::test]
async fn turning_read_only_off_needs_an_explicit_yes() {
    let fx = Fixture::new().await;
    let mut draft = fx.api_keys_draft("Support view");
    draft.read_only = true;
    let id = fx.keyturn.connections.add(&draft).await.unwrap().id;

    let mut writable = fx.api_keys_draft("Support view");
    writable.credential = None;
    match fx.keyturn.connections.update(&id, &writable).await {
        Err(ConnectionError::Invalid { field, message }) => {
            assert_eq!(field.as_deref(), Some("readOnly"));
            assert!(message.contains("confirm"), "{message}");
        }
        other => panic!("read-only is not turned off silently: {other:?}"),
    }
    assert!(
        fx.keyturn.workspace.summary(&id).unwrap().read_only,
        "still read-only"
    );
    assert!(matches!(
        fx.keyturn
            .workspace
            .create_key(&id, &KeyDraft::default())
            .await,
        Err(WorkspaceError::ReadOnly(_))
    ));

    writable.allow_changes = Some(true);
    let summary = fx.keyturn.connections.update(&id, &writable).await.unwrap();
    assert!(!summary.read_only, "turned off once confirmed");
}
