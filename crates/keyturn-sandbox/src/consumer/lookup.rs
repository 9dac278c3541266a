//! Finding a presented key in every dialect by its SHA-256, and what using it changes.

use crate::dialects::veryfi::RetiredBecause;
use crate::store::{Change, SandboxState};
use crate::usage::Use;

#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Accepted {
        vendor: &'static str,
        key_id: String,
    },
    Refused(Refusal),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Refusal {
    Revoked,
    Disabled,
    Expired,
    Reset,
    Unknown,
    Missing,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Revoked => "key_revoked",
            Refusal::Disabled => "key_disabled",
            Refusal::Expired => "key_expired",
            Refusal::Reset => "key_reset",
            Refusal::Unknown => "key_unknown",
            Refusal::Missing => "key_missing",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::Revoked => "This API key has been revoked or deleted.",
            Refusal::Disabled => "This API key is disabled.",
            Refusal::Expired => "This API key has expired.",
            Refusal::Reset => "This API key was replaced when the account's keys were reset.",
            Refusal::Unknown => "This API key is not recognised.",
            Refusal::Missing => {
                "No API key was sent; send it as X-API-Key or Authorization: Bearer."
            }
        }
    }
}

/// What presenting the key with this hash means, and the usage to record if accepted.
pub(crate) fn use_key(state: &SandboxState, sha256: &str, one: &Use) -> (Outcome, Option<Change>) {
    let accepted =
        |vendor, key_id: String, change| (Outcome::Accepted { vendor, key_id }, Some(change));
    let refused = |refusal| (Outcome::Refused(refusal), None);

    let mut account = state.veryfi.clone();
    if let Some(key) = account.key_with_hash_mut(sha256) {
        key.usage.record(one);
        let id = key.id.to_string();
        return accepted("veryfi", id, Change::Veryfi { account });
    }
    if let Some(retired) = state.veryfi.retired_with_hash(sha256) {
        return refused(match retired.reason {
            RetiredBecause::Deleted => Refusal::Revoked,
            RetiredBecause::Reset => Refusal::Reset,
        });
    }

    if let Some((org_id, key)) = state.verifa.all_keys().find(|(_, k)| k.sha256 == sha256) {
        if key.revoked_at.is_some() {
            return refused(Refusal::Revoked);
        }
        if key.is_expired(one.at) {
            return refused(Refusal::Expired);
        }
        let mut key = key.clone();
        key.usage.record(one);
        let org_id = org_id.to_string();
        return accepted("verifa", key.id.clone(), Change::VerifaPut { org_id, key });
    }

    if let Some(key) = state.api_keys.keys().iter().find(|k| k.sha256 == sha256) {
        if key.revoked_at.is_some() {
            return refused(Refusal::Revoked);
        }
        if key.is_expired(one.at) {
            return refused(Refusal::Expired);
        }
        let mut key = key.clone();
        key.usage.record(one);
        return accepted("api_keys", key.id.clone(), Change::ApiKeyPut { key });
    }

    if let Some(key) = state.kayle.find_by_hash(sha256) {
        if !key.enabled {
            return refused(Refusal::Disabled);
        }
        // Kayle keeps no usage data, so nothing is recorded.
        let outcome = Outcome::Accepted {
            vendor: "kayle",
            key_id: key.id.clone(),
        };
        return (outcome, None);
    }
    if state.kayle.is_deleted_hash(sha256) {
        return refused(Refusal::Revoked);
    }
    refused(Refusal::Unknown)
}
