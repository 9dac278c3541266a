//! `POST /_sandbox/reset` returns an account to its first-start state, durably.

use keyturn_sandbox::SandboxOptions;
use serde_json::Value;

const TOKEN: &str = "reset-test-admin-token";

async fn kayle_ids(client: &reqwest::Client, base: &str) -> Vec<String> {
    let body: Value = client
        .get(format!("{base}/v1/auth/api-keys?limit=100"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["data"]
        .as_array()
        .unwrap()
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

    let created: Value = client
        .post(format!("{base}/v1/auth/api-keys"))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({"name": "temp", "permissions": ["sessions:read"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["data"]["key"].as_str().unwrap().to_owned();
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
