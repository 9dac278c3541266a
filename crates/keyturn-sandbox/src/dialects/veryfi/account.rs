use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock;
use crate::secret::{generate_value, hashes_equal, is_sha256_hex, sha256_hex};
use crate::usage::Usage;

/// Veryfi allows at most two keys per account.
pub(crate) const MAX_KEYS: usize = 2;
const PREFIX_LEN: usize = 4;
/// How many deleted or reset values the consumer endpoint still recognises.
const RETIRED_KEPT: usize = 64;

/// A Veryfi account's keys. Only the SHA-256 of each value is kept, never the value.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct VeryfiAccount {
    next_id: u64,
    keys: Vec<StoredKey>,
    /// Values that no longer work, so the consumer endpoint can say why.
    #[serde(default)]
    retired: Vec<RetiredKey>,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct StoredKey {
    pub id: u64,
    pub prefix: String,
    pub sha256: String,
    pub created: DateTime<Utc>,
    /// Recorded by the consumer endpoint; Veryfi's list does not report it.
    #[serde(default)]
    pub usage: Usage,
}

#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct RetiredKey {
    pub id: u64,
    pub sha256: String,
    pub reason: RetiredBecause,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RetiredBecause {
    Deleted,
    Reset,
}

/// A key as returned once, at creation or reset.
#[derive(Serialize)]
pub(crate) struct NewKey {
    pub id: u64,
    pub value: String,
}

#[derive(Debug, PartialEq)]
pub(crate) enum KeyRejection {
    LimitReached,
    NotFound,
    LastKey,
}

impl VeryfiAccount {
    /// A new account has one key whose value nobody knows, like a real account
    /// whose first key was issued before the sandbox existed.
    pub fn fresh() -> Self {
        let mut account = Self {
            next_id: 1,
            keys: Vec::new(),
            retired: Vec::new(),
        };
        account.add_key();
        account
    }

    pub fn keys(&self) -> &[StoredKey] {
        &self.keys
    }

    pub fn create_key(&mut self) -> Result<NewKey, KeyRejection> {
        if self.keys.len() >= MAX_KEYS {
            return Err(KeyRejection::LimitReached);
        }
        Ok(self.add_key())
    }

    pub fn delete_key(&mut self, id: u64) -> Result<(), KeyRejection> {
        let index = self
            .keys
            .iter()
            .position(|key| key.id == id)
            .ok_or(KeyRejection::NotFound)?;
        if self.keys.len() == 1 {
            return Err(KeyRejection::LastKey);
        }
        let key = self.keys.remove(index);
        self.retire(key, RetiredBecause::Deleted);
        Ok(())
    }

    /// Replaces every key with a new one; the old values stop working.
    pub fn reset(&mut self) -> Vec<NewKey> {
        let count = self.keys.len().max(1);
        for key in std::mem::take(&mut self.keys) {
            self.retire(key, RetiredBecause::Reset);
        }
        (0..count).map(|_| self.add_key()).collect()
    }

    pub fn key_with_hash_mut(&mut self, sha256: &str) -> Option<&mut StoredKey> {
        self.keys.iter_mut().find(|key| key.sha256 == sha256)
    }

    pub fn retired_with_hash(&self, sha256: &str) -> Option<&RetiredKey> {
        self.retired.iter().rev().find(|key| key.sha256 == sha256)
    }

    fn retire(&mut self, key: StoredKey, reason: RetiredBecause) {
        if self.retired.len() >= RETIRED_KEPT {
            self.retired.remove(0);
        }
        self.retired.push(RetiredKey {
            id: key.id,
            sha256: key.sha256,
            reason,
        });
    }

    /// Whether a secret with this hash is one of the account's current keys.
    /// Checks every key so the time taken does not depend on which one matched.
    pub fn has_key_with_hash(&self, sha256: &str) -> bool {
        self.keys.iter().fold(false, |found, key| {
            hashes_equal(&key.sha256, sha256) | found
        })
    }

    /// Rejects a loaded account that the API could never have produced.
    pub fn check(&self) -> Result<(), String> {
        if self.keys.is_empty() || self.keys.len() > MAX_KEYS {
            return Err(format!(
                "the Veryfi account has {} keys, expected 1 to {MAX_KEYS}",
                self.keys.len()
            ));
        }
        let mut ids = HashSet::new();
        for key in &self.keys {
            if !ids.insert(key.id) {
                return Err(format!("the Veryfi key id {} appears twice", key.id));
            }
            if key.id >= self.next_id {
                return Err(format!(
                    "the Veryfi key id {} is not below next_id {}",
                    key.id, self.next_id
                ));
            }
            if !is_sha256_hex(&key.sha256) || key.prefix.chars().count() != PREFIX_LEN {
                return Err(format!("the Veryfi key {} is malformed", key.id));
            }
        }
        if let Some(key) = self.retired.iter().find(|key| !is_sha256_hex(&key.sha256)) {
            return Err(format!("the retired Veryfi key {} is malformed", key.id));
        }
        Ok(())
    }

    fn add_key(&mut self) -> NewKey {
        let id = self.next_id;
        self.next_id += 1;
        let value = generate_value();
        self.keys.push(StoredKey {
            id,
            prefix: value[..PREFIX_LEN].to_string(),
            sha256: sha256_hex(&value),
            created: clock::now(),
            usage: Usage::default(),
        });
        NewKey { id, value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_never_reused_after_delete_or_reset() {
        let mut account = VeryfiAccount::fresh();
        let second = account.create_key().unwrap();
        account.delete_key(second.id).unwrap();
        let third = account.create_key().unwrap();
        assert!(third.id > second.id);
        let reset = account.reset();
        assert!(reset.iter().all(|key| key.id > third.id));
        assert!(account.check().is_ok());
    }

    #[test]
    fn deleted_and_reset_values_are_remembered_with_the_reason() {
        let mut account = VeryfiAccount::fresh();
        let second = account.create_key().unwrap();
        let second_hash = sha256_hex(&second.value);
        account.delete_key(second.id).unwrap();
        let first_hash = account.keys()[0].sha256.clone();
        account.reset();
        let reason = |hash: &str| account.retired_with_hash(hash).map(|key| key.reason);
        assert_eq!(reason(&second_hash), Some(RetiredBecause::Deleted));
        assert_eq!(reason(&first_hash), Some(RetiredBecause::Reset));
        assert!(account.key_with_hash_mut(&first_hash).is_none());
    }

    #[test]
    fn check_rejects_impossible_accounts() {
        let mut account = VeryfiAccount::fresh();
        account.keys.clear();
        assert!(account.check().is_err());

        let mut account = VeryfiAccount::fresh();
        account.next_id = 1;
        assert!(account.check().is_err());
    }
}
