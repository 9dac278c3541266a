//! When the desktop locks the screen, Keyturn locks too: the screen saver's
//! `ActiveChanged(true)` on the session bus (freedesktop and GNOME names) and
//! logind's `Lock` for this session on the system bus. The window notices
//! within its next check (it asks `is_locked`).

use std::time::Duration;

use dbus::blocking::Connection;
use dbus::message::MatchRule;
use dbus::Message;
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

const SCREEN_SAVERS: [&str; 2] = ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"];

fn lock<R: Runtime>(app: &AppHandle<R>, why: &str) {
    log::info!("locking: {why}");
    app.state::<AppState>().lock_app();
}

fn watch_bus<R: Runtime>(app: AppHandle<R>, conn: Connection, rules: Vec<MatchRule<'static>>) {
    for rule in rules {
        let app = app.clone();
        let added = conn.add_match(rule, move |(): (), _, msg: &Message| {
            let active = msg.get1::<bool>();
            // logind's Lock has no argument; a screen saver's says whether it is on.
            if active.unwrap_or(true) {
                lock(&app, &format!("{:?}.{:?}", msg.interface(), msg.member()));
            }
            true
        });
        if let Err(e) = added {
            log::warn!("screen lock signal not watched: {e}");
        }
    }
    std::thread::spawn(move || loop {
        if let Err(e) = conn.process(Duration::from_secs(5)) {
            log::warn!("screen lock watch ended: {e}");
            return;
        }
    });
}

/// Starts watching; a bus that is not there is skipped (said in the log).
pub fn watch<R: Runtime>(app: &AppHandle<R>) {
    match Connection::new_session() {
        Ok(conn) => {
            let rules = SCREEN_SAVERS
                .iter()
                .map(|i| MatchRule::new_signal(*i, "ActiveChanged"))
                .collect();
            watch_bus(app.clone(), conn, rules);
        }
        Err(e) => log::info!("no session bus, the screen saver is not watched: {e}"),
    }
    let Ok(session) = std::env::var("XDG_SESSION_ID") else {
        return;
    };
    match Connection::new_system() {
        Ok(conn) => {
            let path = format!(
                "/org/freedesktop/login1/session/{}",
                escape_session(&session)
            );
            let rule =
                MatchRule::new_signal("org.freedesktop.login1.Session", "Lock").with_path(path);
            watch_bus(app.clone(), conn, vec![rule]);
        }
        Err(e) => log::info!("no system bus, logind's lock is not watched: {e}"),
    }
}

/// logind's object path for a session id: bytes other than [A-Za-z0-9] as `_xx`.
fn escape_session(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("_{b:02x}")
            }
        })
        .collect()
}
