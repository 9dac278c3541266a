//! Launches the built Keyturn binary through tauri-driver on a private X display
//! and D-Bus session (`./x test` provides both) and talks to the sandbox it started.

mod app;
mod sandbox_api;

pub use app::{App, Dirs};
pub use sandbox_api::{Dialect, SandboxApi};
