//! What the rules read about one connection: who it is, its last known key list,
//! whether it can be reached now, its rotation policy, and when Keyturn knows a
//! key was disabled (vendors do not report it).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::attention::settings::RotationPolicy;
use crate::connections::connection::ConnectionSummary;
use crate::keys::model::{ApiKey, KeyList};
use crate::storage::audit::{AuditAction, AuditEntry};

/// Whether the connection's last attempt to list its keys worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionStatus {
    Listed,
    /// It cannot list its keys; `since` is the first failure in a row, when known.
    Failing {
        reason: String,
        since: Option<DateTime<Utc>>,
    },
    /// Its session ended (or it never signed in).
    SignedOut,
}

impl ConnectionStatus {
    /// From the connection as the sidebar has it and the last list attempt's failure, if any.
    pub fn of(
        connection: &ConnectionSummary,
        list_failure: Option<(String, DateTime<Utc>)>,
    ) -> Self {
        if connection.signed_out {
            return Self::SignedOut;
        }
        match (list_failure, &connection.problem) {
            (Some((reason, since)), _) => Self::Failing {
                reason,
                since: Some(since),
            },
            (None, Some(problem)) => Self::Failing {
                reason: problem.clone(),
                since: None,
            },
            (None, None) => Self::Listed,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ConnectionFacts<'a> {
    pub connection: &'a ConnectionSummary,
    /// The last key list that succeeded; its `fetched_at` is every key item's `asOf`.
    pub listing: Option<&'a KeyList>,
    pub status: ConnectionStatus,
    pub rotation_policy: RotationPolicy,
    /// Key id → when Keyturn disabled it (see `disabled_since`).
    pub disabled_since: BTreeMap<String, DateTime<Utc>>,
}

impl ConnectionFacts<'_> {
    /// The keys of the last listing; none if it was never listed.
    pub fn keys(&self) -> &[ApiKey] {
        self.listing.map(|l| l.keys.as_slice()).unwrap_or_default()
    }
}

/// The actions that leave a key enabled, disabled or gone; a copy or a rotation
/// step that names the key says nothing about it.
pub const KEY_STATE_ACTIONS: [AuditAction; 4] = [
    AuditAction::Create,
    AuditAction::Revoke,
    AuditAction::Disable,
    AuditAction::Enable,
];

/// When each key of the connection that is still disabled was disabled through
/// Keyturn, from the audit log (newest first, as `AuditLog` reads it). A key
/// disabled elsewhere is not in it.
pub fn disabled_since(
    connection_id: &str,
    newest_first: &[AuditEntry],
) -> BTreeMap<String, DateTime<Utc>> {
    let mut since = BTreeMap::new();
    let mut settled = std::collections::BTreeSet::new();
    for entry in newest_first.iter().filter(|e| {
        e.connection_id.as_deref() == Some(connection_id)
            && KEY_STATE_ACTIONS.contains(&e.action)
            && e.outcome == "ok"
    }) {
        let Some(key_id) = &entry.key_id else {
            continue;
        };
        if !settled.insert(key_id.clone()) {
            continue;
        }
        if entry.action == AuditAction::Disable {
            since.insert(key_id.clone(), entry.at);
        }
    }
    since
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::{connection, day};
    use crate::connections::connection::VendorKind;

    fn entry(at: i64, key: &str, action: AuditAction, outcome: &str) -> AuditEntry {
        AuditEntry {
            at: day(at),
            user: "ada".into(),
            connection_id: Some("c1".into()),
            connection_name: Some("Acme".into()),
            vendor: Some(VendorKind::Verifa),
            action,
            key_id: Some(key.into()),
            detail: None,
            outcome: outcome.into(),
        }
    }

    #[test]
    fn the_latest_successful_disable_not_followed_by_an_enable_counts() {
        let newest_first = [
            entry(9, "a", AuditAction::Disable, "ok"),
            entry(8, "b", AuditAction::Disable, "vendor (500)"),
            entry(7, "a", AuditAction::Enable, "ok"),
            entry(6, "c", AuditAction::Enable, "ok"),
            entry(5, "c", AuditAction::Disable, "ok"),
            entry(4, "b", AuditAction::Disable, "ok"),
            entry(3, "a", AuditAction::Disable, "ok"),
        ];
        let since = disabled_since("c1", &newest_first);
        assert_eq!(since.get("a"), Some(&day(9)));
        assert_eq!(
            since.get("b"),
            Some(&day(4)),
            "the failed disable is skipped"
        );
        assert_eq!(since.get("c"), None, "enabled again");
        assert!(disabled_since("other", &newest_first).is_empty());
    }

    #[test]
    fn a_copy_or_a_rotation_step_after_a_disable_leaves_the_key_disabled() {
        let newest_first = [
            entry(9, "a", AuditAction::RotationAdvanced, "ok"),
            entry(8, "a", AuditAction::KeyCopied, "ok"),
            entry(7, "a", AuditAction::Disable, "ok"),
        ];
        let since = disabled_since("c1", &newest_first);
        assert_eq!(since.get("a"), Some(&day(7)));
    }

    #[test]
    fn a_signed_out_connection_is_signed_out_whatever_failed() {
        let mut c = connection("c1");
        assert_eq!(ConnectionStatus::of(&c, None), ConnectionStatus::Listed);
        let failure = Some(("timed out".to_owned(), day(1)));
        assert_eq!(
            ConnectionStatus::of(&c, failure.clone()),
            ConnectionStatus::Failing {
                reason: "timed out".into(),
                since: Some(day(1))
            }
        );
        c.signed_out = true;
        assert_eq!(
            ConnectionStatus::of(&c, failure),
            ConnectionStatus::SignedOut
        );
    }
}
