use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::error::VeryfiError;
use super::{VERYFI_CLIENT_ID, VERYFI_USERNAME};
use crate::app_state::AppState;
use crate::secret::{hashes_equal, sha256_hex};

/// Proof that the request carried `CLIENT-ID: sandbox` and
/// `AUTHORIZATION: apikey sandbox:<secret>`, where the secret is the admin token or
/// one of the account's current keys.
pub(crate) struct Authenticated;

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = VeryfiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, VeryfiError> {
        let (Some(client_id), Some(authorization)) = (
            parts.headers.get("client-id"),
            parts.headers.get(AUTHORIZATION),
        ) else {
            return Err(VeryfiError::credentials_not_provided());
        };
        if client_id.as_bytes() != VERYFI_CLIENT_ID.as_bytes() {
            return Err(VeryfiError::authentication_failed());
        }
        let secret = authorization
            .to_str()
            .ok()
            .and_then(secret_from_authorization)
            .ok_or_else(VeryfiError::authentication_failed)?;

        let presented = sha256_hex(secret);
        let is_admin = hashes_equal(&app.admin_token_sha256, &presented);
        let is_key = app
            .store
            .read(|state| state.veryfi.has_key_with_hash(&presented))
            .await;
        if is_admin | is_key {
            Ok(Authenticated)
        } else {
            Err(VeryfiError::authentication_failed())
        }
    }
}

/// `apikey <username>:<secret>` → the secret, if the username is the sandbox's.
fn secret_from_authorization(value: &str) -> Option<&str> {
    let (scheme, credentials) = value.split_once(' ')?;
    let (username, secret) = credentials.trim_start().split_once(':')?;
    let valid =
        scheme.eq_ignore_ascii_case("apikey") && username == VERYFI_USERNAME && !secret.is_empty();
    valid.then_some(secret)
}

#[cfg(test)]
mod tests {
    use super::secret_from_authorization;

    #[test]
    fn parses_only_apikey_with_the_sandbox_username() {
        assert_eq!(secret_from_authorization("apikey sandbox:abc"), Some("abc"));
        assert_eq!(secret_from_authorization("ApiKey sandbox:a:b"), Some("a:b"));
        assert_eq!(secret_from_authorization("Bearer sandbox:abc"), None);
        assert_eq!(secret_from_authorization("apikey other:abc"), None);
        assert_eq!(secret_from_authorization("apikey sandbox:"), None);
        assert_eq!(secret_from_authorization("apikey"), None);
    }
}
