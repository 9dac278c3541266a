//! The application layer as the shell drives it: `App` on the real embedded
//! sandbox over loopback HTTP, with an in-memory keychain and clipboard.

use std::sync::{Arc, Mutex};

use keyturn_app::clipboard_guard::Clipboard;
use keyturn_app::{App, CommandError};
use keyturn_core::keys::model::DraftField;
use keyturn_core::storage::settings::Settings;
use keyturn_core::{KeyDraft, MemoryStore, VendorErrorKind};

/// What is on the (pretend) clipboard; shared with the test.
#[derive(Clone, Default)]
struct FakeClipboard(Arc<Mutex<Option<String>>>);

impl FakeClipboard {
    fn holds(&self) -> Option<String> {
        self.0.lock().unwrap().clone()
    }
}

impl Clipboard for FakeClipboard {
    fn set_secret(&mut self, secret: &str) -> Result<(), String> {
        *self.0.lock().unwrap() = Some(secret.to_owned());
        Ok(())
    }
    fn text(&mut self) -> Result<Option<String>, String> {
        Ok(self.0.lock().unwrap().clone())
    }
    fn clear(&mut self) -> Result<(), String> {
        *self.0.lock().unwrap() = None;
        Ok(())
    }
}

struct Fixture {
    _dirs: tempfile::TempDir,
    clipboard: FakeClipboard,
    app: App<FakeClipboard>,
}

fn fixture() -> Fixture {
    let dirs = tempfile::tempdir().unwrap();
    let clipboard = FakeClipboard::default();
    let app = App::new(
        Arc::new(MemoryStore::new()),
        dirs.path().join("data"),
        dirs.path().join("config"),
        clipboard.clone(),
    );
    Fixture {
        _dirs: dirs,
        clipboard,
        app,
    }
}

fn named(name: &str) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        ..KeyDraft::default()
    }
}

const CONNECTION: &str = "sandbox-api-keys";

#[tokio::test]
async fn a_created_key_is_listed_and_its_secret_is_held_for_the_reveal() {
    let f = fixture();
    let revealed = f
        .app
        .create_key(CONNECTION.into(), named("facade"))
        .await
        .unwrap();
    assert!(!revealed.secret.is_empty());
    assert!(revealed.reveal_id.starts_with("r_"));
    let listed = f
        .app
        .list_keys(CONNECTION.into(), keyturn_core::KeyQuery::default(), 1000)
        .await
        .unwrap();
    assert!(listed.keys.iter().any(|k| k.id == revealed.key.id));
    let audit = f.app.list_audit(Default::default(), 0, 10).await.unwrap();
    assert!(
        audit
            .entries
            .iter()
            .any(|e| e.key_id.as_deref() == Some(revealed.key.id.as_str())),
        "the create is in the audit log"
    );
}

#[tokio::test]
async fn the_copy_goes_through_the_guard_and_is_wiped_on_quit() {
    let f = fixture();
    let revealed = f
        .app
        .create_key(CONNECTION.into(), named("copied"))
        .await
        .unwrap();
    let receipt = f.app.copy_secret(revealed.reveal_id.clone()).await.unwrap();
    assert_eq!(
        receipt.clears_after_seconds,
        Settings::default().clipboard_clear_seconds
    );
    assert_eq!(f.clipboard.holds(), Some(revealed.secret.clone()));
    f.app.wipe_secrets();
    assert_eq!(f.clipboard.holds(), None, "quitting clears the secret");
    assert_eq!(
        f.app.copy_secret(revealed.reveal_id.clone()).await,
        Err(CommandError::SecretGone),
        "quitting forgets the held secret too"
    );
}

#[tokio::test]
async fn a_forgotten_secret_cannot_be_copied_or_tested_again() {
    let f = fixture();
    let revealed = f
        .app
        .create_key(CONNECTION.into(), named("forgotten"))
        .await
        .unwrap();
    assert!(f.app.forget_secret(revealed.reveal_id.clone()));
    assert!(
        !f.app.forget_secret(revealed.reveal_id.clone()),
        "held only once"
    );
    assert_eq!(
        f.app.copy_secret(revealed.reveal_id.clone()).await,
        Err(CommandError::SecretGone)
    );
    assert_eq!(f.clipboard.holds(), None);
    assert_eq!(
        f.app
            .test_new_key(CONNECTION.into(), revealed.reveal_id.clone())
            .await,
        Err(CommandError::SecretGone)
    );
}

#[tokio::test]
async fn the_clipboard_is_left_alone_when_the_user_copied_something_else() {
    let f = fixture();
    let revealed = f
        .app
        .create_key(CONNECTION.into(), named("replaced"))
        .await
        .unwrap();
    f.app.copy_secret(revealed.reveal_id.clone()).await.unwrap();
    f.clipboard
        .clone()
        .set_secret("the user's own text")
        .unwrap();
    f.app.wipe_secrets();
    assert_eq!(f.clipboard.holds().as_deref(), Some("the user's own text"));
}

#[tokio::test]
async fn settings_out_of_range_are_refused_with_the_field_named() {
    let f = fixture();
    let refused = f.app.set_settings(Settings {
        clipboard_clear_seconds: Some(1),
        ..Settings::default()
    });
    match refused {
        Err(CommandError::InvalidInput { field, message }) => {
            assert_eq!(field.as_deref(), Some("clipboardClearSeconds"));
            assert!(message.contains("seconds"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        f.app.get_settings(),
        Settings::default(),
        "nothing was saved"
    );
}

#[tokio::test]
async fn a_draft_the_vendor_refuses_names_its_field_across_ipc() {
    let f = fixture();
    let draft = KeyDraft {
        scopes: vec!["read".into(), "read-write".into()],
        ..named("two scopes")
    };
    match f
        .app
        .create_key(CONNECTION.into(), draft)
        .await
        .unwrap_err()
    {
        CommandError::Vendor { reason, field, .. } => {
            assert_eq!(reason, VendorErrorKind::InvalidDraft);
            assert_eq!(field, Some(DraftField::Scopes));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_connection_is_its_own_kind() {
    let f = fixture();
    assert_eq!(
        f.app
            .create_key("nowhere".into(), named("x"))
            .await
            .unwrap_err(),
        CommandError::ConnectionNotFound {
            connection_id: "nowhere".into()
        }
    );
}

#[tokio::test]
async fn the_connections_list_holds_the_built_in_sandbox() {
    let f = fixture();
    let view = f.app.list_connections().await.unwrap();
    assert_eq!(
        view.connections.len(),
        keyturn_core::vendors::catalog::vendors().len()
    );
    assert!(view.connections.iter().all(|p| p.builtin));
}
