//! A stand-in for a clipboard manager (klipper, parcellite): it remembers what
//! each owner of the X clipboard offered, and when an owner goes away without
//! clearing (its window destroyed, its connection closed) it takes the clipboard
//! over with that content, so the text outlives the program that copied it. An
//! owner that clears the clipboard first leaves nothing to keep. Without such a
//! process an X clipboard empties when its owner exits, whatever the app did.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xfixes::{ConnectionExt as _, SelectionEvent, SelectionEventMask};
use x11rb::protocol::xproto::ConnectionExt as _;
use x11rb::protocol::Event;

use crate::x_clipboard::clipboard_text;

const WAIT: Duration = Duration::from_secs(20);

/// What the keeper saw happen to the clipboard's owner, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// A new owner; what it offered (`None`: no text could be read).
    Offered(Option<String>),
    /// The owner gave the clipboard up on purpose: nothing is kept.
    Cleared,
    /// The owner went away holding it; `kept` tells whether the keeper took over.
    OwnerGone { kept: bool },
}

#[derive(Default)]
struct Shared {
    seen: Vec<Seen>,
    last: Option<String>,
    serving: Option<Child>,
}

pub struct ClipboardKeeper {
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ClipboardKeeper {
    /// Watches the CLIPBOARD selection of `$DISPLAY`; ready when this returns.
    pub fn start() -> Self {
        let (conn, screen) = x11rb::connect(None).expect("the X display of the test");
        let root = conn.setup().roots[screen].root;
        conn.xfixes_query_version(5, 0)
            .unwrap()
            .reply()
            .expect("the X server has XFIXES");
        let clipboard = conn
            .intern_atom(false, b"CLIPBOARD")
            .unwrap()
            .reply()
            .unwrap()
            .atom;
        conn.xfixes_select_selection_input(
            root,
            clipboard,
            SelectionEventMask::SET_SELECTION_OWNER
                | SelectionEventMask::SELECTION_WINDOW_DESTROY
                | SelectionEventMask::SELECTION_CLIENT_CLOSE,
        )
        .unwrap()
        .check()
        .expect("XFIXES selection events");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (shared, stop) = (shared.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match conn.poll_for_event().expect("X connection") {
                        Some(Event::XfixesSelectionNotify(event)) => {
                            on_owner_change(&shared, event.subtype, event.owner)
                        }
                        Some(_) => {}
                        None => std::thread::sleep(Duration::from_millis(20)),
                    }
                }
            })
        };
        Self {
            shared,
            stop,
            thread: Some(thread),
        }
    }

    /// Waits until the keeper has read `text` from the clipboard; returns a
    /// mark for `departure_after`.
    pub fn wait_until_remembers(&self, text: &str) -> usize {
        let deadline = Instant::now() + WAIT;
        loop {
            {
                let shared = self.shared.lock().unwrap();
                if shared.last.as_deref() == Some(text) {
                    return shared.seen.len();
                }
            }
            assert!(
                Instant::now() < deadline,
                "the clipboard keeper never saw the copied text"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the owner seen before `mark` to clear the clipboard or go away,
    /// and for the keeper to have acted on it.
    pub fn departure_after(&self, mark: usize) -> Seen {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(seen) = self.shared.lock().unwrap().seen[mark..]
                .iter()
                .find(|s| !matches!(s, Seen::Offered(_)))
            {
                return seen.clone();
            }
            assert!(
                Instant::now() < deadline,
                "the clipboard's owner neither cleared it nor went away"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn on_owner_change(shared: &Mutex<Shared>, subtype: SelectionEvent, owner: u32) {
    if subtype == SelectionEvent::SET_SELECTION_OWNER {
        if owner == x11rb::NONE {
            let mut state = shared.lock().unwrap();
            state.last = None;
            state.seen.push(Seen::Cleared);
            return;
        }
        // Read outside the lock: xclip asks the new owner, which may take a moment.
        let offered = clipboard_text();
        let mut state = shared.lock().unwrap();
        if state.serving.is_some() {
            if offered.is_some() && offered == state.last {
                // The keeper's own copy has taken over.
                return;
            }
            stop_serving(&mut state);
        }
        if offered.is_some() {
            state.last = offered.clone();
        }
        state.seen.push(Seen::Offered(offered));
        return;
    }
    // SELECTION_WINDOW_DESTROY or SELECTION_CLIENT_CLOSE: the owner is gone.
    let mut state = shared.lock().unwrap();
    if state.serving.is_some() {
        return;
    }
    let kept = match state.last.clone() {
        Some(text) => {
            state.serving = Some(serve(&text));
            true
        }
        None => false,
    };
    drop(state);
    if kept {
        wait_until_served(shared);
    }
    shared.lock().unwrap().seen.push(Seen::OwnerGone { kept });
}

/// `xclip -i` in the foreground owns the clipboard with `text` until it is ended.
fn serve(text: &str) -> Child {
    let mut child = Command::new("xclip")
        .args(["-i", "-selection", "clipboard", "-quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xclip is installed (./x test installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child
}

fn wait_until_served(shared: &Mutex<Shared>) {
    let expected = shared.lock().unwrap().last.clone();
    let deadline = Instant::now() + WAIT;
    while clipboard_text() != expected {
        assert!(
            Instant::now() < deadline,
            "the keeper's xclip never took the clipboard"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn stop_serving(state: &mut Shared) {
    if let Some(mut child) = state.serving.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for ClipboardKeeper {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        stop_serving(&mut self.shared.lock().unwrap_or_else(|p| p.into_inner()));
    }
}
