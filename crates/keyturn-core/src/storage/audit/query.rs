//! Which entries the Audit dialog and its export show: by connection, action
//! and time, newest first, a page at a time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entry::{AuditAction, AuditEntry};
use super::log::AuditRead;

/// Every part left out matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct AuditFilter {
    /// Entries of this connection only (so none without a connection).
    #[ts(optional)]
    pub connection_id: Option<String>,
    /// Entries of these actions only; an empty list matches none.
    #[ts(optional)]
    pub actions: Option<Vec<AuditAction>>,
    /// From this instant on (the UI sends the start of the first day chosen).
    #[ts(optional)]
    pub from: Option<DateTime<Utc>>,
    /// Before this instant (the UI sends the start of the day after the last day chosen).
    #[ts(optional)]
    pub before: Option<DateTime<Utc>>,
}

impl AuditFilter {
    pub fn matches(&self, entry: &AuditEntry) -> bool {
        self.connection_id
            .as_ref()
            .is_none_or(|id| entry.connection_id.as_ref() == Some(id))
            && self
                .actions
                .as_ref()
                .is_none_or(|actions| actions.contains(&entry.action))
            && self.from.is_none_or(|from| entry.at >= from)
            && self.before.is_none_or(|before| entry.at < before)
    }
}

/// A connection the log names, for the dialog's choice of connection (removed
/// ones included), by the newest name it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditConnection {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    /// Newest first, from the offset asked for.
    pub entries: Vec<AuditEntry>,
    /// How many entries the filter matches in all.
    pub matching: u32,
    /// Every connection the log names, sorted by name, whatever the filter.
    pub connections: Vec<AuditConnection>,
    /// Line numbers, from 1, of the lines of the log that could not be read.
    pub skipped_lines: Vec<u32>,
}

pub(super) fn page(
    read: AuditRead,
    filter: &AuditFilter,
    offset: usize,
    limit: usize,
) -> AuditPage {
    let connections = connections_of(&read.entries);
    let matched: Vec<AuditEntry> = read
        .entries
        .into_iter()
        .filter(|e| filter.matches(e))
        .collect();
    let matching = u32::try_from(matched.len()).unwrap_or(u32::MAX);
    AuditPage {
        entries: matched.into_iter().skip(offset).take(limit).collect(),
        matching,
        connections,
        skipped_lines: read.skipped_lines,
    }
}

