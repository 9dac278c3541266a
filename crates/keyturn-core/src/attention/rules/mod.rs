//! The attention rules, one family per file. Each reads one connection's facts
//! (and the open rotations) at `now` and says what needs attention.

pub mod connection;
pub mod disabled;
pub mod expiry;
pub mod key_limit;
pub mod policy;
pub mod rotations;
#[cfg(test)]
pub(crate) mod test_support;
pub mod usage;

use chrono::{DateTime, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::AttentionItem;
use crate::attention::settings::AttentionSettings;
use crate::rotation::state::Rotation;

/// Every item for every connection, unordered (`summary::summarize` orders them).
/// A connection that cannot be reached still shows what its last listing said.
pub fn items(
    connections: &[ConnectionFacts<'_>],
    rotations: &[Rotation],
    settings: &AttentionSettings,
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    let mut out = Vec::new();
    for facts in connections {
        let rotations: Vec<&Rotation> = rotations
            .iter()
            .filter(|r| r.connection_id == facts.connection.id && !r.state.is_finished())
            .collect();
        out.extend(connection::items(facts, now));
        out.extend(expiry::items(facts, settings, now));
        out.extend(usage::items(facts, settings, now));
        out.extend(disabled::items(facts, settings, now));
        out.extend(key_limit::items(facts));
        out.extend(policy::items(facts, &rotations, now));
        out.extend(rotations::items(facts, &rotations, now));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::attention::facts::ConnectionStatus;
    use crate::attention::item::AttentionKind;
    use crate::keys::model::{KeyStatus, LastUsed};

    #[test]
    fn a_failing_connection_keeps_its_last_known_items_with_their_old_as_of() {
        let summary = connection("c1");
        let listed_at = now() - chrono::Duration::hours(5);
        let mut expiring = key("k1");
        expiring.expires_at = Some(now() + chrono::Duration::days(3));
        let mut never = key("k2");
        never.last_used = LastUsed::Never;
        never.created_at = Some(now() - chrono::Duration::days(30));
        let list = listing("c1", vec![expiring, never], listed_at);
        let mut facts = facts(&summary, Some(&list));
        facts.status = ConnectionStatus::Failing {
            reason: "The vendor did not answer in 30 s.".into(),
            since: Some(now() - chrono::Duration::hours(2)),
        };

        let found = items(&[facts], &[], &Default::default(), now());
        let kinds: Vec<_> = found
            .iter()
            .map(|i| (i.kind, i.key_id.as_deref()))
            .collect();
        assert_eq!(
            kinds,
            [
                (AttentionKind::ConnectionFailing, None),
                (AttentionKind::Expiring, Some("k1")),
                (AttentionKind::NeverUsed, Some("k2")),
            ]
        );
        assert!(
            found.iter().all(|i| i.as_of == Some(listed_at)),
            "every item says how old its facts are: {found:#?}"
        );
        let failing = &found[0];
        assert!(failing.why.contains("did not answer"), "{}", failing.why);
        assert!(
            failing.why.contains("listed 5 hours ago"),
            "{}",
            failing.why
        );
    }

    #[test]
    fn revoked_keys_need_no_attention() {
        let summary = connection("c1");
        let mut gone = key("k1");
        gone.status = KeyStatus::Revoked;
        gone.expires_at = Some(now() - chrono::Duration::days(1));
        gone.last_used = LastUsed::Never;
        gone.created_at = Some(now() - chrono::Duration::days(400));
        let list = listing("c1", vec![gone], now());
        let mut facts = facts(&summary, Some(&list));
        facts.rotation_policy.every_days = Some(30);
        assert!(items(&[facts], &[], &Default::default(), now()).is_empty());
    }
}
