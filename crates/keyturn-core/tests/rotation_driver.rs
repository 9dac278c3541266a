//! Whole rotations driven against the sandbox: Veryfi's checklist (create first,
//! and retire first at the two-key limit), last-used on `/v1/api-keys`, and
//! Kayle's checklist (no usage reported: the new key is tested against Kayle's
//! consumer API) with disable before delete.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;

use chrono::{DateTime, Duration, Utc};
use keyturn_core::connections::connection::Environment;
use keyturn_core::connections::file::Account;
use keyturn_core::http::HttpOptions;
use keyturn_core::rotation::state::UsageSignal;
use keyturn_core::rotation::{
    new_rotation_id, open_rotations, Applied, Rotation, RotationAction, RotationDriver,
    RotationError, RotationJournals, RotationStep,
};
use keyturn_core::storage::audit::{AuditAction, AuditEntry, AuditFilter, AuditLog};
use keyturn_core::vendors::api_keys::account::ApiKeysAccount;
use keyturn_core::vendors::veryfi::account::VeryfiAccount;
use keyturn_core::{
    ApiKey, Capabilities, ConnectionSummary, CreatedKey, KeyDraft, KeyStatus, Page, Sensitive,
    Vendor, VendorError, VendorErrorKind, VendorKind,
};
use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};

const TOKEN: &str = "rotation-driver-admin-token-0123";

async fn sandbox() -> Sandbox {
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        ..SandboxOptions::default()
    };
    keyturn_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0)), options)
        .await
        .unwrap()
}

fn vendor(sandbox: &Sandbox, account: Account) -> Arc<dyn Vendor> {
    account
        .connect(
            &sandbox.base_url(),
            Sensitive::new(TOKEN.into()),
            HttpOptions::default(),
        )
        .unwrap()
}

fn veryfi(sandbox: &Sandbox) -> Arc<dyn Vendor> {
    let account = Account::Veryfi(VeryfiAccount {
        client_id: VERYFI_CLIENT_ID.into(),
        username: VERYFI_USERNAME.into(),
    });
    vendor(sandbox, account)
}

/// Uses a key the way a consumer would; returns the HTTP status and the refusal code.
async fn ping(sandbox: &Sandbox, secret: &str) -> (u16, Option<String>) {
    let response = reqwest::Client::new()
        .get(format!("{}/v1/consumer/ping", sandbox.base_url()))
        .header("X-API-Key", secret)
        .header("User-Agent", "payroll-sync/3.0")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    (status, body["code"].as_str().map(str::to_owned))
}

async fn ids(vendor: &dyn Vendor) -> Vec<String> {
    vendor
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.id)
        .collect()
}

struct Wizard<'a> {
    driver: RotationDriver<'a>,
    rotation: Rotation,
}

impl<'a> Wizard<'a> {
    async fn start(driver: RotationDriver<'a>, now: DateTime<Utc>) -> Self {
        let applied = driver
            .start(new_rotation_id(), "sandbox-connection".into(), now)
            .await
            .unwrap();
        assert!(applied.notice.is_none());
        Self {
            driver,
            rotation: applied.rotation,
        }
    }

    async fn try_act(
        &mut self,
        action: RotationAction,
        now: DateTime<Utc>,
    ) -> Result<Applied, RotationError> {
        let applied = self.driver.act(&self.rotation, action, now).await?;
        assert!(applied.notice.is_none(), "{:?}", applied.notice);
        self.rotation = applied.rotation.clone();
        Ok(applied)
    }

    async fn act(&mut self, action: RotationAction, now: DateTime<Utc>) -> Applied {
        self.try_act(action, now).await.expect("accepted")
    }

    async fn poll(&mut self, now: DateTime<Utc>) {
        self.rotation = self
            .driver
            .poll(&self.rotation, now)
            .await
            .unwrap()
            .rotation;
    }

    fn green(&self) -> bool {
        self.rotation
            .verification
            .as_ref()
            .expect("verifying")
            .green
    }
}

fn choose(key_id: &str) -> RotationAction {
    RotationAction::Choose {
        key_id: key_id.into(),
        override_in_use: false,
    }
}

