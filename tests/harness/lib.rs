//! Launches the built Keyturn binary through tauri-driver on a private X display
//! and D-Bus session (`./x test` provides both) and talks to the sandbox it started.

mod app;
mod clipboard_keeper;
mod consumer;
mod desktop_notifications;
mod driver;
mod evidence;
mod files;
mod kayle_server;
mod notification_server;
mod reach;
mod sandbox_api;
mod x_clipboard;

pub use app::{App, Dirs};
pub use clipboard_keeper::{ClipboardKeeper, Seen};
pub use consumer::Consumer;
pub use desktop_notifications::{DesktopNotifications, Received};
pub use driver::Driver;
pub use files::files_containing;
pub use kayle_server::KayleServer;
pub use notification_server::{NotificationServer, Shown};
pub use sandbox_api::{Dialect, SandboxApi};
pub use x_clipboard::{clipboard_targets, clipboard_text, primary_text};
