//! The rotation journal on disk, and resuming from every step it can be left at:
//! with an in-memory vendor, and the lost create against the sandbox.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};
use keyturn_core::connections::file::Account;
use keyturn_core::http::HttpOptions;
use keyturn_core::keys::model::{LastUsedFields, ScopeChoice};
use keyturn_core::rotation::journal::{JournalStep, JOURNAL_VERSION};
use keyturn_core::rotation::state::{OrphanReason, RetireAction, RotationRules, UsageSignal};
use keyturn_core::rotation::verification::ConsumerCheck;
use keyturn_core::rotation::{
    new_rotation_id, open_rotations, KeyRef, RotationAction, RotationDriver, RotationError,
    RotationJournal, RotationJournals, RotationStep,
};
use keyturn_core::vendors::veryfi::account::VeryfiAccount;
use keyturn_core::{
    ApiKey, Capabilities, CreatedKey, KeyDraft, KeyStatus, KeyUpdate, Page, Sensitive, Vendor,
    VendorError, VendorErrorKind, VendorKind,
};
use keyturn_sandbox::{Sandbox, SandboxOptions, VERYFI_CLIENT_ID, VERYFI_USERNAME};

const SECRET: &str = "sk_fake_0123456789abcdefSECRETVALUE";
const TOKEN: &str = "rotation-journal-admin-token-0123";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

/// An account in memory.
struct FakeVendor {
    capabilities: Capabilities,
    keys: Mutex<Vec<ApiKey>>,
    creates: AtomicUsize,
    /// A journal file to read when a create arrives, to see what was on disk then.
    peek_at_create: Mutex<Option<std::path::PathBuf>>,
    journal_at_create: Mutex<Option<String>>,
}

impl FakeVendor {
    fn new(ids: &[&str]) -> Self {
        Self {
            capabilities: Capabilities {
                name_label: "Name".into(),
                max_keys: Some(2),
                max_name_length: None,
                can_reset: false,
                can_disable: true,
                can_rename: false,
                last_key_revocable: false,
                revoked_keys_listed: false,
                last_used: LastUsedFields::default(),
                scope_choice: ScopeChoice::None,
                scopes: Vec::new(),
                default_scopes: Vec::new(),
                environments: Vec::new(),
                create_fields: Vec::new(),
            },
            keys: Mutex::new(ids.iter().map(|id| ApiKey::new(*id)).collect()),
            creates: AtomicUsize::new(0),
            peek_at_create: Mutex::new(None),
            journal_at_create: Mutex::new(None),
        }
    }

    fn ids(&self) -> Vec<String> {
        self.keys
            .lock()
            .unwrap()
            .iter()
            .map(|k| k.id.clone())
            .collect()
    }

    fn status_of(&self, id: &str) -> Option<KeyStatus> {
        self.keys
            .lock()
            .unwrap()
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.status)
    }
}

#[async_trait]
impl Vendor for FakeVendor {
    fn kind(&self) -> VendorKind {
        VendorKind::Kayle
    }

    fn capabilities(&self) -> Capabilities {
        self.capabilities.clone()
    }

    async fn list_page(&self, _: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        Ok(Page::last(self.keys.lock().unwrap().clone()))
    }

    async fn create_key(&self, _: &KeyDraft) -> Result<CreatedKey, VendorError> {
        if let Some(path) = self.peek_at_create.lock().unwrap().as_ref() {
            *self.journal_at_create.lock().unwrap() = std::fs::read_to_string(path).ok();
        }
        let n = self.creates.fetch_add(1, Ordering::SeqCst) + 1;
        let key = ApiKey::new(format!("created{n}"));
        self.keys.lock().unwrap().push(key.clone());
        Ok(CreatedKey {
            key,
            secret: Sensitive::new(SECRET.into()),
        })
    }

    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        let mut keys = self.keys.lock().unwrap();
        let before = keys.len();
        keys.retain(|k| k.id != id);
        if keys.len() == before {
            return Err(VendorError::new(VendorErrorKind::NotFound, "no such key"));
        }
        Ok(())
    }

    async fn update_key(&self, id: &str, update: &KeyUpdate) -> Result<ApiKey, VendorError> {
        let mut keys = self.keys.lock().unwrap();
        let key = keys.iter_mut().find(|k| k.id == id).unwrap();
        if update.enabled == Some(false) {
            key.status = KeyStatus::Disabled;
        }
        Ok(key.clone())
    }
}

