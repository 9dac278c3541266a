use chrono::{Duration, TimeZone};

use super::*;
use crate::keys::model::{KeyDraft, LastUsed, LastUsedFields, ScopeChoice};
use crate::rotation::state::UsageSignal;
use crate::vendors::error::VendorErrorKind;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

fn min(m: i64) -> Duration {
    Duration::minutes(m)
}

fn caps(
    max_keys: Option<u32>,
    can_disable: bool,
    last_key_revocable: bool,
    last_used: LastUsedFields,
) -> Capabilities {
    Capabilities {
        name_label: "Name".into(),
        max_keys,
        max_name_length: None,
        can_reset: false,
        can_disable,
        can_rename: false,
        last_key_revocable,
        revoked_keys_listed: false,
        last_used,
        scope_choice: ScopeChoice::None,
        scopes: Vec::new(),
        default_scopes: Vec::new(),
        environments: Vec::new(),
        create_fields: Vec::new(),
    }
}

/// Two-key limit, no disable, last key protected, no usage data (Veryfi).
fn limited() -> Capabilities {
    caps(Some(2), false, false, LastUsedFields::default())
}

/// No limit, last-used time, ip and agent (the `/v1/api-keys` dialect).
fn last_used_at() -> Capabilities {
    let fields = LastUsedFields {
        at: true,
        ip: true,
        user_agent: true,
        request_count: false,
    };
    caps(None, false, true, fields)
}

/// No limit, can disable, request count only (Kayle).
fn counted() -> Capabilities {
    let fields = LastUsedFields {
        request_count: true,
        ..LastUsedFields::default()
    };
    caps(None, true, true, fields)
}

fn key(id: &str) -> ApiKey {
    let mut key = ApiKey::new(id);
    key.name = Some(format!("{id} name"));
    key.created_at = Some(t0() - Duration::days(30));
    key
}

fn used(id: &str, at: DateTime<Utc>) -> ApiKey {
    let mut key = key(id);
    key.last_used = LastUsed::Used {
        at,
        ip: Some("10.0.0.7".into()),
        user_agent: Some("payroll/2.1".into()),
    };
    key
}

fn counted_key(id: &str, count: u64) -> ApiKey {
    let mut key = key(id);
    key.request_count = Some(count);
    key
}

fn with_status(mut key: ApiKey, status: KeyStatus) -> ApiKey {
    key.status = status;
    key
}

fn new_key() -> ApiKey {
    let mut key = ApiKey::new("new");
    key.name = Some("new name".into());
    key.created_at = Some(t0());
    key
}

fn act(action: RotationAction) -> Event {
    Event::Act(action)
}

fn seen(keys: Vec<ApiKey>, at: DateTime<Utc>) -> Event {
    Event::Observed { keys, at }
}

fn choose(key_id: &str) -> Event {
    act(RotationAction::Choose {
        key_id: key_id.into(),
        override_in_use: false,
    })
}

fn delete(confirmation: &str, force: bool) -> Event {
    act(RotationAction::Revoke {
        confirmation: confirmation.into(),
        force,
    })
}

fn consumer(name: &str, checked: bool) -> Event {
    act(RotationAction::ConsumerChecked {
        name: name.into(),
        checked,
    })
}

fn vendor_error(kind: VendorErrorKind) -> VendorError {
    VendorError::new(kind, "vendor said no")
}

/// Vendor calls come one per batch, last, right after a journal write.
fn assert_journal_before_calls(effects: &[Effect]) {
    let calls: Vec<usize> = effects
        .iter()
        .enumerate()
        .filter(|(_, e)| e.calls_vendor())
        .map(|(i, _)| i)
        .collect();
    assert!(calls.len() <= 1, "one vendor call per step: {effects:?}");
    if let Some(&i) = calls.first() {
        assert!(
            i > 0 && effects[i - 1] == Effect::WriteJournal,
            "{effects:?}"
        );
        assert_eq!(i, effects.len() - 1, "{effects:?}");
    }
}

fn go(r: &Rotation, event: Event, now: DateTime<Utc>) -> (Rotation, Vec<Effect>) {
    let (next, effects) = step(r, event, now).expect("accepted");
    assert_journal_before_calls(&effects);
    (next, effects)
}

fn to(r: &Rotation, event: Event) -> Rotation {
    go(r, event, t0()).0
}

fn refused(r: &Rotation, event: Event, now: DateTime<Utc>) -> RotationError {
    step(r, event, now).expect_err("refused")
}

fn started(capabilities: &Capabilities) -> Rotation {
    let (r, effects) = start(
        "rot_1".into(),
        "p1".into(),
        VendorKind::Veryfi,
        capabilities,
        t0(),
    );
    assert_journal_before_calls(&effects);
    r
}

