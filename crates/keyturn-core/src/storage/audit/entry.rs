//! One entry of the audit log and the actions it names.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::who::{os_user, UNKNOWN_USER};
use crate::connections::connection::{ConnectionSummary, VendorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditAction {
    /// A key created.
    Create,
    Revoke,
    Disable,
    Enable,
    Reset,
    ConnectionAdded,
    ConnectionEdited,
    ConnectionRemoved,
    SignedIn,
    SignedOut,
    /// A new key's secret copied from its reveal (the entry names the key only).
    KeyCopied,
    /// A file written: keys, the inventory report or the audit log.
    Export,
    RotationStarted,
    /// A step the user took in the rotation wizard.
    RotationAdvanced,
    RotationCancelled,
    RotationFinished,
}

impl AuditAction {
    pub const ALL: [AuditAction; 16] = [
        Self::Create,
        Self::Revoke,
        Self::Disable,
        Self::Enable,
        Self::Reset,
        Self::ConnectionAdded,
        Self::ConnectionEdited,
        Self::ConnectionRemoved,
        Self::SignedIn,
        Self::SignedOut,
        Self::KeyCopied,
        Self::Export,
        Self::RotationStarted,
        Self::RotationAdvanced,
        Self::RotationCancelled,
        Self::RotationFinished,
    ];

    /// The name in `audit.jsonl` and the CSV.
    pub fn name(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Revoke => "revoke",
            Self::Disable => "disable",
            Self::Enable => "enable",
            Self::Reset => "reset",
            Self::ConnectionAdded => "connectionAdded",
            Self::ConnectionEdited => "connectionEdited",
            Self::ConnectionRemoved => "connectionRemoved",
            Self::SignedIn => "signedIn",
            Self::SignedOut => "signedOut",
            Self::KeyCopied => "keyCopied",
            Self::Export => "export",
            Self::RotationStarted => "rotationStarted",
            Self::RotationAdvanced => "rotationAdvanced",
            Self::RotationCancelled => "rotationCancelled",
            Self::RotationFinished => "rotationFinished",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// The OS user Keyturn ran as; "unknown" in entries written before it was recorded.
    #[serde(default = "unknown_user")]
    pub user: String,
    /// Null when the action has no single connection: the inventory report of
    /// every connection, or a connection whose add failed before it had an id.
    /// Entries written before "connection" was the one word say `profileId` and `profileName`.
    #[serde(alias = "profileId", default)]
    pub connection_id: Option<String>,
    #[serde(alias = "profileName", default)]
    pub connection_name: Option<String>,
    #[serde(default)]
    pub vendor: Option<VendorKind>,
    pub action: AuditAction,
    /// The key acted on; for a create, the new key's id when it is known.
    #[serde(default)]
    pub key_id: Option<String>,
    /// What was done beyond the key: what was exported ("csv, 12 keys"), the rotation and its step.
    #[serde(default)]
    pub detail: Option<String>,
    /// "ok", or the failure in a few words (its kind and the vendor's code).
    pub outcome: String,
}

fn unknown_user() -> String {
    UNKNOWN_USER.to_owned()
}

impl AuditEntry {
    pub fn new(
        connection: &ConnectionSummary,
        action: AuditAction,
        key_id: Option<&str>,
        outcome: impl Into<String>,
    ) -> Self {
        Self {
            connection_id: Some(connection.id.clone()),
            connection_name: Some(connection.name.clone()),
            vendor: Some(connection.vendor),
            key_id: key_id.map(str::to_owned),
            ..Self::without_connection(action, outcome)
        }
    }

    /// An action of no single connection (the inventory report), or of one not
    /// saved (fill in its name and vendor).
    pub fn without_connection(action: AuditAction, outcome: impl Into<String>) -> Self {
        Self {
            at: Utc::now(),
            user: os_user().to_owned(),
            connection_id: None,
            connection_name: None,
            vendor: None,
            action,
            key_id: None,
            detail: None,
            outcome: outcome.into(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_written_before_the_rename_reads_as_a_connection() {
        let line = r#"{"at":"2026-01-01T00:00:00Z","profileId":"p_1","profileName":"Acme","vendor":"veryfi","action":"revoke","keyId":"3","outcome":"ok"}"#;
        let entry: AuditEntry = serde_json::from_str(line).unwrap();
        assert_eq!(entry.connection_id.as_deref(), Some("p_1"));
        assert_eq!(entry.connection_name.as_deref(), Some("Acme"));
        assert!(serde_json::to_string(&entry)
            .unwrap()
            .contains("\"connectionId\":\"p_1\""));
    }

    #[test]
    fn an_entry_written_before_users_were_recorded_reads_as_unknown() {
        let line = r#"{"at":"2026-01-01T00:00:00Z","connectionId":"p_1","connectionName":"Acme","vendor":"veryfi","action":"disable","keyId":"3","outcome":"ok"}"#;
        let entry: AuditEntry = serde_json::from_str(line).unwrap();
        assert_eq!(entry.user, UNKNOWN_USER);
        assert_eq!(entry.action, AuditAction::Disable);
        assert_eq!(entry.vendor, Some(VendorKind::Veryfi));
        assert_eq!(entry.detail, None);
    }

    #[test]
    fn a_new_entry_names_the_os_user() {
        let entry = AuditEntry::without_connection(AuditAction::Export, "ok");
        assert_eq!(entry.user, os_user());
        assert!(!entry.user.is_empty());
    }

    #[test]
    fn each_action_keeps_its_name_in_the_file() {
        for action in AuditAction::ALL {
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.name())
            );
        }
        assert_eq!(AuditAction::Create.name(), "create");
        assert_eq!(AuditAction::Reset.name(), "reset");
    }
}
