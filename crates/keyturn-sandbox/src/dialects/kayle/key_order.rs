//! The order in which JavaScript walks an object parsed from a request body: keys that are
//! array indices first, in numeric order, then the others as the body wrote them. serde_json
//! keeps object keys sorted, so the order is read again from the raw body.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// The keys of the body's `metadata` object in JavaScript's order; empty when there is none.
pub(crate) fn metadata_keys(body: &[u8]) -> Vec<String> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        metadata: KeyOrder,
    }
    let mut keys = serde_json::from_slice::<Body>(body)
        .map(|body| body.metadata.0)
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|key| seen.insert(key.clone()));
    keys.sort_by_key(|key| array_index(key).map_or((1, 0), |index| (0, index)));
    keys
}

/// A key JavaScript treats as an array index: a canonical integer below 2^32 - 1.
pub(crate) fn array_index(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.is_empty() && !key.starts_with('0'));
    if !canonical || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse().ok().filter(|index| *index < u32::MAX)
}

#[derive(Default)]
struct KeyOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeyOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyOrderVisitor)
    }
}

struct KeyOrderVisitor;

impl<'de> Visitor<'de> for KeyOrderVisitor {
    type Value = KeyOrder;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyOrder, A::Error> {
        let mut keys = Vec::new();
        while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
            keys.push(key);
        }
        Ok(KeyOrder(keys))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<KeyOrder, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(KeyOrder::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
    fn visit_unit<E>(self) -> Result<KeyOrder, E> {
        Ok(KeyOrder::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_come_first_then_the_bodys_order() {
        let body =
            br#"{"name": "x", "metadata": {"zz": 1, "10": 2, "a": 3, "2": 4, "01": 5, "zz": 6}}"#;
        assert_eq!(metadata_keys(body), ["2", "10", "zz", "a", "01"]);
        assert!(metadata_keys(br#"{"metadata": [1, 2]}"#).is_empty());
        assert!(metadata_keys(br#"{"metadata": null}"#).is_empty());
        assert!(metadata_keys(b"[]").is_empty());
    }
}
