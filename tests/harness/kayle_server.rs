//! The real Kayle ID server that `./x test` starts from the shared kit
//! (KAYLE_BASE_URL, KAYLE_KIT, KAYLE_HOME): an account made the way the kit's
//! own tests make one, the sign-in code read from the server's log, and the
//! server's own view of the keys.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct KayleServer {
    pub base_url: String,
    kit: PathBuf,
    log: PathBuf,
    http: reqwest::Client,
}

fn required(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: the real Kayle ID server is started by `./x test` (see README)")
    })
}

impl KayleServer {
    pub fn from_env() -> Self {
        let home = PathBuf::from(required("KAYLE_HOME"));
        Self {
            base_url: required("KAYLE_BASE_URL"),
            kit: PathBuf::from(required("KAYLE_KIT")),
            log: home.join("logs/api.log"),
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    /// Makes (or signs in to) a user who owns an active organization, the way the
    /// kit's session.sh does; returns that session's cookie.
    pub fn account(&self, email: &str) -> String {
        let out = Command::new(self.kit.join("session.sh"))
            .arg(email)
            .env("KAYLE_BASE_URL", &self.base_url)
            .output()
            .expect("the kit's session.sh runs");
        assert!(
            out.status.success(),
            "session.sh {email}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// How far the server's log has grown: codes after this mark are new.
    pub fn log_mark(&self) -> usize {
        std::fs::read(&self.log).map(|b| b.len()).unwrap_or(0)
    }

    /// The sign-in code the server logged for `email` after `mark` (in production it is emailed).
    pub async fn code_after(&self, mark: usize, email: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let log = std::fs::read(&self.log).unwrap_or_default();
            let fresh = String::from_utf8_lossy(&log[mark.min(log.len())..]).into_owned();
            let lines: Vec<&str> = fresh.lines().collect();
            let found = lines.iter().enumerate().rev().find_map(|(i, line)| {
                if !line.contains(&format!("email: '{email}'")) {
                    return None;
                }
                lines[i + 1..].iter().take(3).find_map(|l| {
                    l.trim()
                        .strip_prefix("otp: '")
                        .and_then(|rest| rest.strip_suffix("',"))
                        .map(str::to_owned)
                })
            });
            if let Some(code) = found {
                return code;
            }
            assert!(
                Instant::now() < deadline,
                "no sign-in code for {email} in {}",
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The keys as the server lists them to `cookie` (every page).
    pub async fn keys(&self, cookie: &str) -> Vec<Value> {
        let mut keys = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut url = format!("{}/v1/auth/api-keys", self.base_url);
            if let Some(c) = &cursor {
                url.push_str(&format!("?starting_after={c}"));
            }
            let body: Value = self
                .http
                .get(&url)
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            keys.extend(body["data"].as_array().cloned().unwrap_or_default());
            match body["pagination"]["next_cursor"].as_str() {
                Some(next) if body["pagination"]["has_more"] == true => {
                    cursor = Some(next.to_owned())
                }
                _ => return keys,
            }
        }
    }

    /// One call of the public API with a created key, as a consumer would.
    pub async fn use_key(&self, secret: &str) -> u16 {
        self.http
            .get(format!("{}/v1/sessions", self.base_url))
            .bearer_auth(secret)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}
