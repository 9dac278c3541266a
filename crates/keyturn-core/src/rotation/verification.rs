//! Whether the move to the new key is complete: green when the new key has been
//! used since it was created and the old one has been quiet for the quiet window,
//! or, for vendors that report no usage, when the user has confirmed every consumer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::keys::model::{ApiKey, KeyStatus, LastUsed};
use crate::rotation::state::{KeyRef, UsageSignal};

/// A use of a key as the vendor reported it; a count-only vendor gives no ip or agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyUse {
    pub at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// One integration the user moves to the new key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsumerCheck {
    pub name: String,
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerificationStatus {
    pub signal: UsageSignal,
    pub since: DateTime<Utc>,
    pub last_observed_at: Option<DateTime<Utc>>,
    pub new_key_first_used: Option<KeyUse>,
    pub old_key_last_used: Option<DateTime<Utc>>,
    /// No use of the old key is known after this time.
    pub old_quiet_since: Option<DateTime<Utc>>,
    pub old_quiet_for_secs: Option<u32>,
    /// The old key is not (or no longer) at the vendor, so it cannot be in use.
    pub old_key_gone: bool,
    pub consumers: Vec<ConsumerCheck>,
    pub new_key_tested: Option<bool>,
    pub green: bool,
    /// Request counts at the previous look, by key id (count-only vendors).
    #[serde(skip)]
    counts: BTreeMap<String, u64>,
}

impl VerificationStatus {
    pub fn new(signal: UsageSignal, since: DateTime<Utc>, old_key_gone: bool) -> Self {
        Self {
            signal,
            since,
            last_observed_at: None,
            new_key_first_used: None,
            old_key_last_used: None,
            old_quiet_since: None,
            old_quiet_for_secs: None,
            old_key_gone,
            consumers: Vec::new(),
            new_key_tested: None,
            green: false,
            counts: BTreeMap::new(),
        }
    }

    pub fn observe(
        &mut self,
        keys: &[ApiKey],
        new_key: &KeyRef,
        old_key: Option<&KeyRef>,
        at: DateTime<Utc>,
        quiet_window_secs: u32,
    ) {
        self.last_observed_at = Some(at);
        if let Some(listed) = keys.iter().find(|k| k.id == new_key.id) {
            self.observe_new(listed, new_key, at);
        }
        let old = old_key.and_then(|old| keys.iter().find(|k| k.id == old.id));
        match old.filter(|k| k.status != KeyStatus::Revoked) {
            Some(listed) => self.observe_old(listed, at),
            None => self.old_key_gone = true,
        }
        self.regrade(quiet_window_secs);
    }

    fn observe_new(&mut self, listed: &ApiKey, new_key: &KeyRef, at: DateTime<Utc>) {
        let used = match (self.signal, &listed.last_used) {
            (
                UsageSignal::LastUsedAt,
                LastUsed::Used {
                    at: used_at,
                    ip,
                    user_agent,
                },
            ) if *used_at >= new_key.created_at.unwrap_or(self.since) => Some(KeyUse {
                at: *used_at,
                ip: ip.clone(),
                user_agent: user_agent.clone(),
            }),
            // A key starts at zero requests, so any count above the last one seen is use.
            (UsageSignal::RequestCount, _) => self.count_rose(listed).then_some(KeyUse {
                at,
                ip: None,
                user_agent: None,
            }),
            _ => None,
        };
        if self.new_key_first_used.is_none() {
            self.new_key_first_used = used;
        }
    }

    fn observe_old(&mut self, listed: &ApiKey, at: DateTime<Utc>) {
        match self.signal {
            UsageSignal::LastUsedAt => {
                if let LastUsed::Used { at: used_at, .. } = listed.last_used {
                    self.old_key_last_used = Some(used_at);
                    self.old_quiet_since = Some(used_at);
                } else {
                    self.old_quiet_since = Some(listed.created_at.unwrap_or(self.since));
                }
            }
            UsageSignal::RequestCount => {
                let first_look = !self.counts.contains_key(&listed.id);
                if self.count_rose(listed) && !first_look {
                    self.old_key_last_used = Some(at);
                    self.old_quiet_since = Some(at);
                } else if self.old_quiet_since.is_none() {
                    self.old_quiet_since = Some(at);
                }
            }
            UsageSignal::Checklist => {}
        }
    }

    /// Records the key's count; true when it is above the previous one (zero if none).
    fn count_rose(&mut self, listed: &ApiKey) -> bool {
        let Some(count) = listed.request_count else {
            return false;
        };
        let previous = self.counts.insert(listed.id.clone(), count).unwrap_or(0);
        count > previous
    }

    pub fn check_consumer(&mut self, name: &str, checked: bool, quiet_window_secs: u32) {
        match self.consumers.iter_mut().find(|c| c.name == name) {
            Some(consumer) => consumer.checked = checked,
            None => self.consumers.push(ConsumerCheck {
                name: name.to_owned(),
                checked,
            }),
        }
        self.regrade(quiet_window_secs);
    }

    pub fn remove_consumer(&mut self, name: &str, quiet_window_secs: u32) {
        self.consumers.retain(|c| c.name != name);
        self.regrade(quiet_window_secs);
    }

    pub fn record_test(&mut self, ok: bool, quiet_window_secs: u32) {
        self.new_key_tested = Some(ok);
        self.regrade(quiet_window_secs);
    }

    pub fn old_key_removed(&mut self, quiet_window_secs: u32) {
        self.old_key_gone = true;
        self.regrade(quiet_window_secs);
    }

    /// Recomputes `green` from what is known; also after the quiet window changes.
    pub fn regrade(&mut self, quiet_window_secs: u32) {
        self.old_quiet_for_secs = match (self.last_observed_at, self.old_quiet_since) {
            (Some(at), Some(since)) => Some(seconds_between(since, at)),
            _ => None,
        };
        let old_quiet = self.old_key_gone
            || self
                .old_quiet_for_secs
                .is_some_and(|quiet| quiet >= quiet_window_secs);
        self.green = match self.signal {
            UsageSignal::Checklist => {
                !self.consumers.is_empty()
                    && self.consumers.iter().all(|c| c.checked)
                    && self.new_key_tested == Some(true)
            }
            UsageSignal::LastUsedAt | UsageSignal::RequestCount => {
                self.new_key_first_used.is_some() && old_quiet
            }
        };
    }
}

fn seconds_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    u32::try_from((to - from).num_seconds().max(0)).unwrap_or(u32::MAX)
}
