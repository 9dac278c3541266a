//! Rotations not yet done: in progress, or stuck (a vendor call failed, a key
//! appeared whose secret nobody saw, or nothing has happened for a day).

use chrono::{DateTime, Duration, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::wording::{date, relative, span};
use crate::rotation::state::{Rotation, RotationStep};

/// A rotation nothing has happened to for this long waits for the user.
pub fn stuck_after() -> Duration {
    Duration::days(1)
}

pub fn items(
    facts: &ConnectionFacts<'_>,
    open_rotations: &[&Rotation],
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    open_rotations
        .iter()
        .map(|rotation| {
            let step = step_words(&rotation.state);
            let (kind, why) = if let Some(problem) = &rotation.problem {
                (
                    AttentionKind::RotationStuck,
                    format!("The rotation stopped while {step}: {}", problem.message),
                )
            } else if matches!(rotation.state, RotationStep::OrphanFound { .. }) {
                (
                    AttentionKind::RotationStuck,
                    "The rotation found a key whose secret nobody saw: revoke it to go on."
                        .to_owned(),
                )
            } else if now - rotation.updated_at >= stuck_after() {
                (
                    AttentionKind::RotationStuck,
                    format!(
                        "The rotation has been waiting for {} while {step} (since {}).",
                        span(now - rotation.updated_at),
                        date(rotation.updated_at, now)
                    ),
                )
            } else {
                (
                    AttentionKind::RotationInProgress,
                    format!(
                        "Rotating: {step}; started {}.",
                        relative(rotation.started_at, now)
                    ),
                )
            };
            let old_key = rotation.old_key.as_ref();
            AttentionItem {
                key_name: old_key.and_then(|k| k.name.clone()),
                rotation_id: Some(rotation.id.clone()),
                as_of: Some(rotation.updated_at),
                ..AttentionItem::new(kind, facts, old_key.map(|k| k.id.as_str()), why)
            }
        })
        .collect()
}

/// What a rotation is doing, in words: "rolling out and verifying".
pub fn step_words(step: &RotationStep) -> &'static str {
    match step {
        RotationStep::CheckingSlots => "checking slots",
        RotationStep::ChooseRetiring { .. } => "choosing the key to replace",
        RotationStep::ReadyToCreate
        | RotationStep::ListingBeforeCreate { .. }
        | RotationStep::Creating { .. } => "creating the new key",
        RotationStep::Created => "showing the new key's secret",
        RotationStep::OrphanFound { .. } => "revoking a key whose secret nobody saw",
        RotationStep::Verifying => "rolling out and verifying",
        RotationStep::Retiring { .. } => "retiring the old key",
        RotationStep::Done => "done",
        RotationStep::Cancelled => "cancelled",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::attention::rules::test_support::*;
    use crate::connections::connection::VendorKind;
    use crate::rotation::state::{
        KeyRef, OrphanReason, RotationProblem, RotationRules, UsageSignal,
    };
    use crate::vendors::error::VendorErrorKind;

    /// A rotation of `old_key_id` on `connection_id`, verifying, last changed at `updated_at`.
    pub(crate) fn rotation(
        connection_id: &str,
        old_key_id: Option<&str>,
        updated_at: DateTime<Utc>,
    ) -> Rotation {
        Rotation {
            id: "rot_1".into(),
            connection_id: connection_id.into(),
            vendor: VendorKind::Verifa,
            rules: RotationRules {
                max_keys: None,
                can_disable: true,
                last_key_revocable: true,
                usage: UsageSignal::LastUsedAt,
            },
            quiet_window_secs: 600,
            started_at: updated_at - Duration::hours(2),
            updated_at,
            retire_first: false,
            old_key: old_key_id.map(|id| KeyRef {
                id: id.into(),
                name: Some(format!("key {id}")),
                created_at: None,
            }),
            old_key_disabled: false,
            old_key_revoked: false,
            new_key: None,
            verification: None,
            problem: None,
            state: RotationStep::Verifying,
            known_keys: Vec::new(),
        }
    }

    fn found(r: &Rotation) -> AttentionItem {
        let summary = connection("c1");
        let mut found = items(&facts(&summary, None), &[r], now());
        assert_eq!(found.len(), 1);
        found.remove(0)
    }

    #[test]
    fn a_rotation_under_way_is_in_progress_and_opens_it() {
        let item = found(&rotation("c1", Some("k1"), now() - Duration::minutes(5)));
        assert_eq!(item.kind, AttentionKind::RotationInProgress);
        assert_eq!(item.id, "rotationInProgress:c1:k1");
        assert_eq!(item.rotation_id.as_deref(), Some("rot_1"));
        assert_eq!(item.key_name.as_deref(), Some("key k1"));
        assert_eq!(
            item.why,
            "Rotating: rolling out and verifying; started 2 hours ago (Tue 1 Dec)."
        );
        assert_eq!(item.as_of, Some(now() - Duration::minutes(5)));
    }

    #[test]
    fn waiting_a_day_in_a_step_is_stuck() {
        let day = stuck_after();
        let stuck = found(&rotation("c1", Some("k1"), now() - day));
        assert_eq!(stuck.kind, AttentionKind::RotationStuck);
        assert_eq!(
            stuck.why,
            "The rotation has been waiting for 1 day while rolling out and verifying (since Mon 30 Nov)."
        );
        assert_eq!(
            found(&rotation(
                "c1",
                Some("k1"),
                now() - day + Duration::seconds(1)
            ))
            .kind,
            AttentionKind::RotationInProgress
        );
    }

    #[test]
    fn a_problem_or_an_orphan_is_stuck_at_once() {
        let mut failed = rotation("c1", None, now());
        failed.state = RotationStep::Retiring { action: None };
        failed.problem = Some(RotationProblem {
            reason: VendorErrorKind::Server,
            message: "The vendor is unavailable (503).".into(),
            code: None,
            request_id: None,
        });
        let item = found(&failed);
        assert_eq!(item.kind, AttentionKind::RotationStuck);
        assert_eq!(item.id, "rotationStuck:c1:-");
        assert_eq!(
            item.why,
            "The rotation stopped while retiring the old key: The vendor is unavailable (503)."
        );

        let mut orphan = rotation("c1", Some("k1"), now());
        orphan.state = RotationStep::OrphanFound {
            orphans: Vec::new(),
            reason: OrphanReason::CreateAnswerLost,
            explanation: String::new(),
            revoking: None,
        };
        assert_eq!(found(&orphan).kind, AttentionKind::RotationStuck);
    }
}
