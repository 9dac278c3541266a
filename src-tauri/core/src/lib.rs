//! Keyturn's core: the shared key model, the vendors' key-management clients,
//! secure storage and the embedded sandbox start-up. Nothing here knows Tauri.

pub mod audit;
pub mod bindings;
pub mod clipboard_guard;
pub mod create_guard;
pub mod delete_guard;
pub mod embedded_sandbox;
pub mod error;
pub mod export;
pub mod http;
pub mod instance_lock;
pub mod ipc;
pub mod keyturn;
pub mod model;
pub mod profile;
pub mod profile_file;
pub mod profile_service;
pub mod reveal;
pub mod rotation;
pub mod secrets;
pub mod settings;
pub mod vendors;
pub mod visible_text;
pub mod workspace;

pub use error::{VendorError, VendorErrorKind};
pub use keyturn::Keyturn;
pub use model::{
    ApiKey, Capabilities, CreatedKey, KeyDraft, KeyList, KeyStatus, KeyUpdate, LastUsed, Page,
};
pub use profile::{Environment, ProfileSummary, ProfilesView, VendorKind};
pub use secrets::{KeyringStore, MemoryStore, SecretStore, Sensitive, StoreError};
pub use vendors::Vendor;
pub use workspace::Workspace;
