//! A delete counts as done only when the vendor's own answer says so: its
//! documented success, or a refusal its adapter declares means the key is gone
//! (`Vendor::answer_means_gone`, say a not-found envelope). Any other answer
//! that might mean gone (a 404 page from a proxy, a 409 to a repeat, a lost
//! answer) is settled by listing again: done only if the key is no longer
//! listed, or listed as revoked.

use crate::keys::model::KeyStatus;
use crate::vendors::error::VendorError;
use crate::vendors::Vendor;

pub async fn revoke_key(vendor: &dyn Vendor, id: &str) -> Result<(), VendorError> {
    let error = match vendor.revoke_key(id).await {
        Ok(()) => return Ok(()),
        Err(error) if vendor.answer_means_gone(&error) => return Ok(()),
        Err(error) if might_mean_gone(&error) => error,
        Err(error) => return Err(error),
    };
    match vendor.list_keys().await {
        Ok(keys)
            if !keys
                .iter()
                .any(|k| k.id == id && k.status != KeyStatus::Revoked) =>
        {
            Ok(())
        }
        _ => Err(error),
    }
}

fn might_mean_gone(error: &VendorError) -> bool {
    error.is_ambiguous() || matches!(error.status, Some(400 | 404 | 409 | 410))
}
