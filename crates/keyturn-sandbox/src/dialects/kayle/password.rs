//! Email and password sign-up and sign-in, which the real server offers in its test mode.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::auth_body::{object, Fields};
use super::auth_view;
use super::error::KayleError;
use super::signin::{find_user, new_user, open_session, with_cookie, Origin};
use crate::app_state::AppState;
use crate::clock;
use crate::secret::sha256_hex;

const MIN_PASSWORD: usize = 8;
const MAX_PASSWORD: usize = 128;

fn password_hash(user_id: &str, password: &str) -> String {
    sha256_hex(&format!("{user_id}:{password}"))
}

pub(crate) async fn sign_up_email(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, KayleError> {
    let body = object(&headers, &bytes)?;
    let mut fields = Fields::default();
    let name = fields.string(&body, "name");
    let email = fields.email(&body);
    let password = fields.string(&body, "password");
    fields.finish()?;
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Err(KayleError::unexpected());
    };
    check_password_length(&password)?;
    if app
        .store
        .read(|state| find_user(state, &email))
        .await
        .is_some()
    {
        return Err(KayleError::auth(
            StatusCode::UNPROCESSABLE_ENTITY,
            "User already exists. Use another email.",
            "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
        ));
    }
    let mut user = new_user(&email, &name, false, clock::now());
    user.password_sha256 = Some(password_hash(&user.id, &password));
    let opened = open_session(&app, user.clone(), true, Origin::of(peer, &headers)).await?;
    let answer = json!({"token": opened.token, "user": auth_view::user(&user)});
    Ok(with_cookie(&opened, answer))
}

pub(crate) async fn sign_in_email(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, KayleError> {
    let body = object(&headers, &bytes)?;
    let mut fields = Fields::default();
    let email = fields.email(&body);
    let password = fields.string(&body, "password");
    fields.finish()?;
    let (Some(email), Some(password)) = (email, password) else {
        return Err(KayleError::unexpected());
    };
    let user = app
        .store
        .read(|state| find_user(state, &email))
        .await
        .filter(|user| user.password_sha256.as_deref() == Some(&password_hash(&user.id, &password)))
        .ok_or_else(|| {
            KayleError::auth(
                StatusCode::UNAUTHORIZED,
                "Invalid email or password",
                "INVALID_EMAIL_OR_PASSWORD",
            )
        })?;
    let opened = open_session(&app, user.clone(), false, Origin::of(peer, &headers)).await?;
    let answer = json!({"redirect": false, "token": opened.token, "user": auth_view::user(&user)});
    Ok(with_cookie(&opened, answer))
}

fn check_password_length(password: &str) -> Result<(), KayleError> {
    let len = password.chars().count();
    if len < MIN_PASSWORD {
        Err(KayleError::auth(
            StatusCode::BAD_REQUEST,
            "Password too short",
            "PASSWORD_TOO_SHORT",
        ))
    } else if len > MAX_PASSWORD {
        Err(KayleError::auth(
            StatusCode::BAD_REQUEST,
            "Password too long",
            "PASSWORD_TOO_LONG",
        ))
    } else {
        Ok(())
    }
}