fn choosing(capabilities: &Capabilities, keys: Vec<ApiKey>) -> Rotation {
    to(&started(capabilities), seen(keys, t0()))
}

fn ready(capabilities: &Capabilities, keys: Vec<ApiKey>, old: &str) -> Rotation {
    to(&choosing(capabilities, keys), choose(old))
}

fn creating(capabilities: &Capabilities, keys: Vec<ApiKey>, old: &str) -> Rotation {
    let r = to(
        &ready(capabilities, keys.clone(), old),
        act(RotationAction::Create {
            draft: KeyDraft::default(),
        }),
    );
    to(&r, seen(keys, t0()))
}

fn created(capabilities: &Capabilities, keys: Vec<ApiKey>, old: &str) -> Rotation {
    to(
        &creating(capabilities, keys, old),
        Event::KeyCreated(new_key()),
    )
}

fn verifying(capabilities: &Capabilities, keys: Vec<ApiKey>, old: &str) -> Rotation {
    to(
        &created(capabilities, keys, old),
        act(RotationAction::SecretStored),
    )
}

fn retiring(capabilities: &Capabilities, keys: Vec<ApiKey>, old: &str) -> Rotation {
    to(
        &verifying(capabilities, keys, old),
        act(RotationAction::Retire),
    )
}

/// A checklist rotation whose verification is green.
fn green_checklist(capabilities: &Capabilities) -> Rotation {
    let r = verifying(capabilities, vec![key("old")], "old");
    let r = to(&r, consumer("payroll", true));
    to(&r, act(RotationAction::TestedNewKey { ok: true }))
}

fn green(r: &Rotation) -> bool {
    r.verification.as_ref().expect("verifying").green
}

// --- start and slots ---

#[test]
fn a_rotation_starts_by_listing_keys_with_the_vendors_rules() {
    let (r, effects) = start(
        "rot_1".into(),
        "p1".into(),
        VendorKind::Kayle,
        &counted(),
        t0(),
    );
    assert_eq!(r.state, RotationStep::CheckingSlots);
    assert_eq!(effects, [Effect::WriteJournal, Effect::ListKeys]);
    assert_eq!(r.quiet_window_secs, 600);
    assert_eq!(r.rules.usage, UsageSignal::RequestCount);
    assert!(r.rules.can_disable);
    assert_eq!(
        RotationRules::from(&limited()).usage,
        UsageSignal::Checklist
    );
    assert_eq!(
        RotationRules::from(&last_used_at()).usage,
        UsageSignal::LastUsedAt
    );
}

#[test]
fn under_the_limit_the_user_chooses_and_creates_first() {
    let (r, effects) = go(&started(&limited()), seen(vec![key("a")], t0()), t0());
    assert_eq!(effects, [Effect::WriteJournal]);
    assert!(!r.retire_first);
    let RotationStep::ChooseRetiring { keys, .. } = &r.state else {
        panic!("{:?}", r.state)
    };
    assert_eq!(keys.len(), 1);
    let r = to(&r, choose("a"));
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(r.old_key.as_ref().unwrap().id, "a");
}

#[test]
fn at_the_limit_the_chosen_key_is_retired_first() {
    let r = choosing(&limited(), vec![key("a"), key("b")]);
    assert!(r.retire_first);
    let r = to(&r, choose("b"));
    assert_eq!(r.state, RotationStep::Retiring { action: None });
    assert_eq!(r.old_key.as_ref().unwrap().id, "b");
}

#[test]
fn without_a_limit_many_keys_still_create_first() {
    let keys = (0..50).map(|i| key(&format!("k{i}"))).collect();
    assert!(!choosing(&last_used_at(), keys).retire_first);
}

#[test]
fn revoked_keys_neither_count_towards_the_limit_nor_can_be_chosen() {
    let r = choosing(
        &limited(),
        vec![key("a"), with_status(key("gone"), KeyStatus::Revoked)],
    );
    assert!(!r.retire_first);
    assert_eq!(
        refused(&r, choose("gone"), t0()),
        RotationError::UnknownKey {
            key_id: "gone".into()
        }
    );
}

#[test]
fn choosing_an_unknown_key_is_refused() {
    let r = choosing(&limited(), vec![key("a")]);
    assert_eq!(
        refused(&r, choose("zzz"), t0()),
        RotationError::UnknownKey {
            key_id: "zzz".into()
        }
    );
}

