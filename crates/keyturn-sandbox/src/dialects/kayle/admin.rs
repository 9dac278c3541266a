//! `/_sandbox/kayle/…`: what tests and the embedded app need that a real user would get
//! from their mailbox or the dashboard. Admin token only.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::accounts::Org;
use super::cookie::pair;
use super::ids::new_uuid;
use super::session::new_session;
use super::signin::new_user;
use crate::app_state::AppState;
use crate::clock::{self, rfc3339};
use crate::faults::AdminOnly;
use crate::secret::random_id;
use crate::store::{Change, SaveFailed};

fn problem(status: StatusCode, error: &str, detail: &str) -> Response {
    (status, Json(json!({"error": error, "detail": detail}))).into_response()
}

fn not_found(detail: &str) -> Response {
    problem(StatusCode::NOT_FOUND, "not_found", detail)
}

fn not_saved(SaveFailed(error): SaveFailed) -> Response {
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        &format!("The sandbox could not save its state file ({error})."),
    )
}

#[derive(Deserialize)]
pub(crate) struct EmailQuery {
    email: String,
}

pub(crate) async fn latest_code(
    _: AdminOnly,
    State(app): State<AppState>,
    Query(query): Query<EmailQuery>,
) -> Response {
    let email = query.email.to_lowercase();
    match app.kayle_codes.peek(&email, clock::now()) {
        Some(code) => Json(json!({
            "email": email,
            "otp": code.otp,
            "type": code.kind,
            "expires_at": rfc3339(&code.expires_at),
        }))
        .into_response(),
        None => {
            not_found("No live sign-in code for this email; call /v1/auth/magic/sign-in first.")
        }
    }
}

#[derive(Deserialize)]
struct NewSessionRequest {
    email: String,
    #[serde(default)]
    organization_name: Option<String>,
}

/// Signs `email` in as `session.sh` does: the user and an owned organization are made if
/// missing, and the session starts with that organization active.
pub(crate) async fn create_session(
    _: AdminOnly,
    State(app): State<AppState>,
    body: Bytes,
) -> Response {
    let request: NewSessionRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "validation_error",
                &error.to_string(),
            )
        }
    };
    let email = request.email.trim().to_lowercase();
    if !email.contains('@') {
        return problem(
            StatusCode::BAD_REQUEST,
            "validation_error",
            "email must be an email address",
        );
    }
    let now = clock::now();
    let outcome = app
        .store
        .update(|state| {
            let existing = state.kayle.user_by_email(&email).cloned();
            let user = existing
                .clone()
                .unwrap_or_else(|| new_user(&email, "Kayle Test", true, now));
            let owned = state.kayle.orgs_of(&user.id).next().cloned();
            let org = owned.clone().unwrap_or_else(|| {
                let local = email.split('@').next().unwrap_or("org");
                let base: String = local
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                Org {
                    id: new_uuid(),
                    name: request
                        .organization_name
                        .clone()
                        .unwrap_or_else(|| "Test organization".to_string()),
                    slug: format!("{base}-{}", random_id("", 6)),
                    owner_id: user.id.clone(),
                    created_at: now,
                    frozen_at: None,
                }
            });
            let opened = new_session(&user.id, Some(org.id.clone()), None, None, now);
            let answer = json!({
                "cookie": pair(&opened.signed),
                "session_id": opened.session.id,
                "user_id": user.id,
                "organization_id": org.id,
                "expires_at": rfc3339(&opened.session.expires_at),
            });
            let change = Change::KayleAccounts {
                user: existing.is_none().then_some(user),
                org: owned.is_none().then_some(org),
                session: Some(opened.session),
            };
            Ok::<_, SaveFailed>((answer, Some(change)))
        })
        .await;
    match outcome {
        Ok(answer) => Json(answer).into_response(),
        Err(error) => not_saved(error),
    }
}

async fn set_frozen(app: &AppState, org_id: &str, frozen: bool) -> Response {
    let now = clock::now();
    let outcome = app
        .store
        .update(|state| {
            let Some(org) = state.kayle.org(org_id) else {
                return Ok((None, None));
            };
            let mut org = org.clone();
            org.frozen_at = match (frozen, org.frozen_at) {
                (true, Some(at)) => Some(at),
                (true, None) => Some(now),
                (false, _) => None,
            };
            let answer: Value = json!({"organization_id": org.id, "frozen": frozen});
            let change = Change::KayleAccounts {
                user: None,
                org: Some(org),
                session: None,
            };
            Ok::<_, SaveFailed>((Some(answer), Some(change)))
        })
        .await;
    match outcome {
        Ok(Some(answer)) => Json(answer).into_response(),
        Ok(None) => not_found("No organization has this id."),
        Err(error) => not_saved(error),
    }
}

pub(crate) async fn freeze(
    _: AdminOnly,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    set_frozen(&app, &id.to_ascii_lowercase(), true).await
}

pub(crate) async fn unfreeze(
    _: AdminOnly,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    set_frozen(&app, &id.to_ascii_lowercase(), false).await
}

/// Ends a session as if its 7 days had passed.
pub(crate) async fn expire_session(
    _: AdminOnly,
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let now = clock::now();
    let outcome = app
        .store
        .update(|state| {
            let Some(session) = state.kayle.session(&id.to_ascii_lowercase()) else {
                return Ok((None, None));
            };
            let mut session = session.clone();
            session.expires_at = session.expires_at.min(now);
            let answer = json!({"session_id": session.id, "expired": true});
            let change = Change::KayleAccounts {
                user: None,
                org: None,
                session: Some(session),
            };
            Ok::<_, SaveFailed>((Some(answer), Some(change)))
        })
        .await;
    match outcome {
        Ok(Some(answer)) => Json(answer).into_response(),
        Ok(None) => not_found("No session has this id."),
        Err(error) => not_saved(error),
    }
}
