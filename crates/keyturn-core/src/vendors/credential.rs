//! What a connection authenticates with. A vendor declares one `CredentialKind`
//! in its catalog entry (`VendorAccount::info`): a static token the user pastes,
//! or a session the user signs in to. Either way the credential lives only in
//! the keychain, as one text entry.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::secrets::Sensitive;
use crate::vendors::error::VendorError;
use crate::vendors::Account;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CredentialKind {
    /// Pasted once into the form (the vendor's `credential_label` says what it is called).
    StaticToken,
    /// Made by signing in, in these steps; it ends after `lifetime_days` or when revoked.
    #[serde(rename_all = "camelCase")]
    Session {
        steps: Vec<SignInStep>,
        lifetime_days: u32,
    },
}

impl CredentialKind {
    pub fn is_session(&self) -> bool {
        matches!(self, Self::Session { .. })
    }
}

/// One screen of a sign-in, in the order the vendor's users go through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SignInStep {
    /// The user's email address; the vendor sends a one-time code to it.
    Email,
    /// The one-time code the user received.
    Code,
    /// The organization whose keys the connection manages.
    Organization,
}

/// A signed-in session: the cookie the vendor set (`name=value`, as sent back)
/// and when the vendor said it ends.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: Sensitive<String>,
    pub expires_at: DateTime<Utc>,
}

const SESSION_FORMAT: &str = "session/1";

impl Session {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at <= now
    }

    /// The keychain entry's text: format, expiry and cookie, one a line.
    pub fn to_keychain(&self) -> Sensitive<String> {
        Sensitive::new(format!(
            "{SESSION_FORMAT}\n{}\n{}",
            self.expires_at.to_rfc3339(),
            self.cookie.expose()
        ))
    }

    /// `None` for anything else (say, a token saved by an older Keyturn).
    pub fn from_keychain(entry: &Sensitive<String>) -> Option<Self> {
        let mut lines = entry.expose().splitn(3, '\n');
        if lines.next()? != SESSION_FORMAT {
            return None;
        }
        let expires_at = DateTime::parse_from_rfc3339(lines.next()?)
            .ok()?
            .with_timezone(&Utc);
        let cookie = lines.next()?;
        if cookie.is_empty() || cookie.contains(['\r', '\n']) {
            return None;
        }
        Some(Self {
            cookie: Sensitive::new(cookie.to_owned()),
            expires_at,
        })
    }
}

/// An organization the signed-in user may manage keys of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationChoice {
    pub id: String,
    pub name: String,
    /// The user's role there, as the vendor names it ("owner", "admin").
    pub role: String,
}

/// The vendor side of a session sign-in. Each call is one step of `SignInStep`.
#[async_trait]
pub trait SessionSignIn: Send + Sync {
    /// Asks the vendor to send a one-time code to `email`.
    async fn send_code(&self, email: &str) -> Result<(), VendorError>;

    /// Trades the code for a session. A refused code is `CodeRejected`.
    async fn verify_code(
        &self,
        email: &str,
        code: &Sensitive<String>,
    ) -> Result<Session, VendorError>;

    /// The organizations where the user may manage keys (others are left out).
    async fn organizations(
        &self,
        session: &Session,
    ) -> Result<Vec<OrganizationChoice>, VendorError>;

    /// Makes `organization_id` the session's organization; the vendor may renew the cookie.
    async fn choose_organization(
        &self,
        session: Session,
        organization_id: &str,
    ) -> Result<Session, VendorError>;

    /// The non-secret account fields of a connection signed in so.
    fn account(&self, email: &str, organization: &OrganizationChoice) -> Account;

    /// Ends the session at the vendor.
    async fn sign_out(&self, session: &Session) -> Result<(), VendorError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_round_trips_through_the_keychain_text() {
        let session = Session {
            cookie: Sensitive::new("kayle-id.session_token=abc.def%3D".into()),
            expires_at: "2026-12-08T21:59:48Z".parse().unwrap(),
        };
        let back = Session::from_keychain(&session.to_keychain()).unwrap();
        assert_eq!(back.cookie.expose(), session.cookie.expose());
        assert_eq!(back.expires_at, session.expires_at);
    }

    #[test]
    fn a_bare_token_is_not_a_session() {
        for text in [
            "0123456789abcdef",
            "session/1\nnot-a-date\ncookie=x",
            "session/1\n2026-12-08T21:59:48Z\n",
        ] {
            assert!(
                Session::from_keychain(&Sensitive::new(text.into())).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn expiry_is_inclusive() {
        let at: DateTime<Utc> = "2026-12-08T00:00:00Z".parse().unwrap();
        let session = Session {
            cookie: Sensitive::new("a=b".into()),
            expires_at: at,
        };
        assert!(session.is_expired(at));
        assert!(!session.is_expired(at - chrono::Duration::seconds(1)));
    }
}