#[test]
fn a_key_used_within_the_hour_cannot_go_first_without_the_override() {
    let last = t0() - min(30);
    let r = choosing(&limited(), vec![used("a", last), key("b")]);
    let RotationStep::ChooseRetiring { in_use_key_ids, .. } = &r.state else {
        panic!()
    };
    assert_eq!(in_use_key_ids, &["a"]);
    assert_eq!(
        refused(&r, choose("a"), t0()),
        RotationError::KeyInUse {
            key_id: "a".into(),
            last_used_at: last
        }
    );
    let overridden = act(RotationAction::Choose {
        key_id: "a".into(),
        override_in_use: true,
    });
    assert_eq!(
        to(&r, overridden).state,
        RotationStep::Retiring { action: None }
    );
}

#[test]
fn in_use_means_used_at_or_after_one_hour_ago() {
    let exactly = choosing(&limited(), vec![used("a", t0() - min(60)), key("b")]);
    assert!(matches!(
        refused(&exactly, choose("a"), t0()),
        RotationError::KeyInUse { .. }
    ));
    let older = choosing(&limited(), vec![used("a", t0() - min(61)), key("b")]);
    assert_eq!(
        to(&older, choose("a")).state,
        RotationStep::Retiring { action: None }
    );
}

#[test]
fn creating_first_allows_choosing_a_key_in_use() {
    let r = choosing(&last_used_at(), vec![used("a", t0() - min(1))]);
    assert_eq!(to(&r, choose("a")).state, RotationStep::ReadyToCreate);
}

#[test]
fn a_new_list_while_choosing_recounts_the_slots() {
    let r = choosing(&limited(), vec![key("a")]);
    let r = to(&r, seen(vec![key("a"), key("b")], t0()));
    assert!(r.retire_first);
}

// --- creating ---

#[test]
fn create_lists_again_then_journals_the_snapshot_before_the_call() {
    let r = ready(&limited(), vec![key("a")], "a");
    let draft = KeyDraft {
        name: Some("rotated".into()),
        ..KeyDraft::default()
    };
    let (r, effects) = go(
        &r,
        act(RotationAction::Create {
            draft: draft.clone(),
        }),
        t0(),
    );
    assert_eq!(effects, [Effect::WriteJournal, Effect::ListKeys]);
    let (r, effects) = go(&r, seen(vec![key("a"), key("late")], t0()), t0());
    assert_eq!(
        r.state,
        RotationStep::Creating {
            pre_create_key_ids: vec!["a".into(), "late".into()]
        }
    );
    assert_eq!(effects, [Effect::WriteJournal, Effect::CreateKey(draft)]);
}

#[test]
fn a_failed_pre_create_listing_goes_back_to_ready() {
    let r = ready(&limited(), vec![key("a")], "a");
    let r = to(
        &r,
        act(RotationAction::Create {
            draft: KeyDraft::default(),
        }),
    );
    let (r, effects) = go(
        &r,
        Event::VendorFailed(vendor_error(VendorErrorKind::Server)),
        t0(),
    );
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(effects, [Effect::WriteJournal]);
    assert_eq!(r.problem.unwrap().reason, VendorErrorKind::Server);
}

#[test]
fn a_successful_create_records_the_new_key() {
    let (r, effects) = go(
        &creating(&limited(), vec![key("a")], "a"),
        Event::KeyCreated(new_key()),
        t0(),
    );
    assert_eq!(r.state, RotationStep::Created);
    assert_eq!(effects, [Effect::WriteJournal]);
    assert_eq!(r.new_key.as_ref().unwrap().id, "new");
    assert!(
        r.known_keys.iter().any(|k| k.id == "new"),
        "guards see the new key"
    );
}

#[test]
fn a_created_key_without_a_creation_time_gets_the_step_time() {
    let r = creating(&limited(), vec![key("a")], "a");
    let (r, _) = go(&r, Event::KeyCreated(ApiKey::new("n")), t0() + min(3));
    assert_eq!(r.new_key.unwrap().created_at, Some(t0() + min(3)));
}

#[test]
fn a_plain_refusal_goes_back_to_ready_with_the_error() {
    let r = creating(&limited(), vec![key("a")], "a");
    let mut error = vendor_error(VendorErrorKind::KeyLimitReached);
    error.code = Some("KEY_LIMIT_REACHED".into());
    let r = to(&r, Event::CreateFailed(error.into()));
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(
        r.problem.unwrap().code.as_deref(),
        Some("KEY_LIMIT_REACHED")
    );
}

