use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

use crate::driver::Driver;
use crate::evidence::{self, e2e_dir, test_name};

const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// The app's private config, data and cache homes, fresh for each test.
pub struct Dirs {
    root: TempDir,
}

impl Dirs {
    pub fn new() -> Self {
        let dirs = Self {
            root: tempfile::tempdir().expect("temp dir"),
        };
        for dir in [dirs.config(), dirs.data(), dirs.cache()] {
            std::fs::create_dir_all(dir).unwrap();
        }
        dirs
    }
    pub fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }
    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }
    pub fn cache(&self) -> PathBuf {
        self.root.path().join("cache")
    }
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// Keyturn's own data and config folders under these homes.
    pub fn app_data(&self) -> PathBuf {
        self.data().join("io.keyturn.desktop")
    }
    pub fn app_config(&self) -> PathBuf {
        self.config().join("io.keyturn.desktop")
    }

    /// The built binary started straight, with these homes and no driver; its
    /// output goes to `output` (stdout and stderr together). `env` adds or
    /// overrides variables, e.g. another session bus.
    pub fn launch_direct(&self, env: &[(&str, &str)], output: &Path) -> std::process::Child {
        let out = std::fs::File::create(output).expect("output file");
        Command::new(required_env("KEYTURN_APP_BINARY"))
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_CACHE_HOME", self.cache())
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .expect("the app binary starts")
    }
}

impl Default for Dirs {
    fn default() -> Self {
        Self::new()
    }
}

pub struct App {
    pub client: Client,
    driver: Driver,
    webdriver: String,
    session: String,
    app_logs: PathBuf,
}

fn required_env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: end-to-end tests run through `./x test`, which builds the app and starts Xvfb and D-Bus")
    })
}

