//! Verifa's `{error, detail, status_code}` refusals, with the two a connection's
//! settings cause explained as such: a version Verifa does not accept and an
//! expired admin token.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::DEFAULT_API_VERSION;
use crate::http::Response;
use crate::vendors::error::{VendorError, VendorErrorKind};

/// How long the dashboard's own admin token lasts.
const DASHBOARD_TOKEN_HOURS: u32 = 8;

#[derive(Deserialize, Default)]
struct ErrorBody {
    error: Option<String>,
    detail: Option<String>,
}

pub fn from_response(
    response: &Response,
    api_version: &str,
    token_expiry: Option<DateTime<Utc>>,
) -> VendorError {
    let status = response.status.as_u16();
    let body: ErrorBody = serde_json::from_slice(&response.body).unwrap_or_default();
    let detail = body.detail.filter(|d| !d.trim().is_empty());
    let mut kind = match body.error.as_deref() {
        Some("unauthorized") => VendorErrorKind::Unauthorized,
        Some("forbidden") => VendorErrorKind::Forbidden,
        Some("not_found") => VendorErrorKind::NotFound,
        Some("rate_limited") => VendorErrorKind::RateLimited,
        Some("validation_error" | "invalid_json" | "invalid_version") => {
            VendorErrorKind::InvalidRequest
        }
        _ => VendorError::kind_for_status(status),
    };
    let mut message = detail
        .clone()
        .unwrap_or_else(|| format!("Verifa answered HTTP {status} without an explanation"));
    let said = detail.map_or_else(String::new, |d| format!(" (Verifa said: {d:?})"));
    if status == 400 && is_about_version(body.error.as_deref(), &message) {
        message = format!(
            "this connection's Verifa API version {api_version} is not accepted{said}; set it \
             to {DEFAULT_API_VERSION}, the current version, in the connection's settings"
        );
    } else if status == 401 {
        if let Some(expired) = token_expiry.filter(|at| *at <= Utc::now()) {
            kind = VendorErrorKind::CredentialExpired;
            message = format!(
                "this connection's Verifa admin token expired at {} UTC (the dashboard's \
                 tokens last {DASHBOARD_TOKEN_HOURS} hours){said}: sign in to Verifa's \
                 dashboard, copy a fresh admin token and paste it into the connection",
                expired.format("%Y-%m-%d %H:%M")
            );
        } else if message.to_lowercase().contains("expired") {
            kind = VendorErrorKind::CredentialExpired;
            message = format!(
                "Verifa says this connection's admin token has expired{said}: sign in to \
                 Verifa's dashboard, copy a fresh admin token and paste it into the connection"
            );
        }
    }
    VendorError {
        kind,
        status: Some(status),
        code: body.error,
        message,
        request_id: response.header("x-request-id"),
        retry_after: response.retry_after(),
        field: None,
    }
}

fn is_about_version(code: Option<&str>, detail: &str) -> bool {
    let mentions = |text: &str| text.to_lowercase().contains("version");
    code.is_some_and(mentions) || mentions(detail)
}
