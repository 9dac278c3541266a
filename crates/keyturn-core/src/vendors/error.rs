//! One error type for every vendor dialect, carrying what support needs.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::keys::model::DraftField;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VendorErrorKind {
    /// The vendor rejected or did not receive the credentials.
    Unauthorized,
    /// The credential was refused because it has expired: the user needs a new one.
    CredentialExpired,
    /// A signed-in session ended (expired, revoked, never made): sign in again.
    SignedOut,
    /// A one-time sign-in code was refused; the vendor has burned it, so a new one is needed.
    CodeRejected,
    /// Authenticated, but not allowed to do this.
    Forbidden,
    NotFound,
    /// The account already holds as many keys as the vendor allows.
    KeyLimitReached,
    /// The vendor refuses to delete the account's last key.
    LastKeyProtected,
    InvalidRequest,
    RateLimited,
    /// The vendor answered with a 5xx.
    Server,
    /// Sent, but no answer in time: the vendor may have acted on it.
    Timeout,
    /// The vendor could not be reached (refused, DNS, no route); nothing was sent.
    Unreachable,
    /// The vendor's certificate was not trusted; nothing was sent.
    Certificate,
    /// Sent, but the connection broke before a whole answer came back.
    ConnectionLost,
    /// An answer Keyturn cannot read: not JSON, wrong shape, too large.
    InvalidResponse,
    /// The vendor's API has no such operation.
    Unsupported,
    /// Keyturn refused to send the request because what must come first failed
    /// (a rotation's journal could not be written); the vendor saw nothing.
    NotSent,
    /// Keyturn refused what was entered for a key because it breaks the vendor's
    /// rules; nothing was sent. The message says what to change.
    InvalidDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct VendorError {
    pub kind: VendorErrorKind,
    pub status: Option<u16>,
    /// The vendor's own error code, e.g. `KEY_LIMIT_REACHED`.
    pub code: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
    /// The field of the draft to change, for an `InvalidDraft`.
    pub field: Option<DraftField>,
}

impl VendorError {
    /// The audit log's outcome of an action that failed with this error: the
    /// kind and the vendor's code, never its message.
    pub fn audit_outcome(&self) -> String {
        match &self.code {
            Some(code) => format!("failed: {:?} ({code})", self.kind),
            None => format!("failed: {:?}", self.kind),
        }
    }

    pub fn new(kind: VendorErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            status: None,
            code: None,
            message: message.into(),
            request_id: None,
            retry_after: None,
            field: None,
        }
    }

    /// A draft Keyturn will not send: `message` says what to change in `field`.
    pub fn invalid_draft(field: DraftField, message: impl Into<String>) -> Self {
        Self {
            field: Some(field),
            ..Self::new(VendorErrorKind::InvalidDraft, message)
        }
    }

    /// The vendor may have carried out the request even though Keyturn got no
    /// usable answer: a create that failed this way may have left a key behind.
    pub fn is_ambiguous(&self) -> bool {
        match self.kind {
            VendorErrorKind::Timeout
            | VendorErrorKind::ConnectionLost
            | VendorErrorKind::Server => true,
            VendorErrorKind::InvalidResponse => self.status.is_none_or(|s| (200..300).contains(&s)),
            _ => false,
        }
    }

    /// Worth another try for a request that is safe to repeat.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            VendorErrorKind::Timeout
                | VendorErrorKind::ConnectionLost
                | VendorErrorKind::Unreachable
                | VendorErrorKind::Server
                | VendorErrorKind::RateLimited
        )
    }

    /// The kind a bare HTTP status implies, before a dialect refines it by code.
    pub fn kind_for_status(status: u16) -> VendorErrorKind {
        match status {
            401 => VendorErrorKind::Unauthorized,
            403 => VendorErrorKind::Forbidden,
            404 | 410 => VendorErrorKind::NotFound,
            429 => VendorErrorKind::RateLimited,
            500..=599 => VendorErrorKind::Server,
            400..=499 => VendorErrorKind::InvalidRequest,
            _ => VendorErrorKind::InvalidResponse,
        }
    }
}

impl fmt::Display for VendorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status}")?;
            if let Some(code) = &self.code {
                write!(f, ", {code}")?;
            }
            if let Some(id) = &self.request_id {
                write!(f, ", request {id}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_kinds() {
        use VendorErrorKind::*;
        let cases = [
            (400, InvalidRequest),
            (401, Unauthorized),
            (403, Forbidden),
            (404, NotFound),
            (422, InvalidRequest),
            (429, RateLimited),
            (500, Server),
            (503, Server),
            (302, InvalidResponse),
        ];
        for (status, kind) in cases {
            assert_eq!(VendorError::kind_for_status(status), kind, "{status}");
        }
    }

    #[test]
    fn display_names_code_and_request_id() {
        let mut e = VendorError::new(VendorErrorKind::KeyLimitReached, "two keys at most");
        e.status = Some(400);
        e.code = Some("KEY_LIMIT_REACHED".into());
        e.request_id = Some("req_1".into());
        assert_eq!(
            e.to_string(),
            "KeyLimitReached: two keys at most (HTTP 400, KEY_LIMIT_REACHED, request req_1)"
        );
    }
}
