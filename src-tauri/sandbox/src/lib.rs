//! A local server that speaks vendors' key-management APIs, so Keyturn can be used and
//! tested without a vendor account.

mod app_state;
mod dialects;
mod error;
mod request_id;
mod secret;
mod server;
mod store;

pub use dialects::veryfi::{VERYFI_CLIENT_ID, VERYFI_USERNAME};
pub use error::SandboxError;
pub use server::{start, Sandbox, SandboxOptions};
