use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::secret::random_id;

/// The `req_<16 hex>` id of the request being answered; envelopes that carry a request
/// id take it from here so that it matches the `X-Request-Id` header.
#[derive(Clone)]
pub(crate) struct RequestId(pub String);

/// Kayle's answers carry no request id, as the real server's do not.
pub(crate) async fn assign(mut request: Request, next: Next) -> Response {
    let id = random_id("req_", 16);
    let kayle = crate::dialects::kayle::owns(request.uri().path());
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if kayle {
        return response;
    }
    let value = HeaderValue::from_str(&id).expect("hex is a valid header value");
    response.headers_mut().insert("x-request-id", value);
    response
}

impl RequestId {
    /// The id `assign` gave this request (a fresh one if the middleware is missing).
    pub fn of(extensions: &axum::http::Extensions) -> Self {
        extensions
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(|| RequestId(random_id("req_", 16)))
    }
}