#[test]
fn an_ambiguous_failure_with_orphans_reports_them() {
    let r = creating(&limited(), vec![key("a")], "a");
    let failure = CreateFailure {
        error: vendor_error(VendorErrorKind::ConnectionLost),
        orphan_candidates: vec![key("ghost")],
        orphan_check_failed: false,
    };
    let r = to(&r, Event::CreateFailed(failure));
    let RotationStep::OrphanFound {
        orphans,
        reason,
        explanation,
        revoking,
    } = &r.state
    else {
        panic!("{:?}", r.state)
    };
    assert_eq!(
        orphans.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["ghost"]
    );
    assert_eq!(*reason, OrphanReason::CreateAnswerLost);
    assert!(explanation.contains("nobody has seen"));
    assert_eq!(*revoking, None);
    assert!(r.new_key.is_none());
}

#[test]
fn an_ambiguous_failure_with_nothing_new_goes_back_to_ready() {
    let r = creating(&limited(), vec![key("a")], "a");
    let failure = CreateFailure {
        error: vendor_error(VendorErrorKind::Timeout),
        orphan_candidates: Vec::new(),
        orphan_check_failed: false,
    };
    let r = to(&r, Event::CreateFailed(failure));
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(r.problem.unwrap().reason, VendorErrorKind::Timeout);
}

#[test]
fn an_unknown_outcome_stays_creating_until_a_listing_settles_it() {
    let r = creating(&limited(), vec![key("a")], "a");
    let failure = CreateFailure {
        error: vendor_error(VendorErrorKind::ConnectionLost),
        orphan_candidates: Vec::new(),
        orphan_check_failed: true,
    };
    let (r, effects) = go(&r, Event::CreateFailed(failure), t0());
    assert!(matches!(r.state, RotationStep::Creating { .. }));
    assert!(effects.is_empty());
    assert!(r.problem.is_some());
    assert!(matches!(
        refused(&r, act(RotationAction::Cancel), t0()),
        RotationError::NotNow { .. }
    ));
    let (_, effects) = go(&r, act(RotationAction::Refresh), t0());
    assert_eq!(effects, [Effect::WriteJournal, Effect::ListKeys]);

    let found = to(
        &r,
        seen(
            vec![
                key("a"),
                key("x"),
                with_status(key("r"), KeyStatus::Revoked),
            ],
            t0(),
        ),
    );
    let RotationStep::OrphanFound { orphans, .. } = &found.state else {
        panic!("{:?}", found.state)
    };
    assert_eq!(orphans.len(), 1, "revoked keys are not orphans");
    assert_eq!(orphans[0].id, "x");
    let none = to(&r, seen(vec![key("a")], t0()));
    assert_eq!(none.state, RotationStep::ReadyToCreate);
}

// --- orphans ---

fn orphaned(capabilities: &Capabilities) -> Rotation {
    let r = creating(capabilities, vec![key("a")], "a");
    to(&r, seen(vec![key("a"), key("x"), key("y")], t0()))
}

#[test]
fn orphans_are_deleted_one_at_a_time_then_creating_resumes() {
    let r = orphaned(&limited());
    let (r, effects) = go(
        &r,
        act(RotationAction::RevokeOrphan { key_id: "x".into() }),
        t0(),
    );
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::RevokeKey("x".into())]
    );
    assert_eq!(
        refused(
            &r,
            act(RotationAction::RevokeOrphan { key_id: "y".into() }),
            t0()
        ),
        RotationError::Busy
    );
    let r = to(&r, Event::Revoked { key_id: "x".into() });
    assert!(
        matches!(&r.state, RotationStep::OrphanFound { orphans, revoking: None, .. } if orphans.len() == 1)
    );
    let r = to(&r, act(RotationAction::RevokeOrphan { key_id: "y".into() }));
    let r = to(&r, Event::Revoked { key_id: "y".into() });
    assert_eq!(r.state, RotationStep::ReadyToCreate);
}

#[test]
fn only_a_listed_orphan_can_be_deleted_this_way() {
    let r = orphaned(&limited());
    assert_eq!(
        refused(
            &r,
            act(RotationAction::RevokeOrphan { key_id: "a".into() }),
            t0()
        ),
        RotationError::UnknownKey { key_id: "a".into() }
    );
}

#[test]
fn a_failed_orphan_delete_can_be_tried_again() {
    let r = orphaned(&limited());
    let r = to(&r, act(RotationAction::RevokeOrphan { key_id: "x".into() }));
    let r = to(
        &r,
        Event::VendorFailed(vendor_error(VendorErrorKind::Server)),
    );
    assert!(matches!(
        r.state,
        RotationStep::OrphanFound { revoking: None, .. }
    ));
    assert!(r.problem.is_some());
    to(&r, act(RotationAction::RevokeOrphan { key_id: "x".into() }));
}

