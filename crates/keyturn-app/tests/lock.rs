//! The lock through `App`, on the real embedded sandbox: locking forgets the
//! secrets held for a reveal; unlocking and confirming follow what the
//! operating system answers (an authenticator that answers as told); a
//! revoke on a live connection asks for a fresh confirmation, on a sandbox not.

mod common;

use common::NoClipboard;

use std::sync::{Arc, Mutex};

use keyturn_app::lock::authenticator::{AuthFailure, Authenticator};
use keyturn_app::{App, CommandError};
use keyturn_core::connections::connection::{Environment, VendorKind};
use keyturn_core::connections::service::ConnectionDraft;
use keyturn_core::{KeyDraft, MemoryStore, SecretStore, Sensitive};

/// Answers the next asks as set; remembers whether a password was given.
#[derive(Default)]
struct Answers {
    next: Mutex<Vec<Result<(), AuthFailure>>>,
    passwords: Mutex<Vec<String>>,
}

impl Answers {
    fn next(&self) -> Result<(), AuthFailure> {
        self.next.lock().unwrap().remove(0)
    }
}

impl Authenticator for Answers {
    fn confirm_with_agent(&self) -> Result<(), AuthFailure> {
        self.next()
    }
    fn check_password(&self, password: &Sensitive<String>) -> Result<(), AuthFailure> {
        self.passwords
            .lock()
            .unwrap()
            .push(password.expose().clone());
        self.next()
    }
}

fn app(dir: &std::path::Path, store: Arc<MemoryStore>, answers: Arc<Answers>) -> App<NoClipboard> {
    let app = App::new(store, dir.join("data"), dir.join("config"), NoClipboard);
    app.set_authenticator(answers);
    app
}

#[tokio::test]
async fn locking_forgets_revealed_secrets_and_only_a_confirmed_user_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Arc::new(Answers::default());
    let app = app(dir.path(), Arc::new(MemoryStore::new()), answers.clone());
    let created = app
        .create_key(
            "sandbox-api-keys".into(),
            KeyDraft {
                name: Some("held".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap();

    app.lock_app();
    assert!(app.is_locked());
    assert_eq!(app.admit("list_keys"), Err(CommandError::Locked));
    assert!(app.admit("unlock_app").is_ok());

    *answers.next.lock().unwrap() = vec![
        Err(AuthFailure::Unavailable("no agent".into())),
        Err(AuthFailure::Refused("wrong password".into())),
        Ok(()),
    ];
    match app.unlock_app(None).await {
        Err(CommandError::UnlockRefused {
            password_needed: true,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    match app.unlock_app(Some(Sensitive::new("guess".into()))).await {
        Err(CommandError::UnlockRefused {
            password_needed: false,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert!(app.is_locked(), "refused: still locked");
    app.unlock_app(Some(Sensitive::new("right".into())))
        .await
        .unwrap();
    assert!(!app.is_locked());
    assert_eq!(*answers.passwords.lock().unwrap(), ["guess", "right"]);

    assert_eq!(
        app.copy_secret(created.reveal_id.clone()).await,
        Err(CommandError::SecretGone),
        "the lock forgot the secret held for the reveal"
    );
}

#[tokio::test]
async fn a_revoke_on_a_live_connection_asks_for_a_fresh_confirmation_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let answers = Arc::new(Answers::default());
    let app = app(dir.path(), store.clone(), answers.clone());
    let base_url = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.id == "sandbox-api-keys")
        .unwrap()
        .base_url;
    let live = app
        .add_connection(ConnectionDraft {
            name: "Production API keys".into(),
            vendor: VendorKind::ApiKeys,
            environment: Environment::Live,
            base_url,
            read_only: false,
            client_id: None,
            username: None,
            organization_id: None,
            api_version: None,
            credential: Some(store.get("sandbox/admin-token").unwrap().unwrap()),
            allow_changes: Some(true),
        })
        .await
        .unwrap();
    let key = app
        .create_key(
            live.id.clone(),
            KeyDraft {
                name: Some("prod".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap()
        .key;

    assert_eq!(
        app.revoke_key(live.id.clone(), key.id.clone()).await,
        Err(CommandError::ConfirmNeeded {
            action: "revoke".into()
        })
    );
    let listed = app
        .list_keys(live.id.clone(), Default::default(), 50)
        .await
        .unwrap();
    assert!(
        listed
            .keys
            .iter()
            .any(|k| k.id == key.id && k.revoked_at.is_none()),
        "nothing was revoked before the confirmation"
    );

    *answers.next.lock().unwrap() = vec![Ok(())];
    app.confirm_user(None).await.unwrap();
    app.revoke_key(live.id.clone(), key.id.clone())
        .await
        .unwrap();

    let sandbox_key = app
        .create_key(
            "sandbox-api-keys".into(),
            KeyDraft {
                name: Some("sb".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap()
        .key;
    app.revoke_key("sandbox-api-keys".into(), sandbox_key.id)
        .await
        .unwrap();
}
