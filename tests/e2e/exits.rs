//! A secret copied from the reveal dialog does not outlive Keyturn on the
//! clipboard, however Keyturn ends: SIGTERM (logout, `kill`), SIGINT (Ctrl+C in
//! its terminal), SIGHUP, or Ctrl+Q in the window. A clipboard keeper runs
//! throughout, as a desktop's clipboard manager would: without one an X
//! clipboard empties when its owner exits, whether or not the app cleared it.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use keyturn_e2e::{clipboard_text, App, ClipboardKeeper, Dirs, Seen};

async fn never_clear_on_a_timer(app: &App) {
    app.click("[data-testid=settings-button]").await;
    app.choose("[data-testid=clipboard-clear-delay]", "never")
        .await;
    app.wait_for_text("[data-testid=settings-popover]", "Saved")
        .await;
    app.click("[data-testid=settings-button]").await;
}

/// Creates a key on the built-in sandbox connection shown first; returns its secret.
async fn create_a_key(app: &App) -> String {
    app.wait_for("[data-testid=key-row]").await;
    app.click("[data-testid=create-key]").await;
    app.wait_for("[data-testid=create-dialog]").await;
    if app.exists("[data-testid=create-name]").await {
        app.fill("[data-testid=create-name]", "e2e exit").await;
    }
    if app.exists("[data-testid=create-environment]").await {
        app.choose("[data-testid=create-environment]", "sandbox")
            .await;
    }
    app.ensure_one_checked("[data-testid=create-scope]").await;
    app.click("[data-testid=create-submit]").await;
    app.wait_for("[data-testid=reveal-dialog]").await;
    let secret = app.value_of("[data-testid=revealed-secret]").await;
    assert!(secret.len() >= 24, "a secret is revealed");
    secret
}

fn wait_for_clipboard(secret: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while clipboard_text().as_deref() != Some(secret) {
        assert!(
            Instant::now() < deadline,
            "the copied secret never reached the X clipboard"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Copies a fresh secret, ends the app with `end`, and checks what the clipboard
/// holds once the app is gone and the keeper has done what it does.
async fn secret_is_off_the_clipboard_after(how: &str, end: impl AsyncFnOnce(&App) -> i32) {
    let keeper = ClipboardKeeper::start();
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    never_clear_on_a_timer(&app).await;
    let secret = create_a_key(&app).await;
    app.click("[data-testid=copy-secret]").await;
    wait_for_clipboard(&secret);
    let mark = keeper.wait_until_remembers(&secret);

    let pid = end(&app).await;
    App::wait_for_exit(pid);
    let departure = keeper.departure_after(mark);
    let left = clipboard_text();
    assert!(
        left.as_deref() != Some(secret.as_str()),
        "after {how} the secret is still on the clipboard (the keeper saw {departure:?})"
    );
    assert_eq!(departure, Seen::Cleared, "after {how} Keyturn cleared it");
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn sigterm_clears_the_clipboard() {
    secret_is_off_the_clipboard_after("SIGTERM", async |app: &App| app.signal_app(libc::SIGTERM))
        .await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn sigint_clears_the_clipboard() {
    secret_is_off_the_clipboard_after("SIGINT", async |app: &App| app.signal_app(libc::SIGINT))
        .await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn sighup_clears_the_clipboard() {
    secret_is_off_the_clipboard_after("SIGHUP", async |app: &App| app.signal_app(libc::SIGHUP))
        .await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn ctrl_q_quits_and_clears_the_clipboard() {
    secret_is_off_the_clipboard_after("Ctrl+Q", async |app: &App| {
        let pid = app.app_pid();
        let focused = app
            .client
            .find(Locator::Css("[data-testid=reveal-dialog]"))
            .await
            .unwrap();
        // The app may be gone before WebDriver answers: whether it went is
        // what the caller waits for.
        let _ = focused.send_keys(&(Key::Control + "q")).await;
        pid
    })
    .await;
}