#[test]
fn the_last_active_key_is_not_deleted_as_an_orphan_where_the_vendor_forbids_it() {
    let r = orphaned(&limited());
    let r = to(
        &r,
        seen(
            vec![with_status(key("a"), KeyStatus::Expired), key("x")],
            t0(),
        ),
    );
    assert_eq!(
        refused(
            &r,
            act(RotationAction::RevokeOrphan { key_id: "x".into() }),
            t0()
        ),
        RotationError::LastActiveKey
    );
}

#[test]
fn orphans_gone_from_the_list_are_dropped() {
    let r = orphaned(&limited());
    let r = to(&r, seen(vec![key("a"), key("y")], t0()));
    assert!(
        matches!(&r.state, RotationStep::OrphanFound { orphans, .. } if orphans.len() == 1 && orphans[0].id == "y")
    );
    let r = to(&r, seen(vec![key("a")], t0()));
    assert_eq!(r.state, RotationStep::ReadyToCreate);
}

#[test]
fn lost_create_orphans_can_be_left_in_place() {
    let r = to(&orphaned(&limited()), act(RotationAction::DismissOrphans));
    assert_eq!(r.state, RotationStep::ReadyToCreate);
}

#[test]
fn an_unconfirmed_secret_can_be_kept_or_its_key_deleted() {
    let mut r = created(&limited(), vec![key("a")], "a");
    r.state = orphan_found(
        vec![r.new_key.clone().unwrap()],
        OrphanReason::SecretNotConfirmed,
    );
    assert!(matches!(
        refused(&r, act(RotationAction::DismissOrphans), t0()),
        RotationError::NotNow { .. }
    ));

    let kept = to(&r, act(RotationAction::SecretStored));
    assert_eq!(kept.state, RotationStep::Verifying);
    assert_eq!(kept.new_key.as_ref().unwrap().id, "new");

    let r = to(
        &r,
        act(RotationAction::RevokeOrphan {
            key_id: "new".into(),
        }),
    );
    let r = to(
        &r,
        Event::Revoked {
            key_id: "new".into(),
        },
    );
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert!(
        r.new_key.is_none(),
        "the deleted key is no longer the new key"
    );
}

// --- verification: last used ---

#[test]
fn the_secret_stored_starts_verification_with_a_listing() {
    let (r, effects) = go(
        &created(&limited(), vec![key("a")], "a"),
        act(RotationAction::SecretStored),
        t0() + min(1),
    );
    assert_eq!(r.state, RotationStep::Verifying);
    assert_eq!(effects, [Effect::WriteJournal, Effect::ListKeys]);
    let v = r.verification.unwrap();
    assert_eq!(v.since, t0() + min(1));
    assert!(!v.green);
}

#[test]
fn green_needs_the_new_key_used_and_the_old_quiet_for_exactly_the_window() {
    let old_last = t0() + min(2);
    let r = verifying(&last_used_at(), vec![used("old", t0() - min(5))], "old");
    let keys = vec![used("old", old_last), used("new", t0() + min(3))];

    let (r, effects) = go(
        &r,
        seen(keys.clone(), old_last + min(10) - Duration::seconds(1)),
        t0(),
    );
    assert!(effects.is_empty(), "polling writes no journal");
    let v = r.verification.as_ref().unwrap();
    assert_eq!(v.new_key_first_used.as_ref().unwrap().at, t0() + min(3));
    assert_eq!(
        v.new_key_first_used.as_ref().unwrap().ip.as_deref(),
        Some("10.0.0.7")
    );
    assert_eq!(v.old_key_last_used, Some(old_last));
    assert_eq!(v.old_quiet_for_secs, Some(599));
    assert!(!v.green);

    let r = to(&r, seen(keys, old_last + min(10)));
    assert_eq!(
        r.verification.as_ref().unwrap().old_quiet_for_secs,
        Some(600)
    );
    assert!(green(&r));
}

#[test]
fn the_new_key_unused_is_not_green_however_quiet_the_old_one() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(
            vec![used("old", t0() - Duration::days(3)), new_key()],
            t0() + min(30),
        ),
    );
    assert!(!green(&r));
    assert!(r.verification.unwrap().new_key_first_used.is_none());
}

#[test]
fn a_use_before_the_new_key_existed_does_not_count() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(vec![key("old"), used("new", t0() - min(1))], t0() + min(30)),
    );
    assert!(r.verification.unwrap().new_key_first_used.is_none());
}

#[test]
fn an_old_key_never_used_is_quiet_since_it_was_created() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(vec![key("old"), used("new", t0() + min(1))], t0() + min(2)),
    );
    assert!(green(&r), "created 30 days ago, never used");
}

#[test]
fn a_shorter_quiet_window_can_turn_verification_green() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(
            vec![used("old", t0()), used("new", t0() + min(1))],
            t0() + min(5),
        ),
    );
    assert!(!green(&r));
    let r = to(&r, act(RotationAction::SetQuietWindow { seconds: 300 }));
    assert_eq!(r.quiet_window_secs, 300);
    assert!(green(&r));
}

