//! One thin command per entry of keyturn-app's `with_commands!` list: each takes
//! its IPC arguments and calls one method of `App`. Only what needs Tauri (the
//! save dialog, plain copies, quitting) does more.

mod app;
mod audit;
mod connections;
mod keys;
mod rotation;
mod secrets;

pub use app::*;
pub use audit::*;
pub use connections::*;
pub use keys::*;
pub use rotation::*;
pub use secrets::*;