/// Two different free ports: both listeners are held until both are known, so the
/// second cannot be the first one handed out again.
fn two_free_ports() -> (u16, u16) {
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
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl App {
    /// Starts the real binary (KEYTURN_APP_BINARY) with the given homes.
    pub async fn launch(dirs: &Dirs) -> Self {
        Self::launch_with(dirs, &[]).await
    }

    /// As `launch`, with extra environment for the app (e.g. a GTK theme).
    pub async fn launch_with(dirs: &Dirs, env: &[(&str, &str)]) -> Self {
        let binary = required_env("KEYTURN_APP_BINARY");
        required_env("DISPLAY");
        required_env("DBUS_SESSION_BUS_ADDRESS");
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary },
        });
        // tauri-driver can accept the connection before it is ready to start a
        // session; a fresh driver on fresh ports gets another go, twice at most.
        static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
        let mut last_error = None;
        for _attempt in 0..3 {
            let (port, native_port) = two_free_ports();
            let n = LAUNCHES.fetch_add(1, Ordering::Relaxed);
            let log = e2e_dir()
                .join("logs")
                .join(format!("{}-{n}.log", test_name()));
            let driver = Driver::spawn(port, native_port, dirs, env, &log);
            wait_for_port(port).await;
            let webdriver = format!("http://127.0.0.1:{port}");
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.as_object().unwrap().clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => {
                    let session = client
                        .session_id()
                        .await
                        .ok()
                        .flatten()
                        .expect("a WebDriver session has an id");
                    return Self {
                        client,
                        driver,
                        webdriver,
                        session,
                        app_logs: dirs.data().join("io.keyturn.desktop/logs"),
                    };
                }
                Err(error) => {
                    last_error = Some(format!("{error:?} (driver log: {})", log.display()));
                    drop(driver);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
        panic!("no WebDriver session with the app: {last_error:?}");
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(STARTUP_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// The element's text, read again if it was re-rendered in between.
    pub async fn text_of(&self, css: &str) -> String {
        for _ in 0..50 {
            if let Ok(text) = self.wait_for(css).await.text().await {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} kept changing while it was read");
    }

    /// The ids of the rows in the key table, in display order. The table may
    /// re-render while it is read (a refresh, a poll): then it is read again.
    pub async fn shown_key_ids(&self) -> Vec<String> {
        for _ in 0..50 {
            if let Some(ids) = self.read_key_ids().await {
                return ids;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the key table kept changing while it was read");
    }

    async fn read_key_ids(&self) -> Option<Vec<String>> {
        let rows = self
            .client
            .find_all(Locator::Css("[data-testid=key-row]"))
            .await
            .ok()?;
        let mut ids = Vec::new();
        for row in rows {
            ids.push(
                row.attr("data-key-id")
                    .await
                    .ok()?
                    .expect("row has data-key-id"),
            );
        }
        Some(ids)
    }

    /// Polls until the table shows `count` rows, returning their ids.
    pub async fn wait_for_key_count(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ids = self.shown_key_ids().await;
            if ids.len() == count || Instant::now() > deadline {
                return ids;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Replaces the text of an input.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Clicks once the element is there and can take a click (not disabled, not
    /// covered); controls are briefly disabled while the app loads. The element is
    /// first scrolled fully into view, as a person would: WebKitWebDriver does not
    /// scroll an element its scroll container shows only in part.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let element = self.wait_for(css).await;
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' });",
                    vec![serde_json::to_value(&element).unwrap()],
                )
                .await;
            // A disabled button takes a WebDriver click and does nothing; a user waits.
            if !element.is_enabled().await.unwrap_or(true) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            match element.click().await {
                Ok(()) => return,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => {
                    let why = self.why_not_clickable(css).await;
                    panic!("could not click {css}: {e:?}; {why}")
                }
            }
        }
    }

    async fn click_element(&self, element: &Element) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Err(e) = element.click().await {
            assert!(Instant::now() < deadline, "could not click: {e}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Chooses the option with `value` in a `<select>`.
    pub async fn choose(&self, select_css: &str, value: &str) {
        self.click(&format!("{select_css} option[value=\"{value}\"]"))
            .await;
    }

    /// Polls until the element's text contains `needle`; returns the text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never said {needle:?}; it says {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The current value of an input (its property, not the attribute it started with).
    pub async fn value_of(&self, css: &str) -> String {
        for _ in 0..50 {
            if let Ok(value) = self.wait_for(css).await.prop("value").await {
                return value.unwrap_or_default();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} kept changing while it was read");
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
    }

    /// Runs a script in the page and returns its result as text.
    pub async fn script(&self, js: &str) -> String {
        let value = self.client.execute(js, vec![]).await.unwrap();
        value
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| value.to_string())
    }

    pub async fn page_source(&self) -> String {
        self.client.source().await.unwrap()
    }

    /// Clicks the first element matching `css` that is a checkbox or radio and not
    /// yet checked, unless one is already checked.
    pub async fn ensure_one_checked(&self, css: &str) {
        let boxes = self.client.find_all(Locator::Css(css)).await.unwrap();
        for b in &boxes {
            if b.prop("checked").await.unwrap().as_deref() == Some("true") {
                return;
            }
        }
        if let Some(first) = boxes.first() {
            first.click().await.unwrap();
        }
    }

    /// Clicks the sidebar entry with this name and waits until its keys are shown.
    pub async fn open_connection(&self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            for button in self
                .client
                .find_all(Locator::Css("[data-testid=connection-button]"))
                .await
                .unwrap()
            {
                // The title is the full name (plus its shortcut); the visible text may be cut.
                let title = button.attr("title").await.unwrap().unwrap_or_default();
                if title == name || title.starts_with(&format!("{name} (")) {
                    self.click_element(&button).await;
                    break;
                }
            }
            let heading = self.text_of("[data-testid=connection-info-name]").await;
            if heading == name {
                return;
            }
            if Instant::now() > deadline {
                let shot = self.save_screenshot("failure-open-connection").await;
                panic!(
                    "could not open connection {name}; showing {heading} (see {})",
                    shot.display()
                );
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Polls until the table shows exactly `expected` (in any order); returns what it shows.
    pub async fn wait_for_key_ids(&self, expected: &[String]) -> Vec<String> {
        let mut expected = expected.to_vec();
        expected.sort();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut shown = self.shown_key_ids().await;
            shown.sort();
            if shown == expected || Instant::now() > deadline {
                return shown;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Resolves once the page's fonts are in and two frames have been painted
    /// since: what a screenshot then shows is what the DOM says.
    async fn settle_paint(&self) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() =>
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
                vec![],
            )
            .await;
    }

    pub async fn save_screenshot(&self, name: &str) -> PathBuf {
        self.settle_paint().await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = e2e_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// A picture of the window from the X server's screen, its menu bar and modal
    /// dialogs included (WebDriver's screenshot leaves out the dialog top layer).
    /// With no window manager on Xvfb the window sits at the top-left corner.
    pub async fn save_window_screenshot(&self, name: &str) -> PathBuf {
        self.save_screen_part(name, false).await
    }

    /// The whole X screen: the window and what other programs show beside it
    /// (the desktop's notifications).
    pub async fn save_screen_screenshot(&self, name: &str) -> PathBuf {
        self.save_screen_part(name, true).await
    }

    /// The window's part of the screen, or the screen's full width beside it.
    async fn save_screen_part(&self, name: &str, full_width: bool) -> PathBuf {
        self.settle_paint().await;
        let dir = e2e_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        // WebKit on Xvfb can leave the screen a frame behind the page until some
        // input arrives; a pointer move makes it paint what the DOM shows.
        let (wx, wy) = window_size();
        let (w, h) = (if full_width { wx.max(1280) } else { wx }, wy);
        for (x, y) in [(wx - 10, wy - 10), (wx - 5, wy - 5)] {
            let _ = Command::new("xdotool")
                .args(["mousemove", &x.to_string(), &y.to_string()])
                .status();
            tokio::time::sleep(Duration::from_millis(400)).await;
        }
        let status = Command::new("import")
            .args([
                "-window",
                "root",
                "-crop",
                &format!("{w}x{h}+0+0"),
                "+repage",
            ])
            .arg(&path)
            .status()
            .expect("ImageMagick's import is installed");
        assert!(status.success(), "import of the screen failed");
        path
    }

    /// Waits until a top-level X window has exactly this title (xdotool reads
    /// `_NET_WM_NAME`, as a desktop's window list does).
    pub async fn wait_for_window_title(&self, title: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = Command::new("xdotool")
                .args(["search", "--name", &format!("^{}$", regex_escape(title))])
                .output()
                .map(|o| o.status.success() && !o.stdout.is_empty())
                .unwrap_or(false);
            if found {
                return;
            }
            assert!(Instant::now() < deadline, "no window is titled {title:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// SIGKILL to the app process (not to the driver), as a crash would.
    pub fn kill_app(&self) {
        let binary = required_env("KEYTURN_APP_BINARY");
        let status = Command::new("pkill")
            .args(["-KILL", "-f", &format!("^{binary}")])
            .status()
            .expect("pkill");
        assert!(status.success(), "the app was running and got SIGKILL");
        std::thread::sleep(Duration::from_millis(500));
    }

    /// The app process's id (the driver's children are not it).
    pub fn app_pid(&self) -> i32 {
        let binary = required_env("KEYTURN_APP_BINARY");
        let output = Command::new("pgrep")
            .args(["-f", &format!("^{binary}")])
            .output()
            .expect("pgrep");
        let pids: Vec<i32> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        assert_eq!(pids.len(), 1, "exactly one app process runs: {pids:?}");
        pids[0]
    }

    /// Sends `signal` to the app process (not to the driver), as a logout, `kill`
    /// or Ctrl+C in its terminal would; returns its pid.
    pub fn signal_app(&self, signal: i32) -> i32 {
        let pid = self.app_pid();
        assert_eq!(
            unsafe { libc::kill(pid, signal) },
            0,
            "signal sent to {pid}"
        );
        pid
    }

    /// Waits until the app process has ended (a zombie its parent has not yet
    /// reaped counts as ended).
    pub fn wait_for_exit(pid: i32) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while process_alive(pid) {
            assert!(Instant::now() < deadline, "the app ({pid}) did not exit");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What stands between the pointer and the element: its box, the viewport,
    /// and what the page has at the element's centre.
    pub async fn why_not_clickable(&self, css: &str) -> String {
        let js = r#"
            const el = document.querySelector(arguments[0]);
            if (!el) return "it is not in the page";
            const r = el.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            const name = (n) => n ? n.tagName.toLowerCase() + (n.dataset.testid ? `[data-testid=${n.dataset.testid}]` : "") + (n.className && typeof n.className === "string" ? "." + n.className.trim().split(/\s+/).join(".") : "") : "nothing";
            return `its box is ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)} in a ${innerWidth}x${innerHeight} viewport; disabled=${!!el.disabled}; at its centre is ${hit === el || el.contains(hit) ? "the element itself" : name(hit)}`;
        "#;
        match self.client.execute(js, vec![json!(css)]).await {
            Ok(v) => v.as_str().unwrap_or_default().to_owned(),
            Err(e) => format!("the page could not be asked: {e:?}"),
        }
    }

    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

/// Running, and not a zombie: `/proc/<pid>/stat`'s state after the command name.
pub fn process_alive(pid: i32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z") | Some("X") | None)
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let dir = evidence::collect(
                &self.webdriver,
                &self.session,
                self.driver.log(),
                &self.app_logs,
            );
            eprintln!(
                "end-to-end evidence (screen, DOM, app log): {}",
                dir.display()
            );
        }
    }
}

/// The size of Keyturn's shown window (its title ends in "Keyturn"), as X has it.
fn window_size() -> (u32, u32) {
    let out = Command::new("xdotool")
        .args([
            "search",
            "--onlyvisible",
            "--name",
            "Keyturn$",
            "getwindowgeometry",
            "--shell",
        ])
        .output()
        .expect("xdotool is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.parse::<u32>().ok())
            .unwrap_or_else(|| panic!("no {name} in xdotool's geometry: {text}"))
    };
    (field("WIDTH="), field("HEIGHT="))
}

/// `text` as a POSIX regular expression matching only itself (xdotool's `--name`).
fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if "\\.^$|()[]{}*+?".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}
