//! `Authorization: Bearer <admin token>`, the admin credential of every dialect but Veryfi.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;

use crate::app_state::AppState;
use crate::secret::{hashes_equal, sha256_hex};

/// The token of an `Authorization: Bearer <token>` header, if there is one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

pub(crate) fn is_admin(app: &AppState, headers: &HeaderMap) -> bool {
    bearer_token(headers)
        .is_some_and(|token| hashes_equal(&app.admin_token_sha256, &sha256_hex(token)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, authorization.parse().unwrap());
        headers
    }

    #[test]
    fn reads_only_bearer_tokens() {
        assert_eq!(bearer_token(&headers("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(&headers("bearer  abc ")), Some("abc"));
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(bearer_token(&headers("apikey sandbox:abc")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
