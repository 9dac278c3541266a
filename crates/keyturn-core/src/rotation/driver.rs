//! Carries out what the machine asks: writes the journal, calls the vendor, feeds
//! the answers back in. A vendor call is made only right after the journal was
//! written; if that write fails the call is not made and the machine is told so.
//!
//! The driver checks nothing about the connection: the caller must only hand it the
//! vendor of a writable connection.

use std::collections::{HashSet, VecDeque};

use chrono::{DateTime, Utc};

use crate::connections::connection::ConnectionSummary;
use crate::keys::create_guard;
use crate::keys::model::{CreatedKey, KeyDraft, KeyUpdate};
use crate::keys::revoke_guard;
use crate::rotation::event::{Effect, Event, RotationAction};
use crate::rotation::journal::{RotationJournal, RotationJournals};
use crate::rotation::machine;
use crate::rotation::refusal::RotationError;
use crate::rotation::resume;
use crate::rotation::state::{Rotation, RotationStep};
use crate::storage::audit::{AuditAction, AuditEntry, AuditLog};
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::Vendor;

/// Where a rotation got to. `created` holds a new key's secret for the caller to
/// hand to `RevealedSecrets`; the driver keeps no copy.
#[derive(Debug)]
pub struct Applied {
    pub rotation: Rotation,
    pub created: Option<CreatedKey>,
    /// Set when the journal could not be written or the machine rejected a vendor's
    /// answer: the rotation on disk may be behind the one returned.
    pub notice: Option<String>,
}

pub struct RotationDriver<'a> {
    vendor: &'a dyn Vendor,
    journals: &'a RotationJournals,
    audit: Option<(&'a AuditLog, &'a ConnectionSummary)>,
}

impl<'a> RotationDriver<'a> {
    pub fn new(vendor: &'a dyn Vendor, journals: &'a RotationJournals) -> Self {
        Self {
            vendor,
            journals,
            audit: None,
        }
    }

    /// Records in the audit log the rotation's start, each step the user takes,
    /// its end, and every create, disable and delete.
    pub fn with_audit(mut self, audit: &'a AuditLog, connection: &'a ConnectionSummary) -> Self {
        self.audit = Some((audit, connection));
        self
    }

    pub async fn start(
        &self,
        rotation_id: String,
        connection_id: String,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        let (rotation, effects) = machine::start(
            rotation_id,
            connection_id,
            self.vendor.kind(),
            &self.vendor.capabilities(),
            now,
        );
        let applied = self.run(rotation, effects, now).await;
        self.record_step(
            AuditAction::RotationStarted,
            &applied.rotation,
            None,
            step_outcome(&applied),
        );
        Ok(applied)
    }

    pub async fn act(
        &self,
        rotation: &Rotation,
        action: RotationAction,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        let name = action.name();
        let audit_action = match action {
            RotationAction::Cancel => AuditAction::RotationCancelled,
            _ => AuditAction::RotationAdvanced,
        };
        let result = self.apply(rotation, action, now).await;
        match &result {
            Ok(applied) => {
                self.record_step(
                    audit_action,
                    &applied.rotation,
                    Some(name),
                    step_outcome(applied),
                );
                self.record_if_finished(rotation, &applied.rotation);
            }
            Err(refusal) => self.record_step(
                audit_action,
                rotation,
                Some(name),
                format!("refused: {refusal}"),
            ),
        }
        result
    }

    async fn apply(
        &self,
        rotation: &Rotation,
        action: RotationAction,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        if let (RotationStep::ReadyToCreate, RotationAction::Create { draft }) =
            (&rotation.state, &action)
        {
            if let Err(refusal) = self.vendor.check_draft(draft) {
                // Refused before the list that precedes a create: the rotation
                // stays where it was, with the refusal as its problem.
                let (rotation, effects) =
                    machine::step(rotation, Event::VendorFailed(refusal), now)?;
                return Ok(self.run(rotation, effects, now).await);
            }
        }
        let (rotation, effects) = machine::step(rotation, Event::Act(action), now)?;
        Ok(self.run(rotation, effects, now).await)
    }

    /// One look at the keys, as verification polling does; writes no journal.
    pub async fn poll(
        &self,
        rotation: &Rotation,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        let event = self.list(now).await;
        let (next, effects) = machine::step(rotation, event, now)?;
        let applied = self.run(next, effects, now).await;
        self.record_if_finished(rotation, &applied.rotation);
        Ok(applied)
    }

    pub async fn resume(
        &self,
        journal: &RotationJournal,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        let (rotation, effects) = resume::resume(journal)?;
        Ok(self.run(rotation, effects, now).await)
    }

