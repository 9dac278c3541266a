//! One contract for Kayle ID, written once and run against any target that
//! speaks it: the real server from the kit (`kayle_live.rs`) and the sandbox's
//! Kayle dialect (`kayle_sandbox_contract.rs`). Each step asserts what a user
//! would see.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use keyturn_core::connections::file::{Account, ConnectionFileStore};
use keyturn_core::connections::service::{ConnectionDraft, ConnectionService, SignInStart};
use keyturn_core::keys::model::MetadataValue;
use keyturn_core::vendors::credential::{Session, SessionSignIn};
use keyturn_core::vendors::kayle;
use keyturn_core::vendors::kayle::account::KayleAccount;
use keyturn_core::workspace::WorkspaceError;
use keyturn_core::{
    Environment, KeyDraft, KeyStatus, KeyUpdate, MemoryStore, SecretStore, Sensitive, Vendor,
    VendorErrorKind, VendorKind, Workspace,
};
use serde_json::{json, Value};

use crate::common::fast_retries;

pub enum TargetKind {
    /// The kit's server: codes from its log, freezing through its script.
    Real { kit: PathBuf, log: PathBuf },
    /// The sandbox: codes and freezing from its admin side.
    Sandbox { admin_token: String },
}

pub struct Target {
    pub base_url: String,
    pub kind: TargetKind,
    /// A session made outside the suite (the kit's `session.sh`), if given.
    pub cookie: Option<String>,
}

fn unique_email(label: &str) -> String {
    let nonce: u64 = rand::random();
    format!("k1-{label}-{nonce:016x}@example.test")
}

/// How many codes the log holds for `email`.
fn codes_in_log(log: &PathBuf, email: &str) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let needle = format!("email: '{email}',");
    let lines: Vec<&str> = text.lines().collect();
    let mut codes = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == needle {
            if let Some(code) = lines[i + 1..lines.len().min(i + 4)].iter().find_map(|l| {
                l.trim()
                    .strip_prefix("otp: '")
                    .and_then(|r| r.strip_suffix("',"))
            }) {
                codes.push(code.to_owned());
            }
        }
    }
    codes
}

impl Target {
    fn admin(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let TargetKind::Sandbox { admin_token } = &self.kind else {
            unreachable!("only the sandbox has an admin side")
        };
        reqwest::Client::new()
            .request(
                method,
                format!("{}{path}", self.base_url.trim_end_matches('/')),
            )
            .bearer_auth(admin_token)
    }

    fn codes_seen(&self, email: &str) -> usize {
        match &self.kind {
            TargetKind::Real { log, .. } => codes_in_log(log, email).len(),
            TargetKind::Sandbox { .. } => 0,
        }
    }

