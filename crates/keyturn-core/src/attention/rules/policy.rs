//! Keys older than the connection's "rotate every N days" (off by default).
//! A key already being rotated is left to its rotation's item.

use chrono::{DateTime, Duration, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::wording::{relative, span};
use crate::keys::model::KeyStatus;
use crate::rotation::state::Rotation;

pub fn items(
    facts: &ConnectionFacts<'_>,
    open_rotations: &[&Rotation],
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    let Some(every_days) = facts.rotation_policy.every_days else {
        return Vec::new();
    };
    let every = Duration::days(every_days.into());
    let rotating = |id: &str| {
        open_rotations
            .iter()
            .any(|r| r.remaining_old_key().is_some_and(|k| k.id == id))
    };
    facts
        .keys()
        .iter()
        .filter(|key| key.effective_status(now) == KeyStatus::Active && !rotating(&key.id))
        .filter_map(|key| {
            let created = key.created_at?;
            let due = created + every;
            (due <= now).then(|| {
                let why = format!(
                    "Created {} ago; this connection rotates keys every {every_days} days, so it was due {}.",
                    span(now - created),
                    relative(due, now)
                );
                AttentionItem::of_key(AttentionKind::RotationDue, facts, key, why).due(Some(due))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::rotations::tests::rotation;
    use crate::attention::rules::test_support::*;
    use crate::attention::settings::RotationPolicy;
    use crate::keys::model::ApiKey;

    fn found(
        created_ago: Duration,
        every_days: Option<u32>,
        rotations: &[&Rotation],
    ) -> Vec<AttentionItem> {
        let summary = connection("c1");
        let k = ApiKey {
            created_at: Some(now() - created_ago),
            ..key("k1")
        };
        let list = listing("c1", vec![k], now());
        let mut facts = facts(&summary, Some(&list));
        facts.rotation_policy = RotationPolicy { every_days };
        items(&facts, rotations, now())
    }

    #[test]
    fn due_at_and_either_side_of_the_period() {
        let at = found(Duration::days(90), Some(90), &[]);
        assert_eq!(at.len(), 1);
        assert_eq!(at[0].deadline, Some(now()));
        assert_eq!(
            at[0].why,
            "Created 90 days ago; this connection rotates keys every 90 days, so it was due less than an hour ago (Tue 1 Dec)."
        );
        assert_eq!(
            found(Duration::days(120), Some(90), &[])[0].deadline,
            Some(now() - Duration::days(30))
        );
        assert!(found(Duration::days(90) - Duration::seconds(1), Some(90), &[]).is_empty());
    }

    #[test]
    fn off_by_default() {
        assert!(found(Duration::days(3000), None, &[]).is_empty());
    }

    #[test]
    fn a_key_being_rotated_is_left_to_its_rotation() {
        let r = rotation("c1", Some("k1"), now());
        assert!(found(Duration::days(200), Some(90), &[&r]).is_empty());
        let other = rotation("c1", Some("k2"), now());
        assert_eq!(found(Duration::days(200), Some(90), &[&other]).len(), 1);
    }
}
