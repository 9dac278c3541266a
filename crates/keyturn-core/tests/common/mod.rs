//! Shared by the contract and fault suites: a sandbox on loopback and one adapter
//! per vendor dialect pointed at it.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use keyturn_core::connections::file::Account;
use keyturn_core::http::{HttpOptions, RetryPolicy};
use keyturn_core::keys::model::ScopeChoice;
use keyturn_core::vendors::api_keys::account::ApiKeysAccount;
use keyturn_core::vendors::credential::Session;
use keyturn_core::vendors::kayle::account::KayleAccount;
use keyturn_core::vendors::verifa::account::VerifaAccount;
use keyturn_core::vendors::veryfi::account::VeryfiAccount;
use keyturn_core::{Capabilities, KeyDraft, Sensitive, Vendor, VendorKind};
use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};
use serde_json::{json, Value};

pub const TOKEN: &str = "contract-admin-token-0123456789";
pub const ORGANIZATION: &str = "org_contract";

pub async fn sandbox() -> Sandbox {
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        ..SandboxOptions::default()
    };
    keyturn_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0)), options)
        .await
        .expect("sandbox starts")
}

pub fn account(vendor: VendorKind) -> Account {
    match vendor {
        VendorKind::Veryfi => Account::Veryfi(VeryfiAccount {
            client_id: VERYFI_CLIENT_ID.into(),
            username: VERYFI_USERNAME.into(),
        }),
        VendorKind::Verifa => Account::Verifa(VerifaAccount {
            organization_id: ORGANIZATION.into(),
            api_version: None,
        }),
        VendorKind::ApiKeys => Account::ApiKeys(ApiKeysAccount {}),
        VendorKind::Kayle => Account::Kayle(KayleAccount {
            email: None,
            organization: None,
        }),
    }
}

pub const VENDORS: [VendorKind; 4] = [
    VendorKind::Veryfi,
    VendorKind::Verifa,
    VendorKind::ApiKeys,
    VendorKind::Kayle,
];

/// An adapter whose credential is the sandbox's admin token; Kayle's needs a
/// session instead (`signed_in_adapter`).
pub fn adapter(sandbox: &Sandbox, vendor: VendorKind, options: HttpOptions) -> Arc<dyn Vendor> {
    account(vendor)
        .connect(&sandbox.base_url(), Sensitive::new(TOKEN.into()), options)
        .unwrap()
}

/// A Kayle session from the sandbox's admin side, as the kit's `session.sh` makes one:
/// the user and an owned, active organization are created if missing.
pub async fn kayle_session(sandbox: &Sandbox, email: &str) -> Session {
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/kayle/sessions", sandbox.base_url()))
        .bearer_auth(TOKEN)
        .json(&json!({ "email": email }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "sandbox session opened");
    let opened: Value = response.json().await.unwrap();
    let expires_at = opened["expires_at"].as_str().expect("an expiry");
    Session {
        cookie: Sensitive::new(opened["cookie"].as_str().expect("a cookie").to_owned()),
        expires_at: chrono::DateTime::parse_from_rfc3339(expires_at)
            .unwrap()
            .with_timezone(&chrono::Utc),
    }
}

/// Any vendor's adapter; Kayle's signed in to a fresh user's organization.
pub async fn signed_in_adapter(
    sandbox: &Sandbox,
    vendor: VendorKind,
    options: HttpOptions,
) -> Arc<dyn Vendor> {
    if vendor != VendorKind::Kayle {
        return adapter(sandbox, vendor, options);
    }
    let nonce: u64 = rand::random();
    let session = kayle_session(sandbox, &format!("suite-{nonce:016x}@example.test")).await;
    account(vendor)
        .connect(&sandbox.base_url(), session.to_keychain(), options)
        .unwrap()
}

/// Retries as in production, but without the waits, for scripted servers.
pub fn fast_retries() -> HttpOptions {
    HttpOptions {
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_secs(8),
        },
        ..HttpOptions::default()
    }
}

/// One attempt, short timeouts: each fault shows as exactly one error.
pub fn no_retries() -> HttpOptions {
    HttpOptions {
        total_timeout: std::time::Duration::from_millis(400),
        retry: RetryPolicy::never(),
        ..HttpOptions::default()
    }
}

/// The path every request of a dialect's key API starts with.
pub fn keys_path(vendor: VendorKind) -> String {
    match vendor {
        VendorKind::Veryfi => "/api/v8/partner/client-keys".into(),
        VendorKind::Verifa => format!("/api/v1/organizations/{ORGANIZATION}/keys"),
        VendorKind::ApiKeys => "/v1/api-keys".into(),
        VendorKind::Kayle => "/v1/auth/api-keys".into(),
    }
}

/// A draft that satisfies the vendor's create form, built from its capabilities only.
pub fn draft_for(capabilities: &Capabilities) -> KeyDraft {
    let scopes = match capabilities.scope_choice {
        ScopeChoice::One | ScopeChoice::AtLeastOne => {
            capabilities.scopes.iter().take(1).cloned().collect()
        }
        ScopeChoice::None | ScopeChoice::Any => Vec::new(),
    };
    KeyDraft {
        name: Some("Contract test key".into()),
        environment: capabilities.environments.first().cloned(),
        scopes,
        ..KeyDraft::default()
    }
}

pub async fn install_fault(
    sandbox: &Sandbox,
    method: &str,
    path_prefix: &str,
    count: u32,
    fault: Value,
) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/faults", sandbox.base_url()))
        .bearer_auth(TOKEN)
        .json(&json!({ "method": method, "path_prefix": path_prefix, "count": count, "fault": fault }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "fault installed");
}

pub struct Ping {
    pub status: u16,
    pub code: Option<String>,
}

pub async fn ping(sandbox: &Sandbox, secret: &str, user_agent: &str) -> Ping {
    let response = reqwest::Client::new()
        .get(format!("{}/v1/consumer/ping", sandbox.base_url()))
        .header("X-API-Key", secret)
        .header("User-Agent", user_agent)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    Ping {
        status,
        code: body["code"].as_str().map(str::to_owned),
    }
}
