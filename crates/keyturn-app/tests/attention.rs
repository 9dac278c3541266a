//! The attention summary as the shell asks for it: `App` on the real embedded
//! sandbox over loopback HTTP, with an in-memory keychain.

mod common;

use common::NoClipboard;

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, Utc};
use keyturn_app::{App, CommandError};
use keyturn_core::attention::{AttentionKind, AttentionSummary, Severity};
use keyturn_core::{KeyDraft, MemoryStore};

const CONNECTION: &str = "sandbox-api-keys";

fn app(dir: &Path, store: Arc<MemoryStore>) -> App<NoClipboard> {
    App::new(store, dir.join("data"), dir.join("config"), NoClipboard)
}

fn counted(summary: &AttentionSummary, connection_id: &str) -> (u32, u32) {
    let c = summary
        .connections
        .iter()
        .find(|c| c.connection_id == connection_id);
    c.map(|c| (c.critical + c.warning + c.info, c.snoozed))
        .unwrap_or_default()
}

#[tokio::test]
async fn attention_lists_every_connection_and_counts_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Arc::new(MemoryStore::new()));
    let summary = app.attention(false).await.unwrap();
    let connections = app.list_connections().await.unwrap().connections;
    assert!(!connections.is_empty());
    for c in connections.iter().filter(|c| !c.signed_out) {
        // Listed now, so the keys view reads it without asking the vendor.
        assert!(
            app.get_key(c.id.clone(), "no-such-key".into()).is_ok(),
            "{} not held",
            c.id
        );
    }
    for item in &summary.items {
        assert!(connections.iter().any(|c| c.id == item.connection_id));
    }
    for c in &connections {
        let shown = summary.items.iter().filter(|i| i.connection_id == c.id);
        let count = |s: Severity| shown.clone().filter(|i| i.severity == s).count() as u32;
        let counts = summary
            .connections
            .iter()
            .find(|n| n.connection_id == c.id)
            .cloned()
            .unwrap_or_default();
        assert_eq!(counts.critical, count(Severity::Critical), "{}", c.id);
        assert_eq!(counts.warning, count(Severity::Warning), "{}", c.id);
        assert_eq!(counts.info, count(Severity::Info), "{}", c.id);
    }
}

#[tokio::test]
async fn an_expiring_key_is_shown_snoozed_kept_across_restarts_and_unsnoozed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let first = app(dir.path(), store.clone());
    first.attention(false).await.unwrap();
    let created = first
        .create_key(
            CONNECTION.into(),
            KeyDraft {
                name: Some("expiring".into()),
                expires_at: Some(Utc::now() + Duration::days(3)),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap();
    let key_id = created.key.id.clone();
    let before = first.attention(false).await.unwrap();
    let item = before
        .items
        .iter()
        .find(|i| i.kind == AttentionKind::Expiring && i.key_id.as_deref() == Some(&key_id))
        .expect("an expiring item for the new key")
        .clone();
    let (shown_before, snoozed_before) = counted(&before, CONNECTION);

    let after = first
        .snooze_item(
            item.id.clone(),
            Utc::now() + Duration::days(1),
            "renewing Friday".into(),
        )
        .await
        .unwrap();
    assert!(!after.items.iter().any(|i| i.id == item.id));
    assert!(after.snoozed.iter().any(|s| s.item.id == item.id));
    assert_eq!(
        counted(&after, CONNECTION),
        (shown_before - 1, snoozed_before + 1)
    );

    let second = app(dir.path(), store.clone());
    let again = second.attention(false).await.unwrap();
    assert!(
        again.snoozed.iter().any(|s| s.item.id == item.id),
        "snooze not kept"
    );

    let back = second.unsnooze_item(item.id.clone()).await.unwrap();
    assert!(back.items.iter().any(|i| i.id == item.id));
    assert!(!back.snoozed.iter().any(|s| s.item.id == item.id));
    assert_eq!(counted(&back, CONNECTION), (shown_before, snoozed_before));
}

#[tokio::test]
async fn a_snooze_without_a_reason_is_refused_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Arc::new(MemoryStore::new()));
    let summary = app.attention(false).await.unwrap();
    let item_id = summary
        .items
        .first()
        .map(|i| i.id.clone())
        .unwrap_or_else(|| "expired:sandbox-api-keys:-".into());
    let refused = app
        .snooze_item(item_id.clone(), Utc::now() + Duration::days(1), "  ".into())
        .await;
    match refused {
        Err(CommandError::InvalidInput { field, .. }) => {
            assert_eq!(field.as_deref(), Some("reason"))
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert!(std::fs::read_dir(dir.path().join("config"))
        .map(|d| d
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains("snooze")))
        .unwrap_or(true));
    let again = app.attention(false).await.unwrap();
    assert!(again.snoozed.is_empty());
}

