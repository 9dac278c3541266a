//! Secrets: the `Sensitive` wrapper and where credentials are kept.

mod keyring_store;
mod memory_store;
mod sensitive;
mod store;

pub use keyring_store::KeyringStore;
pub use memory_store::MemoryStore;
pub use sensitive::Sensitive;
pub use store::{SecretStore, StoreError};
