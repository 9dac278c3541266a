//! The rotation as a pure state machine: `step` takes a state and an event and
//! returns the next state and the effects the driver must carry out. No I/O.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::connections::connection::VendorKind;
use crate::keys::create_guard::CreateFailure;
use crate::keys::model::{ApiKey, Capabilities, KeyStatus};
use crate::rotation::event::{Effect, Event, RotationAction};
use crate::rotation::refusal::RotationError;
use crate::rotation::state::{
    recent_use, KeyRef, OrphanReason, RetireAction, Rotation, RotationProblem, RotationRules,
    RotationStep, DEFAULT_QUIET_WINDOW_SECS, MAX_QUIET_WINDOW_SECS, MIN_QUIET_WINDOW_SECS,
};
use crate::rotation::verification::VerificationStatus;
use crate::vendors::error::VendorError;

type Effects = Result<Vec<Effect>, RotationError>;

/// A new rotation, asking for the key list.
pub fn start(
    id: String,
    connection_id: String,
    vendor: VendorKind,
    capabilities: &Capabilities,
    now: DateTime<Utc>,
) -> (Rotation, Vec<Effect>) {
    let rotation = Rotation {
        id,
        connection_id,
        vendor,
        rules: RotationRules::from(capabilities),
        quiet_window_secs: DEFAULT_QUIET_WINDOW_SECS,
        started_at: now,
        updated_at: now,
        retire_first: false,
        old_key: None,
        old_key_disabled: false,
        old_key_revoked: false,
        new_key: None,
        verification: None,
        problem: None,
        state: RotationStep::CheckingSlots,
        known_keys: Vec::new(),
    };
    (rotation, call(Effect::ListKeys))
}

pub fn step(
    state: &Rotation,
    event: Event,
    now: DateTime<Utc>,
) -> Result<(Rotation, Vec<Effect>), RotationError> {
    if state.state.is_finished() {
        return Err(RotationError::Finished);
    }
    let mut next = state.clone();
    next.updated_at = now;
    next.problem = None;
    let effects = match event {
        Event::Act(action) => act(&mut next, action, now)?,
        Event::Observed { keys, at } => observed(&mut next, keys, at, now),
        Event::KeyCreated(key) => key_created(&mut next, key, now)?,
        Event::CreateFailed(failure) => create_failed(&mut next, failure)?,
        Event::Disabled { key_id } => disabled(&mut next, &key_id)?,
        Event::Revoked { key_id } => revoked(&mut next, &key_id)?,
        Event::VendorFailed(error) => vendor_failed(&mut next, &error),
    };
    Ok((next, effects))
}

fn journal() -> Vec<Effect> {
    vec![Effect::WriteJournal]
}

fn call(effect: Effect) -> Vec<Effect> {
    vec![Effect::WriteJournal, effect]
}

fn not_now(r: &Rotation, event: &str) -> RotationError {
    RotationError::NotNow {
        step: r.state.name().to_owned(),
        event: event.to_owned(),
    }
}

fn act(r: &mut Rotation, action: RotationAction, now: DateTime<Utc>) -> Effects {
    use RotationAction as A;
    use RotationStep as S;
    let current = r.state.clone();
    match (&current, action) {
        (_, A::Cancel) => cancel(r),
        (_, A::Refresh) => refresh(r),
        (_, A::SetQuietWindow { seconds }) => set_quiet_window(r, seconds),
        (
            S::ChooseRetiring { .. },
            A::Choose {
                key_id,
                override_in_use,
            },
        ) => choose(r, &key_id, override_in_use, now),
        (S::ReadyToCreate, A::Create { draft }) => {
            r.state = S::ListingBeforeCreate { draft };
            Ok(call(Effect::ListKeys))
        }
        (S::Created, A::SecretStored)
        | (
            S::OrphanFound {
                reason: OrphanReason::SecretNotConfirmed,
                revoking: None,
                ..
            },
            A::SecretStored,
        ) => start_verifying(r, now),
        (S::Verifying | S::Retiring { .. }, A::ConsumerChecked { name, checked }) => {
            check_consumer(r, &name, checked)
        }
        (S::Verifying | S::Retiring { .. }, A::ConsumerRemoved { name }) => {
            let window = r.quiet_window_secs;
            verification(r, "consumerRemoved")?.remove_consumer(name.trim(), window);
            Ok(journal())
        }
        (S::Verifying | S::Retiring { .. }, A::TestedNewKey { ok }) => {
            let window = r.quiet_window_secs;
            verification(r, "testedNewKey")?.record_test(ok, window);
            Ok(journal())
        }
        (S::Verifying, A::Retire) => {
            if r.remaining_old_key().is_none() {
                return Err(RotationError::NoOldKey);
            }
            r.state = S::Retiring { action: None };
            Ok(journal())
        }
        (S::Verifying, A::Finish) => {
            if r.remaining_old_key().is_some() {
                return Err(RotationError::OldKeyRemains);
            }
            r.state = S::Done;
            Ok(journal())
        }
        (S::Retiring { .. }, A::Disable) => disable(r),
        (
            S::Retiring { .. },
            A::Revoke {
                confirmation,
                force,
            },
        ) => revoke_old(r, &confirmation, force, now),
        (S::OrphanFound { .. }, A::RevokeOrphan { key_id }) => revoke_orphan(r, &key_id, now),
        (
            S::OrphanFound {
                reason: OrphanReason::CreateAnswerLost,
                revoking: None,
                ..
            },
            A::DismissOrphans,
        ) => {
            r.state = S::ReadyToCreate;
            Ok(journal())
        }
        (_, action) => Err(not_now(r, action.name())),
    }
}

