//! The window's native menu, driven as a person drives it: keys typed through
//! the X server into the real GTK window (xdotool), so GTK's accelerators and
//! mnemonics run, not the page's own key handler.

use std::process::Command;
use std::time::{Duration, Instant};

use keyturn_e2e::{clipboard_text, App, Dirs};

/// Types `keys` (xdotool's names, e.g. `ctrl+n`, `alt+e`) into Keyturn's window.
fn press(keys: &[&str]) {
    let status = Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--name",
            "Keyturn$",
            "windowfocus",
            "--sync",
            "key",
            "--delay",
            "150",
        ])
        .args(keys)
        .status()
        .expect("xdotool is installed");
    assert!(status.success(), "xdotool key {keys:?}");
}

async fn wait_until_gone(app: &App, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.exists(css).await {
        assert!(Instant::now() < deadline, "{css} is still shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the page has focused, by test id.
async fn focused(app: &App) -> String {
    app.script("return document.activeElement?.dataset?.testid ?? ''")
        .await
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn the_window_menu_carries_out_its_choices() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;

    press(&["alt+f"]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.save_window_screenshot("window-menu").await;
    press(&["Escape"]);

    // File → Create key… by its accelerator.
    press(&["ctrl+n"]);
    app.wait_for("[data-testid=create-dialog]").await;
    press(&["Escape"]);
    wait_until_gone(&app, "[data-testid=create-dialog]").await;

    // View → Search keys, then Edit → Select All and Edit → Copy by their mnemonics.
    press(&["ctrl+f"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while focused(&app).await != "key-search" {
        assert!(
            Instant::now() < deadline,
            "Ctrl+F focused {:?}",
            focused(&app).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let typed = Command::new("xdotool")
        .args(["type", "--delay", "60", "menu-e2e"])
        .status()
        .unwrap();
    assert!(typed.success());
    app.wait_for_text("[data-testid=filter-count]", "Showing 0 of")
        .await;
    press(&["alt+e", "a"]);
    press(&["alt+e", "c"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while clipboard_text().as_deref() != Some("menu-e2e") {
        assert!(
            Instant::now() < deadline,
            "Edit → Copy put {:?} on the clipboard",
            clipboard_text()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Help → About Keyturn: the version and the folders.
    press(&["alt+h", "a"]);
    let about = app
        .wait_for_text("[data-testid=about-dialog]", "version")
        .await;
    assert!(about.contains(env!("CARGO_PKG_VERSION")), "{about}");
    let data = dirs.data().join("io.keyturn.desktop");
    assert!(about.contains(&data.display().to_string()), "{about}");
    app.save_window_screenshot("about-dialog").await;
    press(&["Escape"]);
    wait_until_gone(&app, "[data-testid=about-dialog]").await;

    // View → Needs attention.
    press(&["alt+v", "n"]);
    app.wait_for("[data-testid=home-view]").await;

    // File → Lock: Rust locks, and the page shows only the lock screen.
    press(&["ctrl+l"]);
    app.wait_for("[data-testid=lock-screen]").await;
    assert!(!app.exists("[data-testid=connection-button]").await);
    app.quit().await;
}
