//! Driving either server: where sign-in codes come from and how an organization is frozen.

use std::path::PathBuf;

use crate::common::kayle::Admin;
use crate::common::{start_sandbox, ADMIN_TOKEN};
use keyturn_sandbox::Sandbox;

pub enum Backend {
    Real {
        base: String,
        home: PathBuf,
        kit: PathBuf,
    },
    Sandbox {
        _sandbox: Sandbox,
        admin: Admin,
    },
}

impl Backend {
    pub fn real() -> Self {
        let base = std::env::var("KAYLE_BASE_URL").unwrap_or_else(|_| {
            panic!(
                "KAYLE_BASE_URL is not set: start the real Kayle ID server \
                 (eval \"$(shared/vendors/kayle-id/start.sh | tail -n1)\") and export KAYLE_BASE_URL"
            )
        });
        let home = std::env::var("KAYLE_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").expect("HOME")).join(".cache/kayle-id")
            });
        let kit = std::env::var("KAYLE_KIT")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("/work/shared/vendors/kayle-id"));
        Backend::Real { base, home, kit }
    }

    pub async fn sandbox() -> Self {
        let sandbox = start_sandbox(None).await;
        let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
        Backend::Sandbox {
            _sandbox: sandbox,
            admin,
        }
    }

    pub fn base_url(&self) -> String {
        match self {
            Backend::Real { base, .. } => base.clone(),
            Backend::Sandbox { admin, .. } => admin.base_url.clone(),
        }
    }

    pub fn log_len(&self) -> usize {
        match self {
            Backend::Real { home, .. } => {
                std::fs::read(home.join("logs/api.log")).map_or(0, |b| b.len())
            }
            Backend::Sandbox { .. } => 0,
        }
    }

    /// The code sent to `email` by the sign-in made after the log was `since` bytes long.
    pub async fn code(&self, email: &str, since: usize) -> String {
        match self {
            Backend::Sandbox { admin, .. } => admin.code_for(email).await,
            Backend::Real { home, .. } => {
                let log = home.join("logs/api.log");
                for _ in 0..100 {
                    let bytes = std::fs::read(&log).unwrap_or_default();
                    let text =
                        String::from_utf8_lossy(&bytes[since.min(bytes.len())..]).into_owned();
                    if let Some(code) = code_in_log(&text, email) {
                        return code;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                panic!("no sign-in code for {email} appeared in {}", log.display());
            }
        }
    }

    pub async fn set_frozen(&self, cookie: &str, org_id: &str, frozen: bool) {
        match self {
            Backend::Sandbox { admin, .. } => admin.set_frozen(org_id, frozen).await,
            Backend::Real { base, kit, .. } => {
                let mut command = std::process::Command::new(kit.join("freeze-org.sh"));
                if !frozen {
                    command.arg("--cancel");
                }
                let status = command
                    .arg(cookie)
                    .env("KAYLE_BASE_URL", base)
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("freeze-org.sh runs");
                assert!(status.success(), "freeze-org.sh (frozen: {frozen}) failed");
            }
        }
    }
}

fn code_in_log(text: &str, email: &str) -> Option<String> {
    let at = text.rfind(&format!("email: '{email}'"))?;
    let rest = &text[at..];
    let start = rest.find("otp: '")? + "otp: '".len();
    let code: String = rest[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (code.len() == 6).then_some(code)
}
