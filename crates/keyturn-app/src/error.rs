//! The error every action returns across IPC, and how errors become it.
//!
//! # The strategy
//!
//! - **One type at the edge.** Every `App` method returns `Result<_, CommandError>`.
//!   The UI switches on its `kind` (`ipc.ts` checks it is one it knows), so a
//!   rejection is never a bare string.
//! - **Each layer keeps its own error.** The core speaks in `VendorError` (what a
//!   vendor answered), `WorkspaceError` (the connection cannot do that),
//!   `ConnectionError` (the connection's form or file), `StoreError` (the
//!   keychain), `RotationError` (a step the wizard refused) and `StartupError`.
//!   The `From` impls below are the only place they become `CommandError`, so
//!   `?` is all a method needs.
//! - **Local refusals are their own kinds.** What Keyturn refuses before any
//!   network call (a draft that fails validation: `InvalidInput`; a journal that
//!   cannot be written: `Storage`) never looks like a vendor's answer, so the UI
//!   never says "the vendor refused" for something the vendor never saw.
//! - **Nothing secret inside.** Every field is built from text that cannot hold a
//!   secret: vendor messages are cleaned by the vendor's client, and keychain or
//!   file problems carry their description, never a value.
//! - **Sentences for people.** `message`/`detail`/`problem` are shown as they are;
//!   write them as a sentence the user can act on.

use serde::Serialize;
use ts_rs::TS;

use crate::embedded_sandbox::StartupError;
use keyturn_core::connections::service::ConnectionError;
use keyturn_core::keys::create_guard::CreateFailure;
use keyturn_core::keys::model::{ApiKey, DraftField};
use keyturn_core::rotation::refusal::RotationError;
use keyturn_core::secrets::StoreError;
use keyturn_core::vendors::error::{VendorError, VendorErrorKind};
use keyturn_core::workspace::WorkspaceError;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CommandError {
    #[serde(rename_all = "camelCase")]
    Vendor {
        reason: VendorErrorKind,
        status: Option<u16>,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
        retry_after_seconds: Option<u32>,
        /// The draft field the vendor's rules refused, for an `invalidDraft`:
        /// the form shows the message beside it.
        field: Option<DraftField>,
        /// After a create whose answer was lost: keys that appeared, secret unknown.
        orphan_candidates: Vec<ApiKey>,
        orphan_check_failed: bool,
    },
    /// The connection's session ended or was never made: offer to sign in again.
    #[serde(rename_all = "camelCase")]
    SignedOut {
        connection_id: Option<String>,
        message: String,
    },
    #[serde(rename_all = "camelCase")]
    ConnectionNotFound {
        connection_id: String,
    },
    /// The connection is read-only: creating, revoking, rotating and resetting are refused.
    #[serde(rename_all = "camelCase")]
    ReadOnly {
        connection_id: String,
    },
    #[serde(rename_all = "camelCase")]
    ConnectionUnusable {
        connection_id: String,
        problem: String,
    },
    /// Input the user can fix; `field` names the form field when there is one.
    InvalidInput {
        field: Option<String>,
        message: String,
    },
    KeychainUnavailable {
        detail: String,
    },
    /// The wizard refused a step; `refusal` says which rule and why.
    Rotation {
        refusal: RotationError,
    },
    #[serde(rename_all = "camelCase")]
    RotationNotFound {
        rotation_id: String,
    },
    /// Keyturn holds no listing of this connection's keys to search: list them first.
    #[serde(rename_all = "camelCase")]
    KeysNotListed {
        connection_id: String,
    },
    /// The revealed secret was already forgotten (its dialog closed); it cannot be shown again.
    SecretGone,
    /// Keyturn is locked: nothing that reads or changes keys runs until it is unlocked.
    Locked,
    /// `action` (revoke, reset) on a live connection needs the operating system to
    /// confirm the user again (`confirm_user`), then the same call again.
    #[serde(rename_all = "camelCase")]
    ConfirmNeeded {
        action: String,
    },
    /// The operating system did not confirm the user; `password_needed` when no
    /// authentication agent can ask, so the user's account password is wanted.
    #[serde(rename_all = "camelCase")]
    UnlockRefused {
        detail: String,
        password_needed: bool,
    },
    Clipboard {
        detail: String,
    },
    /// Keyturn could not write its own files (connections, journal).
    Storage {
        detail: String,
    },
    Startup {
        detail: String,
    },
    Internal {
        detail: String,
    },
}

