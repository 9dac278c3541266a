//! An append-only record of every action taken in Keyturn: when, by which OS
//! user, on which connection and vendor, what, on which key, and how it ended.
//! Never a secret: entries are built from ids, counts and outcomes only.

mod csv;
mod entry;
mod log;
mod query;
mod who;

pub use csv::to_csv;
pub use entry::{AuditAction, AuditEntry};
pub use log::{AuditLog, AuditRead};
pub use query::{AuditConnection, AuditFilter, AuditPage};
pub use who::{os_user, UNKNOWN_USER};
