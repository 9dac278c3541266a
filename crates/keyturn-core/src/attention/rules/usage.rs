//! Active keys nobody uses: stale (last used long ago) and never used (some
//! days after they were created). A vendor that reports no last use says
//! nothing here: not reported is not "never used".

use chrono::{DateTime, Duration, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::settings::AttentionSettings;
use crate::attention::wording::relative;
use crate::keys::model::{KeyStatus, LastUsed};

pub fn items(
    facts: &ConnectionFacts<'_>,
    settings: &AttentionSettings,
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    let stale_after = Duration::days(settings.stale_days.into());
    let grace = Duration::days(settings.never_used_grace_days.into());
    facts
        .keys()
        .iter()
        .filter(|key| key.effective_status(now) == KeyStatus::Active)
        .filter_map(|key| {
            let (kind, why) = match (&key.last_used, key.created_at) {
                (LastUsed::Used { at, .. }, _) if now - *at >= stale_after => (
                    AttentionKind::Stale,
                    format!("Last used {}.", relative(*at, now)),
                ),
                (LastUsed::Never, Some(created)) if now - created >= grace => (
                    AttentionKind::NeverUsed,
                    format!("Never used; created {}.", relative(created, now)),
                ),
                _ => return None,
            };
            Some(AttentionItem::of_key(kind, facts, key, why))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::*;
    use crate::keys::model::ApiKey;

    fn found(k: ApiKey) -> Vec<(AttentionKind, String)> {
        let summary = connection("c1");
        let list = listing("c1", vec![k], now());
        let settings = AttentionSettings {
            stale_days: 90,
            never_used_grace_days: 7,
            ..Default::default()
        };
        items(&facts(&summary, Some(&list)), &settings, now())
            .into_iter()
            .map(|i| (i.kind, i.why))
            .collect()
    }

    fn last_used(ago: Duration) -> ApiKey {
        ApiKey {
            last_used: used(now() - ago),
            ..key("k1")
        }
    }

    fn never_used(created_ago: Duration) -> ApiKey {
        ApiKey {
            last_used: LastUsed::Never,
            created_at: Some(now() - created_ago),
            ..key("k1")
        }
    }

    #[test]
    fn stale_at_and_either_side_of_the_threshold() {
        assert_eq!(
            found(last_used(Duration::days(90))),
            [(
                AttentionKind::Stale,
                "Last used 90 days ago (Wed 2 Sep).".to_owned()
            )]
        );
        assert_eq!(
            found(last_used(Duration::days(90) + Duration::seconds(1)))[0].0,
            AttentionKind::Stale
        );
        assert!(found(last_used(Duration::days(90) - Duration::seconds(1))).is_empty());
    }

    #[test]
    fn never_used_after_the_grace_period() {
        assert_eq!(
            found(never_used(Duration::days(7))),
            [(
                AttentionKind::NeverUsed,
                "Never used; created 7 days ago (Tue 24 Nov).".to_owned()
            )]
        );
        assert_eq!(
            found(never_used(Duration::days(8)))[0].0,
            AttentionKind::NeverUsed
        );
        assert!(found(never_used(Duration::days(7) - Duration::seconds(1))).is_empty());
    }

    #[test]
    fn not_reported_and_unknown_ages_say_nothing() {
        assert!(found(ApiKey {
            last_used: LastUsed::NotReported,
            created_at: Some(now() - Duration::days(900)),
            ..key("k1")
        })
        .is_empty());
        assert!(found(ApiKey {
            last_used: LastUsed::Never,
            created_at: None,
            ..key("k1")
        })
        .is_empty());
    }

    #[test]
    fn only_active_keys_are_stale() {
        for status in [KeyStatus::Disabled, KeyStatus::Expired] {
            let k = ApiKey {
                status,
                ..last_used(Duration::days(200))
            };
            assert!(found(k).is_empty(), "{status:?}");
        }
    }
}