fn connections_of(newest_first: &[AuditEntry]) -> Vec<AuditConnection> {
    let mut seen: Vec<AuditConnection> = Vec::new();
    for entry in newest_first {
        let Some(id) = &entry.connection_id else {
            continue;
        };
        if seen.iter().any(|c| &c.id == id) {
            continue;
        }
        seen.push(AuditConnection {
            id: id.clone(),
            name: entry.connection_name.clone().unwrap_or_else(|| id.clone()),
        });
    }
    seen.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    seen
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::connections::connection::{ConnectionSummary, Environment, VendorKind};

    pub fn connection(id: &str) -> ConnectionSummary {
        ConnectionSummary {
            id: id.into(),
            name: format!("Acme {id}"),
            vendor: VendorKind::Veryfi,
            environment: Environment::Live,
            read_only: false,
            base_url: "https://api.veryfi.com/".into(),
            account_label: None,
            account: Default::default(),
            api_version: None,
            builtin: false,
            problem: None,
            signed_out: false,
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-03-{day:02}T12:00:00Z").parse().unwrap()
    }

    fn entry(day: u32, connection_id: &str, action: AuditAction) -> AuditEntry {
        let mut entry = AuditEntry::new(&connection(connection_id), action, Some("k"), "ok");
        entry.at = at(day);
        entry
    }

    /// Day 10 down to day 1, newest first: c1 on even days, c2 on odd ones.
    fn log() -> AuditRead {
        let entries = (1..=10)
            .rev()
            .map(|day| {
                let (id, action) = if day % 2 == 0 {
                    ("c1", AuditAction::Create)
                } else {
                    ("c2", AuditAction::Revoke)
                };
                entry(day, id, action)
            })
            .collect();
        AuditRead {
            entries,
            skipped_lines: vec![3],
        }
    }

    fn days(page: &AuditPage) -> Vec<u32> {
        use chrono::Datelike;
        page.entries.iter().map(|e| e.at.day()).collect()
    }

    #[test]
    fn no_filter_pages_everything_newest_first() {
        let first = page(log(), &AuditFilter::default(), 0, 4);
        assert_eq!(days(&first), [10, 9, 8, 7]);
        assert_eq!(first.matching, 10);
        assert_eq!(first.skipped_lines, [3]);
        let last = page(log(), &AuditFilter::default(), 8, 4);
        assert_eq!(days(&last), [2, 1]);
        assert!(page(log(), &AuditFilter::default(), 10, 4)
            .entries
            .is_empty());
    }

    #[test]
    fn by_connection() {
        let filter = AuditFilter {
            connection_id: Some("c2".into()),
            ..AuditFilter::default()
        };
        let found = page(log(), &filter, 1, 2);
        assert_eq!(days(&found), [7, 5]);
        assert_eq!(found.matching, 5);
    }

    #[test]
    fn by_action_set() {
        let filter = AuditFilter {
            actions: Some(vec![AuditAction::Create, AuditAction::Export]),
            ..AuditFilter::default()
        };
        assert_eq!(days(&page(log(), &filter, 0, 3)), [10, 8, 6]);
        let none = AuditFilter {
            actions: Some(vec![]),
            ..AuditFilter::default()
        };
        assert_eq!(page(log(), &none, 0, 3).matching, 0);
    }

    #[test]
    fn from_is_inclusive_and_before_exclusive() {
        let filter = AuditFilter {
            from: Some(at(3)),
            before: Some(at(6)),
            ..AuditFilter::default()
        };
        let found = page(log(), &filter, 0, 10);
        assert_eq!(days(&found), [5, 4, 3]);
        assert_eq!(found.matching, 3);
    }

    #[test]
    fn every_part_together() {
        let filter = AuditFilter {
            connection_id: Some("c1".into()),
            actions: Some(vec![AuditAction::Create]),
            from: Some(at(4)),
            before: None,
        };
        assert_eq!(days(&page(log(), &filter, 0, 10)), [10, 8, 6, 4]);
    }

    #[test]
    fn an_entry_without_a_connection_matches_no_connection_filter() {
        let mut read = log();
        read.entries
            .insert(0, AuditEntry::without_connection(AuditAction::Export, "ok"));
        let all = page(read.clone(), &AuditFilter::default(), 0, 1);
        assert_eq!(all.matching, 11);
        assert_eq!(all.entries[0].action, AuditAction::Export);
        let c1 = AuditFilter {
            connection_id: Some("c1".into()),
            ..AuditFilter::default()
        };
        assert_eq!(page(read, &c1, 0, 20).matching, 5);
    }

    #[test]
    fn names_each_connection_once_by_its_newest_name() {
        let mut read = log();
        read.entries[0].connection_name = Some("Renamed".into());
        let found = page(read, &AuditFilter::default(), 0, 0);
        assert_eq!(
            found.connections,
            [
                AuditConnection {
                    id: "c2".into(),
                    name: "Acme c2".into()
                },
                AuditConnection {
                    id: "c1".into(),
                    name: "Renamed".into()
                },
            ]
        );
    }

    #[test]
    fn the_filter_reads_from_json_with_parts_left_out() {
        let filter: AuditFilter = serde_json::from_str(
            r#"{"actions":["revoke","keyCopied"],"from":"2026-03-03T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(
            filter.actions,
            Some(vec![AuditAction::Revoke, AuditAction::KeyCopied])
        );
        assert_eq!(filter.connection_id, None);
        assert_eq!(filter.from, Some("2026-03-03T00:00:00Z".parse().unwrap()));
    }
}
