//! At the smallest window Keyturn allows, every control of the keys view, the
//! key detail pane and each dialog can be reached and clicked, for a key with
//! the longest fields each vendor allows.

use keyturn_e2e::{App, Dialect, Dirs, SandboxApi};

/// The smallest page Keyturn is laid out for. The window's minimum in
/// tauri.conf.json is taller by the menu bar, whose height depends on the
/// machine's fonts.
const MIN_WIDTH: u32 = 760;
const MIN_PAGE_HEIGHT: u32 = 480;

/// Asks for a window smaller than allowed, so it shrinks to its minimum, and
/// waits until the page has the size; returns the page's height.
async fn shrink_to_minimum(app: &App) -> u32 {
    app.client
        .set_window_size(MIN_WIDTH, MIN_PAGE_HEIGHT)
        .await
        .expect("the window can be resized");
    let mut last = String::new();
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let now = app.viewport().await;
        if now == last {
            if let Some((w, h)) = now.split_once('x') {
                if w == MIN_WIDTH.to_string() {
                    let h: u32 = h.parse().unwrap();
                    assert!(
                        h >= MIN_PAGE_HEIGHT,
                        "the smallest window leaves the page {now}"
                    );
                    return h;
                }
            }
        }
        last = now;
    }
    panic!("the viewport stayed {}", app.viewport().await);
}

/// The longest value a create field accepts (its "… of N characters" counter),
/// in its widest letter.
async fn fill_to_max(app: &App, css: &str) {
    app.fill(css, "W").await;
    let counter = app.text_of("[data-testid=create-dialog]").await;
    let max: usize = counter
        .split(" of ")
        .skip(1)
        .find_map(|rest| rest.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("{css} shows how long it may be: {counter}"));
    app.fill(css, &"W".repeat(max)).await;
}

/// Creates a key with every field at its longest and every scope, checking the
/// create dialog and the reveal dialog on the way; returns the new key's id.
async fn create_longest_key(app: &App, sandbox: &SandboxApi, dialect: Dialect) -> String {
    let before = sandbox.key_ids(dialect).await;
    app.click("[data-testid=create-key]").await;
    app.wait_for("[data-testid=create-dialog]").await;
    if app.exists("[data-testid=create-name]").await {
        fill_to_max(app, "[data-testid=create-name]").await;
    }
    if app.exists("[data-testid=create-description]").await {
        let words = "a description long enough to need several lines ".repeat(8);
        app.fill("[data-testid=create-description]", words.trim())
            .await;
    }
    if app.exists("[data-testid=create-environment]").await {
        app.choose("[data-testid=create-environment]", "sandbox")
            .await;
    }
    let scopes = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=create-scope]"))
        .await
        .unwrap()
        .len();
    for n in 1..=scopes {
        let scope = format!("[data-testid=create-scopes] label:nth-child({n}) input");
        if app
            .wait_for(&scope)
            .await
            .prop("checked")
            .await
            .unwrap()
            .as_deref()
            != Some("true")
        {
            app.click(&scope).await;
        }
    }
    app.assert_reachable(
        "[data-testid=create-dialog]",
        &format!("{dialect:?} create dialog"),
    )
    .await;
    app.click("[data-testid=create-submit]").await;
    app.wait_for("[data-testid=reveal-dialog]").await;
    app.assert_reachable(
        "[data-testid=reveal-dialog]",
        &format!("{dialect:?} reveal dialog"),
    )
    .await;
    app.click("[data-testid=copy-secret]").await;
    app.click("[data-testid=reveal-done]").await;

    let after = sandbox.key_ids(dialect).await;
    after
        .into_iter()
        .find(|id| !before.contains(id))
        .expect("a new key on the server")
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn every_action_is_reachable_at_the_minimum_window_size() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let page = shrink_to_minimum(&app).await;
    eprintln!("the smallest page: {MIN_WIDTH}x{page}");
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);

    app.save_window_screenshot("min-size-keys").await;
    app.assert_reachable(".sidebar", "sidebar").await;
    for dialect in Dialect::ALL {
        app.open_connection(dialect.connection_name()).await;
        app.assert_reachable("main", &format!("{dialect:?} keys view"))
            .await;

        let id = create_longest_key(&app, &sandbox, dialect).await;
        app.click("[data-testid=refresh-button]").await;
        app.click(&format!(
            "[data-testid=key-row][data-key-id=\"{id}\"] [data-testid=key-id]"
        ))
        .await;
        app.wait_for("[data-testid=key-detail]").await;
        app.assert_reachable(
            "[data-testid=key-detail]",
            &format!("{dialect:?} detail pane"),
        )
        .await;
        app.assert_reachable(
            "main",
            &format!("{dialect:?} keys view with the detail pane"),
        )
        .await;
        if dialect == Dialect::Verifa {
            app.save_window_screenshot("min-size-detail").await;
        }

        app.click("[data-testid=start-rotation]").await;
        app.wait_for("[data-testid=rotation-step]:not([data-step=checkingSlots])")
            .await;
        app.assert_reachable(
            "[data-testid=rotation-wizard]",
            &format!("{dialect:?} rotation wizard"),
        )
        .await;
        app.click("[data-testid=rotation-cancel]").await;
        app.click("[data-testid=rotation-cancel-confirm]").await;
        app.click("[data-testid=rotation-done]").await;

        app.click("[data-testid=revoke-key]").await;
        app.wait_for("[data-testid=revoke-dialog]").await;
        app.assert_reachable(
            "[data-testid=revoke-dialog]",
            &format!("{dialect:?} revoke dialog"),
        )
        .await;
        let expected = app.text_of("[data-testid=revoke-dialog] .expected").await;
        app.fill("[data-testid=revoke-confirm-input]", &expected)
            .await;
        app.click("[data-testid=revoke-confirm]").await;
        // Some vendors drop a revoked key from the list, others list it as revoked.
        let mut revoked = false;
        for _ in 0..50 {
            // One read: the pane may close between a check and a second look.
            let status = app
                .script(
                    "const s = document.querySelector('[data-testid=detail-status]'); \
                     return s ? s.textContent : '';",
                )
                .await;
            revoked = !sandbox.key_ids(dialect).await.contains(&id) || status.contains("Revoked");
            if revoked {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        assert!(revoked, "{dialect:?}: revoked at the minimum size");
    }

    app.click("[data-testid=settings-button]").await;
    app.wait_for("[data-testid=settings-popover]").await;
    app.assert_reachable("[data-testid=settings-popover]", "settings")
        .await;
    app.click("[data-testid=settings-button]").await;

    app.click("[data-testid=open-audit]").await;
    app.assert_reachable("[role=dialog]", "audit").await;
    app.save_window_screenshot("min-size-audit").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{e00c}")
        .await
        .unwrap();

    app.click("[data-testid=add-connection]").await;
    app.wait_for("[data-testid=connection-name]").await;
    app.assert_reachable("[role=dialog]", "add connection")
        .await;
    app.quit().await;
}
