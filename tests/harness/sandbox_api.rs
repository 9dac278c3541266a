use reqwest::StatusCode;
use serde::Deserialize;

/// The embedded sandbox's own Veryfi API, called directly (not through Keyturn) so
/// the test compares the window with the server's truth.
pub struct SandboxApi {
    base_url: String,
    token: String,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct Listed {
    id: u64,
}

#[derive(Deserialize)]
pub struct Created {
    pub id: u64,
}

const KEYS: &str = "api/v8/partner/client-keys";

impl SandboxApi {
    /// The admin token is read from the same keychain the app stored it in.
    pub fn from_keychain(base_url: &str) -> Self {
        let token = keyring::Entry::new("io.keyturn.desktop", "sandbox/admin-token")
            .and_then(|entry| entry.get_password())
            .expect("the app kept the sandbox token in the keychain");
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            token,
            http: reqwest::Client::new(),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}/{path}", self.base_url))
            .header("CLIENT-ID", "sandbox")
            .header("AUTHORIZATION", format!("apikey sandbox:{}", self.token))
    }

    pub async fn key_ids(&self) -> Vec<String> {
        let response = self
            .request(reqwest::Method::GET, KEYS)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let listed: Vec<Listed> = response.json().await.unwrap();
        listed.into_iter().map(|k| k.id.to_string()).collect()
    }

    pub async fn create_key(&self) -> Created {
        let response = self
            .request(reqwest::Method::POST, KEYS)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }
}