#[test]
fn the_quiet_window_has_bounds() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    for seconds in [59, 7 * 24 * 3600 + 1] {
        assert!(matches!(
            refused(&r, act(RotationAction::SetQuietWindow { seconds }), t0()),
            RotationError::QuietWindowOutOfRange { .. }
        ));
    }
    to(&r, act(RotationAction::SetQuietWindow { seconds: 60 }));
}

// --- verification: request count (Kayle) ---

#[test]
fn with_only_a_count_used_means_the_count_went_up_between_looks() {
    let r = verifying(&counted(), vec![counted_key("old", 5)], "old");
    let r = to(
        &r,
        seen(
            vec![counted_key("old", 5), counted_key("new", 0)],
            t0() + min(1),
        ),
    );
    let v = r.verification.as_ref().unwrap();
    assert!(v.new_key_first_used.is_none());
    assert_eq!(v.old_key_last_used, None, "a first count is not a use");
    assert_eq!(v.old_quiet_since, Some(t0() + min(1)));

    let r = to(
        &r,
        seen(
            vec![counted_key("old", 6), counted_key("new", 3)],
            t0() + min(2),
        ),
    );
    let v = r.verification.as_ref().unwrap();
    assert_eq!(v.new_key_first_used.as_ref().unwrap().at, t0() + min(2));
    assert_eq!(v.new_key_first_used.as_ref().unwrap().ip, None);
    assert_eq!(v.old_key_last_used, Some(t0() + min(2)));
    assert!(!v.green);

    let r = to(
        &r,
        seen(
            vec![counted_key("old", 6), counted_key("new", 9)],
            t0() + min(11),
        ),
    );
    assert!(!green(&r), "quiet for nine minutes");
    let r = to(
        &r,
        seen(
            vec![counted_key("old", 6), counted_key("new", 9)],
            t0() + min(12),
        ),
    );
    assert!(green(&r));
}

#[test]
fn a_new_key_already_counting_at_the_first_look_was_used() {
    let r = verifying(&counted(), vec![counted_key("old", 5)], "old");
    let r = to(
        &r,
        seen(
            vec![counted_key("old", 5), counted_key("new", 2)],
            t0() + min(1),
        ),
    );
    assert!(r.verification.unwrap().new_key_first_used.is_some());
}

// --- verification: checklist ---

#[test]
fn without_usage_data_green_needs_every_consumer_ticked_and_the_new_key_tested() {
    let r = verifying(&limited(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(
            vec![
                used("old", t0() - Duration::days(2)),
                used("new", t0() + min(1)),
            ],
            t0() + min(30),
        ),
    );
    assert!(!green(&r), "usage is ignored where the vendor reports none");
    let r = to(&r, act(RotationAction::TestedNewKey { ok: true }));
    assert!(!green(&r), "no consumer ticked");
    let r = to(&r, consumer("payroll", false));
    assert!(!green(&r));
    let r = to(&r, consumer(" payroll ", true));
    assert_eq!(
        r.verification.as_ref().unwrap().consumers.len(),
        1,
        "names are trimmed"
    );
    assert!(green(&r));
    let r = to(&r, consumer("hr", false));
    assert!(!green(&r));
    let r = to(
        &r,
        act(RotationAction::ConsumerRemoved { name: "hr".into() }),
    );
    assert!(green(&r));
    let r = to(&r, act(RotationAction::TestedNewKey { ok: false }));
    assert!(!green(&r), "a failed test undoes green");
}

#[test]
fn a_consumer_needs_a_name() {
    let r = verifying(&limited(), vec![key("old")], "old");
    assert_eq!(
        refused(&r, consumer("  ", true), t0()),
        RotationError::EmptyConsumerName
    );
}

// --- retiring ---

#[test]
fn retire_and_finish_depend_on_whether_the_old_key_remains() {
    let r = verifying(&limited(), vec![key("old")], "old");
    assert_eq!(
        refused(&r, act(RotationAction::Finish), t0()),
        RotationError::OldKeyRemains
    );
    assert_eq!(
        to(&r, act(RotationAction::Retire)).state,
        RotationStep::Retiring { action: None }
    );
}

#[test]
fn delete_needs_the_old_keys_name_or_id_typed_exactly() {
    let r = green_checklist(&caps(None, false, true, LastUsedFields::default()));
    for wrong in ["", "old name!", "OLD", "new"] {
        assert_eq!(
            refused(
                &to(&r, act(RotationAction::Retire)),
                delete(wrong, false),
                t0()
            ),
            RotationError::ConfirmationMismatch,
            "{wrong:?}"
        );
    }
    let r = to(&r, act(RotationAction::Retire));
    let (_, effects) = go(&r, delete("old name", false), t0());
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::RevokeKey("old".into())]
    );
    let (_, effects) = go(&r, delete("old", false), t0());
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::RevokeKey("old".into())]
    );
}

