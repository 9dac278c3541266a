//! `--seed-keys N`: made-up keys for the Verifa, `/v1/api-keys` and Kayle dialects, so that
//! lists, pagination and last-used columns have something to show. Ids, names and dates
//! (relative to now) follow from the seed; the key values are random and never kept.

mod lifecycle;
mod rng;
mod vocabulary;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::{json, Map};

use crate::dialects::api_keys::{self, ApiKey, Scope};
use crate::dialects::kayle::{self, KayleKey, PERMISSIONS};
use crate::dialects::verifa::{self, Environment, VerifaKey, DEFAULT_SCOPES, MANAGEMENT_SCOPES};
use crate::ordered;
use crate::secret::sha256_hex;
use crate::store::SandboxState;
use lifecycle::lifecycle;
use rng::SeedRng;
use vocabulary::{KEY_NAMES, TEAMS};

/// The organization that holds the seeded Verifa keys.
pub(crate) const SEEDED_ORG: &str = "org_sandbox";

pub(crate) fn fill(state: &mut SandboxState, count: usize, seed: u64) {
    if count == 0 {
        return;
    }
    let now = Utc::now()
        .duration_trunc(TimeDelta::seconds(1))
        .unwrap_or_else(|_| Utc::now());
    let mut keys: Vec<VerifaKey> = {
        let mut rng = SeedRng::new(seed ^ 0x7665_7269_6661);
        (0..count).map(|_| verifa_key(&mut rng, now)).collect()
    };
    ordered::sort(&mut keys);
    state.verifa.replace_org(SEEDED_ORG.to_string(), keys);

    let mut keys: Vec<ApiKey> = {
        let mut rng = SeedRng::new(seed ^ 0x6170_695f_6b65_7973);
        (0..count).map(|_| api_key(&mut rng, now)).collect()
    };
    ordered::sort(&mut keys);
    state.api_keys.replace_all(keys);

    let org_id = state.kayle.sandbox_org(now);
    let keys: Vec<KayleKey> = {
        let mut rng = SeedRng::new(seed ^ 0x006b_6179_6c65);
        (0..count)
            .map(|_| kayle_key(&mut rng, now, &org_id))
            .collect()
    };
    state.kayle.replace_all(keys);
}

fn name(rng: &mut SeedRng) -> String {
    format!("{} {}", rng.pick(&KEY_NAMES), 1 + rng.below(40))
}

/// A random value nobody will see: only its hash and display prefix are kept.
fn throwaway_value(prefix: &str, len: usize) -> String {
    let mut value = String::with_capacity(prefix.len() + len);
    value.push_str(prefix);
    value.extend(
        rand::thread_rng()
            .sample_iter(Alphanumeric)
            .take(len)
            .map(char::from),
    );
    value
}

fn verifa_key(rng: &mut SeedRng, now: DateTime<Utc>) -> VerifaKey {
    let id = format!("key_{}", rng.hex(24));
    let label = name(rng);
    let environment = if rng.chance(70) {
        Environment::Live
    } else {
        Environment::Sandbox
    };
    let mut scopes: Vec<String> = DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect();
    for _ in 0..rng.below(4) {
        let scope = rng.pick(&MANAGEMENT_SCOPES).to_string();
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let life = lifecycle(rng, now);
    let value = throwaway_value(environment.key_prefix(), verifa::KEY_VALUE_CHARS);
    VerifaKey {
        id,
        label,
        environment,
        key_prefix: value[..verifa::PREFIX_CHARS].to_string(),
        sha256: sha256_hex(&value),
        scopes,
        created_at: life.created_at,
        expires_at: life.expires_at,
        revoked_at: life.ended_at,
        usage: life.usage,
    }
}

fn api_key(rng: &mut SeedRng, now: DateTime<Utc>) -> ApiKey {
    let id = format!("ak_{}", rng.hex(24));
    let name = name(rng);
    let description = rng
        .chance(40)
        .then(|| format!("Used by the {} team", rng.pick(&TEAMS)));
    let scope = if rng.chance(60) {
        Scope::Read
    } else {
        Scope::ReadWrite
    };
    let service_account_id = rng.chance(30).then(|| format!("sa_{}", rng.hex(12)));
    let life = lifecycle(rng, now);
    let value = throwaway_value(api_keys::KEY_PREFIX, api_keys::KEY_VALUE_CHARS);
    ApiKey {
        id,
        name,
        description,
        scope,
        service_account_id,
        key_prefix: value[..api_keys::PREFIX_CHARS].to_string(),
        sha256: sha256_hex(&value),
        created_at: life.created_at,
        expires_at: life.expires_at,
        revoked_at: life.ended_at,
        usage: life.usage,
    }
}

/// Kayle keys belong to the sandbox organization, whose owner is `sandbox@example.test`.
fn kayle_key(rng: &mut SeedRng, now: DateTime<Utc>, org_id: &str) -> KayleKey {
    let mut id_bytes = [0u8; 16];
    id_bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    id_bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    let id = kayle::uuid_from(id_bytes);
    let name = name(rng);
    let mask = 1 + rng.below((1 << PERMISSIONS.len()) - 1);
    let permissions = PERMISSIONS
        .iter()
        .enumerate()
        .filter(|(bit, _)| mask & (1 << bit) != 0)
        .map(|(_, permission)| permission.to_string())
        .collect();
    let mut metadata = Map::new();
    if rng.chance(50) {
        metadata.insert("team".into(), json!(rng.pick(&TEAMS)));
        metadata.insert("ticket".into(), json!(1000 + rng.below(9000)));
        metadata.insert("rotates".into(), json!(rng.chance(50)));
    }
    let life = lifecycle(rng, now);
    let updated_at = life.ended_at.unwrap_or(life.created_at);
    let value = throwaway_value(kayle::KEY_PREFIX, kayle::KEY_VALUE_CHARS).to_lowercase();
    KayleKey {
        id,
        org_id: org_id.to_string(),
        name,
        enabled: life.ended_at.is_none(),
        permissions,
        metadata,
        sha256: sha256_hex(&value),
        created_at: life.created_at,
        updated_at,
    }
}
