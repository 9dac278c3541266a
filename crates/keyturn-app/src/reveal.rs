//! Secrets of keys just created, held only until their dialog closes. The UI gets
//! an id to copy or forget by; forgetting (or dropping) zeroizes the value.

use std::collections::HashMap;
use std::sync::Mutex;

use rand::RngCore;
use serde::Serialize;
use ts_rs::TS;

use keyturn_core::keys::model::{ApiKey, CreatedKey};
use keyturn_core::secrets::Sensitive;

#[derive(Default)]
pub struct RevealedSecrets {
    held: Mutex<HashMap<String, Held>>,
}

/// A secret and the key it belongs to, for the audit log's "copied".
struct Held {
    secret: Sensitive<String>,
    connection_id: String,
    key_id: String,
}

/// What a create returns across IPC: the key, and its secret this one time.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedKey {
    pub key: ApiKey,
    pub reveal_id: String,
    /// Shown in the reveal dialog, never again; the copy goes through `reveal_id`.
    pub secret: String,
}

impl RevealedSecrets {
    pub fn hold(&self, connection_id: &str, created: CreatedKey) -> RevealedKey {
        let mut bytes = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let reveal_id = format!(
            "r_{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        let secret = created.secret.expose().clone();
        self.held.lock().expect("reveal lock poisoned").insert(
            reveal_id.clone(),
            Held {
                secret: created.secret,
                connection_id: connection_id.to_owned(),
                key_id: created.key.id.clone(),
            },
        );
        RevealedKey {
            key: created.key,
            reveal_id,
            secret,
        }
    }

    pub fn get(&self, reveal_id: &str) -> Option<Sensitive<String>> {
        self.held
            .lock()
            .expect("reveal lock poisoned")
            .get(reveal_id)
            .map(|h| h.secret.clone())
    }

    /// The connection and key of a held secret: (connection id, key id).
    pub fn key_of(&self, reveal_id: &str) -> Option<(String, String)> {
        self.held
            .lock()
            .expect("reveal lock poisoned")
            .get(reveal_id)
            .map(|h| (h.connection_id.clone(), h.key_id.clone()))
    }

    /// Returns whether anything was held under that id.
    pub fn forget(&self, reveal_id: &str) -> bool {
        self.held
            .lock()
            .expect("reveal lock poisoned")
            .remove(reveal_id)
            .is_some()
    }

    /// Runs on every exit: a lock poisoned by a panicking thread is still taken.
    pub fn forget_all(&self) {
        self.held
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    /// From a panic hook: a lock held elsewhere (perhaps by the panicking thread)
    /// is left rather than waited for.
    pub fn try_forget_all(&self) {
        match self.held.try_lock() {
            Ok(mut held) => held.clear(),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner().clear(),
            Err(std::sync::TryLockError::WouldBlock) => {}
        }
    }

    pub fn held_count(&self) -> usize {
        self.held.lock().expect("reveal lock poisoned").len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn created(secret: &str) -> CreatedKey {
        CreatedKey {
            key: ApiKey::new("k1"),
            secret: Sensitive::new(secret.into()),
        }
    }

    #[test]
    fn holds_until_forgotten() {
        let reveals = RevealedSecrets::default();
        let shown = reveals.hold("c1", created("s3cret"));
        assert_eq!(shown.secret, "s3cret");
        assert_eq!(
            reveals.key_of(&shown.reveal_id),
            Some(("c1".to_owned(), "k1".to_owned()))
        );
        assert_eq!(reveals.get(&shown.reveal_id).unwrap().expose(), "s3cret");
        assert!(reveals.forget(&shown.reveal_id));
        assert!(reveals.get(&shown.reveal_id).is_none());
        assert!(
            !reveals.forget(&shown.reveal_id),
            "forgetting twice is harmless"
        );
    }

    #[test]
    fn ids_are_unique_and_forget_all_clears() {
        let reveals = RevealedSecrets::default();
        let a = reveals.hold("c1", created("a"));
        let b = reveals.hold("c1", created("b"));
        assert_ne!(a.reveal_id, b.reveal_id);
        assert_eq!(reveals.held_count(), 2);
        reveals.forget_all();
        assert_eq!(reveals.held_count(), 0);
    }
}