fn key_ref(id: &str) -> KeyRef {
    KeyRef {
        id: id.into(),
        name: None,
        created_at: None,
    }
}

fn journal(id: &str, step: JournalStep) -> RotationJournal {
    RotationJournal {
        version: JOURNAL_VERSION,
        rotation_id: id.into(),
        connection_id: "p1".into(),
        vendor: VendorKind::Kayle,
        rules: RotationRules {
            max_keys: Some(2),
            can_disable: true,
            last_key_revocable: false,
            usage: UsageSignal::Checklist,
        },
        step,
        retire_first: false,
        old_key: Some(key_ref("old")),
        old_key_disabled: false,
        old_key_revoked: false,
        new_key: None,
        quiet_window_secs: 600,
        started_at: t0(),
        updated_at: t0(),
        verifying_since: None,
        consumers: Vec::new(),
        new_key_tested: None,
    }
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

// --- the file ---

#[tokio::test]
async fn a_journal_round_trips_and_holds_no_secret() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let vendor = FakeVendor::new(&["old"]);
    let driver = RotationDriver::new(&vendor, &journals);

    let id = new_rotation_id();
    let r = driver
        .start(id.clone(), "p1".into(), t0())
        .await
        .unwrap()
        .rotation;
    let r = driver
        .act(
            &r,
            RotationAction::Choose {
                key_id: "old".into(),
                override_in_use: false,
            },
            t0(),
        )
        .await
        .unwrap()
        .rotation;
    let applied = driver
        .act(
            &r,
            RotationAction::Create {
                draft: KeyDraft::default(),
            },
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(
        applied.created.as_ref().unwrap().secret.expose(),
        SECRET,
        "the caller gets the secret"
    );
    let r = driver
        .act(&applied.rotation, RotationAction::SecretStored, t0())
        .await
        .unwrap()
        .rotation;
    let consumer = RotationAction::ConsumerChecked {
        name: "payroll".into(),
        checked: true,
    };
    let r = driver.act(&r, consumer, t0()).await.unwrap().rotation;

    let path = data.path().join("rotations").join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["step"], "verifying");
    assert_eq!(json["newKey"]["id"], "created1");
    assert_eq!(json["consumers"][0]["name"], "payroll");

    let read = journals.read(&id).unwrap();
    assert_eq!(read, RotationJournal::of(&r));
    assert_eq!(
        read.consumers,
        [ConsumerCheck {
            name: "payroll".into(),
            checked: true
        }]
    );
    assert_eq!(read.verifying_since, Some(t0()));

    for file in files_under(data.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{} holds the secret",
            file.display()
        );
    }
}

#[tokio::test]
async fn the_journal_says_creating_with_the_snapshot_when_the_create_is_sent() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let vendor = FakeVendor::new(&["old"]);
    *vendor.peek_at_create.lock().unwrap() = Some(data.path().join("rotations/rot_snap.json"));
    let driver = RotationDriver::new(&vendor, &journals);
    let r = driver
        .start("rot_snap".into(), "p1".into(), t0())
        .await
        .unwrap()
        .rotation;
    let r = driver
        .act(
            &r,
            RotationAction::Choose {
                key_id: "old".into(),
                override_in_use: false,
            },
            t0(),
        )
        .await
        .unwrap()
        .rotation;
    driver
        .act(
            &r,
            RotationAction::Create {
                draft: KeyDraft::default(),
            },
            t0(),
        )
        .await
        .unwrap();

    let at_create = vendor
        .journal_at_create
        .lock()
        .unwrap()
        .clone()
        .expect("journal existed");
    let json: serde_json::Value = serde_json::from_str(&at_create).unwrap();
    assert_eq!(json["step"], "creating");
    assert_eq!(json["preCreateKeyIds"], serde_json::json!(["old"]));
    assert_eq!(
        journals.read("rot_snap").unwrap().step,
        JournalStep::Created
    );
}

