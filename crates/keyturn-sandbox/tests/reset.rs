//! `POST /_sandbox/reset` returns an account to its first-start state, durably.

mod common;

use common::kayle::{Admin, Kayle};
use keyturn_sandbox::SandboxOptions;

const TOKEN: &str = "reset-test-admin-token";

/// The sandbox organization's keys, through a new session (a reset ends every session).
async fn kayle(base: &str) -> Kayle {
    let (cookie, _) = Admin::new(base, TOKEN)
        .session("sandbox@example.test")
        .await;
    Kayle::new(base).with_cookie(&cookie)
}

async fn kayle_ids(_client: &reqwest::Client, base: &str) -> Vec<String> {
    kayle(base)
        .await
        .all_keys()
        .await
        .iter()
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn reset_restores_the_first_start_keys_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        state_file: Some(dir.path().join("state.json")),
        seed_keys: 4,
        ..SandboxOptions::default()
    };
    let sandbox = keyturn_sandbox::start(([127, 0, 0, 1], 0).into(), options.clone())
        .await
        .unwrap();
    let base = sandbox.base_url();
    let client = reqwest::Client::new();
    let fresh = kayle_ids(&client, &base).await;
    assert_eq!(fresh.len(), 4);

    let (_, secret) = kayle(&base).await.create("temp", &["sessions:read"]).await;
    assert_eq!(kayle_ids(&client, &base).await.len(), 5);

    let refused = client
        .post(format!("{base}/_sandbox/reset"))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let reset = client
        .post(format!("{base}/_sandbox/reset"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), 200);
    assert_eq!(
        kayle_ids(&client, &base).await,
        fresh,
        "back to the seeded keys"
    );
    let ping = client
        .get(format!("{base}/v1/consumer/ping"))
        .header("X-API-Key", &secret)
        .send()
        .await
        .unwrap();
    assert_eq!(
        ping.status(),
        401,
        "a key made before the reset no longer works"
    );

    sandbox.shutdown().await;
    let again = keyturn_sandbox::start(([127, 0, 0, 1], 0).into(), options)
        .await
        .unwrap();
    assert_eq!(
        kayle_ids(&client, &again.base_url()).await,
        fresh,
        "the reset was saved"
    );
    again.shutdown().await;
}