/// A key the vendor holds that Keyturn has not seen: made and dated through the
/// sandbox's own API, as another admin (and the calendar) would.
async fn expiring_key_made_outside(app: &App<NoClipboard>, store: &MemoryStore) -> String {
    use keyturn_core::SecretStore;
    let base_url = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .find(|c| c.id == CONNECTION)
        .unwrap()
        .base_url;
    let token = store.get("sandbox/admin-token").unwrap().unwrap();
    let http = reqwest::Client::new();
    let made: serde_json::Value = http
        .post(format!("{base_url}/v1/api-keys"))
        .bearer_auth(token.expose())
        .json(&serde_json::json!({"name": "made elsewhere"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = made["data"]["id"].as_str().unwrap().to_owned();
    let dated = http
        .post(format!("{base_url}/_sandbox/api-keys/{id}/history"))
        .bearer_auth(token.expose())
        .json(&serde_json::json!({"expires_in_days": 2}))
        .send()
        .await
        .unwrap();
    assert!(dated.status().is_success());
    id
}

#[tokio::test]
async fn relist_sees_what_changed_at_the_vendor_and_a_plain_look_answers_from_what_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    app.attention(false).await.unwrap();
    let id = expiring_key_made_outside(&app, &store).await;
    let expiring = |s: &AttentionSummary| {
        s.items
            .iter()
            .any(|i| i.kind == AttentionKind::Expiring && i.key_id.as_deref() == Some(id.as_str()))
    };

    let held = app.attention(false).await.unwrap();
    assert!(!expiring(&held), "listed a moment ago: not asked again");
    let relisted = app.attention(true).await.unwrap();
    assert!(expiring(&relisted), "relist asks every vendor again");
    assert!(
        app.get_key(CONNECTION.into(), id.clone())
            .unwrap()
            .is_some(),
        "the keys view reads the new listing too"
    );
}

#[tokio::test]
async fn the_lookup_searches_every_connections_held_keys_grouped_in_sidebar_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    app.attention(false).await.unwrap();
    let order: Vec<String> = app
        .list_connections()
        .await
        .unwrap()
        .connections
        .into_iter()
        .map(|c| c.id)
        .collect();

    // Only /v1/api-keys reports the IP: its seeded keys were used from 10.0.0.x.
    let found = app.lookup_keys("10.0.0.".into(), 5).await.unwrap();
    assert!(found.not_listed.is_empty(), "{:?}", found.not_listed);
    assert!(!found.groups.is_empty());
    for group in &found.groups {
        assert!(group.keys.len() <= 5 && group.matching as usize >= group.keys.len());
        for key in &group.keys {
            let ip = match &key.last_used {
                keyturn_core::LastUsed::Used { ip, .. } => ip.clone().unwrap_or_default(),
                _ => String::new(),
            };
            assert!(
                ip.starts_with("10.0.0."),
                "{} in {}: {ip}",
                key.id,
                group.connection_id
            );
        }
    }
    // A letter every connection's key names have: one group each, in the sidebar's order.
    let found = app.lookup_keys("e".into(), 5).await.unwrap();
    assert!(found.groups.len() >= 3, "{found:?}");
    let positions: Vec<usize> = found
        .groups
        .iter()
        .map(|g| order.iter().position(|id| *id == g.connection_id).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    let id = expiring_key_made_outside(&app, &store).await;
    assert!(
        app.lookup_keys(id.clone(), 5)
            .await
            .unwrap()
            .groups
            .is_empty(),
        "not listed yet: the lookup asks no vendor"
    );
    app.attention(true).await.unwrap();
    let found = app.lookup_keys(id.clone(), 5).await.unwrap();
    assert_eq!(found.groups.len(), 1);
    assert_eq!(found.groups[0].connection_id, CONNECTION);
    assert_eq!(found.groups[0].keys[0].id, id);
    assert!(app
        .lookup_keys("   ".into(), 5)
        .await
        .unwrap()
        .groups
        .is_empty());
}

#[derive(Default)]
struct Recorded(std::sync::Mutex<Vec<(String, String)>>);

impl keyturn_app::app::Notifier for Recorded {
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        self.0.lock().unwrap().push((title.into(), body.into()));
        Ok(())
    }
}

#[tokio::test]
async fn what_starts_needing_attention_while_keyturn_runs_is_notified_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    let recorded = Arc::new(Recorded::default());
    app.set_notifier(recorded.clone());

    let first = app.attention(false).await.unwrap();
    assert!(
        !first.items.is_empty(),
        "the seeded keys need some attention"
    );
    assert!(
        recorded.0.lock().unwrap().is_empty(),
        "what was there at start is not notified"
    );

    expiring_key_made_outside(&app, &store).await;
    app.attention(true).await.unwrap();
    let sent = recorded.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, "A key expires soon");
    assert!(
        sent[0]
            .1
            .starts_with("Sandbox — API keys (/v1/api-keys) · made elsewhere: Expires in"),
        "{}",
        sent[0].1
    );

    app.attention(true).await.unwrap();
    assert_eq!(recorded.0.lock().unwrap().len(), 1, "once per item per day");
    assert!(dir.path().join("config/notified.json").exists());
}

