//! A create is never retried blindly. When its answer is lost, list again and
//! report every key that appeared, so no account is left holding keys whose
//! secret nobody saw.

use std::collections::HashSet;

use crate::keys::model::{ApiKey, CreatedKey, KeyDraft};
use crate::vendors::error::VendorError;
use crate::vendors::Vendor;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{error}")]
pub struct CreateFailure {
    pub error: VendorError,
    /// Keys that appeared during the failed create: probably made by it, secret unknown.
    pub orphan_candidates: Vec<ApiKey>,
    /// The re-list itself failed, so orphans may exist that are not listed here.
    pub orphan_check_failed: bool,
}

impl From<VendorError> for CreateFailure {
    fn from(error: VendorError) -> Self {
        Self {
            error,
            orphan_candidates: Vec::new(),
            orphan_check_failed: false,
        }
    }
}

/// The ids an account holds now: the baseline to find orphans against.
pub async fn key_ids(vendor: &dyn Vendor) -> Result<HashSet<String>, VendorError> {
    Ok(vendor
        .list_keys()
        .await?
        .into_iter()
        .map(|k| k.id)
        .collect())
}

/// Keys that are in the account now but were not in `before`. A create that timed
/// out may finish on the vendor's side later, so this can be asked again.
pub async fn orphans_since(
    vendor: &dyn Vendor,
    before: &HashSet<String>,
) -> Result<Vec<ApiKey>, VendorError> {
    let now = vendor.list_keys().await?;
    Ok(now
        .into_iter()
        .filter(|k| !before.contains(&k.id))
        .collect())
}

pub async fn create_key(
    vendor: &dyn Vendor,
    draft: &KeyDraft,
) -> Result<CreatedKey, CreateFailure> {
    let before = key_ids(vendor).await?;
    let error = match vendor.create_key(draft).await {
        Ok(created) => return Ok(created),
        Err(error) if error.is_ambiguous() => error,
        Err(error) => return Err(error.into()),
    };
    match orphans_since(vendor, &before).await {
        Ok(orphan_candidates) => Err(CreateFailure {
            error,
            orphan_candidates,
            orphan_check_failed: false,
        }),
        Err(_) => Err(CreateFailure {
            error,
            orphan_candidates: Vec::new(),
            orphan_check_failed: true,
        }),
    }
}
