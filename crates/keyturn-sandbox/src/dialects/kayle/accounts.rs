//! Who can sign in to Kayle: users, their organizations and their sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct User {
    pub id: String,
    /// Lowercase.
    pub email: String,
    pub name: String,
    pub email_verified: bool,
    /// SHA-256 of `<user id>:<password>`, for users who signed up with a password.
    #[serde(default)]
    pub password_sha256: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Org {
    pub id: String,
    pub name: String,
    pub slug: String,
    /// Every member is the owner: the sandbox has no invitations.
    pub owner_id: String,
    pub created_at: DateTime<Utc>,
    /// Set while the organization is scheduled for deletion.
    #[serde(default)]
    pub frozen_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct Session {
    pub id: String,
    /// SHA-256 of the signed cookie value `<token>.<signature>`.
    pub cookie_sha256: String,
    pub user_id: String,
    pub active_org: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Org {
    pub fn is_frozen(&self) -> bool {
        self.frozen_at.is_some()
    }
}

impl Session {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at
    }
}
