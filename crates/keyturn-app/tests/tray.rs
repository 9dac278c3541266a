//! What the tray's menu is told: `App` on the embedded sandbox over loopback
//! HTTP, with an in-memory keychain and a tray that records what it was told.

mod common;

use common::NoClipboard;

use std::sync::{Arc, Mutex};

use keyturn_app::app::{Tray, TrayRequest, TrayRotation};
use keyturn_app::lock::authenticator::{AuthFailure, Authenticator};
use keyturn_app::App;
use keyturn_core::rotation::RotationAction;
use keyturn_core::{MemoryStore, Sensitive};

const CONNECTION: &str = "sandbox-api-keys";

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Rotations(Vec<TrayRotation>),
    Locked,
}

#[derive(Default)]
struct RecordingTray(Mutex<Vec<Shown>>);

impl RecordingTray {
    fn last(&self) -> Option<Shown> {
        self.0.lock().unwrap().last().cloned()
    }
}

impl Tray for RecordingTray {
    fn show_rotations(&self, rotations: &[TrayRotation]) {
        self.0
            .lock()
            .unwrap()
            .push(Shown::Rotations(rotations.to_vec()));
    }

    fn show_locked(&self) {
        self.0.lock().unwrap().push(Shown::Locked);
    }
}

/// The operating system confirms the user.
struct Confirms;

impl Authenticator for Confirms {
    fn confirm_with_agent(&self) -> Result<(), AuthFailure> {
        Ok(())
    }
    fn check_password(&self, _: &Sensitive<String>) -> Result<(), AuthFailure> {
        Ok(())
    }
}

fn app(dir: &std::path::Path) -> (App<NoClipboard>, Arc<RecordingTray>) {
    let app = App::new(
        Arc::new(MemoryStore::new()),
        dir.join("data"),
        dir.join("config"),
        NoClipboard,
    );
    let tray = Arc::new(RecordingTray::default());
    app.set_tray(tray.clone());
    (app, tray)
}

#[tokio::test]
async fn the_tray_lists_a_rotation_from_its_start_to_its_end_and_names_no_connection_while_locked()
{
    let dir = tempfile::tempdir().unwrap();
    let (app, tray) = app(dir.path());
    app.show_rotations_in_tray().await;
    assert_eq!(tray.last(), Some(Shown::Rotations(vec![])));

    let rotation = app
        .start_rotation(CONNECTION.into())
        .await
        .unwrap()
        .rotation;
    let name = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.id == CONNECTION)
        .unwrap()
        .name;
    let Some(Shown::Rotations(shown)) = tray.last() else {
        panic!("the tray was not told of the rotation: {:?}", tray.last());
    };
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].rotation_id, rotation.id);
    assert_eq!(shown[0].connection_id, CONNECTION);
    assert!(
        shown[0].label.starts_with(&format!("Rotating “{name}”: ")),
        "{}",
        shown[0].label
    );

    // The summary of what needs attention keeps it current too.
    app.attention(false).await.unwrap();
    assert!(matches!(tray.last(), Some(Shown::Rotations(r)) if r.len() == 1));

    app.lock_app();
    assert_eq!(tray.last(), Some(Shown::Locked));
    app.set_authenticator(Arc::new(Confirms));
    app.unlock_app(None).await.unwrap();
    assert!(matches!(tray.last(), Some(Shown::Rotations(r)) if r.len() == 1));

    app.rotation_action(rotation.id.clone(), RotationAction::Cancel)
        .await
        .unwrap();
    assert_eq!(tray.last(), Some(Shown::Rotations(vec![])));
}

#[test]
fn a_rotation_chosen_in_the_tray_is_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app(dir.path());
    assert_eq!(app.take_tray_request(), None);
    let chosen = TrayRequest {
        connection_id: CONNECTION.into(),
        rotation_id: "r1".into(),
    };
    app.open_from_tray(chosen.clone());
    assert_eq!(app.take_tray_request(), Some(chosen));
    assert_eq!(app.take_tray_request(), None);
}