#[test]
fn open_rotations_lists_only_unfinished_ones_oldest_first() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let mut later = journal("rot_later", JournalStep::ReadyToCreate);
    later.started_at = t0() + Duration::hours(1);
    journals.write(&later).unwrap();
    journals
        .write(&journal("rot_early", JournalStep::Verifying))
        .unwrap();
    journals
        .write(&journal("rot_done", JournalStep::Done))
        .unwrap();
    journals
        .write(&journal("rot_cancelled", JournalStep::Cancelled))
        .unwrap();
    std::fs::write(journals.dir().join("notes.txt"), "not a journal").unwrap();

    let found = open_rotations(data.path()).unwrap();
    let ids: Vec<&str> = found.open.iter().map(|j| j.rotation_id.as_str()).collect();
    assert_eq!(ids, ["rot_early", "rot_later"]);
    assert!(found.unreadable.is_empty());
    assert!(
        journals.dir().join("rot_done.json").exists(),
        "finished journals stay as a record"
    );
}

#[test]
fn no_rotations_folder_means_no_open_rotations() {
    let data = tempfile::tempdir().unwrap();
    let found = open_rotations(data.path()).unwrap();
    assert!(found.open.is_empty() && found.unreadable.is_empty());
}

#[test]
fn a_corrupt_journal_is_set_aside_never_deleted_and_reported_once() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    journals
        .write(&journal("rot_good", JournalStep::Created))
        .unwrap();
    let bad = journals.dir().join("rot_bad.json");
    std::fs::write(&bad, b"{\"version\": 1, \"rotationId\": ").unwrap();
    let mismatched = journals.dir().join("rot_other.json");
    std::fs::copy(journals.dir().join("rot_good.json"), &mismatched).unwrap();

    let found = open_rotations(data.path()).unwrap();
    assert_eq!(found.open.len(), 1);
    assert_eq!(found.unreadable.len(), 2);
    let report = found
        .unreadable
        .iter()
        .find(|u| u.file.ends_with("rot_bad.json"))
        .unwrap();
    assert!(
        report.reason.contains("not valid JSON"),
        "{}",
        report.reason
    );
    let kept = Path::new(report.kept_as.as_deref().unwrap());
    assert!(kept
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("rot_bad.json.unreadable-"));
    assert_eq!(
        std::fs::read(kept).unwrap(),
        b"{\"version\": 1, \"rotationId\": "
    );
    assert!(!bad.exists());
    let other = found
        .unreadable
        .iter()
        .find(|u| u.file.ends_with("rot_other.json"))
        .unwrap();
    assert!(other.reason.contains("rot_good"), "{}", other.reason);

    let again = open_rotations(data.path()).unwrap();
    assert!(
        again.unreadable.is_empty(),
        "set-aside files are not read again"
    );
    assert_eq!(again.open.len(), 1);
}

#[test]
fn a_journal_from_a_newer_keyturn_is_reported_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    std::fs::create_dir_all(journals.dir()).unwrap();
    let path = journals.dir().join("rot_future.json");
    std::fs::write(&path, br#"{"version": 9, "whatever": true}"#).unwrap();
    let found = open_rotations(data.path()).unwrap();
    assert_eq!(found.unreadable.len(), 1);
    assert!(found.unreadable[0].reason.contains("newer"));
    assert_eq!(found.unreadable[0].kept_as, None);
    assert!(path.exists());
}

#[test]
fn odd_files_in_the_folder_are_reported_and_the_others_still_resume() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    journals
        .write(&journal("rot_good", JournalStep::Verifying))
        .unwrap();
    let copied = journals.dir().join("rot_good copy.json");
    std::fs::copy(journals.dir().join("rot_good.json"), &copied).unwrap();
    let folder = journals.dir().join("rot_folder.json");
    std::fs::create_dir(&folder).unwrap();

    let found = open_rotations(data.path()).unwrap();
    let ids: Vec<&str> = found.open.iter().map(|j| j.rotation_id.as_str()).collect();
    assert_eq!(ids, ["rot_good"]);
    let files: Vec<&str> = found.unreadable.iter().map(|u| u.file.as_str()).collect();
    assert_eq!(
        files,
        [folder.display().to_string(), copied.display().to_string()]
    );
    assert!(found.unreadable.iter().all(|u| !u.reason.is_empty()));
    assert!(copied.exists() && folder.exists(), "left where they are");
}

