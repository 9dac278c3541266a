//! One HTTP client per connection: base-URL policy, timeouts, a response size cap,
//! same-origin redirects only, and transport failures turned into `VendorError`s.

mod redirect;

pub use redirect::MAX_REDIRECTS;

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Deserialize;
use url::{Host, Url};

use crate::secrets::Sensitive;
use crate::vendors::error::{VendorError, VendorErrorKind};

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(20);
/// Key lists are small; anything past this is refused rather than buffered.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    pub max_response_bytes: usize,
    pub retry: RetryPolicy,
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
        }
    }
}

/// How requests that are safe to repeat (reads, deletes, absolute updates) are
/// retried on 5xx, 429 and connection failures. Creates are never retried.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_delay: Duration,
    /// A longer wait (say a Retry-After of a minute) is not waited out: the error
    /// goes to the user with the time to wait.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// An answer and how many attempts it took.
#[derive(Debug)]
pub struct Attempted {
    pub response: Response,
    pub attempts: u32,
}

impl Attempted {
    /// A repeated delete answered 404 with a JSON body: the first, unanswered
    /// attempt probably did the work. A 409, or a 404 page that is not JSON (a
    /// proxy's), is not enough; an adapter that knows its vendor's not-found
    /// envelope declares it in `Vendor::answer_means_gone` instead, and
    /// `revoke_guard` lists again when the answer stays unclear.
    pub fn repeat_confirms_delete(&self) -> bool {
        self.attempts > 1
            && self.response.status == StatusCode::NOT_FOUND
            && self.response.json::<serde_json::Value>().is_ok()
    }
}

/// A header value that holds a credential: never shown by reqwest's Debug. A value
/// that is not valid in a header (say, a pasted newline) is sent as a placeholder
/// the vendor will refuse, rather than panicking.
pub fn sensitive_header(value: &str) -> HeaderValue {
    let mut header =
        HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static("invalid"));
    header.set_sensitive(true);
    header
}

/// Ids are placed in URL paths: anything but letters, digits, `_` and `-` could
/// point the request somewhere else.
pub fn is_path_safe(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("{0:?} is not a URL; enter an address such as https://api.example.com")]
    NotAUrl(String),
    #[error("{0} is not encrypted; use an https:// address (plain http is allowed only for this computer, 127.0.0.1 or localhost)")]
    NotHttps(String),
}

fn is_loopback(url: &Url) -> Option<bool> {
    Some(match url.host()? {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    })
}

