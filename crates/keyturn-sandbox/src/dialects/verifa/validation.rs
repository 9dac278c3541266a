use chrono::{DateTime, Utc};
use serde_json::Value;

use super::error::VerifaError;
use super::model::{is_known_scope, Environment, DEFAULT_SCOPES};
use crate::clock::parse_rfc3339;
use crate::json_body::{field, json_object};

const MAX_LABEL_CHARS: usize = 200;

pub(crate) struct CreateRequest {
    pub label: String,
    pub environment: Environment,
    pub scopes: Vec<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

pub(crate) fn parse_create(body: &[u8], now: DateTime<Utc>) -> Result<CreateRequest, VerifaError> {
    let object = json_object(body).ok_or_else(VerifaError::invalid_json)?;
    let label = match field(&object, "label") {
        None => return Err(VerifaError::validation("label is required")),
        Some(Value::String(label)) => label.trim(),
        Some(_) => return Err(VerifaError::validation("label must be a string")),
    };
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(VerifaError::validation(format!(
            "label must be 1 to {MAX_LABEL_CHARS} characters after trimming spaces"
        )));
    }
    let environment = match field(&object, "environment").map(Value::as_str) {
        None => return Err(VerifaError::validation("environment is required")),
        Some(Some("live")) => Environment::Live,
        Some(Some("sandbox")) => Environment::Sandbox,
        Some(_) => {
            return Err(VerifaError::validation(
                "environment must be \"live\" or \"sandbox\"",
            ))
        }
    };
    let scopes = match field(&object, "scopes") {
        None => DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
        Some(value) => parse_scopes(value)?,
    };
    let expires_at = match field(&object, "expires_at") {
        None => None,
        Some(value) => {
            let expires_at = value.as_str().and_then(parse_rfc3339).ok_or_else(|| {
                VerifaError::validation("expires_at must be an RFC 3339 date-time")
            })?;
            if expires_at <= now {
                return Err(VerifaError::validation("expires_at must be in the future"));
            }
            Some(expires_at)
        }
    };
    Ok(CreateRequest {
        label: label.to_string(),
        environment,
        scopes,
        expires_at,
    })
}

fn parse_scopes(value: &Value) -> Result<Vec<String>, VerifaError> {
    let not_strings = || VerifaError::validation("scopes must be an array of strings");
    let items = value.as_array().ok_or_else(not_strings)?;
    if items.is_empty() {
        return Err(VerifaError::validation(
            "scopes must list at least one scope",
        ));
    }
    let mut scopes: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let scope = item.as_str().ok_or_else(not_strings)?;
        if !is_known_scope(scope) {
            return Err(VerifaError::validation(format!(
                "scopes contains an unknown scope: {scope}"
            )));
        }
        if scopes.iter().any(|seen| seen == scope) {
            return Err(VerifaError::validation(format!(
                "scopes lists {scope} more than once"
            )));
        }
        scopes.push(scope.to_string());
    }
    Ok(scopes)
}

/// The version Verifa's versioning page names as current, the only one answered.
pub(crate) const CURRENT_VERSION: &str = "2026-01-01";

/// Whether Verifa answers requests pinned to `version`; every other date is retired
/// (before the current one) or unknown (after it).
pub(crate) fn is_supported_version(version: &str) -> bool {
    version == CURRENT_VERSION
}

/// `Verifa-Version`: a real calendar date written `YYYY-MM-DD`.
pub(crate) fn is_valid_version(text: &str) -> bool {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shape_ok && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_current_version_is_supported() {
        assert!(is_supported_version(CURRENT_VERSION));
        for other in ["2025-06-01", "2026-02-01"] {
            assert!(
                is_valid_version(other) && !is_supported_version(other),
                "{other}"
            );
        }
    }

    #[test]
    fn versions_must_be_real_dates() {
        assert!(is_valid_version("2026-02-01"));
        assert!(is_valid_version("2024-02-29"));
        for bad in [
            "2026-2-01",
            "2026-02-30",
            "2026/02/01",
            "20260201",
            "latest",
            "",
        ] {
            assert!(!is_valid_version(bad), "{bad}");
        }
    }

    #[test]
    fn label_is_trimmed_and_scopes_default() {
        let now = Utc::now();
        let request = parse_create(br#"{"label": "  Prod  ", "environment": "live"}"#, now)
            .ok()
            .unwrap();
        assert_eq!(request.label, "Prod");
        assert_eq!(request.scopes, DEFAULT_SCOPES);
        assert_eq!(request.expires_at, None);
    }
}
