//! Snoozing an item: hidden until a time the user picks, with their reason.
//! A snooze that has run out hides nothing and is dropped when next saved.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_REASON_CHARS: usize = 200;

/// The longest snooze; anything longer would be forgetting, not snoozing.
pub fn max_snooze() -> Duration {
    Duration::days(365)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Snooze {
    /// An `AttentionItem`'s id.
    pub item_id: String,
    pub until: DateTime<Utc>,
    pub reason: String,
    pub snoozed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snoozes {
    snoozes: Vec<Snooze>,
}

impl Snoozes {
    pub fn from_list(snoozes: Vec<Snooze>) -> Self {
        Self { snoozes }
    }

    pub fn list(&self) -> &[Snooze] {
        &self.snoozes
    }

    /// Hides `item_id` until `until`, replacing an earlier snooze of it.
    pub fn snooze(
        &mut self,
        item_id: &str,
        until: DateTime<Utc>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err("Say why you snooze it, so whoever looks next knows.".into());
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(format!("Keep the reason to {MAX_REASON_CHARS} characters."));
        }
        if until <= now {
            return Err("Choose a time in the future.".into());
        }
        if until - now > max_snooze() {
            return Err(format!(
                "Snooze for at most {} days.",
                max_snooze().num_days()
            ));
        }
        self.unsnooze(item_id);
        self.snoozes.push(Snooze {
            item_id: item_id.to_owned(),
            until,
            reason: reason.to_owned(),
            snoozed_at: now,
        });
        Ok(())
    }

    pub fn unsnooze(&mut self, item_id: &str) {
        self.snoozes.retain(|s| s.item_id != item_id);
    }

    /// The snooze hiding `item_id` at `now`, if one does.
    pub fn hiding(&self, item_id: &str, now: DateTime<Utc>) -> Option<&Snooze> {
        self.snoozes
            .iter()
            .find(|s| s.item_id == item_id && s.until > now)
    }

    /// Drops the snoozes that have run out.
    pub fn prune(&mut self, now: DateTime<Utc>) {
        self.snoozes.retain(|s| s.until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::now;

    #[test]
    fn hides_until_the_snooze_runs_out() {
        let mut snoozes = Snoozes::default();
        let until = now() + Duration::days(3);
        snoozes
            .snooze("stale:c1:k1", until, " kept for the audit ", now())
            .unwrap();
        let hiding = snoozes.hiding("stale:c1:k1", now()).expect("hidden");
        assert_eq!(hiding.reason, "kept for the audit");
        assert!(snoozes
            .hiding("stale:c1:k1", until - Duration::seconds(1))
            .is_some());
        assert!(snoozes.hiding("stale:c1:k1", until).is_none(), "run out");
        assert!(
            snoozes.hiding("stale:c1:k2", now()).is_none(),
            "another item"
        );
    }

    #[test]
    fn snoozing_again_replaces_and_unsnooze_shows_it_again() {
        let mut snoozes = Snoozes::default();
        snoozes
            .snooze("a", now() + Duration::days(1), "first", now())
            .unwrap();
        snoozes
            .snooze("a", now() + Duration::days(2), "second", now())
            .unwrap();
        assert_eq!(snoozes.list().len(), 1);
        assert_eq!(snoozes.list()[0].reason, "second");
        snoozes.unsnooze("a");
        assert!(snoozes.hiding("a", now()).is_none());
    }

    #[test]
    fn refuses_no_reason_the_past_and_too_long() {
        let mut snoozes = Snoozes::default();
        let later = now() + Duration::days(1);
        assert!(snoozes
            .snooze("a", later, "   ", now())
            .unwrap_err()
            .contains("why"));
        assert!(snoozes
            .snooze("a", now(), "r", now())
            .unwrap_err()
            .contains("future"));
        assert!(snoozes
            .snooze("a", now() + max_snooze() + Duration::seconds(1), "r", now())
            .unwrap_err()
            .contains("365 days"));
        snoozes
            .snooze("a", now() + max_snooze(), "r", now())
            .unwrap();
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        assert!(snoozes
            .snooze("b", later, &long, now())
            .unwrap_err()
            .contains("200"));
        assert_eq!(snoozes.list().len(), 1, "only the valid one was kept");
    }

    #[test]
    fn prune_drops_only_what_has_run_out() {
        let mut snoozes = Snoozes::default();
        snoozes
            .snooze("a", now() + Duration::days(1), "r", now())
            .unwrap();
        snoozes
            .snooze("b", now() + Duration::days(3), "r", now())
            .unwrap();
        snoozes.prune(now() + Duration::days(2));
        let left: Vec<_> = snoozes.list().iter().map(|s| s.item_id.as_str()).collect();
        assert_eq!(left, ["b"]);
    }
}
