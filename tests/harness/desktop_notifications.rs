//! The desktop's notification service for real: dunst, on the test's X display
//! and session bus. It draws what it is sent (the README's picture), and
//! `dunstctl` reads back what it received.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct DesktopNotifications {
    daemon: Child,
}

/// One notification as dunst received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub app: String,
    pub summary: String,
    pub body: String,
}

fn dunstctl(args: &[&str]) -> Option<String> {
    let out = Command::new("dunstctl")
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

impl DesktopNotifications {
    /// Starts dunst (`./x test` installs it) and waits until it answers on the bus.
    pub fn start() -> Self {
        let daemon = Command::new("dunst")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dunst is installed (./x test installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while dunstctl(&["count", "displayed"]).is_none() {
            assert!(
                Instant::now() < deadline,
                "dunst did not take the notification service's name"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { daemon }
    }

    /// Waits until dunst shows a notification on the screen.
    pub fn wait_until_shown(&self, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            let shown = dunstctl(&["count", "displayed"])
                .and_then(|n| n.trim().parse::<u32>().ok())
                .unwrap_or(0);
            if shown > 0 {
                return;
            }
            assert!(Instant::now() < deadline, "dunst showed no notification");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Closes what is shown, then reads dunst's history: every notification it got.
    pub fn close_and_read(&self) -> Vec<Received> {
        dunstctl(&["close-all"]).expect("dunstctl close-all");
        std::thread::sleep(Duration::from_millis(300));
        let history: Value =
            serde_json::from_str(&dunstctl(&["history"]).expect("dunstctl history"))
                .expect("dunstctl history is JSON");
        let text =
            |n: &Value, field: &str| n[field]["data"].as_str().unwrap_or_default().to_owned();
        history["data"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|group| group.as_array().cloned().unwrap_or_default())
            .map(|n| Received {
                app: text(&n, "appname"),
                summary: text(&n, "summary"),
                body: text(&n, "body"),
            })
            .collect()
    }
}

impl Drop for DesktopNotifications {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
