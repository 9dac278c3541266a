//! Builders for the rules' tests: a fixed `now`, a connection, keys, a listing.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::attention::facts::{ConnectionFacts, ConnectionStatus};
use crate::attention::settings::RotationPolicy;
use crate::connections::connection::{AccountValues, ConnectionSummary, Environment, VendorKind};
use crate::keys::model::{ApiKey, Capabilities, KeyList, LastUsed, LastUsedFields, ScopeChoice};

/// Tue 1 Dec 2026, noon UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

/// `n` days after 1 Jan 2026.
pub fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(n)
}

pub fn connection(id: &str) -> ConnectionSummary {
    ConnectionSummary {
        id: id.into(),
        name: format!("Connection {id}"),
        vendor: VendorKind::Verifa,
        environment: Environment::Live,
        read_only: false,
        base_url: "https://api.example.test/".into(),
        account_label: None,
        account: AccountValues::default(),
        api_version: None,
        builtin: false,
        problem: None,
        signed_out: false,
    }
}

/// An active key created a year ago, used an hour ago.
pub fn key(id: &str) -> ApiKey {
    let mut key = ApiKey::new(id);
    key.name = Some(format!("key {id}"));
    key.created_at = Some(now() - Duration::days(365));
    key.last_used = LastUsed::Used {
        at: now() - Duration::hours(1),
        ip: None,
        user_agent: None,
    };
    key
}

pub fn used(at: DateTime<Utc>) -> LastUsed {
    LastUsed::Used {
        at,
        ip: None,
        user_agent: None,
    }
}

pub fn capabilities(max_keys: Option<u32>) -> Capabilities {
    Capabilities {
        name_label: "Name".into(),
        max_keys,
        max_name_length: None,
        can_reset: false,
        can_disable: true,
        can_rename: true,
        last_key_revocable: true,
        revoked_keys_listed: true,
        last_used: LastUsedFields {
            at: true,
            ..Default::default()
        },
        scope_choice: ScopeChoice::Any,
        scopes: Vec::new(),
        default_scopes: Vec::new(),
        environments: Vec::new(),
        create_fields: Vec::new(),
    }
}

pub fn listing(connection_id: &str, keys: Vec<ApiKey>, fetched_at: DateTime<Utc>) -> KeyList {
    KeyList {
        connection_id: connection_id.into(),
        keys,
        capabilities: capabilities(None),
        fetched_at,
    }
}

pub fn facts<'a>(
    connection: &'a ConnectionSummary,
    listing: Option<&'a KeyList>,
) -> ConnectionFacts<'a> {
    ConnectionFacts {
        connection,
        listing,
        status: ConnectionStatus::Listed,
        rotation_policy: RotationPolicy::default(),
        disabled_since: BTreeMap::new(),
    }
}
