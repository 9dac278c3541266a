//! The home view across every connection: keys the test makes expiring, stale
//! and never used in the sandbox's `/v1/api-keys` account, and the Veryfi
//! account filled to its two-key limit, each shown with why and its actions;
//! a snooze with a reason, and Revoke taken from the home view.

use std::time::{Duration, Instant};

use keyturn_e2e::{
    App, DesktopNotifications, Dialect, Dirs, NotificationServer, Received, SandboxApi,
};
use serde_json::json;

const API_KEYS: &str = "sandbox-api-keys";
const VERYFI: &str = "sandbox-veryfi";

fn item(kind: &str, connection: &str, key: Option<&str>) -> String {
    format!(
        "[data-testid=attention-item][data-item-id=\"{kind}:{connection}:{}\"]",
        key.unwrap_or("-")
    )
}

/// Clicks Refresh (every connection listed again) until `css` is shown.
async fn refresh_until(app: &App, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        app.click("[data-testid=home-refresh]").await;
        if app.exists(css).await {
            return;
        }
        if Instant::now() > deadline {
            let shot = app.save_screenshot("failure-attention").await;
            panic!("{css} not shown (see {})", shot.display());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn the_home_view_shows_what_needs_attention_in_every_connection_with_its_actions() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);

    let expiring = sandbox.create_api_key("e2e expiring").await;
    sandbox
        .set_history(
            &expiring,
            json!({"created_days_ago": 30, "expires_in_days": 3, "last_used_days_ago": 1}),
        )
        .await;
    let stale = sandbox.create_api_key("e2e stale").await;
    sandbox
        .set_history(
            &stale,
            json!({"created_days_ago": 400, "last_used_days_ago": 200, "last_used_ip": "10.9.8.7"}),
        )
        .await;
    let never = sandbox.create_api_key("e2e never used").await;
    sandbox
        .set_history(
            &never,
            json!({"created_days_ago": 60, "last_used_days_ago": null}),
        )
        .await;
    while sandbox.key_ids(Dialect::Veryfi).await.len() < 2 {
        sandbox.create_veryfi_key().await;
    }

    app.click("[data-testid=home-button]").await;
    app.wait_for("[data-testid=home-view]").await;
    app.wait_for_window_title("Needs attention — Keyturn").await;
    let expiring_item = item("expiring", API_KEYS, Some(&expiring));
    refresh_until(&app, &expiring_item).await;

    let why = app
        .text_of(&format!("{expiring_item} [data-testid=attention-why]"))
        .await;
    assert!(
        why.starts_with("Expires in 3 days") || why.starts_with("Expires in 2 days"),
        "{why}"
    );
    let key = app
        .text_of(&format!("{expiring_item} [data-testid=attention-open-key]"))
        .await;
    assert_eq!(key, "e2e expiring");
    let stale_item = item("stale", API_KEYS, Some(&stale));
    let why = app
        .text_of(&format!("{stale_item} [data-testid=attention-why]"))
        .await;
    assert!(why.contains("200 days"), "{why}");
    let never_item = item("neverUsed", API_KEYS, Some(&never));
    assert!(app.exists(&never_item).await, "the never-used key is shown");
    let limit_item = item("atKeyLimit", VERYFI, None);
    assert!(
        app.exists(&limit_item).await,
        "the Veryfi account at its limit is shown"
    );
    assert!(
        app.exists(&format!(
            "{limit_item} [data-testid=attention-action-rotate]"
        ))
        .await,
        "an account at its limit offers a rotation"
    );
    let count: u32 = app
        .script(&format!(
            "return document.querySelector('[data-connection-id=\"{API_KEYS}\"] [data-testid=connection-attention-count]').firstChild.textContent"
        ))
        .await
        .parse()
        .unwrap();
    assert!(count >= 3, "the sidebar counts the three keys: {count}");
    app.save_window_screenshot("home-view").await;

    // Snoozed with a reason: the item moves to the snoozed list, the count drops.
    app.click(&format!(
        "{stale_item} [data-testid=attention-action-snooze]"
    ))
    .await;
    app.wait_for("[data-testid=snooze-dialog]").await;
    app.fill("[data-testid=snooze-reason]", "importer retires on Friday")
        .await;
    app.click("[data-testid=snooze-confirm]").await;
    app.wait_for_text("[data-testid=snoozed-reason]", "importer retires on Friday")
        .await;
    assert!(
        !app.exists(&stale_item).await,
        "a snoozed item leaves the list"
    );

    // Revoke from the home view: its connection opens on the key's revoke dialog.
    app.click(&format!(
        "{never_item} [data-testid=attention-action-revoke]"
    ))
    .await;
    app.wait_for("[data-testid=revoke-dialog]").await;
    assert_eq!(
        app.text_of("[data-testid=connection-info-name]").await,
        Dialect::ApiKeys.connection_name()
    );
    app.wait_for_window_title(&format!("{} — Keyturn", Dialect::ApiKeys.connection_name()))
        .await;
    app.fill("[data-testid=revoke-confirm-input]", "e2e never used")
        .await;
    app.click("[data-testid=revoke-confirm]").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while !sandbox.api_key_revoked(&never).await {
        assert!(
            Instant::now() < deadline,
            "the key was not revoked at the vendor"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.click("[data-testid=home-button]").await;
    refresh_until(&app, &expiring_item).await;
    assert!(
        !app.exists(&never_item).await,
        "a revoked key needs no attention"
    );

    // Rotate from an account at its limit: the wizard opens in that connection.
    refresh_until(&app, &limit_item).await;
    app.click(&format!(
        "{limit_item} [data-testid=attention-action-rotate]"
    ))
    .await;
    app.wait_for("[data-testid=rotation-wizard]").await;
    assert_eq!(
        app.text_of("[data-testid=connection-info-name]").await,
        Dialect::Veryfi.connection_name()
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn the_support_lookup_finds_one_ip_in_every_connection_and_opens_the_key() {
    const SECOND: &str = "Team B — API keys";
    const IP: &str = "10.9.8.7";
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);
    let shared = sandbox.create_api_key("e2e shared").await;
    sandbox
        .set_history(
            &shared,
            json!({"last_used_days_ago": 0.5, "last_used_ip": IP}),
        )
        .await;

    // A second connection to the same account, as a second team would have.
    app.click("[data-testid=add-connection]").await;
    app.wait_for("[data-testid=connection-dialog]").await;
    app.choose("[data-testid=connection-vendor]", "apiKeys")
        .await;
    app.fill("[data-testid=connection-name]", SECOND).await;
    app.choose("[data-testid=connection-environment]", "sandbox")
        .await;
    app.fill("[data-testid=connection-base-url]", &base_url)
        .await;
    app.fill("[data-testid=connection-credential]", sandbox.token())
        .await;
    app.click("[data-testid=connection-save]").await;
    app.open_connection(SECOND).await;
    app.wait_for("[data-testid=key-row]").await;

    app.click("[data-testid=home-button]").await;
    app.wait_for("[data-testid=home-view]").await;
    app.click("[data-testid=home-refresh]").await;
    app.fill("[data-testid=lookup-input]", IP).await;
    let group = |id: &str| format!("[data-testid=lookup-group][data-connection-id=\"{id}\"]");
    let row = |id: &str| {
        format!(
            "{} [data-testid=lookup-key][data-key-id=\"{shared}\"]",
            group(id)
        )
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    let second_id = loop {
        let ids = app
            .script(
                "return [...document.querySelectorAll('[data-testid=lookup-group]')].map(g => g.dataset.connectionId).join(',')",
            )
            .await;
        let ids: Vec<&str> = ids.split(',').filter(|s| !s.is_empty()).collect();
        if ids.len() == 2 && ids[0] == API_KEYS {
            break ids[1].to_owned();
        }
        if Instant::now() > deadline {
            let shot = app.save_screenshot("failure-lookup").await;
            panic!(
                "groups {ids:?}, not the two connections (see {})",
                shot.display()
            );
        }
        // Typed again: each keystroke asks, from the listings now held.
        app.click("[data-testid=home-refresh]").await;
        app.fill("[data-testid=lookup-input]", IP).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    for id in [API_KEYS, second_id.as_str()] {
        let ip = app
            .text_of(&format!("{} [data-testid=lookup-ip]", row(id)))
            .await;
        assert_eq!(ip, IP, "{id}");
    }
    let summary = app.text_of("[data-testid=lookup-summary]").await;
    assert!(summary.starts_with("2 keys in 2 connections"), "{summary}");
    app.save_window_screenshot("lookup").await;

    app.click(&format!(
        "{} [data-testid=lookup-open-key]",
        row(&second_id)
    ))
    .await;
    let detail = app
        .wait_for_text("[data-testid=key-detail]", "e2e shared")
        .await;
    assert!(detail.contains(IP), "{detail}");
    assert_eq!(
        app.text_of("[data-testid=connection-info-name]").await,
        SECOND
    );
    app.quit().await;
}

/// After the run's first look at what needs attention (which is not notified),
/// a `/v1/api-keys` key named `name` starts expiring in two days; the home view
/// is refreshed. Returns its id.
async fn expiring_after_the_first_look(app: &App, name: &str) -> String {
    app.wait_for("[data-testid=key-row]").await;
    app.wait_for("[data-testid=home-count]").await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);
    let key = sandbox.create_api_key(name).await;
    sandbox
        .set_history(&key, json!({"expires_in_days": 2}))
        .await;
    app.click("[data-testid=home-button]").await;
    app.click("[data-testid=home-refresh]").await;
    key
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn a_key_that_starts_expiring_while_keyturn_runs_is_notified_once() {
    let server = NotificationServer::start();
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    let key = expiring_after_the_first_look(&app, "e2e notify me").await;
    let shown = server.wait_for("e2e notify me", Duration::from_secs(30));
    assert_eq!(shown.summary, "A key expires soon");
    assert!(
        shown
            .body
            .starts_with("Sandbox — API keys (/v1/api-keys) · e2e notify me: Expires in"),
        "{shown:?}"
    );
    assert!(
        server
            .shown()
            .iter()
            .all(|s| !s.body.contains("Stale") && s.summary != "Keyturn"),
        "only what started needing attention: {:?}",
        server.shown()
    );

    app.click("[data-testid=home-refresh]").await;
    app.wait_for(&item("expiring", API_KEYS, Some(&key))).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let times = server
        .shown()
        .iter()
        .filter(|s| s.body.contains("e2e notify me"))
        .count();
    assert_eq!(times, 1, "once per item per day");
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn the_desktops_notification_service_shows_it() {
    let desktop = DesktopNotifications::start();
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    let key = expiring_after_the_first_look(&app, "Payroll export").await;
    desktop.wait_until_shown(Duration::from_secs(30));
    app.wait_for(&item("expiring", API_KEYS, Some(&key))).await;
    app.save_screen_screenshot("notification").await;

    let received = desktop.close_and_read();
    // The plugin sends no app name on Linux: notify-rust names the binary.
    let ours: Vec<&Received> = received.iter().filter(|r| r.app == "keyturn").collect();
    assert_eq!(ours.len(), 1, "{received:?}");
    assert_eq!(ours[0].summary, "A key expires soon");
    assert!(
        ours[0].body.contains("Payroll export: Expires in"),
        "{:?}",
        ours[0]
    );
    app.quit().await;
}
