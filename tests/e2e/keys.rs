//! Create, reveal once, copy to the real X clipboard, see it cleared, use the key,
//! see its last use, revoke it, see it refused — for every sandbox vendor. Then no
//! created secret may be found anywhere under Keyturn's directories.

use std::time::{Duration, Instant};

use keyturn_e2e::{
    clipboard_targets, clipboard_text, files_containing, primary_text, App, Dialect, Dirs,
    SandboxApi,
};

const CONSUMER: &str = "curl/8.5.0";
const CLEAR_AFTER: Duration = Duration::from_secs(10);

async fn set_clipboard_delay_to_ten_seconds(app: &App) {
    app.click("[data-testid=settings-button]").await;
    app.choose("[data-testid=clipboard-clear-delay]", "10")
        .await;
    app.wait_for_text("[data-testid=settings-popover]", "Saved")
        .await;
    app.click("[data-testid=settings-button]").await;
}

fn key_name(dialect: Dialect) -> String {
    format!("e2e {dialect:?}")
}

/// Returns the revealed secret and whether the vendor's keys carry a name.
async fn create_through_the_window(app: &App, dialect: Dialect) -> (String, bool) {
    app.click("[data-testid=create-key]").await;
    app.wait_for("[data-testid=create-dialog]").await;
    let named = app.exists("[data-testid=create-name]").await;
    if named {
        app.fill("[data-testid=create-name]", &key_name(dialect))
            .await;
    }
    if app.exists("[data-testid=create-environment]").await {
        app.choose("[data-testid=create-environment]", "sandbox")
            .await;
    }
    app.ensure_one_checked("[data-testid=create-scope]").await;
    if dialect == Dialect::Kayle {
        app.save_window_screenshot("create-dialog").await;
    }
    app.click("[data-testid=create-submit]").await;
    app.wait_for("[data-testid=reveal-dialog]").await;
    let secret = app.value_of("[data-testid=revealed-secret]").await;
    assert!(secret.len() >= 24, "{dialect:?}: a secret is revealed");
    (secret, named)
}

async fn wait_until_clipboard_is_not(secret: &str, deadline: Instant) -> bool {
    while Instant::now() < deadline {
        if clipboard_text().as_deref() != Some(secret) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    false
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn create_copy_use_and_revoke_a_key_of_every_vendor() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);
    set_clipboard_delay_to_ten_seconds(&app).await;
    let mut secrets = Vec::new();

    for dialect in Dialect::ALL {
        app.open_connection(dialect.connection_name()).await;
        let before = sandbox.key_ids(dialect).await;
        app.wait_for_key_ids(&before).await;

        let (secret, named) = create_through_the_window(&app, dialect).await;
        if dialect == Dialect::Veryfi {
            app.save_window_screenshot("reveal-dialog").await;
        }
        // A click and Ctrl+A on the secret select nothing a middle
        // click could paste: the X11 PRIMARY selection never holds it.
        let field = app.wait_for("[data-testid=revealed-secret]").await;
        field.click().await.unwrap();
        field.send_keys("\u{e009}a\u{e009}").await.unwrap();
        assert_ne!(
            primary_text().as_deref(),
            Some(secret.as_str()),
            "{dialect:?}: the secret is not the PRIMARY selection"
        );
        assert!(
            !primary_text().unwrap_or_default().contains(&secret),
            "{dialect:?}: no part of a selection holds the secret"
        );
        app.click("[data-testid=copy-secret]").await;
        let copied_at = Instant::now();
        app.wait_for("[data-testid=clipboard-countdown]").await;
        assert_eq!(
            clipboard_text().as_deref(),
            Some(secret.as_str()),
            "{dialect:?}: copied"
        );
        assert!(
            clipboard_targets()
                .iter()
                .any(|t| t == "x-kde-passwordManagerHint"),
            "{dialect:?}: marked as a password: {:?}",
            clipboard_targets()
        );
        app.click("[data-testid=reveal-done]").await;
        assert!(
            !app.page_source().await.contains(&secret),
            "{dialect:?}: secret gone from the DOM"
        );

        let after = sandbox.key_ids(dialect).await;
        let new_id = after
            .iter()
            .find(|id| !before.contains(id))
            .expect("a new key on the server")
            .clone();
        assert_eq!(
            sandbox.ping(&secret, CONSUMER).await.0,
            200,
            "{dialect:?}: the new key works"
        );

        app.click("[data-testid=refresh-button]").await;
        app.wait_for_key_ids(&after).await;
        app.click(&format!(
            "[data-testid=key-row][data-key-id=\"{new_id}\"] [data-testid=key-id]"
        ))
        .await;
        let last_used = app.text_of("[data-testid=detail-last-used]").await;
        match dialect {
            Dialect::Verifa | Dialect::ApiKeys => {
                assert!(
                    !last_used.contains("never") && !last_used.contains("not reported"),
                    "{dialect:?}: {last_used}"
                );
            }
            Dialect::Veryfi | Dialect::Kayle => assert!(
                last_used.contains("not reported"),
                "{dialect:?}: {last_used}"
            ),
        }
        if dialect == Dialect::ApiKeys {
            assert!(
                app.text_of("[data-testid=key-detail]")
                    .await
                    .contains("127.0.0.1"),
                "the consumer's IP"
            );
            assert_eq!(
                app.text_of("[data-testid=detail-user-agent]").await,
                CONSUMER
            );
            app.save_screenshot("key-detail").await;
        }

        let deadline = copied_at + CLEAR_AFTER + Duration::from_secs(5);
        assert!(
            wait_until_clipboard_is_not(&secret, deadline).await,
            "{dialect:?}: clipboard cleared"
        );
        assert!(
            copied_at.elapsed() >= CLEAR_AFTER - Duration::from_millis(500),
            "not cleared early"
        );

        app.click("[data-testid=revoke-key]").await;
        app.wait_for("[data-testid=revoke-dialog]").await;
        let confirmation = if named {
            key_name(dialect)
        } else {
            new_id.clone()
        };
        app.fill("[data-testid=revoke-confirm-input]", &confirmation)
            .await;
        app.click("[data-testid=revoke-confirm]").await;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, code) = sandbox.ping(&secret, CONSUMER).await;
            if status == 401 {
                assert_eq!(code.as_deref(), Some("key_revoked"), "{dialect:?}");
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{dialect:?}: still accepted after revoke"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        secrets.push(secret);
    }
    app.quit().await;

    for secret in &secrets {
        let leaks = files_containing(dirs.root(), secret);
        assert!(
            leaks.is_empty(),
            "a created secret was written to {leaks:?}"
        );
    }
}