#[test]
fn deleting_before_green_needs_the_early_delete_override() {
    let r = retiring(&limited(), vec![key("old")], "old");
    assert_eq!(
        refused(&r, delete("old", false), t0()),
        RotationError::NotVerified
    );
    let (r, effects) = go(&r, delete("old", true), t0());
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::RevokeKey("old".into())]
    );
    assert_eq!(
        r.state,
        RotationStep::Retiring {
            action: Some(RetireAction::Revoking)
        }
    );
}

#[test]
fn green_can_arrive_while_retiring() {
    let r = retiring(&last_used_at(), vec![key("old")], "old");
    let r = to(
        &r,
        seen(vec![key("old"), used("new", t0() + min(1))], t0() + min(2)),
    );
    assert!(green(&r));
    to(&r, delete("old", false));
}

#[test]
fn the_last_active_key_is_kept_where_the_vendor_forbids_deleting_it() {
    let protected = caps(None, false, false, LastUsedFields::default());
    let r = to(&green_checklist(&protected), act(RotationAction::Retire));
    let r = to(
        &r,
        seen(
            vec![key("old"), with_status(new_key(), KeyStatus::Disabled)],
            t0(),
        ),
    );
    assert_eq!(
        refused(&r, delete("old", false), t0()),
        RotationError::LastActiveKey
    );

    let allowed = caps(None, false, true, LastUsedFields::default());
    let r = to(&green_checklist(&allowed), act(RotationAction::Retire));
    let r = to(
        &r,
        seen(
            vec![key("old"), with_status(new_key(), KeyStatus::Disabled)],
            t0(),
        ),
    );
    to(&r, delete("old", false));
}

#[test]
fn the_new_key_counts_as_active_as_soon_as_it_is_created() {
    let r = to(&green_checklist(&limited()), act(RotationAction::Retire));
    let (_, effects) = go(&r, delete("old", false), t0());
    assert_eq!(effects.last(), Some(&Effect::RevokeKey("old".into())));
}

#[test]
fn a_deleted_old_key_ends_the_rotation() {
    let r = to(&green_checklist(&limited()), act(RotationAction::Retire));
    let r = to(&r, delete("old", false));
    let (r, effects) = go(
        &r,
        Event::Revoked {
            key_id: "old".into(),
        },
        t0(),
    );
    assert_eq!(r.state, RotationStep::Done);
    assert_eq!(effects, [Effect::WriteJournal]);
    assert!(r.old_key_revoked);
    assert_eq!(
        refused(&r, act(RotationAction::Refresh), t0()),
        RotationError::Finished
    );
}

#[test]
fn a_failed_delete_leaves_retiring_ready_to_try_again() {
    let r = to(&green_checklist(&limited()), act(RotationAction::Retire));
    let r = to(&r, delete("old", false));
    assert_eq!(
        refused(&r, act(RotationAction::Cancel), t0()),
        RotationError::Busy
    );
    let r = to(
        &r,
        Event::VendorFailed(vendor_error(VendorErrorKind::LastKeyProtected)),
    );
    assert_eq!(r.state, RotationStep::Retiring { action: None });
    assert_eq!(r.problem.unwrap().reason, VendorErrorKind::LastKeyProtected);
}

#[test]
fn where_the_vendor_can_disable_the_old_key_is_disabled_before_deletion() {
    let r = retiring(&counted(), vec![counted_key("old", 1)], "old");
    assert_eq!(
        refused(&r, delete("old", true), t0()),
        RotationError::DisableFirst
    );
    let (r, effects) = go(&r, act(RotationAction::Disable), t0());
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::DisableKey("old".into())]
    );
    assert_eq!(
        refused(&r, act(RotationAction::Disable), t0()),
        RotationError::Busy
    );
    let r = to(
        &r,
        Event::Disabled {
            key_id: "old".into(),
        },
    );
    assert!(r.old_key_disabled);
    assert_eq!(r.state, RotationStep::Retiring { action: None });
    assert_eq!(
        refused(&r, act(RotationAction::Disable), t0()),
        RotationError::AlreadyDisabled
    );
    to(&r, delete("old", true));
}

#[test]
fn disabling_is_refused_where_the_vendor_cannot() {
    let r = retiring(&limited(), vec![key("old")], "old");
    assert_eq!(
        refused(&r, act(RotationAction::Disable), t0()),
        RotationError::CannotDisable
    );
}