#[cfg(unix)]
#[test]
fn journals_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    journals
        .write(&journal("rot_private", JournalStep::Created))
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(journals.dir()), 0o700);
    assert_eq!(mode(&journals.dir().join("rot_private.json")), 0o600);
}

#[test]
fn a_rotation_id_cannot_leave_the_rotations_folder() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    assert!(journals
        .write(&journal("../escape", JournalStep::Created))
        .is_err());
    assert!(!data.path().join("escape.json").exists());
}

#[tokio::test]
async fn a_journal_that_cannot_be_written_stops_the_vendor_call() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let vendor = FakeVendor::new(&["old"]);
    let driver = RotationDriver::new(&vendor, &journals);
    let r = driver
        .start("rot_disk".into(), "p1".into(), t0())
        .await
        .unwrap()
        .rotation;
    let r = driver
        .act(
            &r,
            RotationAction::Choose {
                key_id: "old".into(),
                override_in_use: false,
            },
            t0(),
        )
        .await
        .unwrap()
        .rotation;
    std::fs::remove_dir_all(journals.dir()).unwrap();
    std::fs::write(journals.dir(), "a file where the folder was").unwrap();

    let applied = driver
        .act(
            &r,
            RotationAction::Create {
                draft: KeyDraft::default(),
            },
            t0(),
        )
        .await
        .unwrap();
    assert_eq!(
        vendor.creates.load(Ordering::SeqCst),
        0,
        "no create without a journal"
    );
    assert_eq!(applied.rotation.state, RotationStep::ReadyToCreate);
    let problem = applied.rotation.problem.unwrap();
    assert_eq!(
        problem.reason,
        VendorErrorKind::NotSent,
        "a local refusal, not a vendor that could not be reached"
    );
    assert!(problem.message.contains("could not save"));
    assert!(applied.notice.unwrap().contains("could not be saved"));
}

// --- resuming ---

async fn resumed(
    vendor: &FakeVendor,
    journal: RotationJournal,
) -> (
    keyturn_core::rotation::Rotation,
    RotationJournals,
    tempfile::TempDir,
) {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    journals.write(&journal).unwrap();
    let read = journals.read(&journal.rotation_id).unwrap();
    let applied = RotationDriver::new(vendor, &journals)
        .resume(&read, t0())
        .await
        .unwrap();
    assert!(applied.notice.is_none(), "{:?}", applied.notice);
    (applied.rotation, journals, data)
}

#[tokio::test]
async fn resuming_before_the_choice_lists_and_offers_the_keys_again() {
    for step in [JournalStep::CheckingSlots, JournalStep::ChooseRetiring] {
        let vendor = FakeVendor::new(&["old", "other"]);
        let mut j = journal("rot_r", step);
        j.old_key = None;
        let (r, _, _dir) = resumed(&vendor, j).await;
        let RotationStep::ChooseRetiring { keys, .. } = &r.state else {
            panic!("{:?}", r.state)
        };
        assert_eq!(keys.len(), 2);
        assert!(r.retire_first, "two keys at a two-key limit");
    }
}

#[tokio::test]
async fn resuming_before_the_create_is_ready_to_create() {
    for step in [JournalStep::ReadyToCreate, JournalStep::ListingBeforeCreate] {
        let vendor = FakeVendor::new(&["old"]);
        let (r, _, _dir) = resumed(&vendor, journal("rot_r", step)).await;
        assert_eq!(r.state, RotationStep::ReadyToCreate);
        assert_eq!(r.old_key, Some(key_ref("old")));
    }
}

