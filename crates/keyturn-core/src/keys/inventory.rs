//! One connection's listed keys, prepared once so that every query (search,
//! filters, sort) and every window of the result is cheap at 10,000 keys. The
//! rules are the UI's (ui/src/lib/keys/keyRows.ts and limits.ts), ported.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::client_name::client_name;
use super::collation::CollationKey;
use super::model::{ApiKey, Capabilities, KeyList, KeyStatus, LastUsed};
use super::query::{KeyColumn, KeyQuery, SortDirection};

/// The most keys one page carries.
pub const MAX_PAGE_KEYS: usize = 1000;

const COLUMNS: usize = 11;

/// A window of the keys matching a query, and what the view shows about the
/// whole list (its counts, the environments present, the vendor's capabilities).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyPage {
    pub connection_id: String,
    /// The position of `keys[0]` among the matching keys.
    pub offset: u32,
    pub keys: Vec<ApiKey>,
    /// How many keys match the query.
    pub matching: u32,
    /// How many keys were listed.
    pub total: u32,
    /// Keys that occupy a slot at the vendor: active or disabled as the vendor says.
    pub held: u32,
    /// Keys the vendor says are active.
    pub active: u32,
    /// The environments to filter by: the vendor's, then any others the keys carry.
    pub environments: Vec<String>,
    pub capabilities: Capabilities,
    pub fetched_at: DateTime<Utc>,
}

/// What a query reads of one key beside the key itself.
struct Entry {
    client: Option<String>,
    /// Lower-cased searchable fields, separated so a term never spans two fields.
    haystack: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Number(i64),
    Text(CollationKey),
}

pub struct KeyInventory {
    /// In the vendor's order: a key's position is the tie-breaker of every sort.
    list: KeyList,
    /// `entries[i]` is what queries read of `list.keys[i]`.
    entries: Vec<Entry>,
    /// Each column's sort values, computed on its first sort (status follows the clock).
    sort_values: [OnceLock<Vec<Option<SortValue>>>; COLUMNS],
}

impl KeyInventory {
    pub fn new(list: KeyList) -> Self {
        let mut clients = HashMap::new();
        let entries = list
            .keys
            .iter()
            .map(|key| entry(key, &mut clients))
            .collect();
        Self {
            list,
            entries,
            sort_values: Default::default(),
        }
    }

    /// The held keys, in the vendor's order, with Keyturn's changes applied.
    pub fn list(&self) -> &KeyList {
        &self.list
    }

    pub fn connection_id(&self) -> &str {
        &self.list.connection_id
    }

    pub fn fetched_at(&self) -> DateTime<Utc> {
        self.list.fetched_at
    }

    pub fn len(&self) -> usize {
        self.list.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.keys.is_empty()
    }

    pub fn key(&self, key_id: &str) -> Option<&ApiKey> {
        self.list.keys.iter().find(|k| k.id == key_id)
    }

    /// A key changed in place, or a new one at the end of the list.
    pub fn upsert(&mut self, key: ApiKey) {
        let entry = entry(&key, &mut HashMap::new());
        match self.list.keys.iter().position(|k| k.id == key.id) {
            Some(at) => {
                self.list.keys[at] = key;
                self.entries[at] = entry;
            }
            None => {
                self.list.keys.push(key);
                self.entries.push(entry);
            }
        }
        self.sort_values = Default::default();
    }

    /// Every key replaced, the capabilities kept.
    pub fn replace_keys(&mut self, keys: Vec<ApiKey>) {
        let mut clients = HashMap::new();
        self.entries = keys.iter().map(|key| entry(key, &mut clients)).collect();
        self.list.keys = keys;
        self.sort_values = Default::default();
    }

    pub fn capabilities(&self) -> &Capabilities {
        &self.list.capabilities
    }

    pub fn remove(&mut self, key_id: &str) {
        if let Some(at) = self.list.keys.iter().position(|k| k.id == key_id) {
            self.list.keys.remove(at);
            self.entries.remove(at);
        }
        self.sort_values = Default::default();
    }

    /// The keys matching `query` in its order, from `offset`, at most `limit`
    /// (and at most [`MAX_PAGE_KEYS`]). `now` decides which keys have expired.
    pub fn page(
        &self,
        query: &KeyQuery,
        offset: usize,
        limit: usize,
        now: DateTime<Utc>,
    ) -> KeyPage {
        let order = self.select(query, now);
        let start = offset.min(order.len());
        let end = start
            .saturating_add(limit.min(MAX_PAGE_KEYS))
            .min(order.len());
        let keys = &self.list.keys;
        KeyPage {
            connection_id: self.list.connection_id.clone(),
            offset: count(start),
            keys: order[start..end]
                .iter()
                .map(|&at| keys[at].clone())
                .collect(),
            matching: count(order.len()),
            total: count(keys.len()),
            held: count(keys.iter().filter(|k| is_held(k)).count()),
            active: count(
                keys.iter()
                    .filter(|k| k.status == KeyStatus::Active)
                    .count(),
            ),
            environments: self.environments(),
            capabilities: self.list.capabilities.clone(),
            fetched_at: self.list.fetched_at,
        }
    }

