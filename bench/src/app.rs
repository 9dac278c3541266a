//! One app started the way the figures were taken: tauri-driver (in a
//! process group of its own) starts it when the WebDriver session is requested,
//! with fresh XDG homes; the clock runs from that request.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::processes;

const READY_POLL: Duration = Duration::from_millis(20);
const READY_TIMEOUT: Duration = Duration::from_secs(60);

pub use keyturn_e2e::Dirs;
use keyturn_e2e::Driver;

pub struct Session {
    pub client: Client,
    driver: Driver,
    binary: PathBuf,
    /// When the session was requested (the app starts on that request).
    pub requested: Instant,
    pub requested_wall: SystemTime,
    /// Request → the driver answered with a session.
    pub session_open: Duration,
}

fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

async fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on {port}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Session {
    /// Starts `binary` through a fresh tauri-driver; `log` gets the driver's and the app's output.
    pub async fn start(binary: &Path, homes: &Dirs, log: &Path) -> Self {
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary },
        });
        let mut last_error = None;
        // tauri-driver can take the connection before it can start a session.
        for _ in 0..3 {
            let (port, native_port) = free_ports();
            let driver = Driver::spawn(port, native_port, homes, &[], log);
            wait_for_port(port).await;
            // Let the driver settle, so its own start-up is not counted.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let requested = Instant::now();
            let requested_wall = SystemTime::now();
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.as_object().unwrap().clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => {
                    return Self {
                        client,
                        driver,
                        binary: binary.to_owned(),
                        requested,
                        requested_wall,
                        session_open: requested.elapsed(),
                    }
                }
                Err(error) => {
                    last_error = Some(format!("{error:?}"));
                    drop(driver);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
        panic!(
            "no WebDriver session with {}: {last_error:?} (see {})",
            binary.display(),
            log.display()
        );
    }

    /// Polls the page every 20 ms until `condition` (a JS expression) holds;
    /// returns the time since the session was requested.
    pub async fn ready(&self, condition: &str) -> Duration {
        let script = format!("return !!({condition});");
        let since = Instant::now();
        loop {
            let value = self
                .client
                .execute(&script, vec![])
                .await
                .unwrap_or(Value::Bool(false));
            if value == Value::Bool(true) {
                return self.requested.elapsed();
            }
            assert!(
                since.elapsed() < READY_TIMEOUT,
                "the page never satisfied {condition}"
            );
            tokio::time::sleep(READY_POLL).await;
        }
    }

    pub async fn script(&self, js: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(js, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e:?}\n{js}"))
    }

    pub async fn script_async(&self, js: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(js, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e:?}\n{js}"))
    }

    /// The app process (a descendant of the driver running `binary`).
    pub fn app_pid(&self) -> i32 {
        processes::descendant_running(self.driver.pid() as i32, &self.binary)
            .unwrap_or_else(|| panic!("{} is not running under the driver", self.binary.display()))
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        drop(self.driver);
    }
}