#[tokio::test]
async fn resuming_a_create_that_happened_finds_the_orphan() {
    let vendor = FakeVendor::new(&["old", "made_unseen"]);
    let step = JournalStep::Creating {
        pre_create_key_ids: vec!["old".into()],
    };
    let (r, journals, _dir) = resumed(&vendor, journal("rot_r", step)).await;
    let RotationStep::OrphanFound {
        orphans,
        reason,
        explanation,
        ..
    } = &r.state
    else {
        panic!("{:?}", r.state)
    };
    assert_eq!(orphans, &[key_ref("made_unseen")]);
    assert_eq!(*reason, OrphanReason::CreateAnswerLost);
    assert!(explanation.contains("nobody has seen its secret"));
    assert!(matches!(
        journals.read("rot_r").unwrap().step,
        JournalStep::OrphanFound { .. }
    ));

    let driver = RotationDriver::new(&vendor, &journals);
    let r = driver
        .act(
            &r,
            RotationAction::RevokeOrphan {
                key_id: "made_unseen".into(),
            },
            t0(),
        )
        .await
        .unwrap()
        .rotation;
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(vendor.ids(), ["old"]);
}

#[tokio::test]
async fn resuming_a_create_that_never_happened_is_ready_to_create() {
    let vendor = FakeVendor::new(&["old"]);
    let step = JournalStep::Creating {
        pre_create_key_ids: vec!["old".into()],
    };
    let (r, journals, _dir) = resumed(&vendor, journal("rot_r", step)).await;
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(
        journals.read("rot_r").unwrap().step,
        JournalStep::ReadyToCreate
    );
}

#[tokio::test]
async fn resuming_after_a_create_whose_secret_was_not_confirmed_offers_the_key_as_an_orphan() {
    let vendor = FakeVendor::new(&["old", "new"]);
    let mut j = journal("rot_r", JournalStep::Created);
    j.new_key = Some(key_ref("new"));
    let (r, journals, _dir) = resumed(&vendor, j.clone()).await;
    let RotationStep::OrphanFound {
        orphans,
        reason,
        explanation,
        ..
    } = &r.state
    else {
        panic!("{:?}", r.state)
    };
    assert_eq!(orphans, &[key_ref("new")]);
    assert_eq!(*reason, OrphanReason::SecretNotConfirmed);
    assert!(explanation.contains("cannot be shown again"));

    let driver = RotationDriver::new(&vendor, &journals);
    let kept = driver
        .act(&r, RotationAction::SecretStored, t0())
        .await
        .unwrap()
        .rotation;
    assert_eq!(kept.state, RotationStep::Verifying, "the user did store it");

    let deleted = driver
        .act(
            &r,
            RotationAction::RevokeOrphan {
                key_id: "new".into(),
            },
            t0(),
        )
        .await
        .unwrap()
        .rotation;
    assert_eq!(deleted.state, RotationStep::ReadyToCreate);
    assert_eq!(deleted.new_key, None);
    assert_eq!(vendor.ids(), ["old"]);
}

#[tokio::test]
async fn resuming_after_a_create_whose_key_is_gone_is_ready_to_create() {
    let vendor = FakeVendor::new(&["old"]);
    let mut j = journal("rot_r", JournalStep::Created);
    j.new_key = Some(key_ref("new"));
    let (r, _, _dir) = resumed(&vendor, j).await;
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    assert_eq!(r.new_key, None);
}

#[tokio::test]
async fn resuming_orphans_keeps_the_ones_still_listed() {
    let vendor = FakeVendor::new(&["old", "x"]);
    let step = JournalStep::OrphanFound {
        orphans: vec![key_ref("x"), key_ref("y")],
        reason: OrphanReason::CreateAnswerLost,
    };
    let (r, _, _dir) = resumed(&vendor, journal("rot_r", step)).await;
    let RotationStep::OrphanFound { orphans, .. } = &r.state else {
        panic!("{:?}", r.state)
    };
    assert_eq!(orphans, &[key_ref("x")]);
}

