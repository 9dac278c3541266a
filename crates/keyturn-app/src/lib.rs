//! Keyturn's application layer: what the user can do, one method per action, on
//! top of the domain in keyturn-core. No Tauri here: the desktop shell
//! (src-tauri) maps each IPC command onto one method of [`App`], and the tests
//! drive the same methods without a window.
//!
//! - [`App`] (`app/`): the facade; it owns the started [`Keyturn`], the secrets
//!   held for their reveal, the clipboard guard and the settings.
//! - [`error::CommandError`]: the one error every action returns across IPC.
//! - [`commands`]: the one declaration of the IPC commands, from which the
//!   shell's commands, their permissions and the UI's client are made.
//! - [`bindings`]: the TypeScript types of everything crossing IPC, and the
//!   UI's client of the commands.
//! - [`embedded_sandbox`]: the built-in sandbox started in-process at first start.

pub mod about;
pub mod app;
pub mod bindings;
pub mod clipboard_guard;
pub mod commands;
pub mod embedded_sandbox;
pub mod error;
pub mod keyturn;
pub mod listed_keys;
pub mod locale;
pub mod lock;
pub mod menu;
pub mod reveal;
pub mod rotations;

pub use app::App;
pub use error::CommandError;
pub use keyturn::Keyturn;
