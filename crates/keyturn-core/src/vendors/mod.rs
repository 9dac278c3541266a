//! One folder per vendor, each implementing `Vendor` (its client) and
//! `VendorAccount` (its `account.rs`: catalog entry, account fields, how to connect).
//!
//! A new vendor is its folder, its `pub mod` line and its line in `vendors!` below.

#[macro_use]
mod registry;
pub mod account;
pub mod catalog;
pub mod credential;
pub mod error;

pub mod api_keys;
pub mod kayle;
pub mod verifa;
pub mod veryfi;

vendors! {
    Veryfi => veryfi::account::VeryfiAccount,
    Verifa => verifa::account::VerifaAccount,
    ApiKeys => api_keys::account::ApiKeysAccount,
    Kayle => kayle::account::KayleAccount,
}

use async_trait::async_trait;

use crate::keys::model::{ApiKey, Capabilities, CreatedKey, KeyDraft, KeyUpdate, Page};
use crate::secrets::Sensitive;
use crate::vendors::error::{VendorError, VendorErrorKind};

/// A runaway cursor must not loop forever: 1,000 pages of 100 is 100,000 keys.
pub const MAX_PAGES: usize = 1_000;
/// Nor may pages of a hostile size fill memory: past this many keys, listing stops.
pub const MAX_KEYS: usize = 100_000;

/// A vendor's key-management API as Keyturn uses it. Nothing outside an adapter
/// names a vendor: callers read `capabilities()` instead.
#[async_trait]
pub trait Vendor: Send + Sync {
    fn kind(&self) -> VendorKind;

    fn capabilities(&self) -> Capabilities;

    /// One page of keys; `cursor` is `None` for the first and then the previous page's `next`.
    async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError>;

    /// Every key, page after page.
    async fn list_keys(&self) -> Result<Vec<ApiKey>, VendorError> {
        let mut keys = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self.list_page(cursor.as_deref()).await?;
            keys.extend(page.items);
            if keys.len() > MAX_KEYS {
                return Err(VendorError::new(
                    VendorErrorKind::InvalidResponse,
                    format!("the vendor listed more than {MAX_KEYS} keys; stopped listing"),
                ));
            }
            match page.next {
                Some(next) if Some(&next) != cursor.as_ref() => cursor = Some(next),
                _ => return Ok(keys),
            }
        }
        Err(VendorError::new(
            VendorErrorKind::InvalidResponse,
            format!("the vendor kept returning more pages after {MAX_PAGES}; stopped listing"),
        ))
    }

    /// Refuses a draft that breaks the vendor's rules, before anything is sent.
    /// Callers go through `create_guard::create_key`, which asks this first.
    fn check_draft(&self, _draft: &KeyDraft) -> Result<(), VendorError> {
        Ok(())
    }

    /// Never retried: a lost response may already have created a key.
    async fn create_key(&self, draft: &KeyDraft) -> Result<CreatedKey, VendorError>;

    /// Revokes or deletes, as the vendor does it. Callers go through
    /// `revoke_guard::revoke_key`, which settles an unclear answer.
    async fn revoke_key(&self, id: &str) -> Result<(), VendorError>;

    /// Whether this refusal of a delete is the vendor's own way of saying the key
    /// is already gone (its not-found or already-revoked envelope). A status
    /// alone never is: a proxy can answer 404 too.
    fn answer_means_gone(&self, _refusal: &VendorError) -> bool {
        false
    }

    /// Renames, disables or enables; only where the capabilities say so.
    async fn update_key(&self, _id: &str, _update: &KeyUpdate) -> Result<ApiKey, VendorError> {
        Err(unsupported("change a key"))
    }

    /// One real authenticated call made with a key just created, to prove it works
    /// before consumers move to it; only where the vendor's API accepts its own keys.
    async fn test_key(&self, _secret: &Sensitive<String>) -> Result<(), VendorError> {
        Err(unsupported("be called with the new key from Keyturn"))
    }

    /// Replaces every key at once; only where `capabilities().can_reset`.
    async fn reset_keys(&self) -> Result<Vec<CreatedKey>, VendorError> {
        Err(unsupported("reset all keys at once"))
    }
}

pub fn unsupported(what: &str) -> VendorError {
    VendorError::new(
        VendorErrorKind::Unsupported,
        format!("this vendor's API cannot {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Serves `pages` pages of one key each, then stops, counting calls.
    struct Paged {
        pages: usize,
        calls: AtomicUsize,
        stuck_cursor: bool,
    }

    #[async_trait]
    impl Vendor for Paged {
        fn kind(&self) -> VendorKind {
            VendorKind::Kayle
        }
        fn capabilities(&self) -> Capabilities {
            unreachable!()
        }
        async fn list_page(&self, cursor: Option<&str>) -> Result<Page<ApiKey>, VendorError> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let index: usize = cursor.map_or(0, |c| c.parse().unwrap());
            let next = if self.stuck_cursor {
                Some("1".to_owned())
            } else {
                (index + 1 < self.pages).then(|| (index + 1).to_string())
            };
            Ok(Page {
                items: vec![ApiKey::new(format!("k{index}"))],
                next,
                total: None,
            })
        }
        async fn create_key(&self, _: &KeyDraft) -> Result<CreatedKey, VendorError> {
            unreachable!()
        }
        async fn revoke_key(&self, _: &str) -> Result<(), VendorError> {
            unreachable!()
        }
    }

    #[tokio::test]
    async fn list_keys_follows_every_page_in_order() {
        let vendor = Paged {
            pages: 3,
            calls: AtomicUsize::new(0),
            stuck_cursor: false,
        };
        let ids: Vec<String> = vendor
            .list_keys()
            .await
            .unwrap()
            .into_iter()
            .map(|k| k.id)
            .collect();
        assert_eq!(ids, ["k0", "k1", "k2"]);
        assert_eq!(vendor.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_cursor_that_does_not_move_ends_the_list() {
        let vendor = Paged {
            pages: 0,
            calls: AtomicUsize::new(0),
            stuck_cursor: true,
        };
        let keys = vendor.list_keys().await.unwrap();
        assert_eq!(
            keys.len(),
            2,
            "first page, then the repeated cursor stops it"
        );
    }
}
