mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{Client, ADMIN_TOKEN};

const BINARY: &str = env!("CARGO_BIN_EXE_keyturn-sandbox");

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits for the "listening" line on the child's stdout.
fn wait_until_listening(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        match received.recv_timeout(Duration::from_secs(20)) {
            Ok(line) if line.contains("listening") => return line,
            Ok(_) => continue,
            Err(error) => {
                let _ = child.kill();
                panic!("no listening line: {error}");
            }
        }
    }
}

fn spawn(args: &[&str]) -> Child {
    Command::new(BINARY)
        .args(args)
        .env_remove("KEYTURN_SANDBOX_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test]
async fn the_binary_serves_the_veryfi_api() {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = spawn(&["--listen", &listen, "--admin-token", ADMIN_TOKEN]);
    let line = wait_until_listening(&mut child);
    assert_eq!(
        line,
        format!(
            "keyturn-sandbox listening on http://{listen} \
             (Veryfi /api/v8/partner/client-keys, \
             Verifa /api/v1/organizations/{{org_id}}/keys, API keys /v1/api-keys, \
             Kayle ID /v1/auth/api-keys)"
        )
    );

    let keys = Client::for_url(format!("http://{listen}")).list().await;
    assert_eq!(keys.len(), 1);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn the_binary_takes_the_token_from_the_environment_and_exits_cleanly_on_sigterm() {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(BINARY)
        .args(["--listen", &listen])
        .env("KEYTURN_SANDBOX_ADMIN_TOKEN", ADMIN_TOKEN)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until_listening(&mut child);
    assert_eq!(
        Client::for_url(format!("http://{listen}"))
            .list()
            .await
            .len(),
        1
    );

    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
}

#[test]
fn bad_flags_exit_with_status_2_and_usage() {
    let output = spawn(&["--bogus"]).wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--bogus"), "{stderr}");
    assert!(stderr.contains("Usage:"), "{stderr}");

    let output = spawn(&["--listen", "not-an-address", "--admin-token", "x"])
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_token_says_how_to_pass_one() {
    let output = spawn(&["--listen", "127.0.0.1:0"])
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--admin-token"), "{stderr}");
    assert!(stderr.contains("KEYTURN_SANDBOX_ADMIN_TOKEN"), "{stderr}");
}

#[test]
fn help_prints_usage() {
    let output = spawn(&["--help"]).wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("--listen"), "{stdout}");
    assert!(stdout.contains("--state"), "{stdout}");
}

#[tokio::test]
async fn the_binary_seeds_keys_and_installs_faults_from_flags() {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = spawn(&[
        "--listen",
        &listen,
        "--admin-token",
        ADMIN_TOKEN,
        "--seed-keys",
        "7",
        "--seed=5",
        "--fault",
        "GET /v1/api-keys status:503:2",
    ]);
    wait_until_listening(&mut child);
    let admin = reqwest::Client::new();
    let url = format!("http://{listen}/v1/api-keys");
    let faulted = admin
        .get(&url)
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(faulted.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(faulted.headers()["retry-after"], "2");
    let body: serde_json::Value = admin
        .get(&url)
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 7);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_bad_fault_or_seed_flag_exits_with_status_2_naming_it() {
    for args in [
        ["--fault", "POST /v1/api-keys explode"],
        ["--seed-keys", "many"],
        ["--seed", "-1"],
    ] {
        let mut all = vec!["--admin-token", "x"];
        all.extend(args);
        let output = spawn(&all).wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(args[0]), "{stderr}");
    }
}
