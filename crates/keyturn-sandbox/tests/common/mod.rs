#![allow(dead_code)] // each test binary uses a different part of this module

pub mod kayle;

use std::path::PathBuf;

use keyturn_sandbox::{start, Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;

pub const ADMIN_TOKEN: &str = "test-admin-token";
pub const KEYS: &str = "/api/v8/partner/client-keys/";

pub async fn start_sandbox(state_file: Option<PathBuf>) -> Sandbox {
    start_with(SandboxOptions {
        state_file,
        ..options()
    })
    .await
}

/// Options with the test admin token and nothing else.
pub fn options() -> SandboxOptions {
    SandboxOptions {
        admin_token: ADMIN_TOKEN.to_string(),
        ..SandboxOptions::default()
    }
}

pub async fn start_with(options: SandboxOptions) -> Sandbox {
    start("127.0.0.1:0".parse().unwrap(), options)
        .await
        .expect("sandbox starts")
}

/// Talks to a sandbox with `Authorization: Bearer`, as every dialect but Veryfi expects.
pub struct Bearer {
    pub http: reqwest::Client,
    pub base_url: String,
    pub token: String,
}

impl Bearer {
    pub fn admin(sandbox: &Sandbox) -> Self {
        Self::with_token(sandbox, ADMIN_TOKEN)
    }

    pub fn with_token(sandbox: &Sandbox, token: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base_url: sandbox.base_url(),
            token: token.to_string(),
        }
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
            .bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(Method::DELETE, path).send().await.unwrap()
    }

    /// Sends `body` as raw JSON text, so tests can send exactly what a seed shows.
    pub async fn send_json(&self, method: Method, path: &str, body: &str) -> Response {
        self.request(method, path)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &str) -> Response {
        self.send_json(Method::POST, path, body).await
    }
}

/// The status and JSON body of a response.
pub async fn status_and_json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let body = response.json().await.expect("a JSON body");
    (status, body)
}

pub fn request_id_of(response: &Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .expect("X-Request-Id header")
        .to_str()
        .unwrap()
        .to_string()
}

pub fn assert_rfc3339_z(text: &Value) {
    let text = text
        .as_str()
        .unwrap_or_else(|| panic!("{text} is not a string"));
    assert!(text.ends_with('Z'), "{text}");
    chrono::DateTime::parse_from_rfc3339(text).expect("RFC 3339");
}

/// Calls the consumer endpoint with `X-API-Key`.
pub async fn ping(sandbox: &Sandbox, key: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}/v1/consumer/ping", sandbox.base_url()))
        .header("x-api-key", key)
        .header("user-agent", "ping-test/1.0")
        .send()
        .await
        .unwrap();
    status_and_json(response).await
}

/// Talks to a sandbox as a Veryfi partner client.
pub struct Client {
    http: reqwest::Client,
    base_url: String,
}

impl Client {
    pub fn new(sandbox: &Sandbox) -> Self {
        Self::for_url(sandbox.base_url())
    }

    pub fn for_url(base_url: String) -> Self {
        Self {
            http: reqwest::Client::new(),
            base_url,
        }
    }

    /// Sends a request authenticated with `secret`, or with no credentials for `None`.
    pub async fn send(&self, method: Method, path: &str, secret: Option<&str>) -> Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        if let Some(secret) = secret {
            request = request.header("CLIENT-ID", VERYFI_CLIENT_ID).header(
                "AUTHORIZATION",
                format!("apikey {VERYFI_USERNAME}:{secret}"),
            );
        }
        request.send().await.expect("request reaches the sandbox")
    }

    pub async fn list(&self) -> Vec<Value> {
        let response = self.send(Method::GET, KEYS, Some(ADMIN_TOKEN)).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// Creates a key and returns `(id, value)`.
    pub async fn create(&self) -> (u64, String) {
        let response = self.send(Method::POST, KEYS, Some(ADMIN_TOKEN)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        let id = body["id"].as_u64().expect("integer id");
        let value = body["value"].as_str().expect("string value").to_string();
        (id, value)
    }

    pub async fn delete(&self, id: &str) -> Response {
        self.send(Method::DELETE, &format!("{KEYS}{id}/"), Some(ADMIN_TOKEN))
            .await
    }
}

pub fn ids(keys: &[Value]) -> Vec<u64> {
    keys.iter().map(|key| key["id"].as_u64().unwrap()).collect()
}

/// Asserts the Veryfi error envelope and returns `(status, code)`.
pub async fn error_of(response: Response) -> (StatusCode, String) {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("application/json"),
        "error content-type was {content_type:?}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "fail", "{body}");
    let message = body["message"].as_str().expect("message is a string");
    assert!(message.ends_with('.'), "message is a sentence: {message}");
    (status, body["code"].as_str().expect("code").to_string())
}
