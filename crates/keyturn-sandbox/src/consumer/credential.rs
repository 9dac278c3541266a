use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;

/// The key a consumer sent: `X-API-Key: <key>`, `Authorization: Bearer <key>`, or Veryfi's
/// `Authorization: apikey <user>:<key>`.
pub(crate) fn presented_key(headers: &HeaderMap) -> Option<&str> {
    if let Some(key) = headers.get("x-api-key") {
        return key
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|key| !key.is_empty());
    }
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    let rest = rest.trim();
    let key = if scheme.eq_ignore_ascii_case("bearer") {
        rest
    } else if scheme.eq_ignore_ascii_case("apikey") {
        rest.split_once(':')?.1
    } else {
        return None;
    };
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn reads_each_accepted_form() {
        assert_eq!(presented_key(&headers(&[("x-api-key", "k1")])), Some("k1"));
        assert_eq!(
            presented_key(&headers(&[("authorization", "Bearer k2")])),
            Some("k2")
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "apikey sandbox:k3")])),
            Some("k3")
        );
        assert_eq!(
            presented_key(&headers(&[
                ("x-api-key", "k1"),
                ("authorization", "Bearer k2")
            ])),
            Some("k1")
        );
    }

    #[test]
    fn nothing_usable_is_missing() {
        assert_eq!(presented_key(&headers(&[])), None);
        assert_eq!(presented_key(&headers(&[("x-api-key", " ")])), None);
        assert_eq!(
            presented_key(&headers(&[("authorization", "Basic abc")])),
            None
        );
        assert_eq!(
            presented_key(&headers(&[("authorization", "apikey nocolon")])),
            None
        );
    }
}
