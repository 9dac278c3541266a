//! Raw HTTP for Kayle's routes, the same for the sandbox and the real server.

use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const KEYS: &str = "/v1/auth/api-keys";
/// A well-formed version 4 UUID that no key has.
pub const UNKNOWN_ID: &str = "00000000-0000-4000-8000-000000000000";

/// One answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("{} is not JSON ({e}): {:?}", self.status, self.text))
    }

    /// The issues of a ZodError answer, after checking its envelope.
    pub fn zod_issues(&self) -> Value {
        assert_eq!(self.status, StatusCode::BAD_REQUEST, "{}", self.text);
        let body = self.json();
        assert_eq!(body["success"], false, "{body}");
        assert_eq!(body["error"]["name"], "ZodError", "{body}");
        let message = body["error"]["message"].as_str().expect("message text");
        serde_json::from_str(message).expect("the message is a JSON array of issues")
    }

    /// `(path, code)` of each issue, e.g. `("permissions.0", "invalid_value")`.
    pub fn zod_paths(&self) -> Vec<(String, String)> {
        self.zod_issues()
            .as_array()
            .expect("issues")
            .iter()
            .map(|issue| {
                let path: Vec<String> = issue["path"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string))
                    .collect();
                (path.join("."), issue["code"].as_str().unwrap().to_string())
            })
            .collect()
    }

    /// `name=value` of the session cookie this answer sets.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("kayle-id.session_token="))
            .map(|v| v.split(';').next().unwrap().to_string())
    }

    pub fn content_type(&self) -> String {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }
}

/// A Kayle client with an optional session cookie.
#[derive(Clone)]
pub struct Kayle {
    pub http: reqwest::Client,
    pub base_url: String,
    pub cookie: Option<String>,
}

impl Kayle {
    pub fn new(base_url: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base_url: base_url.trim_end_matches('/').to_string(),
            cookie: None,
        }
    }

    pub fn with_cookie(&self, cookie: &str) -> Self {
        Self {
            cookie: Some(cookie.to_string()),
            ..self.clone()
        }
    }

    /// Sends `body` as is, with `content_type` if given.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<&str>,
        content_type: Option<&str>,
        extra: &[(&str, &str)],
    ) -> Answer {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body.to_string());
        }
        let response = request.send().await.expect("the server answers");
        Answer {
            status: response.status(),
            headers: response.headers().clone(),
            text: response.text().await.expect("a readable body"),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.raw(Method::GET, path, None, None, &[]).await
    }

    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Answer {
        let text = body.to_string();
        self.raw(method, path, Some(&text), Some("application/json"), &[])
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send_json(Method::POST, path, body).await
    }

    pub async fn patch(&self, id: &str, body: &Value) -> Answer {
        self.send_json(Method::PATCH, &format!("{KEYS}/{id}"), body)
            .await
    }

    pub async fn delete(&self, id: &str) -> Answer {
        self.raw(Method::DELETE, &format!("{KEYS}/{id}"), None, None, &[])
            .await
    }

    /// Creates a key and returns `(id, key)`.
    pub async fn create(&self, name: &str, permissions: &[&str]) -> (String, String) {
        let answer = self
            .post(KEYS, &json!({"name": name, "permissions": permissions}))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        let data = &answer.json()["data"];
        (
            data["id"].as_str().unwrap().to_string(),
            data["key"].as_str().unwrap().to_string(),
        )
    }

    /// Every key of the active organization, page by page.
    pub async fn all_keys(&self) -> Vec<Value> {
        let mut keys = Vec::new();
        let mut path = KEYS.to_string();
        loop {
            let answer = self.get(&path).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
            let page = answer.json();
            keys.extend(page["data"].as_array().unwrap().iter().cloned());
            match page["pagination"]["next_cursor"].as_str() {
                Some(cursor) => path = format!("{KEYS}?starting_after={cursor}"),
                None => return keys,
            }
        }
    }

    /// The raw text of every page.
    pub async fn all_keys_raw(&self) -> Vec<String> {
        let mut pages = Vec::new();
        let mut path = KEYS.to_string();
        loop {
            let answer = self.get(&path).await;
            let cursor = answer.json()["pagination"]["next_cursor"]
                .as_str()
                .map(str::to_string);
            pages.push(answer.text);
            match cursor {
                Some(cursor) => path = format!("{KEYS}?starting_after={cursor}"),
                None => return pages,
            }
        }
    }

    pub async fn sessions_with(&self, key: &str) -> Answer {
        let bearer = format!("Bearer {key}");
        self.raw(
            Method::GET,
            "/v1/sessions",
            None,
            None,
            &[("authorization", &bearer)],
        )
        .await
    }

    pub async fn magic_sign_in(&self, email: &str) -> Answer {
        self.post(
            "/v1/auth/magic/sign-in",
            &json!({"email": email, "type": "sign-in"}),
        )
        .await
    }

    pub async fn verify_otp(&self, email: &str, otp: &str) -> Answer {
        self.post(
            "/v1/auth/magic/verify-otp",
            &json!({"email": email, "otp": otp, "type": "sign-in"}),
        )
        .await
    }

    /// Creates an organization for the signed-in user and makes it active; its id.
    pub async fn create_active_org(&self, slug: &str) -> String {
        let created = self
            .post("/v1/auth/orgs", &json!({"name": "Diff org", "slug": slug}))
            .await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.text);
        let id = created.json()["data"]["id"].as_str().unwrap().to_string();
        let active = self
            .post(
                "/v1/auth/organization/set-active",
                &json!({"organizationId": id}),
            )
            .await;
        assert_eq!(active.status, StatusCode::OK, "{}", active.text);
        id
    }
}

/// A code that is surely not `code`.
pub fn wrong_code(code: &str) -> String {
    if code == "000000" { "000001" } else { "000000" }.to_string()
}

/// Sandbox admin calls.
pub struct Admin {
    pub http: reqwest::Client,
    pub base_url: String,
    pub token: String,
}

impl Admin {
    pub fn new(base_url: &str, token: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base_url: base_url.to_string(),
            token: token.to_string(),
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.expect("a JSON body"))
    }

    pub async fn code_for(&self, email: &str) -> String {
        let (status, body) = self
            .call(
                Method::GET,
                &format!("/_sandbox/kayle/otp?email={email}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["otp"].as_str().unwrap().to_string()
    }

    /// A ready session: `(cookie, body)`.
    pub async fn session(&self, email: &str) -> (String, Value) {
        let (status, body) = self
            .call(
                Method::POST,
                "/_sandbox/kayle/sessions",
                Some(json!({"email": email})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        (body["cookie"].as_str().unwrap().to_string(), body)
    }

    pub async fn set_frozen(&self, org_id: &str, frozen: bool) {
        let verb = if frozen { "freeze" } else { "unfreeze" };
        let path = format!("/_sandbox/kayle/organizations/{org_id}/{verb}");
        let (status, body) = self.call(Method::POST, &path, None).await;
        assert_eq!(
            (status, &body["frozen"]),
            (StatusCode::OK, &json!(frozen)),
            "{body}"
        );
    }
}
