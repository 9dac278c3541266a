//! The audit entries of what the app layer does itself (connections, copies,
//! exports) and their outcome in a few words: the error's kind and code, never
//! its message, which may repeat what was typed.

use keyturn_core::storage::audit::{AuditAction, AuditEntry};
use keyturn_core::workspace::Workspace;

use crate::error::CommandError;

/// The entry of an action on `connection_id`, named as the workspace knows it
/// (by id only once it is gone).
pub(super) fn entry_for(
    workspace: &Workspace,
    connection_id: &str,
    action: AuditAction,
) -> AuditEntry {
    match workspace.summary(connection_id) {
        Ok(connection) => AuditEntry::new(&connection, action, None, "ok"),
        Err(_) => AuditEntry {
            connection_id: Some(connection_id.to_owned()),
            ..AuditEntry::without_connection(action, "ok")
        },
    }
}

/// Writes `entry` with the outcome of `result`.
pub(super) fn record<T>(
    workspace: &Workspace,
    entry: AuditEntry,
    result: &Result<T, CommandError>,
) {
    workspace.record_entry(AuditEntry {
        outcome: outcome_of(result),
        ..entry
    });
}

pub(super) fn outcome_of<T>(result: &Result<T, CommandError>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(error) => failure(error),
    }
}

fn failure(error: &CommandError) -> String {
    match error {
        CommandError::Vendor {
            reason,
            code: Some(code),
            ..
        } => format!("failed: {reason:?} ({code})"),
        CommandError::Vendor { reason, .. } => format!("failed: {reason:?}"),
        CommandError::InvalidInput {
            field: Some(field), ..
        } => format!("refused: invalid {field}"),
        CommandError::InvalidInput { field: None, .. } => "refused: invalid input".to_owned(),
        CommandError::ReadOnly { .. } => "refused: read-only connection".to_owned(),
        CommandError::Storage { detail } => format!("failed: storage ({detail})"),
        other => format!("failed: {}", kind_of(other)),
    }
}

/// The error's `kind`, as the UI sees it.
fn kind_of(error: &CommandError) -> String {
    serde_json::to_value(error)
        .ok()
        .and_then(|v| v["kind"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "error".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyturn_core::vendors::error::VendorErrorKind;

    #[test]
    fn an_outcome_names_the_kind_and_code_never_the_message() {
        let vendor: Result<(), _> = Err(CommandError::Vendor {
            reason: VendorErrorKind::RateLimited,
            status: Some(429),
            code: Some("rate_limited".into()),
            message: "slow down, key sk_live_123".into(),
            request_id: None,
            retry_after_seconds: None,
            field: None,
            orphan_candidates: Vec::new(),
            orphan_check_failed: false,
        });
        assert_eq!(outcome_of(&vendor), "failed: RateLimited (rate_limited)");
        let invalid: Result<(), _> = Err(CommandError::InvalidInput {
            field: Some("credential".into()),
            message: "sk_live_typed is not a key".into(),
        });
        assert_eq!(outcome_of(&invalid), "refused: invalid credential");
        let keychain: Result<(), _> = Err(CommandError::KeychainUnavailable {
            detail: "locked".into(),
        });
        assert_eq!(outcome_of(&keychain), "failed: keychainUnavailable");
        assert_eq!(outcome_of(&Ok::<(), CommandError>(())), "ok");
    }
}
