//! A stand-in for the desktop's notification service: owns
//! `org.freedesktop.Notifications` on the session bus the app shares with the
//! test, answers as a real server does and records every notification it is
//! sent. Only while it runs does the bus have a notification service.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dbus::blocking::Connection;
use dbus::channel::MatchingReceiver;
use dbus::message::MatchRule;
use dbus::Message;

const NAME: &str = "org.freedesktop.Notifications";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub app_name: String,
    pub summary: String,
    pub body: String,
}

pub struct NotificationServer {
    shown: Arc<Mutex<Vec<Shown>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

fn answer(call: &Message, shown: &Mutex<Vec<Shown>>, next_id: &AtomicU32) -> Message {
    match call.member().as_deref() {
        Some("Notify") => {
            let (app_name, _replaces, _icon, summary, body): (String, u32, String, String, String) =
                match call.read5() {
                    Ok(args) => args,
                    Err(e) => {
                        return call.error(
                            &"org.freedesktop.DBus.Error.InvalidArgs".into(),
                            &std::ffi::CString::new(e.to_string()).unwrap(),
                        )
                    }
                };
            shown.lock().unwrap().push(Shown {
                app_name,
                summary,
                body,
            });
            call.method_return()
                .append1(next_id.fetch_add(1, Ordering::SeqCst))
        }
        Some("GetCapabilities") => call.method_return().append1(vec!["body".to_owned()]),
        Some("GetServerInformation") => call
            .method_return()
            .append3("keyturn-e2e", "keyturn", "1")
            .append1("1.2"),
        Some("CloseNotification") => call.method_return(),
        _ => call.error(
            &"org.freedesktop.DBus.Error.UnknownMethod".into(),
            &std::ffi::CString::new("not a notification method").unwrap(),
        ),
    }
}

impl NotificationServer {
    /// Takes the name on the session bus (`DBUS_SESSION_BUS_ADDRESS`).
    pub fn start() -> Self {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = {
            let shown = shown.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let conn = Connection::new_session().expect("the session bus");
                conn.request_name(NAME, false, true, true)
                    .expect("the notification service's name");
                let next_id = AtomicU32::new(1);
                let recorder = shown.clone();
                conn.start_receive(
                    MatchRule::new_method_call(),
                    Box::new(move |call, conn| {
                        if call.interface().as_deref() == Some(NAME) {
                            let _ = dbus::channel::Sender::send(
                                conn,
                                answer(&call, &recorder, &next_id),
                            );
                        }
                        true
                    }),
                );
                ready_tx.send(()).unwrap();
                while !stop.load(Ordering::SeqCst) {
                    let _ = conn.process(Duration::from_millis(100));
                }
            })
        };
        ready_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the notification service started");
        Self {
            shown,
            stop,
            thread: Some(thread),
        }
    }

    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap().clone()
    }

    /// Waits until a notification whose summary and body contain `needle` is shown.
    pub fn wait_for(&self, needle: &str, within: Duration) -> Shown {
        let deadline = Instant::now() + within;
        loop {
            if let Some(found) = self
                .shown()
                .into_iter()
                .find(|s| s.summary.contains(needle) || s.body.contains(needle))
            {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "no notification said {needle:?}; shown: {:?}",
                self.shown()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for NotificationServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
