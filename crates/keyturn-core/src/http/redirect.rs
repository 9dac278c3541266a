//! Which redirects a request follows: a few, to the same origin only, so a
//! credential never leaves the address the user configured.

use reqwest::{Method, Request, StatusCode};
use url::Url;

use super::Response;
use crate::vendors::error::{VendorError, VendorErrorKind};

/// A Django service adds one for a missing slash; more than this is a loop.
pub const MAX_REDIRECTS: usize = 3;

/// The request to send next for a redirect answer, `None` to keep `response`.
/// `request` is the copy of the request that got `response` (`None` if its body
/// could not be copied); `followed` counts the redirects already taken.
pub(super) fn next(
    request: Option<Request>,
    response: &Response,
    followed: usize,
) -> Result<Option<Request>, VendorError> {
    let status = response.status;
    if !is_redirect(status) {
        return Ok(None);
    }
    let Some(location) = response.header("location") else {
        return Ok(None);
    };
    let Some(mut request) = request else {
        return Err(refused(status, "its body could not be sent again".into()));
    };
    let target = request
        .url()
        .join(&location)
        .map_err(|_| refused(status, "the new address is not a URL".into()))?;
    if !same_origin(request.url(), &target) {
        return Err(refused(
            status,
            format!(
                "{} is another address than the connection's, and credentials are sent \
                 only to the connection's own address; check the connection's address",
                target.origin().ascii_serialization()
            ),
        ));
    }
    if followed >= MAX_REDIRECTS {
        return Err(refused(
            status,
            format!("it was redirected more than {MAX_REDIRECTS} times"),
        ));
    }
    if !keeps_method(status, request.method()) {
        let mut error = refused(
            status,
            format!(
                "HTTP {} turns a {} into a different request; the vendor may already have \
                 acted on it, so refresh to see",
                status.as_u16(),
                request.method()
            ),
        );
        error.status = None;
        return Err(error);
    }
    *request.url_mut() = target;
    Ok(Some(request))
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// 301, 307 and 308 say the request was not handled here, so it goes again as it
/// was; 302 and 303 may follow a write that was carried out, so only reads follow.
fn keeps_method(status: StatusCode, method: &Method) -> bool {
    match status.as_u16() {
        301 | 307 | 308 => true,
        _ => matches!(*method, Method::GET | Method::HEAD),
    }
}

/// Same scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

fn refused(status: StatusCode, why: String) -> VendorError {
    let mut error = VendorError::new(
        VendorErrorKind::InvalidResponse,
        format!("the vendor redirected the request and Keyturn did not follow: {why}"),
    );
    error.status = Some(status.as_u16());
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn origin_is_scheme_host_and_port() {
        let base = url("https://api.veryfi.com/api/v8/partner/client-keys");
        assert!(same_origin(&base, &url("https://api.veryfi.com/other/")));
        assert!(same_origin(&base, &url("https://api.veryfi.com:443/x")));
        for other in [
            "http://api.veryfi.com/api/v8/partner/client-keys/",
            "https://api.veryfi.com:8443/api/",
            "https://evil.example/api/v8/partner/client-keys/",
            "https://veryfi.com/",
        ] {
            assert!(!same_origin(&base, &url(other)), "{other}");
        }
    }

    #[test]
    fn writes_follow_only_redirects_that_keep_the_method() {
        for status in [301, 307, 308] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(keeps_method(status, &Method::POST));
            assert!(keeps_method(status, &Method::DELETE));
        }
        for status in [302, 303] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(keeps_method(status, &Method::GET));
            assert!(!keeps_method(status, &Method::POST));
            assert!(!keeps_method(status, &Method::DELETE));
        }
    }
}
