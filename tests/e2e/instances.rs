//! One Keyturn per user data folder. A second launch with the same homes is handed
//! to the first (same session bus) or refused by the data folder's lock (no way to
//! reach the first), and changes nothing: the files stay as they were and the
//! first window still lists keys. Two launched at once leave exactly one running,
//! and the next start on those homes works.

use std::collections::BTreeMap;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use keyturn_e2e::{App, Dirs};

const NO_BUS: (&str, &str) = ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");

/// Every file Keyturn keeps directly in its data and config folders, with its
/// bytes; logs and the lock file itself left out.
fn state_files(dirs: &Dirs) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in [dirs.app_data(), dirs.app_config()] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.file_name().unwrap() != "keyturn.lock" {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn wait_for_exit(child: &mut Child, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} kept running");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether some process holds the data folder's lock (trying it takes it only
/// if nobody does, and lets go at once).
fn lock_is_held(dirs: &Dirs) -> bool {
    let Ok(file) = File::options()
        .write(true)
        .open(dirs.app_data().join("keyturn.lock"))
    else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}

fn output_of(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn a_second_launch_changes_nothing_and_the_first_keeps_working() {
    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    let keys_before = app.shown_key_ids().await;
    let before = state_files(&dirs);
    assert!(
        !before.is_empty(),
        "the first instance has written its state"
    );
    let first_pid = app.app_pid();

    let out = dirs.root().join("second.out");
    let mut handed_over = dirs.launch_direct(&[], &out);
    let refused_out = dirs.root().join("refused.out");
    let mut refused = dirs.launch_direct(&[NO_BUS], &refused_out);
    let status = wait_for_exit(&mut handed_over, "the second launch on the same bus");
    assert!(status.success(), "handed to the first: {status:?}");
    let status = wait_for_exit(&mut refused, "the second launch on another bus");
    assert!(!status.success(), "refused: {status:?}");
    assert!(
        output_of(&refused_out).contains("already running"),
        "the refusal says why: {}",
        output_of(&refused_out)
    );

    assert_eq!(state_files(&dirs), before, "no file changed");
    assert_eq!(app.app_pid(), first_pid, "only the first is running");
    app.click("[data-testid=refresh-button]").await;
    assert_eq!(
        app.wait_for_key_ids(&keys_before).await.len(),
        keys_before.len()
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the built app under Xvfb: run `./x test`"]
async fn two_launched_at_once_leave_one_and_the_next_start_works() {
    for env in [&[][..], &[NO_BUS][..]] {
        let dirs = Dirs::new();
        let mut a = dirs.launch_direct(env, &dirs.root().join("a.out"));
        let mut b = dirs.launch_direct(env, &dirs.root().join("b.out"));
        let deadline = Instant::now() + Duration::from_secs(60);
        let (mut survivor, lost) = loop {
            if let Some(status) = a.try_wait().unwrap() {
                break (b, status);
            }
            if let Some(status) = b.try_wait().unwrap() {
                break (a, status);
            }
            assert!(
                Instant::now() < deadline,
                "both launches kept running ({env:?})"
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(
            survivor.try_wait().unwrap().is_none(),
            "one of the two keeps running ({env:?}; the other ended {lost:?})"
        );
        assert!(
            lock_is_held(&dirs),
            "the survivor holds the data folder ({env:?})"
        );
        unsafe { libc::kill(survivor.id() as i32, libc::SIGTERM) };
        wait_for_exit(&mut survivor, "the survivor after SIGTERM");

        let app = App::launch(&dirs).await;
        app.wait_for("[data-testid=key-row]").await;
        assert!(
            !app.exists("[data-testid=error-message]").await,
            "the next start on those homes works ({env:?})"
        );
        app.quit().await;
    }
}
