//! What the home view and the sidebar show: the items in order (most severe,
//! then the soonest deadline, then by name), the snoozed ones apart, and each
//! connection's counts by severity.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::attention::item::{AttentionItem, Severity};
use crate::attention::snoozes::{Snooze, Snoozes};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnoozedItem {
    pub item: AttentionItem,
    pub snooze: Snooze,
}

/// One connection's items; a connection with none is not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCounts {
    pub connection_id: String,
    pub critical: u32,
    pub warning: u32,
    pub info: u32,
    /// Hidden by a snooze; not in the three above.
    pub snoozed: u32,
    /// Counted above but left out of `items` (see [`AttentionSummary::capped`]).
    pub more: u32,
}

/// The most items of one connection a summary carries to the page: past that,
/// the counts go on and the home view says how many more the connection has.
/// 10,000 stale keys are one connection's chore, not 10,000 rows to read.
pub const ITEMS_PER_CONNECTION: usize = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttentionSummary {
    /// Not snoozed, in the order shown.
    pub items: Vec<AttentionItem>,
    /// Snoozed, in the same order.
    pub snoozed: Vec<SnoozedItem>,
    /// By connection id.
    pub connections: Vec<ConnectionCounts>,
}

impl AttentionSummary {
    /// Only the first `per_connection` items of each connection, in the same
    /// order; each connection's `more` says how many were left out.
    pub fn capped(mut self, per_connection: usize) -> Self {
        let mut kept: BTreeMap<String, usize> = BTreeMap::new();
        let mut left_out: BTreeMap<String, u32> = BTreeMap::new();
        self.items.retain(|item| {
            let n = kept.entry(item.connection_id.clone()).or_default();
            *n += 1;
            if *n <= per_connection {
                return true;
            }
            *left_out.entry(item.connection_id.clone()).or_default() += 1;
            false
        });
        for count in &mut self.connections {
            count.more += left_out.get(&count.connection_id).copied().unwrap_or(0);
        }
        self
    }
}

pub fn summarize(
    mut items: Vec<AttentionItem>,
    snoozes: &Snoozes,
    now: DateTime<Utc>,
) -> AttentionSummary {
    // The order's text is lower-cased once per item, not once per comparison.
    items.sort_by_cached_key(shown_order);
    let mut counts: BTreeMap<String, ConnectionCounts> = BTreeMap::new();
    let mut shown = Vec::new();
    let mut snoozed = Vec::new();
    for item in items {
        let count = counts
            .entry(item.connection_id.clone())
            .or_insert_with(|| ConnectionCounts {
                connection_id: item.connection_id.clone(),
                ..Default::default()
            });
        match snoozes.hiding(&item.id, now) {
            Some(snooze) => {
                count.snoozed += 1;
                snoozed.push(SnoozedItem {
                    snooze: snooze.clone(),
                    item,
                });
            }
            None => {
                match item.severity {
                    Severity::Critical => count.critical += 1,
                    Severity::Warning => count.warning += 1,
                    Severity::Info => count.info += 1,
                }
                shown.push(item);
            }
        }
    }
    AttentionSummary {
        items: shown,
        snoozed,
        connections: counts.into_values().collect(),
    }
}

