//! The audit log as the shell drives it: `App` on the real embedded sandbox,
//! every kind of action recorded end to end with who did it, filtered, paged
//! past the first 200 and exported, and never a secret in it.

mod common;

use common::NoClipboard;

use std::path::Path;
use std::sync::Arc;

use keyturn_app::App;
use keyturn_core::connections::connection::{Environment, VendorKind};
use keyturn_core::connections::service::{ConnectionDraft, SignInStart};
use keyturn_core::rotation::RotationAction;
use keyturn_core::storage::audit::{os_user, AuditAction, AuditEntry, AuditFilter};
use keyturn_core::storage::export::ExportFormat;
use keyturn_core::{KeyDraft, MemoryStore, SecretStore, Sensitive};

const BUILTIN: &str = "sandbox-api-keys";

fn app(dir: &Path, store: Arc<MemoryStore>) -> App<NoClipboard> {
    App::new(store, dir.join("data"), dir.join("config"), NoClipboard)
}

/// A connection of the user's own to the embedded sandbox's API-keys vendor.
async fn draft(app: &App<NoClipboard>, store: &MemoryStore, name: &str) -> ConnectionDraft {
    let base_url = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.id == BUILTIN)
        .unwrap()
        .base_url;
    ConnectionDraft {
        name: name.into(),
        vendor: VendorKind::ApiKeys,
        environment: Environment::Sandbox,
        base_url,
        read_only: false,
        client_id: None,
        username: None,
        organization_id: None,
        api_version: None,
        credential: Some(store.get("sandbox/admin-token").unwrap().unwrap()),
        allow_changes: None,
    }
}

async fn everything(app: &App<NoClipboard>) -> Vec<AuditEntry> {
    app.list_audit(AuditFilter::default(), 0, 1000)
        .await
        .unwrap()
        .entries
}

fn only(actions: &[AuditAction]) -> AuditFilter {
    AuditFilter {
        actions: Some(actions.to_vec()),
        ..AuditFilter::default()
    }
}

