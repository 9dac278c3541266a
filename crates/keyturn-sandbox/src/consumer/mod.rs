//! `GET /v1/consumer/ping`: a stand-in for the vendor's real API that consumers call with a
//! key, so that keys of every dialect get last-used data.

mod credential;
mod lookup;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::header::USER_AGENT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::app_state::AppState;
use crate::clock;
use crate::secret::sha256_hex;
use crate::store::SaveFailed;
use crate::usage::Use;
use lookup::{Outcome, Refusal};

pub(crate) const PATH: &str = "/v1/consumer/ping";

pub(crate) fn router() -> Router<AppState> {
    Router::new().route(PATH, get(ping))
}

async fn ping(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let Some(key) = credential::presented_key(&headers) else {
        return refusal(Refusal::Missing);
    };
    let sha256 = sha256_hex(key);
    let one = Use {
        at: clock::now(),
        ip: peer.ip().to_canonical(),
        user_agent: headers
            .get(USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string),
    };
    let outcome = app
        .store
        .update(|state| Ok::<_, SaveFailed>(lookup::use_key(state, &sha256, &one)))
        .await;
    match outcome {
        Ok(Outcome::Accepted { vendor, key_id }) => {
            Json(json!({"ok": true, "vendor": vendor, "key_id": key_id})).into_response()
        }
        Ok(Outcome::Refused(reason)) => refusal(reason),
        Err(SaveFailed(error)) => answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            "state_not_saved",
            &format!("The sandbox could not save its state file ({error})."),
        ),
    }
}

fn refusal(reason: Refusal) -> Response {
    answer(StatusCode::UNAUTHORIZED, reason.code(), reason.message())
}

fn answer(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"ok": false, "code": code, "message": message});
    (status, Json(body)).into_response()
}

pub(crate) fn error_for_status(status: StatusCode) -> Response {
    let code = status
        .canonical_reason()
        .unwrap_or("error")
        .to_lowercase()
        .replace([' ', '-'], "_");
    answer(status, &code, &crate::faults::injected_sentence(status))
}
