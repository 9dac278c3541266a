//! Key lists kept in the order every dialect lists them: creation time, then id.

use chrono::{DateTime, Utc};

pub(crate) trait Ordered {
    fn id(&self) -> &str;
    fn created_at(&self) -> DateTime<Utc>;
}

/// Replaces the key with the same id, or inserts the key at its place in the order.
pub(crate) fn upsert<T: Ordered>(keys: &mut Vec<T>, key: T) {
    if let Some(index) = keys.iter().position(|existing| existing.id() == key.id()) {
        if keys[index].created_at() == key.created_at() {
            keys[index] = key;
            return;
        }
        keys.remove(index);
    }
    let place = (key.created_at(), key.id());
    let index = keys.partition_point(|existing| (existing.created_at(), existing.id()) < place);
    keys.insert(index, key);
}

pub(crate) fn sort<T: Ordered>(keys: &mut [T]) {
    keys.sort_by(|a, b| (a.created_at(), a.id()).cmp(&(b.created_at(), b.id())));
}

/// Rejects a loaded list with a repeated id or a malformed hash.
pub(crate) fn check_unique<T: Ordered>(
    what: &str,
    keys: &[T],
    sha256: impl Fn(&T) -> &str,
) -> Result<(), String> {
    let mut ids = std::collections::HashSet::new();
    for key in keys {
        if !ids.insert(key.id()) {
            return Err(format!("the {what} key id {} appears twice", key.id()));
        }
        if !crate::secret::is_sha256_hex(sha256(key)) {
            return Err(format!("the {what} key {} has a malformed hash", key.id()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Key(&'static str, i64, u8);

    impl Ordered for Key {
        fn id(&self) -> &str {
            self.0
        }
        fn created_at(&self) -> DateTime<Utc> {
            DateTime::from_timestamp(self.1, 0).unwrap()
        }
    }

    fn order(keys: &[Key]) -> Vec<(&str, u8)> {
        keys.iter().map(|k| (k.0, k.2)).collect()
    }

    #[test]
    fn upsert_keeps_time_then_id_order_and_replaces_in_place() {
        let mut keys = Vec::new();
        upsert(&mut keys, Key("b", 10, 0));
        upsert(&mut keys, Key("c", 5, 0));
        upsert(&mut keys, Key("a", 10, 0));
        assert_eq!(order(&keys), [("c", 0), ("a", 0), ("b", 0)]);
        upsert(&mut keys, Key("a", 10, 1));
        assert_eq!(order(&keys), [("c", 0), ("a", 1), ("b", 0)]);
    }
}
