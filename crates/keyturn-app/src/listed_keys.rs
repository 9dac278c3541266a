//! The keys last listed for each connection, held so that searching, sorting
//! and scrolling ask Keyturn, not the vendor. A listing replaces what is held;
//! Keyturn's own changes (create, revoke, enable, reset) are applied in place.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use keyturn_core::keys::lookup::{lookup, KeyLookup};
use keyturn_core::{ApiKey, KeyInventory, KeyList, KeyPage, KeyQuery, KeyStatus, MAX_PAGE_KEYS};

use crate::error::CommandError;

/// The held listings while [`ListedKeys::with_listings`] reads them.
pub struct HeldListings<'a>(&'a HashMap<String, KeyInventory>);

impl<'a> HeldListings<'a> {
    pub fn get(&self, connection_id: &str) -> Option<&'a KeyList> {
        self.0.get(connection_id).map(KeyInventory::list)
    }
}

#[derive(Default)]
pub struct ListedKeys {
    by_connection: Mutex<HashMap<String, KeyInventory>>,
}

impl ListedKeys {
    fn held(&self) -> MutexGuard<'_, HashMap<String, KeyInventory>> {
        // A panic elsewhere cannot leave an inventory half-changed: each change is one call.
        self.by_connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Holds `list` in place of what was held, and answers its first page.
    pub fn hold(&self, list: KeyList, query: &KeyQuery, limit: usize) -> KeyPage {
        let connection_id = list.connection_id.clone();
        let inventory = KeyInventory::new(list);
        let page = inventory.page(query, 0, limit, Utc::now());
        self.held().insert(connection_id, inventory);
        page
    }

    pub fn page(
        &self,
        connection_id: &str,
        query: &KeyQuery,
        offset: usize,
        limit: usize,
    ) -> Result<KeyPage, CommandError> {
        let held = self.held();
        let inventory = held
            .get(connection_id)
            .ok_or_else(|| not_listed(connection_id))?;
        Ok(inventory.page(query, offset, limit, Utc::now()))
    }

    /// One held key; `None` when the listing did not have it.
    pub fn key(&self, connection_id: &str, key_id: &str) -> Result<Option<ApiKey>, CommandError> {
        let held = self.held();
        let inventory = held
            .get(connection_id)
            .ok_or_else(|| not_listed(connection_id))?;
        Ok(inventory.key(key_id).cloned())
    }

    /// Holds `list` in place of what was held.
    pub fn hold_list(&self, list: KeyList) {
        let connection_id = list.connection_id.clone();
        self.held().insert(connection_id, KeyInventory::new(list));
    }

    /// Searches the held listings of `connection_ids`, in that order.
    pub fn lookup(
        &self,
        connection_ids: &[String],
        search: &str,
        per_connection: usize,
        now: DateTime<Utc>,
    ) -> KeyLookup {
        let held = self.held();
        let (listed, not_listed): (Vec<&String>, Vec<&String>) =
            connection_ids.iter().partition(|id| held.contains_key(*id));
        KeyLookup {
            groups: lookup(
                listed.into_iter().filter_map(|id| held.get(id)),
                search,
                per_connection.min(MAX_PAGE_KEYS),
                now,
            ),
            not_listed: not_listed.into_iter().cloned().collect(),
        }
    }

    /// When the held listing of the connection was fetched, if it was listed this run.
    pub fn fetched_at(&self, connection_id: &str) -> Option<DateTime<Utc>> {
        self.held().get(connection_id).map(KeyInventory::fetched_at)
    }

    /// The held listing of the connection, if it was listed this run.
    pub fn listing(&self, connection_id: &str) -> Option<KeyList> {
        self.held()
            .get(connection_id)
            .map(|inventory| inventory.list().clone())
    }

    /// Every held listing, borrowed for one computation (what needs attention,
    /// the report) rather than copied: 50 connections of 10,000 keys are not cloned.
    pub fn with_listings<R>(&self, read: impl FnOnce(HeldListings<'_>) -> R) -> R {
        let held = self.held();
        read(HeldListings(&held))
    }

    /// A key created or changed by Keyturn.
    pub fn upsert(&self, connection_id: &str, key: ApiKey) {
        if let Some(inventory) = self.held().get_mut(connection_id) {
            inventory.upsert(key);
        }
    }

    /// A key Keyturn revoked: marked revoked where the vendor keeps listing
    /// revoked keys, gone where it does not.
    pub fn revoked(&self, connection_id: &str, key_id: &str) {
        let mut held = self.held();
        let Some(inventory) = held.get_mut(connection_id) else {
            return;
        };
        if !inventory.capabilities().revoked_keys_listed {
            inventory.remove(key_id);
        } else if let Some(key) = inventory.key(key_id) {
            let mut key = key.clone();
            key.status = KeyStatus::Revoked;
            key.revoked_at = Some(Utc::now());
            inventory.upsert(key);
        }
    }

    /// The connection's keys replaced by `keys` (a sandbox reset).
    pub fn replace_keys(&self, connection_id: &str, keys: Vec<ApiKey>) {
        if let Some(inventory) = self.held().get_mut(connection_id) {
            inventory.replace_keys(keys);
        }
    }

    pub fn forget(&self, connection_id: &str) {
        self.held().remove(connection_id);
    }
}

fn not_listed(connection_id: &str) -> CommandError {
    CommandError::KeysNotListed {
        connection_id: connection_id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyturn_core::keys::model::{Capabilities, LastUsedFields, ScopeChoice};

    fn list(connection_id: &str, key_ids: &[&str]) -> KeyList {
        KeyList {
            connection_id: connection_id.into(),
            keys: key_ids.iter().map(|id| ApiKey::new(*id)).collect(),
            capabilities: Capabilities {
                name_label: "Name".into(),
                max_keys: None,
                max_name_length: None,
                can_reset: false,
                can_disable: true,
                can_rename: false,
                last_key_revocable: true,
                revoked_keys_listed: false,
                last_used: LastUsedFields::default(),
                scope_choice: ScopeChoice::Any,
                scopes: vec![],
                default_scopes: vec![],
                environments: vec![],
                create_fields: vec![],
            },
            fetched_at: Utc::now(),
        }
    }

    #[test]
    fn the_listing_is_the_held_one_and_none_before_a_listing() {
        let listed = ListedKeys::default();
        assert!(listed.listing("c1").is_none());
        listed.hold_list(list("c1", &["k1", "k2"]));
        listed.revoked("c1", "k2");
        let held = listed.listing("c1").expect("held");
        assert_eq!(held.connection_id, "c1");
        let ids: Vec<&str> = held.keys.iter().map(|k| k.id.as_str()).collect();
        // This vendor does not list revoked keys: k2 is gone.
        assert_eq!(ids, ["k1"]);
        assert!(listed.listing("c2").is_none());
    }
}
