//! A Kayle ID account on the real Kayle ID server, used through the window:
//! signed in with the code the server sends, its keys listed, a key created,
//! revealed and copied, disabled and revoked — each step checked on the server.

use std::time::{Duration, Instant};

use keyturn_e2e::{clipboard_text, App, Dirs, KayleServer};

const NAME: &str = "Kayle ID (real server)";

async fn wait_until<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb against the real Kayle ID server: run `./x test`"]
async fn a_kayle_account_on_the_real_server_is_signed_in_and_its_keys_managed_in_the_window() {
    let server = KayleServer::from_env();
    let email = format!("e2e-window-{}@example.test", std::process::id());
    let cookie = server.account(&email);

    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    app.click("[data-testid=add-connection]").await;
    app.wait_for("[data-testid=connection-dialog]").await;
    app.choose("[data-testid=connection-vendor]", "kayle").await;
    app.fill("[data-testid=connection-name]", NAME).await;
    // A test server on loopback: a live connection would ask the operating system
    // to confirm the user before the revoke below (tests/lock.rs in keyturn-app).
    app.choose("[data-testid=connection-environment]", "sandbox")
        .await;
    app.fill("[data-testid=connection-base-url]", &server.base_url)
        .await;
    assert!(
        !app.exists("[data-testid=connection-credential]").await,
        "Kayle signs in; it takes no pasted credential"
    );

    let mark = server.log_mark();
    app.fill("[data-testid=sign-in-email]", &email).await;
    app.click("[data-testid=sign-in-send-code]").await;
    let code = server.code_after(mark, &email).await;
    app.fill("[data-testid=sign-in-code]", &code).await;
    app.click("[data-testid=sign-in-verify]").await;
    app.wait_for("[data-testid=sign-in-organization]").await;
    app.click("[data-testid=sign-in-finish]").await;

    app.open_connection(NAME).await;
    let before = server.keys(&cookie).await;
    assert!(before.is_empty(), "a new organization has no keys");

    app.click("[data-testid=create-key]").await;
    app.wait_for("[data-testid=create-dialog]").await;
    app.fill("[data-testid=create-name]", "e2e window key")
        .await;
    app.ensure_one_checked("[data-testid=create-scope][value=\"sessions:read\"]")
        .await;
    app.click("[data-testid=create-submit]").await;
    app.wait_for("[data-testid=reveal-dialog]").await;
    let secret = app.value_of("[data-testid=revealed-secret]").await;
    assert!(
        secret.starts_with("kk_") && secret.len() == 35,
        "a real Kayle key is revealed"
    );
    app.click("[data-testid=copy-secret]").await;
    assert_eq!(clipboard_text().as_deref(), Some(secret.as_str()));
    app.click("[data-testid=reveal-done]").await;
    assert_eq!(server.use_key(&secret).await, 200, "the new key works");

    let keys = server.keys(&cookie).await;
    assert_eq!(keys.len(), 1, "one key on the server");
    let id = keys[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(keys[0]["name"], "e2e window key");
    app.wait_for_key_ids(std::slice::from_ref(&id)).await;

    app.click(&format!(
        "[data-testid=key-row][data-key-id=\"{id}\"] [data-testid=key-id]"
    ))
    .await;
    app.click("[data-testid=disable-key]").await;
    wait_until("the server lists the key disabled", || async {
        server
            .keys(&cookie)
            .await
            .first()
            .map(|k| k["enabled"].clone())
            == Some(serde_json::Value::Bool(false))
    })
    .await;
    app.wait_for_text("[data-testid=detail-status]", "Disabled")
        .await;
    assert_eq!(
        server.use_key(&secret).await,
        401,
        "a disabled key is refused"
    );

    app.click("[data-testid=revoke-key]").await;
    let expected = app.text_of("[data-testid=revoke-dialog] .expected").await;
    app.fill("[data-testid=revoke-confirm-input]", &expected)
        .await;
    app.click("[data-testid=revoke-confirm]").await;
    wait_until("the key is gone from the server", || async {
        server.keys(&cookie).await.is_empty()
    })
    .await;
    app.wait_for_key_count(0).await;
    app.save_window_screenshot("kayle-real").await;
    app.quit().await;
}
