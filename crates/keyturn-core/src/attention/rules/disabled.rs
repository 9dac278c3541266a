//! Keys disabled for long. Vendors do not say when a key was disabled, so the
//! rule uses what is known, best first: when Keyturn disabled it (the audit
//! log), else its last use (a disabled key has been out of use at least since
//! then), else its creation when it was never used. A key with none of these
//! (disabled elsewhere, by a vendor that reports no use) is not shown.

use chrono::{DateTime, Duration, Utc};

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::settings::AttentionSettings;
use crate::attention::wording::{date, relative, span};
use crate::keys::model::{KeyStatus, LastUsed};

pub fn items(
    facts: &ConnectionFacts<'_>,
    settings: &AttentionSettings,
    now: DateTime<Utc>,
) -> Vec<AttentionItem> {
    let after = Duration::days(settings.disabled_days.into());
    facts
        .keys()
        .iter()
        .filter(|key| key.effective_status(now) == KeyStatus::Disabled)
        .filter_map(|key| {
            let (since, why) = match (facts.disabled_since.get(&key.id), &key.last_used, key.created_at) {
                (Some(at), _, _) => (
                    *at,
                    format!("Disabled for {} (since {}).", span(now - *at), date(*at, now)),
                ),
                (None, LastUsed::Used { at, .. }, _) => (
                    *at,
                    format!(
                        "Disabled, and last used {}; when it was disabled is not known.",
                        relative(*at, now)
                    ),
                ),
                (None, LastUsed::Never, Some(created)) => (
                    created,
                    format!(
                        "Disabled, and never used since it was created {}; when it was disabled is not known.",
                        relative(created, now)
                    ),
                ),
                _ => return None,
            };
            (now - since >= after).then(|| AttentionItem::of_key(AttentionKind::DisabledLong, facts, key, why))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::*;
    use crate::keys::model::ApiKey;

    fn disabled(last_used: LastUsed) -> ApiKey {
        ApiKey {
            status: KeyStatus::Disabled,
            last_used,
            created_at: Some(now() - Duration::days(400)),
            ..key("k1")
        }
    }

    fn found(k: ApiKey, disabled_at: Option<DateTime<Utc>>) -> Vec<String> {
        let summary = connection("c1");
        let list = listing("c1", vec![k], now());
        let mut facts = facts(&summary, Some(&list));
        if let Some(at) = disabled_at {
            facts.disabled_since.insert("k1".into(), at);
        }
        let settings = AttentionSettings {
            disabled_days: 30,
            ..Default::default()
        };
        items(&facts, &settings, now())
            .into_iter()
            .inspect(|i| assert_eq!(i.id, "disabledLong:c1:k1"))
            .map(|i| i.why)
            .collect()
    }

    #[test]
    fn keyturns_own_record_is_used_first() {
        let recently_used = disabled(used(now() - Duration::days(1)));
        assert_eq!(
            found(recently_used.clone(), Some(now() - Duration::days(30))),
            ["Disabled for 30 days (since Sun 1 Nov)."]
        );
        assert!(found(
            recently_used.clone(),
            Some(now() - Duration::days(30) + Duration::seconds(1))
        )
        .is_empty());
        assert_eq!(
            found(recently_used, Some(now() - Duration::days(31))).len(),
            1
        );
    }

    #[test]
    fn else_the_last_use_says_how_long_it_has_been_out_of_use() {
        let why = found(disabled(used(now() - Duration::days(45))), None);
        assert_eq!(
            why,
            ["Disabled, and last used 45 days ago (Sat 17 Oct); when it was disabled is not known."]
        );
        assert!(found(disabled(used(now() - Duration::days(29))), None).is_empty());
    }

    #[test]
    fn else_its_creation_when_never_used() {
        let why = found(disabled(LastUsed::Never), None);
        assert!(
            why[0].starts_with("Disabled, and never used since it was created 400 days ago"),
            "{why:?}"
        );
    }

    #[test]
    fn with_nothing_known_it_says_nothing() {
        assert!(found(disabled(LastUsed::NotReported), None).is_empty());
    }

    #[test]
    fn active_keys_are_not_disabled() {
        let mut k = disabled(LastUsed::Never);
        k.status = KeyStatus::Active;
        assert!(found(k, Some(now() - Duration::days(100))).is_empty());
    }
}
