//! One module per vendor dialect, each implementing `Vendor`.

pub mod veryfi;

use async_trait::async_trait;

use crate::error::{VendorError, VendorErrorKind};
use crate::model::{ApiKey, Capabilities, CreatedKey, KeyDraft};
use crate::profile::VendorKind;

/// A vendor's key-management API as Keyturn uses it. Nothing outside an adapter
/// names a vendor: callers read `capabilities()` instead.
#[async_trait]
pub trait Vendor: Send + Sync {
    fn kind(&self) -> VendorKind;

    fn capabilities(&self) -> Capabilities;

    async fn list_keys(&self) -> Result<Vec<ApiKey>, VendorError>;

    /// Never retried by the adapter: a lost response may already have created a key.
    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError>;

    async fn delete_key(&self, id: &str) -> Result<(), VendorError>;

    /// Replaces every key at once; only where `capabilities().can_reset`.
    async fn reset_keys(&self) -> Result<Vec<CreatedKey>, VendorError> {
        Err(VendorError::new(
            VendorErrorKind::Unsupported,
            "this vendor cannot reset all keys at once",
        ))
    }
}