#[tokio::test]
async fn resuming_verification_keeps_the_checklist() {
    let vendor = FakeVendor::new(&["old", "new"]);
    let mut j = journal("rot_r", JournalStep::Verifying);
    j.new_key = Some(key_ref("new"));
    j.verifying_since = Some(t0() - Duration::minutes(5));
    j.consumers = vec![ConsumerCheck {
        name: "payroll".into(),
        checked: true,
    }];
    j.new_key_tested = Some(true);
    let (r, _, _dir) = resumed(&vendor, j).await;
    assert_eq!(r.state, RotationStep::Verifying);
    let v = r.verification.unwrap();
    assert_eq!(v.since, t0() - Duration::minutes(5));
    assert_eq!(v.consumers.len(), 1);
    assert!(v.green);
}

#[tokio::test]
async fn resuming_a_delete_that_went_through_finishes() {
    let vendor = FakeVendor::new(&["new"]);
    let mut j = journal(
        "rot_r",
        JournalStep::Retiring {
            pending: Some(RetireAction::Revoking),
        },
    );
    j.new_key = Some(key_ref("new"));
    j.old_key_disabled = true;
    j.verifying_since = Some(t0());
    let (r, journals, _dir) = resumed(&vendor, j).await;
    assert_eq!(r.state, RotationStep::Done);
    assert!(r.old_key_revoked);
    assert!(journals.open_rotations().unwrap().open.is_empty());
}

#[tokio::test]
async fn resuming_a_disable_that_went_through_records_it() {
    let vendor = FakeVendor::new(&["old", "new"]);
    vendor.keys.lock().unwrap()[0].status = KeyStatus::Disabled;
    let mut j = journal(
        "rot_r",
        JournalStep::Retiring {
            pending: Some(RetireAction::Disabling),
        },
    );
    j.new_key = Some(key_ref("new"));
    j.verifying_since = Some(t0());
    let (r, _, _dir) = resumed(&vendor, j).await;
    assert_eq!(r.state, RotationStep::Retiring { action: None });
    assert!(r.old_key_disabled);

    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let delete = RotationAction::Revoke {
        confirmation: "old".into(),
        force: true,
    };
    let r = RotationDriver::new(&vendor, &journals)
        .act(&r, delete, t0())
        .await
        .unwrap()
        .rotation;
    assert_eq!(
        r.state,
        RotationStep::Done,
        "no second disable was asked for"
    );
    assert_eq!(vendor.status_of("old"), None);
}

#[tokio::test]
async fn a_finished_rotation_is_not_resumed() {
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let vendor = FakeVendor::new(&["old"]);
    let driver = RotationDriver::new(&vendor, &journals);
    for step in [JournalStep::Done, JournalStep::Cancelled] {
        let refusal = driver
            .resume(&journal("rot_r", step), t0())
            .await
            .unwrap_err();
        assert_eq!(refusal, RotationError::Finished);
    }
}

// --- the lost create, against the sandbox ---

async fn sandbox() -> Sandbox {
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        ..SandboxOptions::default()
    };
    keyturn_sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0)), options)
        .await
        .unwrap()
}

fn veryfi(sandbox: &Sandbox) -> Arc<dyn Vendor> {
    let account = Account::Veryfi(VeryfiAccount {
        client_id: VERYFI_CLIENT_ID.into(),
        username: VERYFI_USERNAME.into(),
    });
    account
        .connect(
            &sandbox.base_url(),
            Sensitive::new(TOKEN.into()),
            HttpOptions::default(),
        )
        .unwrap()
}

