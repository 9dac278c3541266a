//! The support lookup: one search over every connection's held keys (id,
//! prefix, name, last IP, client, as the keys view's search matches them),
//! answered grouped by connection with each key's last use.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::inventory::KeyInventory;
use super::model::ApiKey;
use super::query::KeyQuery;

/// One connection's matches.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LookupGroup {
    pub connection_id: String,
    /// The first matches, in the vendor's order.
    pub keys: Vec<ApiKey>,
    /// How many keys match, shown or not.
    pub matching: u32,
    /// When the keys searched were listed.
    pub fetched_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyLookup {
    /// Connections with a match, in the sidebar's order.
    pub groups: Vec<LookupGroup>,
    /// Connections whose keys are not known this run, so not searched.
    pub not_listed: Vec<String>,
}

/// Searches each inventory in the order given; blank text finds nothing.
/// `per_connection` caps the keys each group carries.
pub fn lookup<'a>(
    inventories: impl IntoIterator<Item = &'a KeyInventory>,
    search: &str,
    per_connection: usize,
    now: DateTime<Utc>,
) -> Vec<LookupGroup> {
    if search.trim().is_empty() {
        return Vec::new();
    }
    let query = KeyQuery {
        search: search.to_owned(),
        ..KeyQuery::default()
    };
    inventories
        .into_iter()
        .filter_map(|inventory| {
            let (keys, matching) = inventory.matches(&query, per_connection, now);
            (matching > 0).then(|| LookupGroup {
                connection_id: inventory.connection_id().to_owned(),
                keys,
                matching,
                fetched_at: inventory.fetched_at(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::attention::rules::test_support::capabilities;
    use crate::keys::model::{KeyList, LastUsed};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()
    }

    fn inventory(connection: &str, keys: &[(&str, Option<&str>)]) -> KeyInventory {
        KeyInventory::new(KeyList {
            connection_id: connection.into(),
            keys: keys
                .iter()
                .map(|(id, ip)| {
                    let mut key = ApiKey::new(*id);
                    if let Some(ip) = ip {
                        key.last_used = LastUsed::Used {
                            at: now(),
                            ip: Some((*ip).into()),
                            user_agent: Some("payroll-sync/2.1".into()),
                        };
                    }
                    key
                })
                .collect(),
            capabilities: capabilities(None),
            fetched_at: now(),
        })
    }

    #[test]
    fn one_ip_is_found_in_every_connection_that_has_it_grouped_in_order() {
        let a = inventory("a", &[("a1", Some("10.0.0.4")), ("a2", Some("10.0.0.5"))]);
        let b = inventory("b", &[("b1", None)]);
        let c = inventory("c", &[("c1", Some("10.0.0.4")), ("c2", Some("10.0.0.4"))]);
        let found = lookup([&a, &b, &c], "10.0.0.4", 10, now());
        let shown: Vec<(&str, Vec<&str>, u32)> = found
            .iter()
            .map(|g| {
                let ids = g.keys.iter().map(|k| k.id.as_str()).collect();
                (g.connection_id.as_str(), ids, g.matching)
            })
            .collect();
        assert_eq!(shown, [("a", vec!["a1"], 1), ("c", vec!["c1", "c2"], 2)]);
    }

    #[test]
    fn each_group_carries_at_most_the_cap_but_counts_every_match() {
        let a = inventory(
            "a",
            &[
                ("k1", Some("10.1.1.1")),
                ("k2", Some("10.1.1.2")),
                ("k3", Some("10.1.1.3")),
            ],
        );
        let found = lookup([&a], "10.1.1", 2, now());
        assert_eq!(found[0].keys.len(), 2);
        assert_eq!(found[0].matching, 3);
    }

    #[test]
    fn blank_text_finds_nothing_and_a_client_is_found_by_name() {
        let a = inventory("a", &[("k1", Some("10.0.0.1"))]);
        assert!(lookup([&a], "  ", 10, now()).is_empty());
        assert_eq!(lookup([&a], "payroll-sync", 10, now()).len(), 1);
        assert!(lookup([&a], "nothing-like-it", 10, now()).is_empty());
    }
}