fn cancel(r: &mut Rotation) -> Effects {
    if r.state.is_busy() {
        return Err(RotationError::Busy);
    }
    // Cancelling now would forget the snapshot that finds a lost create's key.
    if matches!(r.state, RotationStep::Creating { .. }) {
        return Err(not_now(r, "cancel"));
    }
    r.state = RotationStep::Cancelled;
    Ok(journal())
}

fn refresh(r: &Rotation) -> Effects {
    if r.state.is_busy() {
        return Err(RotationError::Busy);
    }
    Ok(call(Effect::ListKeys))
}

fn set_quiet_window(r: &mut Rotation, seconds: u32) -> Effects {
    if !(MIN_QUIET_WINDOW_SECS..=MAX_QUIET_WINDOW_SECS).contains(&seconds) {
        return Err(RotationError::QuietWindowOutOfRange {
            min_secs: MIN_QUIET_WINDOW_SECS,
            max_secs: MAX_QUIET_WINDOW_SECS,
        });
    }
    r.quiet_window_secs = seconds;
    if let Some(verification) = &mut r.verification {
        verification.regrade(seconds);
    }
    Ok(journal())
}

fn choose(r: &mut Rotation, key_id: &str, override_in_use: bool, now: DateTime<Utc>) -> Effects {
    let RotationStep::ChooseRetiring { keys, .. } = &r.state else {
        return Err(not_now(r, "choose"));
    };
    let key = keys
        .iter()
        .find(|k| k.id == key_id)
        .ok_or_else(|| RotationError::UnknownKey {
            key_id: key_id.to_owned(),
        })?;
    // Creating first leaves the old key working until verification, so only a
    // retire-first rotation can cut a live consumer off.
    if r.retire_first && !override_in_use {
        if let Some(last_used_at) = recent_use(key, now) {
            return Err(RotationError::KeyInUse {
                key_id: key_id.to_owned(),
                last_used_at,
            });
        }
    }
    r.old_key = Some(KeyRef::of(key));
    r.state = if r.retire_first {
        RotationStep::Retiring { action: None }
    } else {
        RotationStep::ReadyToCreate
    };
    Ok(journal())
}

fn start_verifying(r: &mut Rotation, now: DateTime<Utc>) -> Effects {
    let gone = r.remaining_old_key().is_none();
    r.verification = Some(VerificationStatus::new(r.rules.usage, now, gone));
    r.state = RotationStep::Verifying;
    Ok(call(Effect::ListKeys))
}

fn verification<'a>(
    r: &'a mut Rotation,
    event: &str,
) -> Result<&'a mut VerificationStatus, RotationError> {
    let refusal = not_now(r, event);
    r.verification.as_mut().ok_or(refusal)
}

fn check_consumer(r: &mut Rotation, name: &str, checked: bool) -> Effects {
    let name = name.trim();
    if name.is_empty() {
        return Err(RotationError::EmptyConsumerName);
    }
    let window = r.quiet_window_secs;
    verification(r, "consumerChecked")?.check_consumer(name, checked, window);
    Ok(journal())
}

fn disable(r: &mut Rotation) -> Effects {
    if r.state.is_busy() {
        return Err(RotationError::Busy);
    }
    if !r.rules.can_disable {
        return Err(RotationError::CannotDisable);
    }
    if r.old_key_disabled {
        return Err(RotationError::AlreadyDisabled);
    }
    let old_id = r
        .remaining_old_key()
        .ok_or(RotationError::NoOldKey)?
        .id
        .clone();
    r.state = RotationStep::Retiring {
        action: Some(RetireAction::Disabling),
    };
    Ok(call(Effect::DisableKey(old_id)))
}

