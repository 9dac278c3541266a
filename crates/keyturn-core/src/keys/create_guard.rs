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

/// The one way a key is created, from the key view and from a rotation alike:
/// the draft checked, the ids before, the create, and on a lost answer the keys
/// that appeared.
pub async fn create_key(
    vendor: &dyn Vendor,
    draft: &KeyDraft,
) -> Result<CreatedKey, CreateFailure> {
    vendor.check_draft(draft)?;
    let before = key_ids(vendor).await?;
    create_key_after(vendor, draft, &before).await
}

/// As `create_key`, with the ids the account held before already known (a
/// rotation wrote them to its journal before asking).
pub async fn create_key_after(
    vendor: &dyn Vendor,
    draft: &KeyDraft,
    before: &HashSet<String>,
) -> Result<CreatedKey, CreateFailure> {
    vendor.check_draft(draft)?;
    let error = match vendor.create_key(draft).await {
        Ok(created) => return Ok(created),
        Err(error) if error.is_ambiguous() => error,
        Err(error) => return Err(error.into()),
    };
    match orphans_since(vendor, before).await {
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

impl CreateFailure {
    /// The audit log's outcome of this failed create, orphans named.
    pub fn audit_outcome(&self) -> String {
        let mut outcome = self.error.audit_outcome();
        if !self.orphan_candidates.is_empty() {
            let ids: Vec<&str> = self
                .orphan_candidates
                .iter()
                .map(|k| k.id.as_str())
                .collect();
            outcome.push_str(&format!("; possible orphan keys: {}", ids.join(", ")));
        }
        outcome
    }
}
