//! Veryfi's refusals as sentences that say what to do. Only the codes Veryfi
//! documents are named; the key limit and the last-key refusal come as a plain 400,
//! so the adapter recognises them from the keys it lists (`limit_reached`, `last_key`).

use serde::Deserialize;

use crate::http::Response;
use crate::vendors::error::{VendorError, VendorErrorKind};

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    request_id: Option<String>,
}

pub fn from_response(response: &Response) -> VendorError {
    let status = response.status.as_u16();
    let body: ErrorBody = serde_json::from_slice(&response.body).unwrap_or_default();
    let said = body
        .message
        .or(body.detail)
        .filter(|m| !m.trim().is_empty());
    let code = body.code.or(body.error).filter(|c| !c.trim().is_empty());
    let (kind, sentence) = explain(status, code.as_deref(), said.as_deref());
    VendorError {
        kind,
        status: Some(status),
        code,
        message: sentence,
        request_id: response.header("x-request-id").or(body.request_id),
        retry_after: response.retry_after(),
        field: None,
    }
}

fn explain(status: u16, code: Option<&str>, said: Option<&str>) -> (VendorErrorKind, String) {
    let quoted = said.map_or_else(String::new, |s| format!(" (Veryfi said: {s:?})"));
    match (code, status) {
        (Some("MALFORMED_PARAMETERS"), _) => (
            VendorErrorKind::InvalidRequest,
            format!(
                "Veryfi found the request malformed{quoted}: refresh the key list and try \
                 again, and report it with the request id if it happens again"
            ),
        ),
        (Some("AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED"), _) | (_, 401) => {
            unauthorized(&quoted)
        }
        (Some(code), 403) if code.contains("AUTHENTICATION") => unauthorized(&quoted),
        (Some("NOT_FOUND"), _) | (None, 404) => (
            VendorErrorKind::NotFound,
            format!(
                "Veryfi has no such key{quoted}: it may already have been deleted or reset; \
                 refresh the key list"
            ),
        ),
        (Some("REQUEST_BODY_TOO_LARGE"), _) | (None, 413) => (
            VendorErrorKind::InvalidRequest,
            format!(
                "Veryfi refused the request as too large{quoted}: key requests are small, so \
                 report it with the request id"
            ),
        ),
        (Some("YOU_HAVE_BEEN_RATE_LIMITED"), _) | (None, 429) => (
            VendorErrorKind::RateLimited,
            format!(
                "Veryfi is limiting this account's requests{quoted}: wait a minute, then try again"
            ),
        ),
        _ => (
            VendorError::kind_for_status(status),
            said.map_or_else(
                || format!("Veryfi answered HTTP {status} without an explanation"),
                str::to_owned,
            ),
        ),
    }
}

fn unauthorized(quoted: &str) -> (VendorErrorKind, String) {
    (
        VendorErrorKind::Unauthorized,
        format!(
            "Veryfi did not accept this connection's credentials{quoted}: check its client id, \
             username and API key; a key that was deleted or reset no longer works"
        ),
    )
}

/// A create refused with a 400 while the account holds `listed` keys out of `max`.
pub fn limit_reached(mut refusal: VendorError, listed: usize, max: u32) -> VendorError {
    refusal.kind = VendorErrorKind::KeyLimitReached;
    refusal.message = format!(
        "Veryfi allows {max} API keys per account and this one has {listed}: delete one \
         (or rotate it) before creating another"
    );
    refusal
}

/// A delete refused with a 400 for the account's only key.
pub fn last_key(mut refusal: VendorError) -> VendorError {
    refusal.kind = VendorErrorKind::LastKeyProtected;
    refusal.message = "Veryfi will not delete an account's only API key: create the \
                       replacement first, move every integration to it, then delete this one"
        .to_owned();
    refusal
}
