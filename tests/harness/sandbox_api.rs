use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;

/// The embedded sandbox's own APIs, called directly (not through Keyturn) so a test
/// compares the window with the server's truth.
pub struct SandboxApi {
    base_url: String,
    token: String,
    http: reqwest::Client,
}

/// The four dialects, by the name their sandbox connection carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Veryfi,
    Verifa,
    ApiKeys,
    Kayle,
}

impl Dialect {
    pub const ALL: [Dialect; 4] = [
        Dialect::Veryfi,
        Dialect::Verifa,
        Dialect::ApiKeys,
        Dialect::Kayle,
    ];

    pub fn connection_name(self) -> &'static str {
        match self {
            Dialect::Veryfi => "Sandbox — Veryfi partner",
            Dialect::Verifa => "Sandbox — Verifa",
            Dialect::ApiKeys => "Sandbox — API keys (/v1/api-keys)",
            Dialect::Kayle => "Sandbox — Kayle ID",
        }
    }

    fn keys_path(self) -> &'static str {
        match self {
            // Veryfi's own SDKs end every path with a slash; the slash-less form redirects.
            Dialect::Veryfi => "api/v8/partner/client-keys/",
            Dialect::Verifa => "api/v1/organizations/org_sandbox/keys",
            Dialect::ApiKeys => "v1/api-keys",
            Dialect::Kayle => "v1/auth/api-keys",
        }
    }
}

impl SandboxApi {
    /// The admin token is read from the same keychain the app stored it in.
    pub fn from_keychain(base_url: &str) -> Self {
        let token = keyring::Entry::new("io.keyturn.desktop", "sandbox/admin-token")
            .and_then(|entry| entry.get_password())
            .expect("the app kept the sandbox token in the keychain");
        Self::new(base_url, &token)
    }

    pub fn new(base_url: &str, token: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    async fn request(&self, dialect: Dialect, method: Method, path: &str) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}/{path}", self.base_url));
        match dialect {
            Dialect::Veryfi => request
                .header("CLIENT-ID", "sandbox")
                .header("AUTHORIZATION", format!("apikey sandbox:{}", self.token)),
            Dialect::Kayle => request.header("Cookie", self.kayle_cookie().await),
            _ => request.bearer_auth(&self.token),
        }
    }

    /// A session of the built-in Kayle account's owner, as Kayle's dashboard would
    /// hold one (made through the sandbox's admin side).
    async fn kayle_cookie(&self) -> String {
        let body: Value = self
            .http
            .post(format!("{}/_sandbox/kayle/sessions", self.base_url))
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "email": "sandbox@example.test" }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["cookie"]
            .as_str()
            .expect("a session cookie")
            .to_owned()
    }

    /// Every key id the dialect lists, in its own order (Kayle: page after page).
    pub async fn key_ids(&self, dialect: Dialect) -> Vec<String> {
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match (dialect, &cursor) {
                (Dialect::Veryfi, _) => dialect.keys_path().to_owned(),
                (Dialect::Kayle, None) => dialect.keys_path().to_owned(),
                (Dialect::Kayle, Some(c)) => format!("{}?starting_after={c}", dialect.keys_path()),
                _ => format!("{}?limit=100", dialect.keys_path()),
            };
            let response = self
                .request(dialect, Method::GET, &path)
                .await
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{dialect:?} lists");
            let body: Value = response.json().await.unwrap();
            let items = match dialect {
                Dialect::Veryfi => body.clone(),
                _ => body["data"].clone(),
            };
            ids.extend(
                items
                    .as_array()
                    .expect("a list")
                    .iter()
                    .map(|k| id_text(&k["id"])),
            );
            match body["pagination"]["next_cursor"].as_str() {
                Some(next)
                    if dialect == Dialect::Kayle && body["pagination"]["has_more"] == true =>
                {
                    cursor = Some(next.to_owned())
                }
                _ => return ids,
            }
        }
    }

    /// Creates a Veryfi key outside Keyturn, as another admin would.
    pub async fn create_veryfi_key(&self) -> String {
        let response = self
            .request(Dialect::Veryfi, Method::POST, Dialect::Veryfi.keys_path())
            .await
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        id_text(&body["id"])
    }

    /// Creates a Veryfi key outside Keyturn and returns its id and value.
    pub async fn create_veryfi_key_with_value(&self) -> (String, String) {
        let response = self
            .request(Dialect::Veryfi, Method::POST, Dialect::Veryfi.keys_path())
            .await
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        (
            id_text(&body["id"]),
            body["value"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn revoke_veryfi_key(&self, id: &str) {
        let path = format!("{}{id}/", Dialect::Veryfi.keys_path());
        let response = self
            .request(Dialect::Veryfi, Method::DELETE, &path)
            .await
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    /// Creates a `/v1/api-keys` key outside Keyturn; returns its id.
    pub async fn create_api_key(&self, name: &str) -> String {
        let response = self
            .request(Dialect::ApiKeys, Method::POST, Dialect::ApiKeys.keys_path())
            .await
            .json(&serde_json::json!({ "name": name }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        id_text(&body["data"]["id"])
    }

    /// Whether the `/v1/api-keys` account lists the key as revoked (it keeps listing revoked keys).
    pub async fn api_key_revoked(&self, key_id: &str) -> bool {
        let response = self
            .request(Dialect::ApiKeys, Method::GET, "v1/api-keys?limit=100")
            .await
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        body["data"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|k| k["id"] == key_id)
            .is_some_and(|k| !k["revokedAt"].is_null())
    }

    /// Sets a `/v1/api-keys` key's dates and last use, in days from now
    /// (`POST /_sandbox/api-keys/{id}/history`).
    pub async fn set_history(&self, key_id: &str, history: Value) {
        let response = self
            .http
            .post(format!(
                "{}/_sandbox/api-keys/{key_id}/history",
                self.base_url
            ))
            .bearer_auth(&self.token)
            .json(&history)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "history of {key_id}");
    }

    /// Makes the next `count` requests of `method` under `path_prefix` fail as `fault` says.
    pub async fn inject_fault(&self, method: &str, path_prefix: &str, fault: Value) {
        let response = self
            .http
            .post(format!("{}/_sandbox/faults", self.base_url))
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "method": method, "path_prefix": path_prefix, "count": 1, "fault": fault }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }

    /// Uses a key the way a consumer would; returns the status and refusal code.
    pub async fn ping(&self, secret: &str, user_agent: &str) -> (u16, Option<String>) {
        let response = self
            .http
            .get(format!("{}/v1/consumer/ping", self.base_url))
            .header("X-API-Key", secret)
            .header("User-Agent", user_agent)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        (status, body["code"].as_str().map(str::to_owned))
    }
}

fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
