//! The idle lock in the real window: set to one minute, left alone, Keyturn
//! locks; then the page holds no key data and Rust refuses key commands even
//! when the page asks directly.

use std::time::{Duration, Instant};

use keyturn_e2e::{App, Dirs};

async fn invoke_error_kind(app: &App, command: &str, args: &str) -> String {
    let js = format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke('{command}', {args})
           .then(() => done('answered'), e => done(e && e.kind ? e.kind : JSON.stringify(e)));"
    );
    let out = app.client.execute_async(&js, vec![]).await.unwrap();
    out.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn left_idle_past_its_delay_keyturn_locks_and_shows_and_answers_no_key() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    // Its key ids are long enough to be found in a page only if they are shown.
    app.open_connection("Sandbox — API keys (/v1/api-keys)")
        .await;
    app.wait_for("[data-testid=key-row]").await;
    let shown = app.shown_key_ids().await;
    assert!(
        !shown.is_empty() && shown.iter().all(|id| id.starts_with("ak_")),
        "{shown:?}"
    );
    assert_eq!(
        invoke_error_kind(&app, "list_keys", "{connectionId: 'sandbox-api-keys', query: {search: '', status: null, environment: null, sort: null}, limit: 5}").await,
        "answered",
        "unlocked, a key command runs"
    );

    app.click("[data-testid=settings-button]").await;
    app.choose("[data-testid=lock-after]", "1").await;
    app.wait_for_text("[data-testid=settings-popover]", "Saved.")
        .await;
    app.click("[data-testid=settings-button]").await;

    // No input from here on: the page itself must decide it is idle.
    let started = Instant::now();
    let deadline = started + Duration::from_secs(100);
    while !app.exists("[data-testid=lock-screen]").await {
        assert!(Instant::now() < deadline, "not locked after 100 s idle");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        started.elapsed() >= Duration::from_secs(50),
        "locked before its delay: {:?}",
        started.elapsed()
    );

    let page = app.page_source().await;
    for id in &shown {
        assert!(!page.contains(id.as_str()), "{id} is still in the page");
    }
    assert!(!page.contains("data-testid=\"key-row\""));
    assert!(
        !page.contains("Sandbox — API keys"),
        "connections are hidden too"
    );
    for (command, args) in [
        ("list_keys", "{connectionId: 'sandbox-api-keys', query: {search: '', status: null, environment: null, sort: null}, limit: 5}"),
        ("lookup_keys", "{search: 'a', limit: 5}"),
        ("attention", "{relist: false}"),
        ("revoke_key", "{connectionId: 'sandbox-api-keys', keyId: 'nope'}"),
    ] {
        assert_eq!(invoke_error_kind(&app, command, args).await, "locked", "{command}");
    }
    app.save_window_screenshot("lock-screen").await;
    app.quit().await;
}

/// What a desktop's screen saver says on the session bus when it starts or stops.
fn screen_saver_active(active: bool) {
    let conn = dbus::blocking::Connection::new_session().expect("the session bus");
    let signal = dbus::Message::new_signal(
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
    )
    .unwrap()
    .append1(active);
    dbus::channel::Sender::send(&conn, signal).expect("the signal is sent");
    dbus::channel::Channel::flush(conn.channel());
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn when_the_desktop_locks_its_screen_keyturn_locks() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;

    screen_saver_active(false);
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(
        !app.exists("[data-testid=lock-screen]").await,
        "a screen saver stopping does not lock"
    );

    screen_saver_active(true);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !app.exists("[data-testid=lock-screen]").await {
        assert!(
            Instant::now() < deadline,
            "not locked 20 s after the screen locked"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert!(!app.exists("[data-testid=key-row]").await);
    assert_eq!(
        invoke_error_kind(&app, "lookup_keys", "{search: 'a', limit: 5}").await,
        "locked"
    );
    app.quit().await;
}