fn create(name: &str, scopes: &[&str]) -> RotationAction {
    RotationAction::Create {
        draft: KeyDraft {
            name: Some(name.into()),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            ..KeyDraft::default()
        },
    }
}

fn delete(confirmation: &str) -> RotationAction {
    RotationAction::Revoke {
        confirmation: confirmation.into(),
        force: false,
    }
}

fn connection() -> ConnectionSummary {
    ConnectionSummary {
        id: "sandbox-connection".into(),
        name: "Veryfi sandbox".into(),
        vendor: VendorKind::Veryfi,
        environment: Environment::Sandbox,
        read_only: false,
        base_url: "http://127.0.0.1".into(),
        account_label: None,
        account: Default::default(),
        api_version: None,
        builtin: false,
        problem: None,
        signed_out: false,
    }
}

#[tokio::test]
async fn veryfi_rotation_creates_first_verifies_by_checklist_and_deletes_the_old_key() {
    let sandbox = sandbox().await;
    let vendor = veryfi(&sandbox);
    let original = ids(vendor.as_ref()).await.remove(0);
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let audit = AuditLog::new(data.path());
    let summary = connection();
    let driver = RotationDriver::new(vendor.as_ref(), &journals).with_audit(&audit, &summary);
    let now = Utc::now();

    let mut wizard = Wizard::start(driver, now).await;
    assert!(
        !wizard.rotation.retire_first,
        "one key of two: create first"
    );
    assert_eq!(wizard.rotation.rules.usage, UsageSignal::Checklist);
    wizard.act(choose(&original), now).await;
    assert_eq!(wizard.rotation.state, RotationStep::ReadyToCreate);

    let created = wizard
        .act(create("unused by Veryfi", &[]), now)
        .await
        .created
        .expect("a new key");
    assert_eq!(wizard.rotation.state, RotationStep::Created);
    let secret = created.secret.expose().clone();
    assert_eq!(secret.len(), 32);
    let new_id = created.key.id.clone();
    assert_eq!(wizard.rotation.new_key.as_ref().unwrap().id, new_id);
    let journal_text =
        std::fs::read_to_string(journals.path_of(&wizard.rotation.id).unwrap()).unwrap();
    assert!(journal_text.contains(&new_id) && !journal_text.contains(&secret));

    wizard.act(RotationAction::SecretStored, now).await;
    assert_eq!(wizard.rotation.state, RotationStep::Verifying);
    assert_eq!(
        ping(&sandbox, &secret).await,
        (200, None),
        "the new key works for consumers"
    );
    wizard.poll(now).await;
    assert!(
        !wizard.green(),
        "Veryfi reports no use: the checklist decides"
    );

    wizard.act(RotationAction::Retire, now).await;
    assert_eq!(
        wizard.try_act(delete(&original), now).await.unwrap_err(),
        RotationError::NotVerified
    );
    let payroll = RotationAction::ConsumerChecked {
        name: "Payroll".into(),
        checked: true,
    };
    wizard.act(payroll, now).await;
    wizard
        .act(RotationAction::TestedNewKey { ok: true }, now)
        .await;
    assert!(wizard.green());
    assert_eq!(
        wizard.try_act(delete("nope"), now).await.unwrap_err(),
        RotationError::ConfirmationMismatch
    );
    wizard.act(delete(&original), now).await;

    assert_eq!(wizard.rotation.state, RotationStep::Done);
    assert_eq!(ids(vendor.as_ref()).await, vec![new_id.clone()]);
    assert!(open_rotations(data.path()).unwrap().open.is_empty());
    let entries = key_actions(&audit);
    let actions: Vec<(AuditAction, Option<&str>, &str)> = entries
        .iter()
        .map(|e| (e.action, e.key_id.as_deref(), e.outcome.as_str()))
        .collect();
    let steps = rotation_steps(&audit);
    assert_eq!(steps.first().unwrap().action, AuditAction::RotationFinished);
    assert_eq!(steps.last().unwrap().action, AuditAction::RotationStarted);
    assert!(
        steps
            .iter()
            .any(|e| e.action == AuditAction::RotationAdvanced
                && e.outcome.starts_with("refused: ")
                && e.detail
                    .as_deref()
                    .is_some_and(|d| d.ends_with(": revoke \u{2192} retiring"))),
        "the refused revoke is recorded: {steps:#?}"
    );
    assert!(steps
        .iter()
        .filter(|e| e.action != AuditAction::RotationStarted)
        .all(|e| e.key_id.as_deref() == Some(original.as_str())));
    assert_eq!(
        actions,
        [
            (AuditAction::Revoke, Some(original.as_str()), "ok"),
            (AuditAction::Create, Some(new_id.as_str()), "ok"),
        ]
    );
}

