//! The dates and usage of a seeded key: when it was made, whether it expires or was
//! revoked, and when, from where and how often it was used.

use chrono::{DateTime, Duration, Utc};

use super::rng::SeedRng;
use super::vocabulary::USER_AGENTS;
use crate::usage::Usage;

const SPREAD_SECONDS: u64 = 400 * 24 * 3600;

pub(crate) struct Lifecycle {
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked for dialects that revoke, disabled for Kayle.
    pub ended_at: Option<DateTime<Utc>>,
    pub usage: Usage,
}

pub(crate) fn lifecycle(rng: &mut SeedRng, now: DateTime<Utc>) -> Lifecycle {
    let age = rng.below(SPREAD_SECONDS) + 60;
    let created_at = now - seconds(age);
    let expires_at = rng
        .chance(25)
        .then(|| created_at + seconds((30 + rng.below(700)) * 24 * 3600));
    let ended_at = rng.chance(10).then(|| created_at + seconds(rng.below(age)));
    let last_possible = [Some(now), expires_at, ended_at]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(now);
    let mut usage = Usage::default();
    let window = (last_possible - created_at).num_seconds();
    if window > 0 && rng.chance(75) {
        usage.last_used_at = Some(last_possible - seconds(rng.below(window as u64)));
        usage.last_used_ip = Some(format!("10.0.0.{}", 1 + rng.below(254)));
        usage.last_used_user_agent = Some(rng.pick(&USER_AGENTS).to_string());
        // Mostly modest counts, a few very busy keys.
        let ceiling = rng.below(50_000) + 1;
        usage.request_count = 1 + rng.below(ceiling);
    }
    Lifecycle {
        created_at,
        expires_at,
        ended_at,
        usage,
    }
}

fn seconds(n: u64) -> Duration {
    Duration::seconds(n as i64)
}
