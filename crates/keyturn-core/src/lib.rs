//! Keyturn's domain: the key model, the vendors' key-management clients, the one
//! HTTP policy, the secrets store, the rotation machine and its journal, the
//! connections and their file, and Keyturn's own files. Nothing here knows Tauri
//! or the sandbox server; the application layer (keyturn-app) joins them.
//!
//! - `attention`: what needs attention across connections, snoozes, the summary.
//! - `keys`: the key model and the guards around creating and revoking.
//! - `connections`: a connection (connection), its saved file, the service editing them.
//! - `vendors`: one folder per vendor, the catalog listing them, their errors.
//! - `http`: the one HTTP policy every request goes through.
//! - `secrets`: the keychain, and `Sensitive<T>` that cannot be serialized.
//! - `rotation`: the pure state machine, its driver and journal.
//! - `storage`: the audit log, settings, exports, the data folder lock.
//! - `workspace`: the open connections and what can be done with their keys.

pub mod attention;
pub mod connections;
pub mod http;
pub mod keys;
pub mod rotation;
pub mod secrets;
pub mod storage;
pub mod vendors;
pub mod visible_text;
pub mod workspace;

pub use connections::connection::{ConnectionSummary, ConnectionsView, Environment, VendorKind};
pub use keys::inventory::{KeyInventory, KeyPage, MAX_PAGE_KEYS};
pub use keys::model::{
    ApiKey, Capabilities, CreatedKey, KeyDraft, KeyList, KeyStatus, KeyUpdate, LastUsed, Page,
};
pub use keys::query::{KeyColumn, KeyQuery, KeySort, SortDirection};
pub use secrets::{KeyringStore, MemoryStore, SecretStore, Sensitive, StoreError};
pub use vendors::error::{VendorError, VendorErrorKind};
pub use vendors::Vendor;
pub use workspace::Workspace;
