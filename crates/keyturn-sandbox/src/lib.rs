//! A local server that speaks vendors' key-management APIs, so Keyturn can be used and
//! tested without a vendor account. See README.md for the wire contract.

mod admin_auth;
mod app_state;
mod clock;
mod connections;
mod consumer;
mod dialects;
mod error;
mod faults;
mod history;
mod json_body;
mod neutral;
mod ordered;
mod query;
mod request_id;
mod reset;
mod secret;
mod seed;
mod server;
mod store;
mod usage;

pub use dialects::veryfi::{VERYFI_CLIENT_ID, VERYFI_USERNAME};
pub use error::SandboxError;
pub use faults::FaultSpec;
pub use server::{start, Sandbox, SandboxOptions, DEFAULT_SEED};
