//! tauri-driver in a process group of its own, so that everything it starts
//! (WebKitWebDriver, the app, the app's embedded sandbox) ends with it, on
//! success and on a panic alike.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::app::Dirs;

pub struct Driver {
    child: Child,
    log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver on `port`, its output (and the app's) going to `log`.
    pub fn spawn(
        port: u16,
        native_port: u16,
        dirs: &Dirs,
        env: &[(&str, &str)],
        log: &Path,
    ) -> Self {
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        let out = File::create(log).expect("driver log file");
        let child =
            Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()))
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .env("XDG_CONFIG_HOME", dirs.config())
                .env("XDG_DATA_HOME", dirs.data())
                .env("XDG_CACHE_HOME", dirs.cache())
                .envs(env.iter().copied())
                .stdin(Stdio::null())
                .stdout(out.try_clone().unwrap())
                .stderr(out)
                .process_group(0)
                .spawn()
                .expect("tauri-driver is installed (./x test installs it)");
        Self {
            child,
            log: log.to_owned(),
        }
    }

    /// tauri-driver's process id, which is also its process group's.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn log(&self) -> &Path {
        &self.log
    }

    /// SIGTERM to the whole group, then SIGKILL to whatever is left after a grace period.
    pub fn stop(&mut self) {
        let group = -(self.child.id() as i32);
        unsafe { libc::kill(group, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline && group_alive(group) {
            let _ = self.child.try_wait();
            std::thread::sleep(Duration::from_millis(50));
        }
        unsafe { libc::kill(group, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

/// Whether any process of the group is still there (signal 0 only checks).
fn group_alive(group: i32) -> bool {
    unsafe { libc::kill(group, 0) == 0 }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}
