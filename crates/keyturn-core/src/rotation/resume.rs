//! Reopening a rotation from its journal after Keyturn closed or crashed. Every
//! resumed rotation lists the keys first: the vendor may have acted on a request
//! whose answer never arrived, and the list is how the machine finds out.

use crate::rotation::event::Effect;
use crate::rotation::journal::{JournalStep, RotationJournal};
use crate::rotation::machine::orphan_found;
use crate::rotation::refusal::RotationError;
use crate::rotation::state::{OrphanReason, Rotation, RotationStep};
use crate::rotation::verification::VerificationStatus;

/// The state to reopen at, and the effects that bring it up to date.
///
/// - `creating`: the create may have happened. The listing compares against the
///   journal's pre-create snapshot; any key not in it is an orphan whose secret
///   nobody saw (`orphanFound`), none means back to `readyToCreate`.
/// - `created`: the new key exists but Keyturn never keeps its secret, so unless the
///   user stored it before closing it is lost: offered as an orphan, explained.
/// - `retiring` with a call pending: the listing shows whether it went through.
pub fn resume(journal: &RotationJournal) -> Result<(Rotation, Vec<Effect>), RotationError> {
    if journal.is_finished() {
        return Err(RotationError::Finished);
    }
    let state = match &journal.step {
        JournalStep::CheckingSlots | JournalStep::ChooseRetiring => RotationStep::CheckingSlots,
        JournalStep::ReadyToCreate | JournalStep::ListingBeforeCreate => {
            RotationStep::ReadyToCreate
        }
        JournalStep::Creating { pre_create_key_ids } => RotationStep::Creating {
            pre_create_key_ids: pre_create_key_ids.clone(),
        },
        JournalStep::Created => match &journal.new_key {
            Some(new_key) => orphan_found(vec![new_key.clone()], OrphanReason::SecretNotConfirmed),
            None => RotationStep::ReadyToCreate,
        },
        JournalStep::OrphanFound { orphans, reason } => orphan_found(orphans.clone(), *reason),
        JournalStep::Verifying => RotationStep::Verifying,
        JournalStep::Retiring { .. } => RotationStep::Retiring { action: None },
        JournalStep::Done | JournalStep::Cancelled => return Err(RotationError::Finished),
    };
    let rotation = Rotation {
        id: journal.rotation_id.clone(),
        connection_id: journal.connection_id.clone(),
        vendor: journal.vendor,
        rules: journal.rules.clone(),
        quiet_window_secs: journal.quiet_window_secs,
        started_at: journal.started_at,
        updated_at: journal.updated_at,
        retire_first: journal.retire_first,
        old_key: journal.old_key.clone(),
        old_key_disabled: journal.old_key_disabled,
        old_key_revoked: journal.old_key_revoked,
        new_key: journal.new_key.clone(),
        verification: verification(journal, &state),
        problem: None,
        state,
        known_keys: Vec::new(),
    };
    Ok((rotation, vec![Effect::WriteJournal, Effect::ListKeys]))
}

/// Usage is watched afresh; the user's checklist is kept.
fn verification(journal: &RotationJournal, state: &RotationStep) -> Option<VerificationStatus> {
    if !matches!(
        state,
        RotationStep::Verifying | RotationStep::Retiring { .. }
    ) {
        return None;
    }
    let since = journal.verifying_since?;
    let old_gone = journal.old_key.is_none() || journal.old_key_revoked;
    let mut status = VerificationStatus::new(journal.rules.usage, since, old_gone);
    for consumer in &journal.consumers {
        status.check_consumer(&consumer.name, consumer.checked, journal.quiet_window_secs);
    }
    if let Some(ok) = journal.new_key_tested {
        status.record_test(ok, journal.quiet_window_secs);
    }
    Some(status)
}
