//! Signing in with the one-time code sent by email, and signing out.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::accounts::User;
use super::auth_body::{object, Fields};
use super::auth_view;
use super::cookie::set_cookie;
use super::error::KayleError;
use super::ids::new_uuid;
use super::session::{new_session, signed_in, NewSession};
use crate::app_state::AppState;
use crate::clock;
use crate::store::{Change, SandboxState};

/// Where a request came from, recorded on the sessions it opens.
pub(crate) struct Origin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl Origin {
    pub fn of(peer: SocketAddr, headers: &HeaderMap) -> Self {
        Origin {
            ip: Some(peer.ip().to_canonical().to_string()),
            // The real server records a missing User-Agent as "".
            user_agent: Some(
                headers
                    .get(USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string(),
            ),
        }
    }
}

pub(crate) fn new_user(email: &str, name: &str, verified: bool, now: DateTime<Utc>) -> User {
    User {
        id: new_uuid(),
        email: email.to_string(),
        name: name.to_string(),
        email_verified: verified,
        password_sha256: None,
        created_at: now,
        updated_at: now,
    }
}

/// The answer that opens a session: `body` plus the cookie.
pub(crate) fn with_cookie(opened: &NewSession, body: Value) -> Response {
    ([(SET_COOKIE, set_cookie(&opened.signed))], Json(body)).into_response()
}

/// Saves the user (new or changed) and opens a session for them.
pub(crate) async fn open_session(
    app: &AppState,
    user: User,
    user_changed: bool,
    origin: Origin,
) -> Result<NewSession, KayleError> {
    let now = clock::now();
    let opened = new_session(&user.id, None, origin.ip, origin.user_agent, now);
    let change = Change::KayleAccounts {
        user: user_changed.then_some(user),
        org: None,
        session: Some(opened.session.clone()),
    };
    app.store
        .update(|_| Ok::<_, KayleError>(((), Some(change))))
        .await?;
    Ok(opened)
}

pub(crate) fn find_user(state: &SandboxState, email: &str) -> Option<User> {
    state.kayle.user_by_email(email).cloned()
}

pub(crate) async fn magic_sign_in(
    State(app): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Value>, KayleError> {
    let body = object(&headers, &bytes)?;
    let mut fields = Fields::default();
    let email = fields.email(&body);
    let kind = fields.kind(&body);
    fields.finish()?;
    let (Some(email), Some(kind)) = (email, kind) else {
        return Err(KayleError::unexpected());
    };
    app.kayle_codes.issue(&email, &kind, clock::now());
    Ok(Json(json!({"status": true})))
}

pub(crate) async fn verify_otp(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, KayleError> {
    let body = object(&headers, &bytes)?;
    let mut fields = Fields::default();
    let email = fields.email(&body);
    let otp = fields.string(&body, "otp");
    let kind = fields.kind(&body);
    fields.finish()?;
    let (Some(email), Some(otp), Some(kind)) = (email, otp, kind) else {
        return Err(KayleError::unexpected());
    };
    let now = clock::now();
    if !app.kayle_codes.redeem(&email, &otp, &kind, now) {
        return Err(KayleError::Auth {
            status: StatusCode::BAD_REQUEST,
            message: "Your OTP is invalid or has expired. Please try again.".to_string(),
            code: None,
        });
    }
    let (user, changed) = match app.store.read(|state| find_user(state, &email)).await {
        Some(user) if user.email_verified => (user, false),
        Some(mut user) => {
            user.email_verified = true;
            user.updated_at = now;
            (user, true)
        }
        None => (new_user(&email, "", true, now), true),
    };
    let opened = open_session(&app, user.clone(), changed, Origin::of(peer, &headers)).await?;
    let answer = json!({
        "status": true,
        "user": auth_view::user(&user),
        "session": auth_view::session(&opened.session, &opened.token),
    });
    Ok(with_cookie(&opened, answer))
}

/// Ends the caller's session, if any; the real server answers the same either way.
pub(crate) async fn sign_out(
    State(app): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, KayleError> {
    object(&headers, &bytes)?;
    if let Some(caller) = signed_in(&app, &headers).await {
        let mut session = caller.session;
        session.expires_at = session.expires_at.min(clock::now());
        let change = Change::KayleAccounts {
            user: None,
            org: None,
            session: Some(session),
        };
        app.store
            .update(|_| Ok::<_, KayleError>(((), Some(change))))
            .await?;
    }
    let cleared = ["session_token", "session_data", "dont_remember"].map(|name| {
        (
            SET_COOKIE,
            format!(
                "kayle-id.{name}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax; Partitioned"
            ),
        )
    });
    let mut response = Json(json!({"success": true})).into_response();
    for (name, value) in cleared {
        response
            .headers_mut()
            .append(name, value.parse().expect("a valid header value"));
    }
    Ok(response)
}
