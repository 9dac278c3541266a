//! What a failed end-to-end test leaves behind: a picture of the screen (dialogs
//! included), the page's DOM and the app's log, under
//! `target/e2e/failures/<test>/`, with the path printed beside the failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use base64::Engine;

pub fn e2e_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e")
}

/// The running test's name (libtest names each test's thread after it).
pub fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .replace("::", "-")
}

/// Collects what can still be collected; each part failing alone is noted, not fatal.
pub fn collect(webdriver: &str, session: &str, driver_log: &Path, app_logs: &Path) -> PathBuf {
    let dir = e2e_dir().join("failures").join(test_name());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let mut notes = Vec::new();

    match webdriver_get(webdriver, session, "screenshot") {
        Ok(png) => match base64::engine::general_purpose::STANDARD.decode(png) {
            Ok(bytes) => {
                let _ = std::fs::write(dir.join("page.png"), bytes);
            }
            Err(e) => notes.push(format!("page screenshot not base64: {e}")),
        },
        Err(e) => notes.push(format!("no page screenshot: {e}")),
    }

    // WebKit on Xvfb may leave the screen a frame behind until some input arrives.
    for (x, y) in [(700, 400), (705, 405)] {
        let _ = Command::new("xdotool")
            .args(["mousemove", &x.to_string(), &y.to_string()])
            .status();
        std::thread::sleep(Duration::from_millis(300));
    }
    let screen = dir.join("screen.png");
    match Command::new("import")
        .args(["-window", "root"])
        .arg(&screen)
        .status()
    {
        Ok(s) if s.success() => {}
        other => notes.push(format!("screen capture failed: {other:?}")),
    }

    match webdriver_get(webdriver, session, "source") {
        Ok(dom) => {
            let _ = std::fs::write(dir.join("dom.html"), dom);
        }
        Err(e) => notes.push(format!("no DOM: {e}")),
    }

    if let Err(e) = std::fs::copy(driver_log, dir.join("driver.log")) {
        notes.push(format!("no driver log ({}): {e}", driver_log.display()));
    }
    match std::fs::read_dir(app_logs) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let _ = std::fs::copy(entry.path(), dir.join(entry.file_name()));
            }
        }
        Err(e) => notes.push(format!("no app log in {}: {e}", app_logs.display())),
    }
    if !notes.is_empty() {
        let _ = std::fs::write(dir.join("notes.txt"), notes.join("\n"));
    }
    dir
}

/// A text value of the session (`source`, `screenshot`) through the WebDriver
/// protocol itself: this runs while the test's own runtime is unwinding, so it
/// cannot use the test's client.
fn webdriver_get(webdriver: &str, session: &str, what: &str) -> Result<String, String> {
    let url = format!("{webdriver}/session/{session}/{what}");
    let what = what.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async move {
            let body: serde_json::Value = reqwest::Client::new()
                .get(&url)
                .timeout(Duration::from_secs(10))
                .send()
                .await
                .map_err(|e| e.to_string())?
                .json()
                .await
                .map_err(|e| e.to_string())?;
            body["value"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("no {what} in the answer"))
        })
    })
    .join()
    .map_err(|_| "the DOM reader panicked".to_owned())?
}