fn revoke_old(r: &mut Rotation, confirmation: &str, force: bool, now: DateTime<Utc>) -> Effects {
    if r.state.is_busy() {
        return Err(RotationError::Busy);
    }
    let old = r.remaining_old_key().ok_or(RotationError::NoOldKey)?;
    if !old.is_confirmed_by(confirmation) {
        return Err(RotationError::ConfirmationMismatch);
    }
    if r.rules.can_disable && !r.old_key_disabled {
        return Err(RotationError::DisableFirst);
    }
    // Retire-first has no new key to verify: the in-use guard stood in at the choice.
    let verified = r.new_key.is_none() || r.verification.as_ref().is_some_and(|v| v.green);
    if !verified && !force {
        return Err(RotationError::NotVerified);
    }
    if !r.rules.last_key_revocable && r.is_last_active_key(&old.id, now) {
        return Err(RotationError::LastActiveKey);
    }
    let old_id = old.id.clone();
    r.state = RotationStep::Retiring {
        action: Some(RetireAction::Revoking),
    };
    Ok(call(Effect::RevokeKey(old_id)))
}

fn revoke_orphan(r: &mut Rotation, key_id: &str, now: DateTime<Utc>) -> Effects {
    if r.state.is_busy() {
        return Err(RotationError::Busy);
    }
    let is_orphan = matches!(&r.state, RotationStep::OrphanFound { orphans, .. } if orphans.iter().any(|o| o.id == key_id));
    if !is_orphan {
        return Err(RotationError::UnknownKey {
            key_id: key_id.to_owned(),
        });
    }
    if !r.rules.last_key_revocable && r.is_last_active_key(key_id, now) {
        return Err(RotationError::LastActiveKey);
    }
    if let RotationStep::OrphanFound { revoking, .. } = &mut r.state {
        *revoking = Some(key_id.to_owned());
    }
    Ok(call(Effect::RevokeKey(key_id.to_owned())))
}

fn observed(
    r: &mut Rotation,
    keys: Vec<ApiKey>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    r.known_keys = keys;
    match &r.state {
        RotationStep::CheckingSlots | RotationStep::ChooseRetiring { .. } => {
            offer_choice(r, now);
            journal()
        }
        RotationStep::ListingBeforeCreate { draft } => {
            let draft = draft.clone();
            let pre_create_key_ids = r.known_keys.iter().map(|k| k.id.clone()).collect();
            r.state = RotationStep::Creating { pre_create_key_ids };
            call(Effect::CreateKey(draft))
        }
        RotationStep::Creating { pre_create_key_ids } => {
            let before: HashSet<&String> = pre_create_key_ids.iter().collect();
            let orphans: Vec<KeyRef> = r
                .known_keys
                .iter()
                .filter(|k| !before.contains(&k.id) && k.status != KeyStatus::Revoked)
                .map(KeyRef::of)
                .collect();
            r.state = if orphans.is_empty() {
                RotationStep::ReadyToCreate
            } else {
                orphan_found(orphans, OrphanReason::CreateAnswerLost)
            };
            journal()
        }
        RotationStep::OrphanFound { .. } => prune_orphans(r),
        RotationStep::Verifying => {
            watch(r, at);
            Vec::new()
        }
        RotationStep::Retiring { .. } => {
            watch(r, at);
            reconcile_old_key(r)
        }
        _ => Vec::new(),
    }
}

fn offer_choice(r: &mut Rotation, now: DateTime<Utc>) {
    let keys: Vec<ApiKey> = r
        .known_keys
        .iter()
        .filter(|k| k.status != KeyStatus::Revoked)
        .cloned()
        .collect();
    r.retire_first = r
        .rules
        .max_keys
        .is_some_and(|max| keys.len() >= max as usize);
    let in_use_key_ids = keys
        .iter()
        .filter(|k| recent_use(k, now).is_some())
        .map(|k| k.id.clone())
        .collect();
    r.state = RotationStep::ChooseRetiring {
        keys,
        in_use_key_ids,
    };
}

pub(crate) fn orphan_found(orphans: Vec<KeyRef>, reason: OrphanReason) -> RotationStep {
    RotationStep::OrphanFound {
        orphans,
        reason,
        explanation: reason.explanation().to_owned(),
        revoking: None,
    }
}

/// Orphans deleted elsewhere since are no longer offered.
fn prune_orphans(r: &mut Rotation) -> Vec<Effect> {
    let listed: HashSet<String> = r
        .known_keys
        .iter()
        .filter(|k| k.status != KeyStatus::Revoked)
        .map(|k| k.id.clone())
        .collect();
    let RotationStep::OrphanFound { orphans, .. } = &mut r.state else {
        return Vec::new();
    };
    let before = orphans.len();
    orphans.retain(|o| listed.contains(&o.id));
    if orphans.len() == before {
        return Vec::new();
    }
    settle_orphans(r);
    journal()
}

