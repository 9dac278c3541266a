//! How long creating one key takes with 30,000 keys in a state file (10,000 per seeded
//! dialect). Prints timings; asserts nothing. Run: `cargo bench -p keyturn-sandbox`.

use std::time::{Duration, Instant};

use keyturn_sandbox::{start, SandboxOptions};

const TOKEN: &str = "bench-admin-token";
const CREATES: usize = 30;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let options = SandboxOptions {
        admin_token: TOKEN.into(),
        state_file: Some(dir.path().join("state.json")),
        seed_keys: 10_000,
        ..SandboxOptions::default()
    };
    let started = Instant::now();
    let sandbox = start("127.0.0.1:0".parse().unwrap(), options)
        .await
        .expect("sandbox starts");
    println!(
        "start with 3 x 10,000 seeded keys and first state file write: {:?}",
        started.elapsed()
    );

    let http = reqwest::Client::new();
    let url = format!("{}/v1/api-keys", sandbox.base_url());
    let mut times: Vec<Duration> = Vec::with_capacity(CREATES);
    for n in 0..CREATES {
        let started = Instant::now();
        let response = http
            .post(&url)
            .bearer_auth(TOKEN)
            .body(format!(r#"{{"name": "bench {n}"}}"#))
            .send()
            .await
            .expect("create answered");
        assert!(response.status().is_success());
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "create one key over HTTP ({CREATES} runs): median {:?}, max {:?}",
        times[CREATES / 2],
        times[CREATES - 1]
    );
    let started = Instant::now();
    sandbox.shutdown().await;
    println!(
        "shutdown, folding the journal into the state file: {:?}",
        started.elapsed()
    );
}