impl From<VendorError> for CommandError {
    fn from(e: VendorError) -> Self {
        if e.kind == VendorErrorKind::SignedOut {
            return Self::SignedOut {
                connection_id: None,
                message: e.message,
            };
        }
        Self::Vendor {
            reason: e.kind,
            status: e.status,
            code: e.code,
            message: e.message,
            request_id: e.request_id,
            retry_after_seconds: e
                .retry_after
                .map(|d| d.as_secs().min(u32::MAX as u64) as u32),
            field: e.field,
            orphan_candidates: Vec::new(),
            orphan_check_failed: false,
        }
    }
}

impl From<CreateFailure> for CommandError {
    fn from(failure: CreateFailure) -> Self {
        let mut error = CommandError::from(failure.error);
        if let Self::Vendor {
            orphan_candidates,
            orphan_check_failed,
            ..
        } = &mut error
        {
            *orphan_candidates = failure.orphan_candidates;
            *orphan_check_failed = failure.orphan_check_failed;
        }
        error
    }
}

impl From<WorkspaceError> for CommandError {
    fn from(e: WorkspaceError) -> Self {
        match e {
            WorkspaceError::ConnectionNotFound(connection_id) => {
                Self::ConnectionNotFound { connection_id }
            }
            WorkspaceError::ReadOnly(connection_id) => Self::ReadOnly { connection_id },
            WorkspaceError::Unusable {
                connection_id,
                problem,
            } => Self::ConnectionUnusable {
                connection_id,
                problem,
            },
            WorkspaceError::SignedOut {
                connection_id,
                problem,
            } => Self::SignedOut {
                connection_id: Some(connection_id),
                message: problem,
            },
            WorkspaceError::Vendor(v) => v.into(),
            WorkspaceError::Create(c) => (*c).into(),
        }
    }
}

impl From<ConnectionError> for CommandError {
    fn from(e: ConnectionError) -> Self {
        match e {
            ConnectionError::Invalid { field, message } => Self::InvalidInput { field, message },
            ConnectionError::NotFound(connection_id) => Self::ConnectionNotFound { connection_id },
            ConnectionError::Keychain(store) => store.into(),
            ConnectionError::File(detail) => Self::Storage { detail },
            ConnectionError::Vendor(vendor) => vendor.into(),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        Self::KeychainUnavailable {
            detail: e.to_string(),
        }
    }
}

impl From<StartupError> for CommandError {
    fn from(e: StartupError) -> Self {
        match e {
            StartupError::Keychain(store) => store.into(),
            other => Self::Startup {
                detail: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use keyturn_core::keys::model::DraftField;
    use keyturn_core::{VendorError, VendorErrorKind};

    use super::CommandError;

    #[test]
    fn the_draft_field_a_vendor_refused_reaches_the_ui() {
        let error = VendorError::invalid_draft(
            DraftField::Scopes,
            "Choose one scope for the new key: read or read-write.",
        );
        let command = CommandError::from(error);
        match &command {
            CommandError::Vendor { reason, field, .. } => {
                assert_eq!(*reason, VendorErrorKind::InvalidDraft);
                assert_eq!(*field, Some(DraftField::Scopes));
            }
            other => panic!("{other:?}"),
        }
        let json = serde_json::to_value(&command).unwrap();
        assert_eq!(json["field"], "scopes", "{json}");
    }

    #[test]
    fn a_vendor_answer_without_a_field_says_none() {
        let error = VendorError::new(VendorErrorKind::Server, "The vendor failed.");
        let json = serde_json::to_value(CommandError::from(error)).unwrap();
        assert!(json["field"].is_null(), "{json}");
    }

    #[test]
    fn a_signed_out_vendor_answer_reaches_the_ui_as_its_own_kind() {
        let error = VendorError::new(
            VendorErrorKind::SignedOut,
            "Your Kayle ID session ended: sign in again.",
        );
        match CommandError::from(error) {
            CommandError::SignedOut {
                connection_id,
                message,
            } => {
                assert_eq!(connection_id, None);
                assert!(message.contains("sign in again"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}
