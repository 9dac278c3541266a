//! A connection to a sandbox the test starts by hand: added and tested in the
//! window, saved, and reopened after a restart with its credential read back from
//! the keychain — and never written to Keyturn's files.

use keyturn_e2e::{files_containing, App, Dialect, Dirs, SandboxApi};
use keyturn_sandbox::SandboxOptions;

const NAME: &str = "Payroll API (hand-started sandbox)";

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn a_saved_connection_survives_a_restart_and_its_credential_stays_in_the_keychain() {
    let token = format!("e2e-hand-started-{}", std::process::id());
    let options = SandboxOptions {
        admin_token: token.clone(),
        seed_keys: 3,
        ..SandboxOptions::default()
    };
    let external = keyturn_sandbox::start(([127, 0, 0, 1], 0).into(), options)
        .await
        .unwrap();
    let truth = SandboxApi::new(&external.base_url(), &token)
        .key_ids(Dialect::ApiKeys)
        .await;

    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    app.click("[data-testid=add-connection]").await;
    app.wait_for("[data-testid=connection-dialog]").await;
    app.choose("[data-testid=connection-vendor]", "apiKeys")
        .await;
    app.fill("[data-testid=connection-name]", NAME).await;
    app.choose("[data-testid=connection-environment]", "sandbox")
        .await;
    app.fill("[data-testid=connection-base-url]", &external.base_url())
        .await;
    app.fill("[data-testid=connection-credential]", &token)
        .await;
    app.save_window_screenshot("add-connection").await;
    app.click("[data-testid=connection-test]").await;
    let result = app
        .wait_for_text("[data-testid=connection-test-result]", "Connected")
        .await;
    assert!(result.contains('3'), "the test saw the 3 keys: {result}");
    app.click("[data-testid=connection-save]").await;

    app.open_connection(NAME).await;
    assert_eq!(app.wait_for_key_ids(&truth).await.len(), truth.len());
    app.save_screenshot("sidebar").await;
    app.quit().await;

    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=connection-button]").await;
    app.open_connection(NAME).await;
    let mut expected = truth.clone();
    expected.sort();
    assert_eq!(
        app.wait_for_key_ids(&truth).await,
        expected,
        "listed with the credential from the keychain"
    );
    app.quit().await;

    assert!(
        dirs.config()
            .join("io.keyturn.desktop/connections.json")
            .exists(),
        "the connection was saved"
    );
    let leaks = files_containing(dirs.root(), &token);
    assert!(leaks.is_empty(), "the credential leaked into {leaks:?}");
    external.shutdown().await;
}
