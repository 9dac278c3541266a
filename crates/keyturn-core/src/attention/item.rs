//! One thing that needs attention: what, how much, where, why, and what the
//! user can do about it. Severity and actions follow from the kind alone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attention::facts::ConnectionFacts;
use crate::keys::model::ApiKey;

/// Most urgent first: the derived order sorts critical before warning before info.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Critical,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AttentionKind {
    Expired,
    Expiring,
    Stale,
    NeverUsed,
    DisabledLong,
    AtKeyLimit,
    RotationDue,
    RotationInProgress,
    RotationStuck,
    ConnectionFailing,
    SignedOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NextAction {
    Rotate,
    Revoke,
    SignIn,
    OpenRotation,
    /// List the connection's keys again.
    Retry,
    Snooze,
}

impl AttentionKind {
    /// The word in the item's id (its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Self::Expired => "expired",
            Self::Expiring => "expiring",
            Self::Stale => "stale",
            Self::NeverUsed => "neverUsed",
            Self::DisabledLong => "disabledLong",
            Self::AtKeyLimit => "atKeyLimit",
            Self::RotationDue => "rotationDue",
            Self::RotationInProgress => "rotationInProgress",
            Self::RotationStuck => "rotationStuck",
            Self::ConnectionFailing => "connectionFailing",
            Self::SignedOut => "signedOut",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Self::Expired | Self::ConnectionFailing | Self::SignedOut => Severity::Critical,
            Self::Expiring | Self::Stale | Self::RotationDue | Self::RotationStuck => {
                Severity::Warning
            }
            Self::NeverUsed | Self::DisabledLong | Self::AtKeyLimit | Self::RotationInProgress => {
                Severity::Info
            }
        }
    }

    /// What is offered; a read-only connection offers nothing that changes a key.
    pub fn actions(self, read_only: bool) -> Vec<NextAction> {
        use NextAction::*;
        let offered: &[NextAction] = match self {
            Self::Expired => &[Rotate, Revoke, Snooze],
            Self::Expiring | Self::RotationDue => &[Rotate, Snooze],
            Self::Stale | Self::NeverUsed | Self::DisabledLong => &[Revoke, Snooze],
            // A rotation frees a slot before it creates: the way past the limit.
            Self::AtKeyLimit => &[Rotate, Snooze],
            Self::RotationInProgress | Self::RotationStuck => &[OpenRotation, Snooze],
            Self::ConnectionFailing => &[Retry, Snooze],
            Self::SignedOut => &[SignIn, Snooze],
        };
        offered
            .iter()
            .copied()
            .filter(|a| !(read_only && matches!(a, Rotate | Revoke)))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttentionItem {
    /// `<kind>:<connectionId>:<keyId or ->`, the same from one look to the next.
    pub id: String,
    pub kind: AttentionKind,
    pub severity: Severity,
    pub connection_id: String,
    pub connection_name: String,
    pub key_id: Option<String>,
    /// As the vendor has it; the UI shows it through its visible-text guard.
    pub key_name: Option<String>,
    pub rotation_id: Option<String>,
    /// Why, in one plain sentence.
    pub why: String,
    /// When it is or was due (expiry, rotation policy), for ordering and the UI's own date.
    pub deadline: Option<DateTime<Utc>>,
    pub actions: Vec<NextAction>,
    /// When the facts it comes from were gathered: the key list's time, or the
    /// rotation's last change; `None` when the connection was never listed.
    pub as_of: Option<DateTime<Utc>>,
}

pub fn item_id(kind: AttentionKind, connection_id: &str, key_id: Option<&str>) -> String {
    format!("{}:{connection_id}:{}", kind.name(), key_id.unwrap_or("-"))
}

impl AttentionItem {
    pub fn new(
        kind: AttentionKind,
        facts: &ConnectionFacts<'_>,
        key_id: Option<&str>,
        why: String,
    ) -> Self {
        let connection = facts.connection;
        Self {
            id: item_id(kind, &connection.id, key_id),
            kind,
            severity: kind.severity(),
            connection_id: connection.id.clone(),
            connection_name: connection.name.clone(),
            key_id: key_id.map(str::to_owned),
            key_name: None,
            rotation_id: None,
            why,
            deadline: None,
            actions: kind.actions(connection.read_only),
            as_of: facts.listing.map(|l| l.fetched_at),
        }
    }

    /// An item about one key of the connection's last listing.
    pub fn of_key(
        kind: AttentionKind,
        facts: &ConnectionFacts<'_>,
        key: &ApiKey,
        why: String,
    ) -> Self {
        Self {
            key_name: key.name.clone(),
            ..Self::new(kind, facts, Some(&key.id), why)
        }
    }

    pub fn due(self, deadline: Option<DateTime<Utc>>) -> Self {
        Self { deadline, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_the_kind_the_connection_and_the_key() {
        assert_eq!(
            item_id(AttentionKind::NeverUsed, "c1", Some("k_9")),
            "neverUsed:c1:k_9"
        );
        assert_eq!(
            item_id(AttentionKind::AtKeyLimit, "c1", None),
            "atKeyLimit:c1:-"
        );
    }

    #[test]
    fn id_words_are_the_serialized_kinds() {
        for kind in [
            AttentionKind::Expired,
            AttentionKind::NeverUsed,
            AttentionKind::DisabledLong,
            AttentionKind::AtKeyLimit,
            AttentionKind::RotationInProgress,
            AttentionKind::ConnectionFailing,
            AttentionKind::SignedOut,
        ] {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::String(kind.name().into())
            );
        }
    }

    #[test]
    fn read_only_connections_are_offered_nothing_that_changes_a_key() {
        assert_eq!(
            AttentionKind::Expired.actions(false),
            [NextAction::Rotate, NextAction::Revoke, NextAction::Snooze]
        );
        assert_eq!(AttentionKind::Expired.actions(true), [NextAction::Snooze]);
        assert_eq!(
            AttentionKind::AtKeyLimit.actions(false),
            [NextAction::Rotate, NextAction::Snooze]
        );
        assert_eq!(
            AttentionKind::SignedOut.actions(true),
            [NextAction::SignIn, NextAction::Snooze]
        );
    }

    #[test]
    fn critical_sorts_first() {
        let mut severities = [Severity::Info, Severity::Critical, Severity::Warning];
        severities.sort();
        assert_eq!(
            severities,
            [Severity::Critical, Severity::Warning, Severity::Info]
        );
    }
}