/// Accepts https anywhere and http only on loopback.
pub fn parse_base_url(raw: &str) -> Result<Url, BaseUrlError> {
    let mut url = Url::parse(raw.trim()).map_err(|_| BaseUrlError::NotAUrl(raw.to_owned()))?;
    let Some(loopback) = is_loopback(&url) else {
        return Err(BaseUrlError::NotAUrl(raw.to_owned()));
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(BaseUrlError::NotHttps(url.to_string())),
        _ => return Err(BaseUrlError::NotAUrl(raw.to_owned())),
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    base: Url,
    max_response_bytes: usize,
    retry: RetryPolicy,
}

/// A fully read response, never larger than the configured cap.
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl HttpClient {
    pub fn new(base_url: &str, options: HttpOptions) -> Result<Self, BaseUrlError> {
        let base = parse_base_url(base_url)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Keyturn/", env!("CARGO_PKG_VERSION")));
        // Loopback traffic (the sandbox, its admin token) never goes through a
        // proxy from HTTP_PROXY and the like, NO_PROXY or not; redirects stay on
        // the same origin, so no request from this client leaves loopback.
        if is_loopback(&base) == Some(true) {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .expect("static reqwest configuration is valid");
        Ok(Self {
            client,
            base,
            max_response_bytes: options.max_response_bytes,
            retry: options.retry,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `path` is relative to the base URL, without a leading slash.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .expect("paths built by adapters are valid");
        self.client.request(method, url)
    }

    /// For requests that are safe to repeat: retried with backoff on 5xx, 429
    /// (honouring Retry-After up to the policy's longest wait) and connection failures.
    /// A request carrying `Authorization: Bearer <token>`, marked sensitive so
    /// reqwest never prints it, and asking for JSON.
    pub fn bearer_request(
        &self,
        method: Method,
        path: &str,
        token: &Sensitive<String>,
    ) -> RequestBuilder {
        self.request(method, path)
            .header(
                reqwest::header::AUTHORIZATION,
                sensitive_header(&format!("Bearer {}", token.expose())),
            )
            .header(reqwest::header::ACCEPT, "application/json")
    }

    pub async fn send_idempotent(
        &self,
        make: impl Fn() -> RequestBuilder,
    ) -> Result<Attempted, VendorError> {
        let mut attempt = 1;
        loop {
            let last = attempt >= self.retry.max_attempts;
            let wait = match self.send(make()).await {
                Ok(response) => {
                    let transient = response.status.is_server_error()
                        || response.status == StatusCode::TOO_MANY_REQUESTS;
                    let wait = response
                        .retry_after()
                        .unwrap_or(self.retry.backoff(attempt));
                    if !transient || last || wait > self.retry.max_delay {
                        return Ok(Attempted {
                            response,
                            attempts: attempt,
                        });
                    }
                    wait
                }
                Err(error) if error.is_transient() && !last => self.retry.backoff(attempt),
                Err(error) => return Err(error),
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// Never retried: for creates, where a repeat could make a second key. A
    /// redirect is followed only as `redirect::next` allows.
    pub async fn send(&self, request: RequestBuilder) -> Result<Response, VendorError> {
        let (client, request) = request.build_split();
        let mut request = request.map_err(transport_error)?;
        let mut followed = 0;
        loop {
            let copy = request.try_clone();
            let answer = client.execute(request).await.map_err(transport_error)?;
            let response = self.read(answer).await?;
            match redirect::next(copy, &response, followed)? {
                Some(next) => {
                    request = next;
                    followed += 1;
                }
                None => return Ok(response),
            }
        }
    }

    async fn read(&self, mut response: reqwest::Response) -> Result<Response, VendorError> {
        let status = response.status();
        let headers = response.headers().clone();
        if let Some(len) = response.content_length() {
            if len as usize > self.max_response_bytes {
                return Err(too_large(self.max_response_bytes));
            }
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(too_large(self.max_response_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

impl Response {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn retry_after(&self) -> Option<Duration> {
        self.header("retry-after")?
            .trim()
            .parse::<u64>()
            .ok()
            .map(Duration::from_secs)
    }

    /// For answers that carry nothing Keyturn needs: empty or JSON is fine; anything
    /// else (a proxy's HTML page) means the vendor may never have seen the request.
    pub fn expect_empty_or_json(&self) -> Result<(), VendorError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        self.json::<serde::de::IgnoredAny>().map(drop)
    }

    pub fn json<'a, T: Deserialize<'a>>(&'a self) -> Result<T, VendorError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let mut error = VendorError::new(
                VendorErrorKind::InvalidResponse,
                format!("the response was not the JSON Keyturn expected ({e})"),
            );
            error.status = Some(self.status.as_u16());
            error
        })
    }
}

fn too_large(limit: usize) -> VendorError {
    VendorError::new(
        VendorErrorKind::InvalidResponse,
        format!(
            "the response was larger than {} MiB and was refused",
            limit / (1024 * 1024)
        ),
    )
}

// reqwest's messages name the URL and the failure, never headers, so no credential.
fn transport_error(error: reqwest::Error) -> VendorError {
    let cause = root_cause(&error);
    let (kind, message) = if error.is_connect() {
        let lower = cause.to_lowercase();
        if lower.contains("certificate") || lower.contains("unknownissuer") {
            (
                VendorErrorKind::Certificate,
                format!("the vendor's TLS certificate is not trusted ({cause})"),
            )
        } else {
            (
                VendorErrorKind::Unreachable,
                format!("could not connect to the vendor ({cause})"),
            )
        }
    } else if error.is_timeout() {
        (
            VendorErrorKind::Timeout,
            "the vendor did not answer in time".to_owned(),
        )
    } else {
        (
            VendorErrorKind::ConnectionLost,
            format!("the connection to the vendor broke before a whole answer arrived ({cause})"),
        )
    };
    VendorError::new(kind, message)
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted_anywhere() {
        let url = parse_base_url("https://api.veryfi.com").unwrap();
        assert_eq!(url.as_str(), "https://api.veryfi.com/");
    }

    #[test]
    fn http_is_accepted_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:8787",
            "http://localhost:1/x",
            "http://[::1]:9/",
        ] {
            assert!(parse_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.veryfi.com",
            "http://10.0.0.4:8787",
            "http://127.example.com",
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(BaseUrlError::NotHttps(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn nonsense_is_not_a_url() {
        for bad in [
            "",
            "api.veryfi.com",
            "ftp://localhost/",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(parse_base_url(bad), Err(BaseUrlError::NotAUrl(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn paths_join_below_the_base() {
        let client = HttpClient::new("http://127.0.0.1:9/prefix", HttpOptions::default()).unwrap();
        let request = client.request(Method::GET, "/api/v8/x").build().unwrap();
        assert_eq!(request.url().as_str(), "http://127.0.0.1:9/prefix/api/v8/x");
    }
}