#[tokio::test]
async fn veryfi_at_its_two_key_limit_retires_the_chosen_key_before_creating() {
    let sandbox = sandbox().await;
    let vendor = veryfi(&sandbox);
    let original = ids(vendor.as_ref()).await.remove(0);
    let spare = vendor
        .create_key(&KeyDraft::default())
        .await
        .unwrap()
        .key
        .id;
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let now = Utc::now();

    let mut wizard = Wizard::start(RotationDriver::new(vendor.as_ref(), &journals), now).await;
    assert!(wizard.rotation.retire_first);
    wizard.act(choose(&spare), now).await;
    assert_eq!(
        wizard.rotation.state,
        RotationStep::Retiring { action: None }
    );
    wizard.act(delete(&spare), now).await;
    assert_eq!(wizard.rotation.state, RotationStep::ReadyToCreate);
    assert_eq!(
        ids(vendor.as_ref()).await,
        vec![original.clone()],
        "a slot is free"
    );

    let created = wizard.act(create("n/a", &[]), now).await.created.unwrap();
    wizard.act(RotationAction::SecretStored, now).await;
    assert!(wizard.rotation.verification.as_ref().unwrap().old_key_gone);
    assert_eq!(
        wizard
            .try_act(RotationAction::Retire, now)
            .await
            .unwrap_err(),
        RotationError::NoOldKey
    );
    wizard.act(RotationAction::Finish, now).await;
    assert_eq!(wizard.rotation.state, RotationStep::Done);
    assert_eq!(ids(vendor.as_ref()).await, [original, created.key.id]);
}