#[test]
fn a_listing_shows_a_disable_or_delete_that_went_through_unanswered() {
    let r = retiring(&counted(), vec![counted_key("old", 1)], "old");
    let r = to(&r, act(RotationAction::Disable));
    let r = to(
        &r,
        Event::VendorFailed(vendor_error(VendorErrorKind::Timeout)),
    );
    let r = to(
        &r,
        seen(
            vec![
                with_status(counted_key("old", 1), KeyStatus::Disabled),
                counted_key("new", 0),
            ],
            t0(),
        ),
    );
    assert!(r.old_key_disabled);
    let r = to(&r, seen(vec![counted_key("new", 0)], t0()));
    assert_eq!(r.state, RotationStep::Done);
}

#[test]
fn retire_first_deletes_then_creates_then_finishes_after_verifying() {
    let r = choosing(&limited(), vec![key("a"), key("b")]);
    let r = to(&r, choose("b"));
    let (r, effects) = go(&r, delete("b", false), t0());
    assert_eq!(
        effects,
        [Effect::WriteJournal, Effect::RevokeKey("b".into())],
        "no green needed before a new key exists"
    );
    let r = to(&r, Event::Revoked { key_id: "b".into() });
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    let r = to(
        &r,
        act(RotationAction::Create {
            draft: KeyDraft::default(),
        }),
    );
    let r = to(&r, seen(vec![key("a")], t0()));
    let r = to(&r, Event::KeyCreated(new_key()));
    let r = to(&r, act(RotationAction::SecretStored));
    assert!(r.verification.as_ref().unwrap().old_key_gone);
    assert_eq!(
        refused(&r, act(RotationAction::Retire), t0()),
        RotationError::NoOldKey
    );
    let r = to(&r, act(RotationAction::Finish));
    assert_eq!(r.state, RotationStep::Done);
}

// --- anywhere ---

#[test]
fn cancel_ends_an_idle_rotation() {
    let r = choosing(&limited(), vec![key("a")]);
    let (r, effects) = go(&r, act(RotationAction::Cancel), t0());
    assert_eq!(r.state, RotationStep::Cancelled);
    assert_eq!(effects, [Effect::WriteJournal]);
    assert_eq!(
        refused(
            &r,
            Event::Observed {
                keys: vec![],
                at: t0()
            },
            t0()
        ),
        RotationError::Finished
    );
}

#[test]
fn events_out_of_place_are_refused_by_name() {
    let r = choosing(&limited(), vec![key("a")]);
    assert_eq!(
        refused(&r, Event::Revoked { key_id: "a".into() }, t0()),
        RotationError::NotNow {
            step: "chooseRetiring".into(),
            event: "revoked".into()
        }
    );
    assert_eq!(
        refused(&r, act(RotationAction::SecretStored), t0()),
        RotationError::NotNow {
            step: "chooseRetiring".into(),
            event: "secretStored".into()
        }
    );
    assert!(matches!(
        refused(&r, Event::KeyCreated(new_key()), t0()),
        RotationError::NotNow { .. }
    ));
    let retiring = retiring(&counted(), vec![counted_key("old", 1)], "old");
    assert!(
        matches!(
            refused(
                &retiring,
                Event::Disabled {
                    key_id: "old".into()
                },
                t0()
            ),
            RotationError::NotNow { .. }
        ),
        "no disable was sent"
    );
}

#[test]
fn refresh_lists_and_a_failed_listing_only_reports() {
    let r = to(
        &started(&limited()),
        Event::VendorFailed(vendor_error(VendorErrorKind::Unreachable)),
    );
    assert_eq!(r.state, RotationStep::CheckingSlots);
    assert!(r.problem.is_some());
    let (r, effects) = go(&r, act(RotationAction::Refresh), t0());
    assert_eq!(effects, [Effect::WriteJournal, Effect::ListKeys]);
    assert!(r.problem.is_none(), "a new action clears the old problem");
}

#[test]
fn the_ui_sees_tagged_steps_and_no_internal_key_list() {
    let r = verifying(&last_used_at(), vec![key("old")], "old");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["state"]["step"], "verifying");
    assert_eq!(json["quietWindowSecs"], 600);
    assert!(json.get("knownKeys").is_none());
    assert_eq!(json["verification"]["signal"], "lastUsedAt");
    let action: RotationAction =
        serde_json::from_value(serde_json::json!({"action": "revoke", "confirmation": "old"}))
            .unwrap();
    assert_eq!(
        action,
        RotationAction::Revoke {
            confirmation: "old".into(),
            force: false
        }
    );
}
