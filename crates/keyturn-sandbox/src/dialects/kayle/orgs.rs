//! The session and its organizations: `get-session`, `organization/list`,
//! `organization/set-active` and `POST /v1/auth/orgs`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::accounts::Org;
use super::auth_body::object;
use super::auth_view;
use super::body;
use super::cookie::{session_value, set_cookie};
use super::error::KayleError;
use super::ids::{is_uuid, new_uuid};
use super::session::{signed_in, SignedIn};
use super::view::Envelope;
use super::zod::{path, Issue};
use crate::app_state::AppState;
use crate::clock;
use crate::store::Change;

const SLUG_PATTERN: &str = "/^[a-z0-9-]+$/u";

fn unauthorized() -> KayleError {
    KayleError::auth(StatusCode::UNAUTHORIZED, "Unauthorized", "UNAUTHORIZED")
}

pub(crate) async fn get_session(State(app): State<AppState>, headers: HeaderMap) -> Json<Value> {
    let Some(SignedIn { session, token }) = signed_in(&app, &headers).await else {
        return Json(Value::Null);
    };
    let answer = app
        .store
        .read(|state| {
            let kayle = &state.kayle;
            let user = kayle.user(&session.user_id)?;
            let orgs: Vec<Value> = kayle.orgs_of(&user.id).map(auth_view::membership).collect();
            let active = session
                .active_org
                .as_deref()
                .and_then(|id| kayle.org(id))
                .map(auth_view::membership);
            Some(json!({
                "user": auth_view::user(user),
                "organizations": orgs,
                "session": auth_view::session(&session, &token),
                "activeOrganization": active,
                "isPlatformAdmin": false,
            }))
        })
        .await;
    Json(answer.unwrap_or(Value::Null))
}

pub(crate) async fn list(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, KayleError> {
    let caller = signed_in(&app, &headers).await.ok_or_else(unauthorized)?;
    let orgs = app
        .store
        .read(|state| {
            state
                .kayle
                .orgs_of(&caller.session.user_id)
                .map(auth_view::org)
                .collect::<Vec<_>>()
        })
        .await;
    Ok(Json(Value::Array(orgs)))
}

pub(crate) async fn set_active(
    State(app): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Response, KayleError> {
    let caller = signed_in(&app, &headers).await.ok_or_else(unauthorized)?;
    let body = object(&headers, &bytes)?;
    let wanted = match body.get("organizationId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if is_uuid(id) => Some(id.to_ascii_lowercase()),
        Some(_) => return Err(KayleError::Empty(StatusCode::INTERNAL_SERVER_ERROR)),
    };
    let mut session = caller.session;
    let org = match &wanted {
        None => None,
        Some(id) => {
            let org = app
                .store
                .read(|state| {
                    state
                        .kayle
                        .org(id)
                        .filter(|o| o.owner_id == session.user_id)
                        .cloned()
                })
                .await;
            Some(org.ok_or_else(|| {
                KayleError::auth(
                    StatusCode::FORBIDDEN,
                    "User is not a member of the organization",
                    "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
                )
            })?)
        }
    };
    session.active_org = wanted;
    session.updated_at = clock::now();
    let change = Change::KayleAccounts {
        user: None,
        org: None,
        session: Some(session),
    };
    app.store
        .update(|_| Ok::<_, KayleError>(((), Some(change))))
        .await?;
    match (org, session_value(&headers)) {
        (Some(org), Some(signed)) => Ok((
            [(SET_COOKIE, set_cookie(&signed))],
            Json(auth_view::org(&org)),
        )
            .into_response()),
        _ => Ok(Json(Value::Null).into_response()),
    }
}

/// `POST /v1/auth/orgs {"name", "slug"}`: a new organization owned by the caller, not
/// made active.
pub(crate) async fn create(
    State(app): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Envelope<Value>>, KayleError> {
    let caller = signed_in(&app, &headers)
        .await
        .ok_or(KayleError::Unauthorized)?;
    let body = body::json(&headers, &bytes)?;
    let (name, slug) = parse_org(&body).map_err(KayleError::Zod)?;
    let org = Org {
        id: new_uuid(),
        name,
        slug,
        owner_id: caller.session.user_id,
        created_at: clock::now(),
        frozen_at: None,
    };
    let id = org.id.clone();
    app.store
        .update(|state| {
            if state.kayle.slug_taken(&org.slug) {
                return Err(KayleError::internal("Failed to create organization."));
            }
            let change = Change::KayleAccounts {
                user: None,
                org: Some(org),
                session: None,
            };
            Ok(((), Some(change)))
        })
        .await?;
    Ok(Json(Envelope::new(json!({"id": id}))))
}

fn parse_org(body: &Value) -> Result<(String, String), Vec<Issue>> {
    let Some(object) = body.as_object() else {
        return Err(vec![Issue::invalid_type("object", Some(body), Vec::new())]);
    };
    let mut issues = Vec::new();
    let name = match object.get("name") {
        Some(Value::String(name)) => Some(name.clone()),
        other => {
            issues.push(Issue::invalid_type("string", other, path(&["name"])));
            None
        }
    };
    let slug = match object.get("slug") {
        Some(Value::String(slug))
            if !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Some(slug.clone())
        }
        Some(Value::String(_)) => {
            issues.push(Issue::regex(
                SLUG_PATTERN,
                path(&["slug"]),
                "Organization slug must contain only lowercase letters, numbers, and hyphens."
                    .to_string(),
            ));
            None
        }
        other => {
            issues.push(Issue::invalid_type("string", other, path(&["slug"])));
            None
        }
    };
    match (name, slug) {
        (Some(name), Some(slug)) => Ok((name, slug)),
        _ => Err(issues),
    }
}