#[tokio::test]
async fn every_action_is_recorded_with_who_did_it_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());

    let added = app
        .add_connection(draft(&app, &store, "Audited").await)
        .await
        .unwrap();
    let twice = app
        .add_connection(draft(&app, &store, "audited").await)
        .await;
    assert!(twice.is_err(), "the name is taken");
    let mut renamed = draft(&app, &store, "Audited 2").await;
    renamed.credential = None;
    app.update_connection(added.id.clone(), renamed)
        .await
        .unwrap();

    let created = app
        .create_key(
            BUILTIN.into(),
            KeyDraft {
                name: Some("audit me".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap();
    app.copy_secret(created.reveal_id.clone()).await.unwrap();
    app.revoke_key(BUILTIN.into(), created.key.id.clone())
        .await
        .unwrap();
    let unnamed = app.create_key(BUILTIN.into(), KeyDraft::default()).await;
    assert!(unnamed.is_err(), "the sandbox wants a name");

    let keys = app.keys_export(&added.id, ExportFormat::Csv).await.unwrap();
    app.save_export(&dir.path().join("keys.csv"), &keys)
        .unwrap();
    let report = app.inventory_export(ExportFormat::Json).await.unwrap();
    app.save_export(&dir.path().join("report.json"), &report)
        .unwrap();

    let rotation = app.start_rotation(BUILTIN.into()).await.unwrap().rotation;
    app.rotation_action(rotation.id.clone(), RotationAction::Cancel)
        .await
        .unwrap();
    app.remove_connection(added.id.clone()).await.unwrap();

    let mut entries = everything(&app).await;
    entries.reverse();
    let actions: Vec<(AuditAction, bool)> = entries
        .iter()
        .map(|e| (e.action, e.outcome == "ok"))
        .collect();
    use AuditAction::*;
    assert_eq!(
        actions,
        [
            (ConnectionAdded, true),
            (ConnectionAdded, false),
            (ConnectionEdited, true),
            (Create, true),
            (KeyCopied, true),
            (Revoke, true),
            (Create, false),
            (Export, true),
            (Export, true),
            (RotationStarted, true),
            (RotationCancelled, true),
            (ConnectionRemoved, true),
        ]
    );
    assert!(entries
        .iter()
        .all(|e| e.user == os_user() && !e.user.is_empty()));

    let [add, refused, edit, create, copy, _, _, keys_export, report_export, started, cancelled, removed] =
        &entries[..]
    else {
        unreachable!()
    };
    assert_eq!(add.connection_id.as_deref(), Some(added.id.as_str()));
    assert_eq!(refused.connection_id, None, "it never had an id");
    assert_eq!(refused.connection_name.as_deref(), Some("audited"));
    assert_eq!(refused.outcome, "refused: invalid name");
    assert_eq!(edit.detail.as_deref(), Some("renamed from Audited"));
    assert_eq!(copy.key_id, create.key_id);
    assert_eq!(copy.connection_id.as_deref(), Some(BUILTIN));
    assert_eq!(
        keys_export.connection_id.as_deref(),
        Some(added.id.as_str())
    );
    assert!(
        keys_export
            .detail
            .as_deref()
            .unwrap()
            .starts_with("keys csv, "),
        "{keys_export:?}"
    );
    assert_eq!(report_export.connection_id, None);
    assert!(report_export
        .detail
        .as_deref()
        .unwrap()
        .starts_with("inventory json, "));
    assert!(started.detail.as_deref().unwrap().contains(&rotation.id));
    assert!(cancelled
        .detail
        .as_deref()
        .unwrap()
        .ends_with(": cancel \u{2192} cancelled"));
    assert_eq!(removed.connection_name.as_deref(), Some("Audited 2"));

    let raw = std::fs::read_to_string(dir.path().join("data/audit.jsonl")).unwrap();
    assert!(
        !raw.contains(created.secret.as_str()),
        "a key's secret in the log"
    );
    let token = store.get("sandbox/admin-token").unwrap().unwrap();
    assert!(
        !raw.contains(token.expose().as_str()),
        "a credential in the log"
    );
}

#[tokio::test]
async fn the_filtered_view_pages_past_200_and_exports_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    let created = app
        .create_key(
            BUILTIN.into(),
            KeyDraft {
                name: Some("copied often".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap();
    for _ in 0..230 {
        app.copy_secret(created.reveal_id.clone()).await.unwrap();
    }

    let copies = only(&[AuditAction::KeyCopied]);
    let first = app.list_audit(copies.clone(), 0, 200).await.unwrap();
    assert_eq!((first.entries.len(), first.matching), (200, 230));
    let rest = app.list_audit(copies.clone(), 200, 200).await.unwrap();
    assert_eq!((rest.entries.len(), rest.matching), (30, 230));
    assert!(first.entries[0].at >= rest.entries[0].at, "newest first");
    assert_eq!(
        first
            .connections
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        [BUILTIN]
    );

    let creates = app
        .list_audit(only(&[AuditAction::Create]), 0, 200)
        .await
        .unwrap();
    assert_eq!(creates.matching, 1);
    let elsewhere = AuditFilter {
        connection_id: Some("sandbox-veryfi".into()),
        ..AuditFilter::default()
    };
    assert_eq!(app.list_audit(elsewhere, 0, 200).await.unwrap().matching, 0);
    let tomorrow = AuditFilter {
        from: Some(chrono::Utc::now() + chrono::Duration::days(1)),
        ..AuditFilter::default()
    };
    assert_eq!(app.list_audit(tomorrow, 0, 200).await.unwrap().matching, 0);

    let csv = app.audit_export(copies.clone()).await.unwrap();
    let lines: Vec<&str> = csv.contents.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 230,
        "the header and every match, not one page"
    );
    assert!(lines[1..].iter().all(|l| l.contains(",keyCopied,")));
    assert!(lines[1].contains(&format!(",{},", os_user())));
    assert!(!csv.contents.contains(created.secret.as_str()));
    app.save_export(&dir.path().join("audit.csv"), &csv)
        .unwrap();
    let exports = app
        .list_audit(only(&[AuditAction::Export]), 0, 10)
        .await
        .unwrap();
    assert_eq!(
        exports.entries[0].detail.as_deref(),
        Some("audit log csv, 230 entries")
    );
}

#[tokio::test]
async fn a_failed_save_is_recorded_as_a_failed_export() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Arc::new(MemoryStore::new()));
    let file = app.keys_export(BUILTIN, ExportFormat::Csv).await.unwrap();
    let nowhere = dir.path().join("data");
    assert!(nowhere.is_dir(), "a folder, where no file can be written");
    assert!(app.save_export(&nowhere, &file).is_err());
    let entry = &app
        .list_audit(only(&[AuditAction::Export]), 0, 10)
        .await
        .unwrap()
        .entries[0];
    assert!(entry.outcome.starts_with("failed: storage ("), "{entry:?}");
    assert_eq!(entry.connection_id.as_deref(), Some(BUILTIN));
}

#[tokio::test]
async fn a_refused_sign_in_code_is_a_failed_sign_in_without_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    let kayle = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.vendor == VendorKind::Kayle)
        .expect("the sandbox has a Kayle ID connection");

    let started = app
        .start_sign_in(SignInStart {
            vendor: VendorKind::Kayle,
            base_url: kayle.base_url.clone(),
            email: "audit@example.test".into(),
            connection_id: None,
        })
        .await
        .unwrap();
    let refused = app
        .verify_sign_in_code(started.sign_in_id, Sensitive::new("000000".to_owned()))
        .await;
    assert!(refused.is_err(), "a made-up code is refused");

    let entries = app
        .list_audit(only(&[AuditAction::SignedIn]), 0, 10)
        .await
        .unwrap()
        .entries;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].connection_id, None, "a new connection");
    assert_eq!(entries[0].detail.as_deref(), Some("the emailed code"));
    assert!(
        entries[0].outcome.starts_with("failed"),
        "{}",
        entries[0].outcome
    );
    let log = std::fs::read_to_string(dir.path().join("data/audit.jsonl")).unwrap();
    assert!(!log.contains("000000"), "the code is not kept");
}