/// After an orphan went away: forget a new key that was one, and leave the step when none remain.
fn settle_orphans(r: &mut Rotation) {
    let RotationStep::OrphanFound { orphans, .. } = &r.state else {
        return;
    };
    if let Some(new_key) = &r.new_key {
        if !orphans.iter().any(|o| o.id == new_key.id) {
            r.new_key = None;
        }
    }
    if orphans.is_empty() {
        r.state = RotationStep::ReadyToCreate;
    }
}

fn watch(r: &mut Rotation, at: DateTime<Utc>) {
    let (Some(verification), Some(new_key)) = (&mut r.verification, &r.new_key) else {
        return;
    };
    let old_key = r.old_key.as_ref().filter(|_| !r.old_key_revoked);
    verification.observe(&r.known_keys, new_key, old_key, at, r.quiet_window_secs);
}

/// The list may show that a disable or delete went through after all.
fn reconcile_old_key(r: &mut Rotation) -> Vec<Effect> {
    let Some(old) = r.remaining_old_key() else {
        return Vec::new();
    };
    let status = r
        .known_keys
        .iter()
        .find(|k| k.id == old.id)
        .map(|k| k.status);
    match status {
        None | Some(KeyStatus::Revoked) => {
            old_key_revoked(r);
            journal()
        }
        Some(KeyStatus::Disabled) if !r.old_key_disabled => {
            r.old_key_disabled = true;
            r.state = RotationStep::Retiring { action: None };
            journal()
        }
        _ => Vec::new(),
    }
}

fn old_key_revoked(r: &mut Rotation) {
    r.old_key_revoked = true;
    let window = r.quiet_window_secs;
    if let Some(verification) = &mut r.verification {
        verification.old_key_removed(window);
    }
    r.state = if r.new_key.is_some() {
        RotationStep::Done
    } else {
        RotationStep::ReadyToCreate
    };
}

fn key_created(r: &mut Rotation, key: ApiKey, now: DateTime<Utc>) -> Effects {
    if !matches!(r.state, RotationStep::Creating { .. }) {
        return Err(not_now(r, "keyCreated"));
    }
    let mut new_key = KeyRef::of(&key);
    new_key.created_at = new_key.created_at.or(Some(now));
    r.new_key = Some(new_key);
    if !r.known_keys.iter().any(|k| k.id == key.id) {
        r.known_keys.push(key);
    }
    r.state = RotationStep::Created;
    Ok(journal())
}

fn create_failed(r: &mut Rotation, failure: CreateFailure) -> Effects {
    if !matches!(r.state, RotationStep::Creating { .. }) {
        return Err(not_now(r, "createFailed"));
    }
    r.problem = Some(RotationProblem::from(&failure.error));
    if failure.orphan_check_failed {
        // Stay in Creating: the snapshot is what a later listing needs to find the key.
        return Ok(Vec::new());
    }
    r.state = if failure.orphan_candidates.is_empty() {
        RotationStep::ReadyToCreate
    } else {
        let orphans = failure.orphan_candidates.iter().map(KeyRef::of).collect();
        orphan_found(orphans, OrphanReason::CreateAnswerLost)
    };
    Ok(journal())
}

fn disabled(r: &mut Rotation, key_id: &str) -> Effects {
    let disabling = RotationStep::Retiring {
        action: Some(RetireAction::Disabling),
    };
    if r.state != disabling || r.remaining_old_key().map(|k| k.id.as_str()) != Some(key_id) {
        return Err(not_now(r, "disabled"));
    }
    r.old_key_disabled = true;
    r.state = RotationStep::Retiring { action: None };
    Ok(journal())
}

fn revoked(r: &mut Rotation, key_id: &str) -> Effects {
    match &mut r.state {
        RotationStep::Retiring {
            action: Some(RetireAction::Revoking),
        } if r.old_key.as_ref().map(|k| k.id.as_str()) == Some(key_id) => {
            old_key_revoked(r);
            Ok(journal())
        }
        RotationStep::OrphanFound {
            orphans, revoking, ..
        } if revoking.as_deref() == Some(key_id) => {
            orphans.retain(|o| o.id != key_id);
            *revoking = None;
            settle_orphans(r);
            Ok(journal())
        }
        _ => Err(not_now(r, "revoked")),
    }
}

fn vendor_failed(r: &mut Rotation, error: &VendorError) -> Vec<Effect> {
    r.problem = Some(RotationProblem::from(error));
    match &mut r.state {
        RotationStep::ListingBeforeCreate { .. } => {
            r.state = RotationStep::ReadyToCreate;
            journal()
        }
        RotationStep::Retiring { action } if action.is_some() => {
            *action = None;
            journal()
        }
        RotationStep::OrphanFound { revoking, .. } if revoking.is_some() => {
            *revoking = None;
            journal()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
