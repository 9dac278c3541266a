//! Who is calling: the session behind the cookie, and its active organization.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use chrono::{DateTime, Duration, Utc};

use super::accounts::{Org, Session};
use super::cookie::{session_value, MAX_AGE_SECONDS};
use super::error::KayleError;
use super::ids::{new_session_token, new_uuid};
use crate::app_state::AppState;
use crate::clock;
use crate::secret::sha256_hex;

/// A live session, and the token half of its cookie (answers show it as `token`).
pub(crate) struct SignedIn {
    pub session: Session,
    pub token: String,
}

pub(crate) async fn signed_in(app: &AppState, headers: &HeaderMap) -> Option<SignedIn> {
    let signed = session_value(headers)?;
    let token = signed.split_once('.')?.0.to_string();
    let digest = sha256_hex(&signed);
    let now = clock::now();
    let session = app
        .store
        .read(|state| state.kayle.session_by_cookie(&digest).cloned())
        .await?;
    session.is_live(now).then_some(SignedIn { session, token })
}

/// The key routes' caller: signed in, with an active organization it belongs to.
pub(crate) struct ActiveOrg(pub Org);

impl ActiveOrg {
    /// Changes are refused while the organization is scheduled for deletion.
    pub fn writable(&self) -> Result<&Org, KayleError> {
        if self.0.is_frozen() {
            Err(KayleError::frozen())
        } else {
            Ok(&self.0)
        }
    }
}

impl FromRequestParts<AppState> for ActiveOrg {
    type Rejection = KayleError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, KayleError> {
        let caller = signed_in(app, &parts.headers)
            .await
            .ok_or(KayleError::Unauthorized)?;
        let session = caller.session;
        let org = app
            .store
            .read(|state| {
                let org = state.kayle.org(session.active_org.as_deref()?)?;
                (org.owner_id == session.user_id).then(|| org.clone())
            })
            .await;
        org.map(ActiveOrg).ok_or(KayleError::Forbidden)
    }
}

/// A new session and its signed cookie value `<token>.<signature>`.
pub(crate) struct NewSession {
    pub session: Session,
    pub token: String,
    pub signed: String,
}

pub(crate) fn new_session(
    user_id: &str,
    active_org: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    now: DateTime<Utc>,
) -> NewSession {
    let (token, signature) = new_session_token();
    let signed = format!("{token}.{signature}");
    let session = Session {
        id: new_uuid(),
        cookie_sha256: sha256_hex(&signed),
        user_id: user_id.to_string(),
        active_org,
        ip,
        user_agent,
        created_at: now,
        updated_at: now,
        expires_at: now + Duration::seconds(MAX_AGE_SECONDS),
    };
    NewSession {
        session,
        token,
        signed,
    }
}