/// Severity, then the soonest deadline (none last), then connection and key by name.
fn shown_order(i: &AttentionItem) -> impl Ord {
    let key = i
        .key_name
        .as_ref()
        .or(i.key_id.as_ref())
        .map(|k| k.to_lowercase())
        .unwrap_or_default();
    (
        i.severity,
        i.deadline.is_none(),
        i.deadline,
        i.connection_name.to_lowercase(),
        key,
        i.id.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::item::{AttentionKind, NextAction};
    use crate::attention::rules::test_support::now;
    use chrono::Duration;

    fn item(
        kind: AttentionKind,
        connection: &str,
        key: Option<&str>,
        deadline: Option<DateTime<Utc>>,
    ) -> AttentionItem {
        AttentionItem {
            id: crate::attention::item::item_id(kind, connection, key),
            kind,
            severity: kind.severity(),
            connection_id: connection.into(),
            connection_name: format!("Connection {connection}"),
            key_id: key.map(str::to_owned),
            key_name: key.map(|k| format!("Key {k}")),
            rotation_id: None,
            why: String::new(),
            deadline,
            actions: vec![NextAction::Snooze],
            as_of: Some(now()),
        }
    }

    fn ids(items: &[AttentionItem]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn most_severe_first_then_soonest_deadline_then_name() {
        let items = vec![
            item(AttentionKind::NeverUsed, "c1", Some("a"), None),
            item(
                AttentionKind::Expiring,
                "c2",
                Some("late"),
                Some(now() + Duration::days(9)),
            ),
            item(AttentionKind::Stale, "c2", Some("b"), None),
            item(
                AttentionKind::Expiring,
                "c1",
                Some("soon"),
                Some(now() + Duration::days(2)),
            ),
            item(AttentionKind::Stale, "c1", Some("z"), None),
            item(
                AttentionKind::Expired,
                "c2",
                Some("x"),
                Some(now() - Duration::days(1)),
            ),
            item(AttentionKind::SignedOut, "c1", None, None),
        ];
        let summary = summarize(items, &Snoozes::default(), now());
        assert_eq!(
            ids(&summary.items),
            [
                "expired:c2:x",
                "signedOut:c1:-",
                "expiring:c1:soon",
                "expiring:c2:late",
                "stale:c1:z",
                "stale:c2:b",
                "neverUsed:c1:a",
            ]
        );
    }

    #[test]
    fn capped_keeps_each_connections_first_items_and_counts_the_rest() {
        let mut items: Vec<AttentionItem> = (0..30)
            .map(|n| item(AttentionKind::Stale, "big", Some(&format!("k{n:02}")), None))
            .collect();
        items.push(item(
            AttentionKind::Expired,
            "big",
            Some("gone"),
            Some(now() - Duration::days(1)),
        ));
        items.push(item(AttentionKind::Stale, "small", Some("s"), None));
        let summary = summarize(items, &Snoozes::default(), now()).capped(5);

        assert_eq!(
            ids(&summary.items),
            [
                "expired:big:gone",
                "stale:big:k00",
                "stale:big:k01",
                "stale:big:k02",
                "stale:big:k03",
                "stale:small:s",
            ]
        );
        let big = &summary.connections[0];
        assert_eq!(
            (
                big.connection_id.as_str(),
                big.critical + big.warning + big.info,
                big.more
            ),
            ("big", 31, 26)
        );
        let small = &summary.connections[1];
        assert_eq!((small.connection_id.as_str(), small.more), ("small", 0));
    }

    #[test]
    fn counts_each_connection_by_severity() {
        let items = vec![
            item(AttentionKind::Expired, "c1", Some("a"), None),
            item(AttentionKind::ConnectionFailing, "c1", None, None),
            item(AttentionKind::Stale, "c1", Some("b"), None),
            item(AttentionKind::AtKeyLimit, "c2", None, None),
        ];
        let summary = summarize(items, &Snoozes::default(), now());
        assert_eq!(
            summary.connections,
            [
                ConnectionCounts {
                    connection_id: "c1".into(),
                    critical: 2,
                    warning: 1,
                    info: 0,
                    snoozed: 0,
                    more: 0
                },
                ConnectionCounts {
                    connection_id: "c2".into(),
                    critical: 0,
                    warning: 0,
                    info: 1,
                    snoozed: 0,
                    more: 0
                },
            ]
        );
    }

    #[test]
    fn snoozed_items_are_hidden_and_counted_apart_until_the_snooze_runs_out() {
        let items = || {
            vec![
                item(AttentionKind::Stale, "c1", Some("a"), None),
                item(AttentionKind::Stale, "c1", Some("b"), None),
            ]
        };
        let mut snoozes = Snoozes::default();
        let until = now() + Duration::days(2);
        snoozes
            .snooze("stale:c1:a", until, "kept for the audit", now())
            .unwrap();

        let summary = summarize(items(), &snoozes, now());
        assert_eq!(ids(&summary.items), ["stale:c1:b"]);
        assert_eq!(summary.snoozed.len(), 1);
        assert_eq!(summary.snoozed[0].item.id, "stale:c1:a");
        assert_eq!(summary.snoozed[0].snooze.reason, "kept for the audit");
        assert_eq!(summary.connections[0].warning, 1);
        assert_eq!(summary.connections[0].snoozed, 1);

        let later = summarize(items(), &snoozes, until);
        assert_eq!(ids(&later.items), ["stale:c1:a", "stale:c1:b"]);
        assert!(later.snoozed.is_empty());
        assert_eq!(later.connections[0].warning, 2);
        assert_eq!(later.connections[0].snoozed, 0);
    }

    #[test]
    fn serializes_for_the_ui_in_camel_case() {
        let summary = summarize(
            vec![item(AttentionKind::AtKeyLimit, "c1", None, None)],
            &Snoozes::default(),
            now(),
        );
        let json = serde_json::to_value(&summary).unwrap();
        let first = &json["items"][0];
        assert_eq!(first["kind"], "atKeyLimit");
        assert_eq!(first["severity"], "info");
        assert_eq!(first["connectionId"], "c1");
        assert_eq!(first["keyId"], serde_json::Value::Null);
        assert_eq!(first["actions"], serde_json::json!(["snooze"]));
        assert!(first["asOf"].is_string());
        assert_eq!(json["connections"][0]["connectionId"], "c1");
    }
}
