//! Keys that have expired, and keys expiring within the user's window.

use chrono::{DateTime, Duration, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::settings::AttentionSettings;
use crate::attention::wording::relative;
use crate::keys::model::KeyStatus;

pub fn items(
    facts: &ConnectionFacts<'_>,
    settings: &AttentionSettings,
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    let window = Duration::days(settings.expiry_window_days.into());
    facts
        .keys()
        .iter()
        .filter_map(|key| {
            let (kind, why) = match (key.effective_status(now), key.expires_at) {
                (KeyStatus::Expired, Some(at)) => (
                    AttentionKind::Expired,
                    format!("Expired {}.", relative(at, now)),
                ),
                (KeyStatus::Expired, None) => (
                    AttentionKind::Expired,
                    "Expired, the vendor says.".to_owned(),
                ),
                (KeyStatus::Active, Some(at)) if at - now <= window => (
                    AttentionKind::Expiring,
                    format!("Expires {}.", relative(at, now)),
                ),
                _ => return None,
            };
            Some(AttentionItem::of_key(kind, facts, key, why).due(key.expires_at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::*;

    fn kinds_for(expires_at: DateTime<Utc>, window_days: u32) -> Vec<(AttentionKind, String)> {
        let summary = connection("c1");
        let mut k = key("k1");
        k.expires_at = Some(expires_at);
        let list = listing("c1", vec![k], now());
        let settings = AttentionSettings {
            expiry_window_days: window_days,
            ..Default::default()
        };
        items(&facts(&summary, Some(&list)), &settings, now())
            .into_iter()
            .map(|i| (i.kind, i.why))
            .collect()
    }

    #[test]
    fn expiring_within_the_window_at_and_either_side_of_it() {
        let edge = now() + Duration::days(14);
        assert_eq!(
            kinds_for(edge, 14)[0].0,
            AttentionKind::Expiring,
            "at the edge"
        );
        assert_eq!(
            kinds_for(edge - Duration::seconds(1), 14)[0].0,
            AttentionKind::Expiring
        );
        assert!(kinds_for(edge + Duration::seconds(1), 14).is_empty());
        assert!(
            kinds_for(now() + Duration::days(5), 3).is_empty(),
            "the user's window"
        );
    }

    #[test]
    fn says_when_in_days_and_by_date() {
        assert_eq!(
            kinds_for(now() + Duration::days(3), 14),
            [(
                AttentionKind::Expiring,
                "Expires in 3 days (Fri 4 Dec).".to_owned()
            )]
        );
    }

    #[test]
    fn expired_from_the_moment_of_expiry() {
        assert_eq!(
            kinds_for(now(), 14),
            [(
                AttentionKind::Expired,
                "Expired less than an hour ago (Tue 1 Dec).".to_owned()
            )]
        );
        assert_eq!(
            kinds_for(now() - Duration::days(2), 14),
            [(
                AttentionKind::Expired,
                "Expired 2 days ago (Sun 29 Nov).".to_owned()
            )]
        );
        assert_eq!(
            kinds_for(now() + Duration::seconds(1), 14)[0].0,
            AttentionKind::Expiring,
            "just before expiry"
        );
    }

    #[test]
    fn a_key_the_vendor_calls_expired_without_a_date_is_expired() {
        let summary = connection("c1");
        let mut k = key("k1");
        k.status = KeyStatus::Expired;
        let list = listing("c1", vec![k], now());
        let found = items(&facts(&summary, Some(&list)), &Default::default(), now());
        assert_eq!(found[0].kind, AttentionKind::Expired);
        assert_eq!(found[0].deadline, None);
        assert_eq!(found[0].id, "expired:c1:k1");
    }

    #[test]
    fn disabled_keys_do_not_count_as_expiring() {
        let summary = connection("c1");
        let mut k = key("k1");
        k.status = KeyStatus::Disabled;
        k.expires_at = Some(now() + Duration::days(1));
        let list = listing("c1", vec![k], now());
        assert!(items(&facts(&summary, Some(&list)), &Default::default(), now()).is_empty());
    }
}
