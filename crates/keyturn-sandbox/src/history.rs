//! `POST /_sandbox/api-keys/{id}/history`, for the admin token only: sets when a
//! `/v1/api-keys` key was made, when it expires and when and from where it was
//! last used, as days from now. Tests make a key expiring, stale or never used
//! this way without waiting for the calendar.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use serde::Deserialize;
use serde_json::json;

use crate::app_state::AppState;
use crate::clock;
use crate::faults::AdminOnly;
use crate::store::{Change, SaveFailed};

/// Each field left out keeps what the key has; `null` clears it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct History {
    #[serde(default)]
    created_days_ago: Option<f64>,
    #[serde(default, with = "present")]
    expires_in_days: Option<Option<f64>>,
    #[serde(default, with = "present")]
    last_used_days_ago: Option<Option<f64>>,
    #[serde(default)]
    last_used_ip: Option<String>,
}

/// Tells a field set to `null` from one left out.
mod present {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
        Option::<f64>::deserialize(d).map(Some)
    }
}

enum Refused {
    NotFound,
    Invalid(String),
    Save(SaveFailed),
}

impl From<SaveFailed> for Refused {
    fn from(e: SaveFailed) -> Self {
        Refused::Save(e)
    }
}

fn days(n: f64, field: &str) -> Result<Duration, Refused> {
    if !n.is_finite() || n.abs() > 36_500.0 {
        return Err(Refused::Invalid(format!(
            "{field} must be a number of days within 100 years"
        )));
    }
    Ok(Duration::seconds((n * 86_400.0).round() as i64))
}

pub(crate) async fn set(
    _: AdminOnly,
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let history: History = match serde_json::from_slice(&body) {
        Ok(h) => h,
        Err(e) => return refuse(Refused::Invalid(e.to_string())),
    };
    let now = clock::now();
    let updated = app
        .store
        .update(|state| {
            let mut key = state.api_keys.find(&id).ok_or(Refused::NotFound)?.clone();
            if let Some(n) = history.created_days_ago {
                key.created_at = now - days(n, "created_days_ago")?;
            }
            if let Some(expires) = history.expires_in_days {
                key.expires_at = expires
                    .map(|n| days(n, "expires_in_days"))
                    .transpose()?
                    .map(|d| now + d);
            }
            if let Some(used) = history.last_used_days_ago {
                key.usage.last_used_at = used
                    .map(|n| days(n, "last_used_days_ago"))
                    .transpose()?
                    .map(|d| now - d);
                if key.usage.last_used_at.is_none() {
                    key.usage.last_used_ip = None;
                    key.usage.last_used_user_agent = None;
                    key.usage.request_count = 0;
                } else if key.usage.request_count == 0 {
                    key.usage.request_count = 1;
                }
            }
            if let Some(ip) = &history.last_used_ip {
                key.usage.last_used_ip = Some(ip.clone());
            }
            let answer = json!({
                "id": key.id,
                "created_at": key.created_at,
                "expires_at": key.expires_at,
                "last_used_at": key.usage.last_used_at,
                "last_used_ip": key.usage.last_used_ip,
            });
            Ok((answer, Some(Change::ApiKeyPut { key })))
        })
        .await;
    match updated {
        Ok(answer) => (StatusCode::OK, Json(answer)).into_response(),
        Err(refused) => refuse(refused),
    }
}

fn refuse(refused: Refused) -> Response {
    let (status, error, detail) = match refused {
        Refused::NotFound => (
            StatusCode::NOT_FOUND,
            "not_found",
            "No /v1/api-keys key has this id.".to_owned(),
        ),
        Refused::Invalid(detail) => (StatusCode::BAD_REQUEST, "validation_error", detail),
        Refused::Save(SaveFailed(e)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            e.to_string(),
        ),
    };
    (status, Json(json!({"error": error, "detail": detail}))).into_response()
}