    /// The code the target would have emailed after `seen` earlier ones.
    async fn code_for(&self, email: &str, seen: usize) -> Sensitive<String> {
        match &self.kind {
            TargetKind::Real { log, .. } => {
                // The worker writes its log a moment after answering.
                for _ in 0..100 {
                    let codes = codes_in_log(log, email);
                    if codes.len() > seen {
                        return Sensitive::new(codes.last().unwrap().clone());
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                panic!("no sign-in code for {email} appeared in {}", log.display());
            }
            TargetKind::Sandbox { .. } => {
                let answer: Value = self
                    .admin(reqwest::Method::GET, "/_sandbox/kayle/otp")
                    .query(&[("email", email)])
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                Sensitive::new(answer["otp"].as_str().expect("a live code").to_owned())
            }
        }
    }

    async fn active_organization(&self, session: &Session) -> String {
        let current: Value = reqwest::Client::new()
            .get(format!(
                "{}/v1/auth/get-session",
                self.base_url.trim_end_matches('/')
            ))
            .header("Cookie", session.cookie.expose())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        current["session"]["activeOrganizationId"]
            .as_str()
            .or(current["activeOrganization"]["id"].as_str())
            .expect("the session has an active organization")
            .to_owned()
    }

    /// Schedules the organization for deletion (`frozen`) or cancels that.
    async fn set_frozen(&self, session: &Session, frozen: bool) {
        match &self.kind {
            TargetKind::Real { kit, .. } => {
                let mut command = std::process::Command::new(kit.join("freeze-org.sh"));
                if !frozen {
                    command.arg("--cancel");
                }
                let status = command
                    .arg(session.cookie.expose())
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("freeze-org.sh runs");
                assert!(status.success(), "freeze-org.sh (frozen={frozen}) failed");
            }
            TargetKind::Sandbox { .. } => {
                let organization = self.active_organization(session).await;
                let verb = if frozen { "freeze" } else { "unfreeze" };
                let status = self
                    .admin(
                        reqwest::Method::POST,
                        &format!("/_sandbox/kayle/organizations/{organization}/{verb}"),
                    )
                    .send()
                    .await
                    .unwrap()
                    .status();
                assert!(status.is_success(), "sandbox {verb}: {status}");
            }
        }
    }

    fn flow(&self) -> Box<dyn SessionSignIn> {
        VendorKind::Kayle
            .sign_in(&self.base_url, fast_retries())
            .unwrap()
            .unwrap()
    }

    fn adapter(&self, session: &Session) -> Arc<dyn Vendor> {
        Account::Kayle(KayleAccount {
            email: None,
            organization: None,
        })
        .connect(&self.base_url, session.to_keychain(), fast_retries())
        .unwrap()
    }

    /// A session for the key steps: the given cookie, or a fresh sign-in.
    pub async fn session(&self) -> Session {
        match &self.cookie {
            Some(cookie) => Session {
                cookie: Sensitive::new(cookie.clone()),
                expires_at: chrono::Utc::now() + chrono::Duration::days(1),
            },
            None => self.signed_in(&unique_email("keys")).await,
        }
    }

    /// Signs in with the core flow, making the user an organization if needed.
    async fn signed_in(&self, email: &str) -> Session {
        let flow = self.flow();
        let seen = self.codes_seen(email);
        flow.send_code(email).await.unwrap();
        let session = flow
            .verify_code(email, &self.code_for(email, seen).await)
            .await
            .unwrap();
        let mut organizations = flow.organizations(&session).await.unwrap();
        if organizations.is_empty() {
            create_organization(&self.base_url, &session, email).await;
            organizations = flow.organizations(&session).await.unwrap();
        }
        let chosen = organizations
            .first()
            .expect("an organization to choose")
            .id
            .clone();
        flow.choose_organization(session, &chosen).await.unwrap()
    }
}

async fn create_organization(base_url: &str, session: &Session, email: &str) {
    let slug = email.split('@').next().unwrap().to_owned();
    let status = reqwest::Client::new()
        .post(format!("{}/v1/auth/orgs", base_url.trim_end_matches('/')))
        .header("Cookie", session.cookie.expose())
        .json(&json!({"name": format!("Org of {slug}"), "slug": slug}))
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success(), "organization created: {status}");
}

fn kayle_draft(name: &str) -> ConnectionDraft {
    ConnectionDraft {
        name: name.into(),
        vendor: VendorKind::Kayle,
        environment: Environment::Sandbox,
        base_url: String::new(),
        read_only: false,
        client_id: None,
        username: None,
        organization_id: None,
        api_version: None,
        credential: None,
        allow_changes: None,
    }
}

/// email → wrong code (burnt) → new code → organization → saved connection whose
/// session is only in the keychain → sign out → signed out.
pub async fn sign_in_through_the_connection_service(target: &Target) {
    let dirs = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let workspace = Arc::new(Workspace::new(Vec::new()));
    let (connections, _) = ConnectionService::open(
        ConnectionFileStore::new(dirs.path()),
        store.clone(),
        workspace.clone(),
        fast_retries(),
    )
    .await
    .unwrap();
    let email = unique_email("signin");
    // A new user has no organization; the dashboard would make one first.
    let prepared = target.signed_in(&email).await;
    drop(prepared);

    let start = SignInStart {
        vendor: VendorKind::Kayle,
        base_url: target.base_url.clone(),
        email: format!("  {email} "),
        connection_id: None,
    };
    let seen = target.codes_seen(&email);
    let started = connections.start_sign_in(&start).await.unwrap();
    assert_eq!(started.email, email, "the address is trimmed");
    let good = target.code_for(&email, seen).await;
    let wrong = Sensitive::new(
        if good.expose() == "000000" {
            "111111"
        } else {
            "000000"
        }
        .to_owned(),
    );
    let refused = connections
        .verify_sign_in_code(&started.sign_in_id, &wrong)
        .await
        .unwrap_err();
    let text = format!("{refused:?}");
    assert!(
        text.contains("CodeRejected") && text.contains("request a new code"),
        "{text}"
    );
    // The wrong code burnt the right one too, and the sign-in is over.
    let again = connections
        .verify_sign_in_code(&started.sign_in_id, &good)
        .await;
    assert!(again.is_err(), "a burnt sign-in cannot continue");
    let flow = target.flow();
    let burnt = flow.verify_code(&email, &good).await.unwrap_err();
    assert_eq!(
        burnt.kind,
        VendorErrorKind::CodeRejected,
        "the good code was burnt"
    );

    let seen = target.codes_seen(&email);
    let started = connections.start_sign_in(&start).await.unwrap();
    let code = target.code_for(&email, seen).await;
    let organizations = connections
        .verify_sign_in_code(&started.sign_in_id, &code)
        .await
        .unwrap();
    assert_eq!(organizations.len(), 1, "{organizations:?}");
    assert_eq!(organizations[0].role, "owner");
    let summary = connections
        .finish_sign_in(
            &started.sign_in_id,
            &organizations[0].id,
            Some(&kayle_draft("Live Kayle")),
        )
        .await
        .unwrap();
    assert!(
        !summary.signed_out && summary.problem.is_none(),
        "{summary:?}"
    );
    let label = summary.account_label.clone().unwrap_or_default();
    assert!(
        label.contains(&email) && label.contains(&organizations[0].name),
        "{label}"
    );
    let listed = workspace.list_keys(&summary.id).await.unwrap();
    assert!(listed.keys.is_empty(), "a new organization has no keys");

    let entry = keyturn_core::connections::service::keychain_entry(&summary.id);
    let kept = store
        .get(&entry)
        .unwrap()
        .expect("the session is in the keychain");
    let session = Session::from_keychain(&kept).expect("kept as a session");
    assert!(session.cookie.expose().contains("kayle-id.session_token="));
    let days = (session.expires_at - chrono::Utc::now()).num_days();
    assert!((6..=7).contains(&days), "the session lasts 7 days ({days})");
    let on_disk = std::fs::read_to_string(dirs.path().join("connections.json")).unwrap();
    let value = session.cookie.expose().split_once('=').unwrap().1;
    assert!(
        !on_disk.contains(value),
        "the cookie never reaches the connection file"
    );

    let out = connections.sign_out(&summary.id).await.unwrap();
    assert!(out.signed_out, "{out:?}");
    assert!(
        store.get(&entry).unwrap().is_none(),
        "the session is forgotten"
    );
    match workspace.list_keys(&summary.id).await {
        Err(WorkspaceError::SignedOut { .. }) => {}
        other => panic!("expected signed out, got {other:?}"),
    }
    // Signed out at the vendor too: the old cookie no longer works there.
    let old = target.adapter(&session).list_page(None).await.unwrap_err();
    assert_eq!(old.kind, VendorErrorKind::SignedOut, "{old}");
}

fn draft(name: &str) -> KeyDraft {
    let mut draft = KeyDraft {
        name: Some(name.into()),
        scopes: vec!["sessions:read".into()],
        ..KeyDraft::default()
    };
    draft
        .metadata
        .insert("team".into(), MetadataValue::Text("core".into()));
    draft
        .metadata
        .insert("n".into(), MetadataValue::Number(1.0));
    draft.metadata.insert("b".into(), MetadataValue::Flag(true));
    draft
}

/// create → list masked → disable → enable → rename → delete → repeated delete.
pub async fn key_lifecycle(target: &Target) {
    let session = target.session().await;
    let api = target.adapter(&session);
    let capabilities = api.capabilities();
    assert!(
        !capabilities.last_used.at && !capabilities.last_used.request_count,
        "Kayle reports no usage"
    );

    let created = api.create_key(&draft("  k1 lifecycle  ")).await.unwrap();
    let secret = created.secret.expose().clone();
    assert!(
        secret.starts_with("kk_") && secret.len() == 35,
        "a real Kayle key"
    );
    let prefix = created.key.masked_prefix.clone().unwrap();
    assert!(prefix.starts_with("kk_") && prefix.len() <= 7 && secret.starts_with(&prefix));
    assert!(kayle::rules::is_uuid(&created.key.id));

    let listed = api.list_keys().await.unwrap();
    let key = listed
        .iter()
        .find(|k| k.id == created.key.id)
        .expect("listed");
    assert_eq!(
        key.name.as_deref(),
        Some("k1 lifecycle"),
        "the name is trimmed"
    );
    assert_eq!(key.status, KeyStatus::Active);
    assert_eq!(key.scopes, ["sessions:read"]);
    assert_eq!(key.metadata, draft("x").metadata);
    assert_eq!(key.request_count, None, "Kayle's count is never real");
    assert!(!serde_json::to_string(&listed).unwrap().contains(&secret));

    api.test_key(&created.secret)
        .await
        .expect("the new key works");

    let off = api
        .update_key(
            &key.id,
            &KeyUpdate {
                enabled: Some(false),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(off.status, KeyStatus::Disabled);
    let refused = api.test_key(&created.secret).await.unwrap_err();
    assert_eq!(
        refused.kind,
        VendorErrorKind::Unauthorized,
        "a disabled key is refused"
    );

    let on = api
        .update_key(
            &key.id,
            &KeyUpdate {
                enabled: Some(true),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(on.status, KeyStatus::Active);
    api.test_key(&created.secret).await.expect("enabled again");

    let renamed = api
        .update_key(
            &key.id,
            &KeyUpdate {
                name: Some(" k1 renamed ".into()),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name.as_deref(), Some("k1 renamed"));
    assert_eq!(
        renamed.status,
        KeyStatus::Active,
        "a rename keeps the state"
    );

    api.revoke_key(&key.id).await.unwrap();
    let after = api.list_keys().await.unwrap();
    assert!(
        after.iter().all(|k| k.id != key.id),
        "deleted keys disappear"
    );
    let again = api.revoke_key(&key.id).await.unwrap_err();
    assert_eq!(again.kind, VendorErrorKind::NotFound, "{again}");
    assert!(
        again.message.contains("refresh the list"),
        "{}",
        again.message
    );
    assert!(
        api.test_key(&created.secret).await.is_err(),
        "a deleted key is refused"
    );
}

/// Eleven keys are two pages of at most ten; all are listed once.
pub async fn ten_a_page(target: &Target) {
    let session = target.session().await;
    let api = target.adapter(&session);
    let mut made = Vec::new();
    for i in 0..11 {
        made.push(
            api.create_key(&draft(&format!("k1 page {i}")))
                .await
                .unwrap()
                .key
                .id,
        );
    }
    let first = api.list_page(None).await.unwrap();
    assert!(first.items.len() <= 10, "{} on a page", first.items.len());
    assert!(
        first.next.is_some(),
        "more than ten keys is more than one page"
    );
    let all = api.list_keys().await.unwrap();
    for id in &made {
        assert_eq!(
            all.iter().filter(|k| &k.id == id).count(),
            1,
            "{id} listed once"
        );
    }
    for id in &made {
        api.revoke_key(id).await.unwrap();
    }
}

/// Local refusals (no call needed) and the target's own refusals, as sentences.
pub async fn refused_calls(target: &Target) {
    let session = target.session().await;
    let api = target.adapter(&session);
    let mut empty = draft("x");
    empty.scopes.clear();
    for (bad, what) in [
        (
            KeyDraft {
                name: Some("   ".into()),
                ..draft("x")
            },
            "name",
        ),
        (empty, "permission"),
        (
            {
                let mut d = draft("x");
                d.metadata
                    .insert("bad key!".into(), MetadataValue::Flag(true));
                d
            },
            "metadata key",
        ),
    ] {
        let error = api.create_key(&bad).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidDraft, "{what}");
        assert!(
            error.message.ends_with('.') && !error.message.contains('{'),
            "{what}: {}",
            error.message
        );
    }
    for id in ["nope", "../v1/sessions", "kk_1"] {
        let error = api.revoke_key(id).await.unwrap_err();
        assert_eq!(error.kind, VendorErrorKind::InvalidRequest, "{id}");
        assert!(error.message.contains("UUID"), "{}", error.message);
    }
    let unknown = "00000000-0000-4000-8000-000000000000";
    let update = api
        .update_key(
            unknown,
            &KeyUpdate {
                enabled: Some(false),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(update.kind, VendorErrorKind::NotFound, "{update}");
    assert_eq!(update.code.as_deref(), Some("API_KEY_NOT_FOUND"));
    let delete = api.revoke_key(unknown).await.unwrap_err();
    assert_eq!(delete.kind, VendorErrorKind::NotFound);
    assert_eq!(delete.code.as_deref(), Some("API_KEY_NOT_DELETED"));

    // What the target itself answers to bodies Keyturn never sends: read as sentences.
    let raw = reqwest::Client::new();
    let keys = format!("{}/v1/auth/api-keys", target.base_url.trim_end_matches('/'));
    let zod = raw
        .post(&keys)
        .header("Cookie", session.cookie.expose())
        .json(&json!({"name": "", "permissions": [], "metadata": {"bad key!": "x"}}))
        .send()
        .await
        .unwrap();
    let status = zod.status().as_u16();
    let error = kayle::refusal(status, &zod.bytes().await.unwrap());
    assert_eq!((status, error.kind), (400, VendorErrorKind::InvalidRequest));
    let sentences = error.message.matches(" was refused: ").count();
    assert_eq!(sentences, 3, "one sentence per field: {}", error.message);
    for field in ["\"name\"", "\"permissions\"", "\"metadata.bad key!\""] {
        assert!(error.message.contains(field), "{field}: {}", error.message);
    }
    let limit = raw
        .get(format!("{keys}?limit=5"))
        .header("Cookie", session.cookie.expose())
        .send()
        .await
        .unwrap();
    let status = limit.status().as_u16();
    let error = kayle::refusal(status, &limit.bytes().await.unwrap());
    assert_eq!(status, 400, "any limit is refused, so Keyturn sends none");
    assert!(error.message.contains("\"limit\""), "{}", error.message);
    let malformed = raw
        .post(&keys)
        .header("Cookie", session.cookie.expose())
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let status = malformed.status().as_u16();
    let error = kayle::refusal(status, &malformed.bytes().await.unwrap());
    assert_eq!((status, error.kind), (400, VendorErrorKind::InvalidRequest));
    assert!(
        error.message.contains("JSON") && !error.message.contains("Malformed"),
        "{}",
        error.message
    );
}

/// A frozen organization refuses writes with a sentence that says what to do;
/// listing still works; cancelling the deletion makes writes work again.
pub async fn frozen_organization(target: &Target) {
    let session = target.session().await;
    let api = target.adapter(&session);
    let kept = api.create_key(&draft("k1 frozen")).await.unwrap();
    target.set_frozen(&session, true).await;
    let (frozen_api, id) = (api.clone(), kept.key.id.clone());
    let outcome = async move {
        let api = frozen_api;
        let create = api.create_key(&draft("k1 refused")).await.unwrap_err();
        let update = api
            .update_key(
                &id,
                &KeyUpdate {
                    enabled: Some(false),
                    ..KeyUpdate::default()
                },
            )
            .await
            .unwrap_err();
        let delete = api.revoke_key(&id).await.unwrap_err();
        for error in [&create, &update, &delete] {
            assert_eq!(error.status, Some(410), "{error}");
            assert_eq!(error.code.as_deref(), Some("ORGANIZATION_FROZEN"));
            assert_eq!(error.kind, VendorErrorKind::Forbidden);
            assert!(
                error.message.contains("scheduled for deletion")
                    && error.message.contains("cancel"),
                "{}",
                error.message
            );
        }
        let listed = api.list_keys().await.expect("listing works while frozen");
        assert!(listed.iter().any(|k| k.id == id));
    };
    // Whatever happens, the organization is thawed before the test ends.
    let result = tokio::spawn(outcome).await;
    target.set_frozen(&session, false).await;
    if let Err(panic) = result {
        std::panic::resume_unwind(panic.into_panic());
    }
    api.revoke_key(&kept.key.id)
        .await
        .expect("writes work again");
}

/// A cookie the target does not know is a signed-out connection, not an error;
/// a live session whose recorded expiry has passed is asked about, not dropped.
pub async fn signed_out(target: &Target) {
    let session = target.session().await;
    let stale = Session {
        cookie: session.cookie.clone(),
        expires_at: chrono::Utc::now() - chrono::Duration::minutes(1),
    };
    target
        .adapter(&stale)
        .list_page(None)
        .await
        .expect("the target still knows the session");
    let (name, value) = session.cookie.expose().split_once('=').unwrap();
    let forged = Session {
        cookie: Sensitive::new(format!("{name}={}x", value)),
        expires_at: session.expires_at,
    };
    let api = target.adapter(&forged);
    let error = api.list_page(None).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::SignedOut, "{error}");
    assert!(error.message.contains("sign in again"), "{}", error.message);
    let text = format!("{error:?}");
    assert!(!text.contains(value), "the cookie is not in the error");
}
