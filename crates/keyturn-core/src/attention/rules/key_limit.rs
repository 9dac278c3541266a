//! An account holding as many keys as its vendor allows (Veryfi: two). Every
//! key not revoked takes a slot, as the rotation counts them.

use crate::attention::facts::ConnectionFacts;
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::keys::model::KeyStatus;

pub fn items(facts: &ConnectionFacts<'_>) -> Option<AttentionItem> {
    let listing = facts.listing?;
    let max = listing.capabilities.max_keys?;
    let held = listing
        .keys
        .iter()
        .filter(|k| k.status != KeyStatus::Revoked)
        .count();
    (held >= max as usize).then(|| {
        AttentionItem::new(
            AttentionKind::AtKeyLimit,
            facts,
            None,
            format!(
                "{held} of {max} keys: a new key needs a slot, so a rotation revokes the old key before creating the new one."
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::*;
    use crate::keys::model::ApiKey;

    fn found(keys: Vec<ApiKey>, max_keys: Option<u32>) -> Option<AttentionItem> {
        let summary = connection("c1");
        let mut list = listing("c1", keys, now());
        list.capabilities = capabilities(max_keys);
        items(&facts(&summary, Some(&list)))
    }

    #[test]
    fn at_the_limit_and_either_side_of_it() {
        let item = found(vec![key("a"), key("b")], Some(2)).expect("at the limit");
        assert_eq!(item.id, "atKeyLimit:c1:-");
        assert_eq!(item.key_id, None);
        assert!(item.why.starts_with("2 of 2 keys"), "{}", item.why);
        assert!(found(vec![key("a")], Some(2)).is_none(), "one slot free");
        assert!(
            found(vec![key("a"), key("b"), key("c")], Some(2)).is_some(),
            "over it"
        );
    }

    #[test]
    fn revoked_keys_free_their_slot_and_no_limit_is_no_item() {
        let revoked = ApiKey {
            status: KeyStatus::Revoked,
            ..key("b")
        };
        assert!(found(vec![key("a"), revoked], Some(2)).is_none());
        let disabled = ApiKey {
            status: KeyStatus::Disabled,
            ..key("b")
        };
        assert!(
            found(vec![key("a"), disabled], Some(2)).is_some(),
            "a disabled key holds its slot"
        );
        assert!(found(vec![key("a"), key("b")], None).is_none());
    }

    #[test]
    fn never_listed_is_no_item() {
        let summary = connection("c1");
        assert!(items(&facts(&summary, None)).is_none());
    }
}