#[tokio::test]
async fn api_keys_rotation_waits_for_the_new_key_in_use_and_the_old_one_quiet() {
    let sandbox = sandbox().await;
    let vendor = vendor(&sandbox, Account::ApiKeys(ApiKeysAccount {}));
    let draft = KeyDraft {
        name: Some("Payroll".into()),
        ..KeyDraft::default()
    };
    let old = vendor.create_key(&draft).await.unwrap();
    let old_secret = old.secret.expose().clone();
    assert_eq!(ping(&sandbox, &old_secret).await.0, 200);
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let now = Utc::now();

    let mut wizard = Wizard::start(RotationDriver::new(vendor.as_ref(), &journals), now).await;
    assert!(!wizard.rotation.retire_first, "no key limit");
    let RotationStep::ChooseRetiring { in_use_key_ids, .. } = &wizard.rotation.state else {
        panic!("{:?}", wizard.rotation.state)
    };
    assert_eq!(in_use_key_ids, &vec![old.key.id.clone()]);
    wizard.act(choose(&old.key.id), now).await;
    let created = wizard
        .act(create("Payroll 2", &[]), now)
        .await
        .created
        .unwrap();
    wizard.act(RotationAction::SecretStored, now).await;
    assert_eq!(wizard.rotation.rules.usage, UsageSignal::LastUsedAt);
    assert!(wizard
        .rotation
        .verification
        .as_ref()
        .unwrap()
        .new_key_first_used
        .is_none());

    assert_eq!(ping(&sandbox, created.secret.expose()).await.0, 200);
    wizard.poll(Utc::now()).await;
    let verification = wizard.rotation.verification.clone().unwrap();
    let first_use = verification.new_key_first_used.expect("the ping shows");
    assert_eq!(first_use.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(first_use.user_agent.as_deref(), Some("payroll-sync/3.0"));
    assert!(verification.old_key_last_used.is_some());
    assert!(!verification.green, "the old key was used moments ago");

    wizard.act(RotationAction::Retire, Utc::now()).await;
    assert_eq!(
        wizard
            .try_act(delete("Payroll"), Utc::now())
            .await
            .unwrap_err(),
        RotationError::NotVerified
    );
    let after_the_window = Utc::now() + Duration::minutes(10) + Duration::seconds(5);
    wizard.poll(after_the_window).await;
    assert!(wizard.green());
    wizard.act(delete("Payroll"), after_the_window).await;

    assert_eq!(wizard.rotation.state, RotationStep::Done);
    assert_eq!(
        ping(&sandbox, &old_secret).await,
        (401, Some("key_revoked".into()))
    );
    assert_eq!(ping(&sandbox, created.secret.expose()).await.0, 200);
    let listed = vendor.list_keys().await.unwrap();
    let old_listed = listed.iter().find(|k| k.id == old.key.id).unwrap();
    assert_eq!(old_listed.status, KeyStatus::Revoked);
}

/// Kayle's consumer API, as a service holding the key calls it.
async fn kayle_sessions(sandbox: &Sandbox, secret: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/v1/sessions", sandbox.base_url()))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn kayle_rotation_tests_the_new_key_checks_consumers_and_disables_before_deleting() {
    let sandbox = common::sandbox().await;
    let vendor =
        common::signed_in_adapter(&sandbox, VendorKind::Kayle, HttpOptions::default()).await;
    let scopes = ["sessions:read"];
    let old_draft = KeyDraft {
        name: Some("Webhook relay".into()),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        ..KeyDraft::default()
    };
    let old = vendor.create_key(&old_draft).await.unwrap();
    assert_eq!(kayle_sessions(&sandbox, old.secret.expose()).await, 200);
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let audit = AuditLog::new(data.path());
    let summary = ConnectionSummary {
        name: "Kayle sandbox".into(),
        vendor: VendorKind::Kayle,
        ..connection()
    };
    let driver = RotationDriver::new(vendor.as_ref(), &journals).with_audit(&audit, &summary);
    let t = Utc::now();

    let mut wizard = Wizard::start(driver, t).await;
    assert!(!wizard.rotation.retire_first, "no key limit");
    assert_eq!(wizard.rotation.rules.usage, UsageSignal::Checklist);
    wizard.act(choose(&old.key.id), t).await;
    let created = wizard
        .act(create("Webhook relay 2", &scopes), t)
        .await
        .created
        .unwrap();
    assert!(created.secret.expose().starts_with("kk_"));
    wizard.act(RotationAction::SecretStored, t).await;
    assert_eq!(wizard.rotation.state, RotationStep::Verifying);

    assert_eq!(kayle_sessions(&sandbox, created.secret.expose()).await, 200);
    wizard.poll(t + Duration::minutes(1)).await;
    let verification = wizard.rotation.verification.clone().unwrap();
    assert!(
        verification.new_key_first_used.is_none(),
        "Kayle reports no use of a key"
    );
    assert!(!verification.green);

    let tested = vendor.test_key(&created.secret).await;
    assert!(tested.is_ok(), "the new key works: {tested:?}");
    wizard
        .act(RotationAction::TestedNewKey { ok: tested.is_ok() }, t)
        .await;
    assert!(!wizard.green(), "no consumer is checked yet");
    let relay = RotationAction::ConsumerChecked {
        name: "Webhook relay".into(),
        checked: true,
    };
    wizard.act(relay, t).await;
    assert!(wizard.green());

    wizard.act(RotationAction::Retire, t).await;
    assert_eq!(
        wizard
            .try_act(delete("Webhook relay"), t)
            .await
            .unwrap_err(),
        RotationError::DisableFirst
    );
    assert_eq!(
        kayle_sessions(&sandbox, old.secret.expose()).await,
        200,
        "the old key works until it is disabled"
    );
    wizard.act(RotationAction::Disable, t).await;
    assert!(wizard.rotation.old_key_disabled);
    let listed = vendor.list_keys().await.unwrap();
    let old_listed = listed.iter().find(|k| k.id == old.key.id).unwrap();
    assert_eq!(old_listed.status, KeyStatus::Disabled);
    assert_eq!(kayle_sessions(&sandbox, old.secret.expose()).await, 401);
    let refused = vendor.test_key(&old.secret).await.unwrap_err();
    assert_eq!(refused.kind, keyturn_core::VendorErrorKind::Unauthorized);
    assert_eq!(kayle_sessions(&sandbox, created.secret.expose()).await, 200);

    wizard.act(delete("Webhook relay"), t).await;
    assert_eq!(wizard.rotation.state, RotationStep::Done);
    assert_eq!(ids(vendor.as_ref()).await, vec![created.key.id.clone()]);
    assert_eq!(kayle_sessions(&sandbox, old.secret.expose()).await, 401);
    assert!(open_rotations(data.path()).unwrap().open.is_empty());
    let entries = key_actions(&audit);
    let actions: Vec<(AuditAction, Option<&str>, &str)> = entries
        .iter()
        .map(|e| (e.action, e.key_id.as_deref(), e.outcome.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (AuditAction::Revoke, Some(old.key.id.as_str()), "ok"),
            (AuditAction::Disable, Some(old.key.id.as_str()), "ok"),
            (AuditAction::Create, Some(created.key.id.as_str()), "ok"),
        ]
    );
}

/// The audit log's creates, disables and deletes, newest first.
fn key_actions(audit: &AuditLog) -> Vec<AuditEntry> {
    let filter = AuditFilter {
        actions: Some(vec![
            AuditAction::Create,
            AuditAction::Disable,
            AuditAction::Revoke,
        ]),
        ..AuditFilter::default()
    };
    audit.matching(&filter).unwrap().entries
}

/// The audit log's rotation entries, newest first.
fn rotation_steps(audit: &AuditLog) -> Vec<AuditEntry> {
    let filter = AuditFilter {
        actions: Some(vec![
            AuditAction::RotationStarted,
            AuditAction::RotationAdvanced,
            AuditAction::RotationCancelled,
            AuditAction::RotationFinished,
        ]),
        ..AuditFilter::default()
    };
    audit.matching(&filter).unwrap().entries
}

/// Counts every call that would reach the vendor; checks pass straight through.
struct Counting {
    inner: Arc<dyn Vendor>,
    calls: AtomicUsize,
}

impl Counting {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

#[async_trait]
impl Vendor for Counting {
    fn kind(&self) -> VendorKind {
        self.inner.kind()
    }
    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }
    fn check_draft(&self, draft: &KeyDraft) -> Result<(), VendorError> {
        self.inner.check_draft(draft)
    }
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        self.count();
        self.inner.list_page(cursor).await
    }
    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        self.count();
        self.inner.create_key(draft).await
    }
    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        self.count();
        self.inner.revoke_key(id).await
    }
}