    /// Positions of the matching keys, in the query's order.
    /// The first `limit` keys matching `query` in its order, and how many match.
    pub fn matches(
        &self,
        query: &KeyQuery,
        limit: usize,
        now: DateTime<Utc>,
    ) -> (Vec<ApiKey>, u32) {
        let order = self.select(query, now);
        let keys = order
            .iter()
            .take(limit)
            .map(|&at| self.list.keys[at].clone())
            .collect();
        (keys, count(order.len()))
    }

    fn select(&self, query: &KeyQuery, now: DateTime<Utc>) -> Vec<usize> {
        let terms = query.terms();
        let keys = &self.list.keys;
        let mut order: Vec<usize> = (0..keys.len())
            .filter(|&at| {
                let key = &keys[at];
                query.status.is_none_or(|s| key.effective_status(now) == s)
                    && query
                        .environment
                        .as_ref()
                        .is_none_or(|env| key.environment.as_ref() == Some(env))
                    && terms
                        .iter()
                        .all(|t| self.entries[at].haystack.contains(t.as_str()))
            })
            .collect();
        let Some(sort) = query.sort else {
            return order;
        };
        let status_values;
        let values: &[Option<SortValue>] = if sort.column == KeyColumn::Status {
            status_values = keys
                .iter()
                .map(|k| Some(SortValue::Number(status_rank(k.effective_status(now)))))
                .collect::<Vec<_>>();
            &status_values
        } else {
            self.sort_values[sort.column as usize].get_or_init(|| {
                keys.iter()
                    .zip(&self.entries)
                    .map(|(key, e)| sort_value(key, e, sort.column))
                    .collect()
            })
        };
        let descending = sort.direction == SortDirection::Descending;
        // Missing values last in both directions; equal ones in the vendor's order.
        order.sort_by(|&a, &b| match (&values[a], &values[b]) {
            (None, None) => a.cmp(&b),
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => {
                let by_value = if descending { y.cmp(x) } else { x.cmp(y) };
                by_value.then(a.cmp(&b))
            }
        });
        order
    }

    fn environments(&self) -> Vec<String> {
        let mut out = self.list.capabilities.environments.clone();
        let mut seen: HashSet<&str> = out.iter().map(String::as_str).collect();
        let mut extra = Vec::new();
        for key in &self.list.keys {
            if let Some(env) = &key.environment {
                if seen.insert(env) {
                    extra.push(env.clone());
                }
            }
        }
        out.extend(extra);
        out
    }
}

fn entry(key: &ApiKey, clients: &mut HashMap<String, Option<String>>) -> Entry {
    let (ip, user_agent) = match &key.last_used {
        LastUsed::Used { ip, user_agent, .. } => (ip.as_deref(), user_agent.as_deref()),
        _ => (None, None),
    };
    let client = user_agent.and_then(|ua| {
        clients
            .entry(ua.to_string())
            .or_insert_with(|| client_name(ua))
            .clone()
    });
    let fields = [key.id.as_str()]
        .into_iter()
        .chain(key.name.as_deref())
        .chain(key.masked_prefix.as_deref())
        .chain(key.scopes.iter().map(String::as_str))
        .chain(ip)
        .chain(client.as_deref())
        .chain(user_agent)
        .filter(|s| !s.is_empty());
    let haystack = fields.collect::<Vec<_>>().join("\0").to_lowercase();
    Entry { client, haystack }
}

fn is_held(key: &ApiKey) -> bool {
    matches!(key.status, KeyStatus::Active | KeyStatus::Disabled)
}

fn status_rank(status: KeyStatus) -> i64 {
    match status {
        KeyStatus::Active => 0,
        KeyStatus::Disabled => 1,
        KeyStatus::Expired => 2,
        KeyStatus::Revoked => 3,
    }
}

fn text(s: &str) -> SortValue {
    SortValue::Text(CollationKey::of(s))
}

fn time(at: Option<DateTime<Utc>>) -> Option<SortValue> {
    at.map(|at| SortValue::Number(at.timestamp_millis()))
}

/// The value a column sorts by; `None` sorts last.
fn sort_value(k: &ApiKey, e: &Entry, column: KeyColumn) -> Option<SortValue> {
    let used = match &k.last_used {
        LastUsed::Used { at, ip, .. } => Some((at, ip)),
        _ => None,
    };
    match column {
        KeyColumn::Name => Some(text(
            k.name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&k.id),
        )),
        KeyColumn::Key => k.masked_prefix.as_deref().map(text),
        KeyColumn::Scopes => (!k.scopes.is_empty()).then(|| text(&k.scopes.join(", "))),
        KeyColumn::Environment => k.environment.as_deref().map(text),
        KeyColumn::Status => Some(SortValue::Number(status_rank(k.status))),
        KeyColumn::Created => time(k.created_at),
        KeyColumn::Expires => time(k.expires_at),
        // Never used sorts as the oldest use; not reported sorts last.
        KeyColumn::LastUsed => match &k.last_used {
            LastUsed::Never => Some(SortValue::Number(-1)),
            LastUsed::Used { at, .. } => time(Some(*at)),
            LastUsed::NotReported => None,
        },
        KeyColumn::Ip => used.and_then(|(_, ip)| ip.as_deref()).map(text),
        KeyColumn::Client => e.client.as_deref().map(text),
        KeyColumn::Requests => k
            .request_count
            .map(|n| SortValue::Number(i64::try_from(n).unwrap_or(i64::MAX))),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[path = "inventory_tests.rs"]
mod tests;