async fn drop_the_next_create_answer(sandbox: &Sandbox) {
    let response = reqwest::Client::new()
        .post(format!("{}/_sandbox/faults", sandbox.base_url()))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({
            "method": "POST",
            "path_prefix": "/api/v8/partner/client-keys",
            "count": 1,
            "fault": {"kind": "drop_after"}
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
}

/// Keyturn "crashes" right after the create is sent: every later listing fails.
struct CrashAfterCreate {
    inner: Arc<dyn Vendor>,
    create_sent: AtomicBool,
}

#[async_trait]
impl Vendor for CrashAfterCreate {
    fn kind(&self) -> VendorKind {
        self.inner.kind()
    }
    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
        if self.create_sent.load(Ordering::SeqCst) {
            return Err(VendorError::new(
                VendorErrorKind::Unreachable,
                "Keyturn is gone",
            ));
        }
        self.inner.list_page(cursor).await
    }
    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError> {
        self.create_sent.store(true, Ordering::SeqCst);
        self.inner.create_key(draft).await
    }
    async fn revoke_key(&self, id: &str) -> Result<(), VendorError> {
        self.inner.revoke_key(id).await
    }
}

async fn ready_to_create(
    driver: &RotationDriver<'_>,
    id: &str,
    old_id: &str,
) -> keyturn_core::rotation::Rotation {
    let r = driver
        .start(id.into(), "veryfi-sandbox".into(), Utc::now())
        .await
        .unwrap()
        .rotation;
    let choose = RotationAction::Choose {
        key_id: old_id.into(),
        override_in_use: false,
    };
    let r = driver.act(&r, choose, Utc::now()).await.unwrap().rotation;
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    r
}

#[tokio::test]
async fn a_create_whose_answer_is_dropped_leaves_an_orphan_the_driver_reports() {
    let sandbox = sandbox().await;
    let vendor = veryfi(&sandbox);
    let original = vendor.list_keys().await.unwrap().remove(0).id;
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());
    let driver = RotationDriver::new(vendor.as_ref(), &journals);
    let r = ready_to_create(&driver, "rot_lost", &original).await;

    drop_the_next_create_answer(&sandbox).await;
    let applied = driver
        .act(
            &r,
            RotationAction::Create {
                draft: KeyDraft::default(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(applied.created.is_none());
    let listed: Vec<String> = vendor
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(listed.len(), 2, "the sandbox did create the key");
    let orphan = listed.iter().find(|id| **id != original).unwrap();
    let RotationStep::OrphanFound {
        orphans, reason, ..
    } = &applied.rotation.state
    else {
        panic!("{:?}", applied.rotation.state)
    };
    assert_eq!(orphans.iter().map(|o| &o.id).collect::<Vec<_>>(), [orphan]);
    assert_eq!(*reason, OrphanReason::CreateAnswerLost);
    assert_eq!(
        applied.rotation.problem.as_ref().unwrap().reason,
        VendorErrorKind::ConnectionLost
    );
}

#[tokio::test]
async fn after_a_crash_during_a_lost_create_resume_finds_the_orphan() {
    let sandbox = sandbox().await;
    let vendor = veryfi(&sandbox);
    let original = vendor.list_keys().await.unwrap().remove(0).id;
    let data = tempfile::tempdir().unwrap();
    let journals = RotationJournals::new(data.path());

    let crashing = CrashAfterCreate {
        inner: vendor.clone(),
        create_sent: AtomicBool::new(false),
    };
    let before_crash = RotationDriver::new(&crashing, &journals);
    let r = ready_to_create(&before_crash, "rot_crash", &original).await;
    drop_the_next_create_answer(&sandbox).await;
    let applied = before_crash
        .act(
            &r,
            RotationAction::Create {
                draft: KeyDraft::default(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(
        matches!(applied.rotation.state, RotationStep::Creating { .. }),
        "{:?}",
        applied.rotation.state
    );

    let on_disk = journals.read("rot_crash").unwrap();
    assert_eq!(
        on_disk.step,
        JournalStep::Creating {
            pre_create_key_ids: vec![original.clone()]
        }
    );

    let after_restart = RotationDriver::new(vendor.as_ref(), &journals);
    let resumed = after_restart
        .resume(&on_disk, Utc::now())
        .await
        .unwrap()
        .rotation;
    let RotationStep::OrphanFound { orphans, .. } = &resumed.state else {
        panic!("{:?}", resumed.state)
    };
    assert_eq!(orphans.len(), 1);
    assert_ne!(orphans[0].id, original);

    let orphan = orphans[0].id.clone();
    let r = after_restart
        .act(
            &resumed,
            RotationAction::RevokeOrphan { key_id: orphan },
            Utc::now(),
        )
        .await
        .unwrap()
        .rotation;
    assert_eq!(r.state, RotationStep::ReadyToCreate);
    let left: Vec<String> = vendor
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.id)
        .collect();
    assert_eq!(left, [original]);
}