#[tokio::test]
async fn a_draft_that_breaks_the_vendors_rules_is_refused_before_any_request() {
    let sandbox = sandbox().await;
    let inner = vendor(&sandbox, Account::ApiKeys(ApiKeysAccount {}));
    let old = inner.create_key(&create_draft("Payroll")).await.unwrap();
    let vendor = Counting {
        inner,
        calls: AtomicUsize::new(0),
    };
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let now = Utc::now();
    let mut wizard = Wizard::start(RotationDriver::new(&vendor, &journals), now).await;
    wizard.act(choose(&old.key.id), now).await;
    assert_eq!(wizard.rotation.state, RotationStep::ReadyToCreate);
    let journal = journals.read(&wizard.rotation.id).unwrap();
    let calls = vendor.calls();

    let applied = wizard
        .act(create("Payroll 2", &["read", "read-write"]), now)
        .await;
    assert!(applied.created.is_none());
    assert_eq!(wizard.rotation.state, RotationStep::ReadyToCreate);
    let problem = wizard.rotation.problem.as_ref().expect("the refusal shows");
    assert_eq!(problem.reason, VendorErrorKind::InvalidDraft);
    assert!(problem.message.contains("one scope"), "{}", problem.message);
    assert_eq!(vendor.calls(), calls, "nothing was sent, not even a list");
    assert_eq!(journals.read(&wizard.rotation.id).unwrap(), journal);

    let created = wizard
        .act(create("Payroll 2", &["read"]), now)
        .await
        .created
        .expect("a good draft goes through");
    assert!(wizard.rotation.problem.is_none());
    assert_eq!(
        ids(&vendor).await.len(),
        2,
        "{} joined {}",
        created.key.id,
        old.key.id
    );
}

fn create_draft(name: &str) -> KeyDraft {
    KeyDraft {
        name: Some(name.into()),
        ..KeyDraft::default()
    }
}
