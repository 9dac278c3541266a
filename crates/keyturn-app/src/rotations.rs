//! The wizard's backend for the app: keeps each live rotation in memory (with the
//! key list its guards need), drives it against the connection's vendor, hands a new
//! key's secret to `RevealedSecrets`, and reopens unfinished rotations from their
//! journals after a restart.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use serde::Serialize;
use ts_rs::TS;

use crate::error::CommandError;
use crate::reveal::{RevealedKey, RevealedSecrets};
use keyturn_core::rotation::driver::{Applied, RotationDriver};
use keyturn_core::rotation::event::RotationAction;
use keyturn_core::rotation::journal::{RotationJournals, UnreadableJournal};
use keyturn_core::rotation::state::{new_rotation_id, Rotation};
use keyturn_core::workspace::Workspace;

/// What every wizard command returns.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RotationView {
    pub rotation: Rotation,
    /// The new key and its secret, the one time it exists.
    pub revealed: Option<RevealedKey>,
    /// A sentence when the journal could not be written or an answer was odd.
    pub notice: Option<String>,
}

/// The rotations to resume, and the journal files that could not be: each
/// skipped with why, for the app to show, so one of them never stops the rest.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenRotationsView {
    pub rotations: Vec<RotationView>,
    pub unreadable: Vec<UnreadableJournal>,
}

pub struct RotationService {
    journals: RotationJournals,
    live: Mutex<HashMap<String, Rotation>>,
    /// One per rotation, held across an action or poll and its vendor calls, so
    /// a second one waits and then starts from the state the first left.
    acting: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl RotationService {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            journals: RotationJournals::new(data_dir),
            live: Mutex::new(HashMap::new()),
            acting: Mutex::new(HashMap::new()),
        }
    }

    pub async fn start(
        &self,
        workspace: &Workspace,
        reveals: &RevealedSecrets,
        connection_id: &str,
    ) -> Result<RotationView, CommandError> {
        let vendor = workspace.writable_vendor(connection_id)?;
        let connection = workspace.summary(connection_id)?;
        let mut driver = RotationDriver::new(vendor.as_ref(), &self.journals);
        if let Some(audit) = workspace.audit_log() {
            driver = driver.with_audit(audit, &connection);
        }
        let applied = driver
            .start(new_rotation_id(), connection_id.to_owned(), Utc::now())
            .await
            .map_err(rotation_error)?;
        Ok(self.keep(applied, reveals))
    }

    pub async fn act(
        &self,
        workspace: &Workspace,
        reveals: &RevealedSecrets,
        rotation_id: &str,
        action: Option<RotationAction>,
    ) -> Result<RotationView, CommandError> {
        let lock = self.acting_lock(rotation_id);
        let _acting = lock.lock().await;
        let rotation = self.live_rotation(rotation_id)?;
        let vendor = workspace.writable_vendor(&rotation.connection_id)?;
        let connection = workspace.summary(&rotation.connection_id)?;
        let mut driver = RotationDriver::new(vendor.as_ref(), &self.journals);
        if let Some(audit) = workspace.audit_log() {
            driver = driver.with_audit(audit, &connection);
        }
        let applied = match action {
            Some(action) => driver.act(&rotation, action, Utc::now()).await,
            None => driver.poll(&rotation, Utc::now()).await,
        }
        .map_err(rotation_error)?;
        Ok(self.keep(applied, reveals))
    }

    /// Unfinished rotations: the live ones, and those whose journal survived a
    /// restart, resumed at the step they reached.
    pub async fn open(&self, workspace: &Workspace) -> Result<OpenRotationsView, CommandError> {
        let found = self
            .journals
            .open_rotations()
            .map_err(|e| CommandError::Storage {
                detail: e.to_string(),
            })?;
        let mut unreadable = found.unreadable;
        let mut views = Vec::new();
        for journal in found.open {
            if let Ok(rotation) = self.live_rotation(&journal.rotation_id) {
                views.push(view(rotation, None, None));
                continue;
            }
            let Ok(vendor) = workspace.writable_vendor(&journal.connection_id) else {
                continue;
            };
            let driver = RotationDriver::new(vendor.as_ref(), &self.journals);
            match driver.resume(&journal, Utc::now()).await {
                Ok(applied) => views.push(self.keep(applied, &RevealedSecrets::default())),
                Err(error) => unreadable.push(UnreadableJournal {
                    file: self
                        .journals
                        .path_of(&journal.rotation_id)
                        .map(|p| p.display().to_string())
                        .unwrap_or(journal.rotation_id),
                    reason: format!("it could not be resumed: {error}"),
                    kept_as: None,
                }),
            }
        }
        Ok(OpenRotationsView {
            rotations: views,
            unreadable,
        })
    }

    fn acting_lock(&self, rotation_id: &str) -> Arc<tokio::sync::Mutex<()>> {
        self.acting
            .lock()
            .expect("rotations lock poisoned")
            .entry(rotation_id.to_owned())
            .or_default()
            .clone()
    }

    fn live_rotation(&self, rotation_id: &str) -> Result<Rotation, CommandError> {
        self.live
            .lock()
            .expect("rotations lock poisoned")
            .get(rotation_id)
            .cloned()
            .ok_or_else(|| CommandError::RotationNotFound {
                rotation_id: rotation_id.to_owned(),
            })
    }

    fn keep(&self, applied: Applied, reveals: &RevealedSecrets) -> RotationView {
        let Applied {
            rotation,
            created,
            notice,
        } = applied;
        let mut live = self.live.lock().expect("rotations lock poisoned");
        if rotation.state.is_finished() {
            live.remove(&rotation.id);
            self.acting
                .lock()
                .expect("rotations lock poisoned")
                .remove(&rotation.id);
        } else {
            live.insert(rotation.id.clone(), rotation.clone());
        }
        let revealed = created.map(|c| reveals.hold(&rotation.connection_id, c));
        view(rotation, revealed, notice)
    }
}

fn view(rotation: Rotation, revealed: Option<RevealedKey>, notice: Option<String>) -> RotationView {
    RotationView {
        rotation,
        revealed,
        notice,
    }
}

fn rotation_error(refusal: keyturn_core::rotation::refusal::RotationError) -> CommandError {
    CommandError::Rotation { refusal }
}
