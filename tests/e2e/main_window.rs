//! The real window on a fresh first start: it shows exactly the sandbox's keys,
//! for each of the four vendors.

use keyturn_e2e::{App, Dialect, Dirs, SandboxApi};

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn first_start_shows_the_sandbox_keys_and_refresh_picks_up_new_ones() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;

    app.wait_for("[data-testid=key-row]").await;
    assert_eq!(
        app.text_of("[data-testid=connection-info-name]").await,
        Dialect::Veryfi.connection_name()
    );
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");

    let sandbox = SandboxApi::from_keychain(&base_url);
    let on_server = sandbox.key_ids(Dialect::Veryfi).await;
    assert_eq!(on_server.len(), 1, "a fresh sandbox account has one key");
    assert_eq!(sorted(app.shown_key_ids().await), sorted(on_server));

    let created = sandbox.create_veryfi_key().await;
    app.wait_for("[data-testid=refresh-button]")
        .await
        .click()
        .await
        .unwrap();
    let shown = app.wait_for_key_count(2).await;
    assert!(shown.contains(&created), "{shown:?}");
    assert_eq!(
        sorted(shown),
        sorted(sandbox.key_ids(Dialect::Veryfi).await)
    );
    assert_eq!(
        app.text_of("[data-testid=key-summary]").await,
        "2 of 2 keys — at the limit"
    );

    let screenshot = app.save_screenshot("main-window").await;
    assert!(
        std::fs::metadata(&screenshot).unwrap().len() > 10_000,
        "a real picture"
    );
    assert!(
        dirs.data()
            .join("io.keyturn.desktop/sandbox/state.json")
            .exists(),
        "sandbox state lives under the app's data directory"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn every_sandbox_vendor_lists_exactly_its_keys() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);

    for dialect in Dialect::ALL {
        app.open_connection(dialect.connection_name()).await;
        let on_server = sandbox.key_ids(dialect).await;
        assert!(!on_server.is_empty(), "{dialect:?} has keys");
        let shown = app.wait_for_key_ids(&on_server).await;
        assert_eq!(shown, sorted(on_server), "{dialect:?}");
        let slug = format!("{dialect:?}").to_lowercase();
        app.save_screenshot(&format!("vendor-{slug}")).await;
    }
    app.quit().await;
}

/// The sum of the red, green and blue channels of a CSS `rgb(...)` colour.
fn brightness(css_color: &str) -> u32 {
    css_color
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|c| c.trim().parse::<u32>().unwrap_or(0))
        .sum()
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn the_window_follows_the_systems_dark_theme() {
    let background = "getComputedStyle(document.documentElement).backgroundColor";
    let dirs = Dirs::new();
    let light = App::launch(&dirs).await;
    light.wait_for("[data-testid=key-row]").await;
    light
        .open_connection(Dialect::ApiKeys.connection_name())
        .await;
    let light_bg = light.script(&format!("return {background};")).await;
    light.save_screenshot("keys-light").await;
    light.quit().await;

    let dark = App::launch_with(&dirs, &[("GTK_THEME", "Adwaita:dark")]).await;
    dark.wait_for("[data-testid=key-row]").await;
    dark.open_connection(Dialect::ApiKeys.connection_name())
        .await;
    let dark_bg = dark.script(&format!("return {background};")).await;
    dark.save_screenshot("keys-dark").await;
    dark.quit().await;

    assert!(
        brightness(&light_bg) > 600,
        "light theme background: {light_bg}"
    );
    assert!(
        brightness(&dark_bg) < 150,
        "dark theme background: {dark_bg}"
    );
}

/// "30. Okt. 2025" and the like: German writes the day with a full stop.
fn is_german_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split_whitespace().collect();
    matches!(parts.as_slice(), [day, _month, year]
        if day.strip_suffix('.').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn dates_follow_the_os_locale() {
    let dirs = Dirs::new();
    let app = App::launch_with(&dirs, &[("LC_ALL", "de_DE.UTF-8")]).await;
    app.wait_for("[data-testid=key-row]").await;
    app.open_connection(Dialect::ApiKeys.connection_name())
        .await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);
    let key = sandbox.create_api_key("e2e locale").await;
    sandbox
        .set_history(&key, serde_json::json!({"created_days_ago": 400}))
        .await;
    app.click("[data-testid=refresh-button]").await;
    let created = format!("[data-key-id=\"{key}\"] .cell-created span");
    app.wait_for(&created).await;
    let shown = app.text_of(&created).await;
    assert!(is_german_date(&shown), "created {shown:?} in de_DE");
    assert_eq!(
        app.script("return window.__KEYTURN_LOCALE__.numbers").await,
        "de-DE"
    );
    app.quit().await;
}