    async fn run(
        &self,
        mut rotation: Rotation,
        effects: Vec<Effect>,
        now: DateTime<Utc>,
    ) -> Applied {
        let mut queue = VecDeque::from(effects);
        let mut created = None;
        let mut notice = None;
        let mut journaled = false;
        while let Some(effect) = queue.pop_front() {
            let event = match effect {
                Effect::WriteJournal => {
                    journaled = match self.journals.save(&rotation) {
                        Ok(()) => true,
                        Err(error) => {
                            notice = Some(format!(
                                "The rotation's progress could not be saved: {error}"
                            ));
                            false
                        }
                    };
                    continue;
                }
                effect if !journaled => not_sent(&effect),
                Effect::ListKeys => self.list(now).await,
                Effect::CreateKey(draft) => {
                    let (event, key) = self.create(&rotation, &draft).await;
                    created = key.or(created);
                    event
                }
                Effect::DisableKey(id) => self.disable(&id).await,
                Effect::RevokeKey(id) => self.delete(&id).await,
            };
            journaled = false;
            match machine::step(&rotation, event, now) {
                Ok((next, more)) => {
                    rotation = next;
                    queue.extend(more);
                }
                Err(refusal) => {
                    notice = Some(format!(
                        "The vendor's answer did not fit the rotation: {refusal}"
                    ));
                    break;
                }
            }
        }
        Applied {
            rotation,
            created,
            notice,
        }
    }

    async fn list(&self, now: DateTime<Utc>) -> Event {
        match self.vendor.list_keys().await {
            Ok(keys) => Event::Observed { keys, at: now },
            Err(error) => Event::VendorFailed(error),
        }
    }

    async fn create(&self, rotation: &Rotation, draft: &KeyDraft) -> (Event, Option<CreatedKey>) {
        let RotationStep::Creating { pre_create_key_ids } = &rotation.state else {
            return (Event::CreateFailed(not_sent_error().into()), None);
        };
        let before: HashSet<String> = pre_create_key_ids.iter().cloned().collect();
        let result = create_guard::create_key_after(self.vendor, draft, &before).await;
        match result {
            Ok(created) => {
                self.record(AuditAction::Create, Some(&created.key.id), "ok".into());
                (Event::KeyCreated(created.key.clone()), Some(created))
            }
            Err(failure) => {
                self.record(AuditAction::Create, None, failure.audit_outcome());
                (Event::CreateFailed(failure), None)
            }
        }
    }

    async fn disable(&self, id: &str) -> Event {
        let update = KeyUpdate {
            enabled: Some(false),
            ..KeyUpdate::default()
        };
        let result = self.vendor.update_key(id, &update).await.map(|_| ());
        self.record(AuditAction::Disable, Some(id), outcome(&result));
        match result {
            Ok(()) => Event::Disabled {
                key_id: id.to_owned(),
            },
            Err(error) => Event::VendorFailed(error),
        }
    }

    async fn delete(&self, id: &str) -> Event {
        let result = revoke_guard::revoke_key(self.vendor, id).await;
        self.record(AuditAction::Revoke, Some(id), outcome(&result));
        match result {
            Ok(()) => Event::Revoked {
                key_id: id.to_owned(),
            },
            Err(error) => Event::VendorFailed(error),
        }
    }

    fn record(&self, action: AuditAction, key_id: Option<&str>, outcome: String) {
        self.write(self.entry(action, key_id, outcome));
    }

    /// `None` when the driver records nothing.
    fn entry(
        &self,
        action: AuditAction,
        key_id: Option<&str>,
        outcome: String,
    ) -> Option<AuditEntry> {
        let (_, connection) = self.audit?;
        Some(AuditEntry::new(connection, action, key_id, outcome))
    }

    /// A rotation entry names the key being replaced, the rotation, and the step
    /// taken (if any) with where it led.
    fn record_step(
        &self,
        action: AuditAction,
        rotation: &Rotation,
        step: Option<&str>,
        outcome: String,
    ) {
        let key_id = rotation.old_key.as_ref().map(|k| k.id.as_str());
        let detail = match step {
            Some(step) => format!(
                "rotation {}: {step} \u{2192} {}",
                rotation.id,
                rotation.state.name()
            ),
            None => format!("rotation {}: {}", rotation.id, rotation.state.name()),
        };
        self.write(
            self.entry(action, key_id, outcome)
                .map(|e| e.with_detail(detail)),
        );
    }

    fn record_if_finished(&self, before: &Rotation, after: &Rotation) {
        if after.state == RotationStep::Done && before.state != RotationStep::Done {
            self.record_step(AuditAction::RotationFinished, after, None, "ok".into());
        }
    }

    fn write(&self, entry: Option<AuditEntry>) {
        if let (Some((audit, _)), Some(entry)) = (self.audit, entry) {
            // The vendor has acted already; a full disk must not hide that.
            let _ = audit.record(&entry);
        }
    }
}

fn not_sent_error() -> VendorError {
    VendorError::new(
        VendorErrorKind::NotSent,
        "Keyturn did not contact the vendor because it could not save the rotation's progress first",
    )
}

fn not_sent(effect: &Effect) -> Event {
    match effect {
        Effect::CreateKey(_) => Event::CreateFailed(not_sent_error().into()),
        _ => Event::VendorFailed(not_sent_error()),
    }
}

/// "ok", or the vendor failure the rotation stopped at.
fn step_outcome(applied: &Applied) -> String {
    match &applied.rotation.problem {
        None => "ok".into(),
        Some(problem) => match &problem.code {
            Some(code) => format!("failed: {:?} ({code})", problem.reason),
            None => format!("failed: {:?}", problem.reason),
        },
    }
}

fn outcome(result: &Result<(), VendorError>) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(error) => error.audit_outcome(),
    }
}