#[tokio::test]
async fn the_users_expiry_window_decides_what_is_shown() {
    use keyturn_core::attention::AttentionSettings;
    use keyturn_core::storage::settings::Settings;
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::new());
    let app = app(dir.path(), store.clone());
    app.attention(false).await.unwrap();
    let id = expiring_key_made_outside(&app, &store).await;
    let shown = |s: &AttentionSummary| {
        s.items
            .iter()
            .any(|i| i.kind == AttentionKind::Expiring && i.key_id.as_deref() == Some(id.as_str()))
    };
    assert!(
        shown(&app.attention(true).await.unwrap()),
        "2 days is within 14"
    );

    app.set_settings(Settings {
        attention: AttentionSettings {
            expiry_window_days: 1,
            ..AttentionSettings::default()
        },
        ..Settings::default()
    })
    .unwrap();
    assert!(
        !shown(&app.attention(false).await.unwrap()),
        "2 days is not within 1"
    );

    let refused = app.set_settings(Settings {
        attention: AttentionSettings {
            stale_days: 1,
            ..AttentionSettings::default()
        },
        ..Settings::default()
    });
    assert!(
        matches!(&refused, Err(CommandError::InvalidInput { field: Some(f), .. }) if f == "attention"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_rotation_policy_makes_older_keys_due_and_is_kept_per_connection() {
    use keyturn_core::attention::RotationPolicy;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Arc::new(MemoryStore::new()));
    let due = |s: &AttentionSummary| {
        s.items
            .iter()
            .filter(|i| i.kind == AttentionKind::RotationDue && i.connection_id == CONNECTION)
            .count()
    };
    assert_eq!(
        due(&app.attention(false).await.unwrap()),
        0,
        "off by default"
    );

    let every = RotationPolicy {
        every_days: Some(7),
    };
    assert_eq!(
        app.set_rotation_policy(CONNECTION.into(), every).unwrap(),
        every
    );
    assert_eq!(app.get_rotation_policy(CONNECTION.into()), every);
    assert_eq!(
        app.get_rotation_policy("sandbox-verifa".into()),
        RotationPolicy::default()
    );
    assert!(
        due(&app.attention(false).await.unwrap()) > 0,
        "the seeded keys are weeks old"
    );

    let refused = app.set_rotation_policy(
        CONNECTION.into(),
        RotationPolicy {
            every_days: Some(0),
        },
    );
    assert!(
        matches!(&refused, Err(CommandError::InvalidInput { field: Some(f), .. }) if f == "everyDays"),
        "{refused:?}"
    );
    app.set_rotation_policy(CONNECTION.into(), RotationPolicy::default())
        .unwrap();
    assert_eq!(due(&app.attention(false).await.unwrap()), 0, "off again");
}
