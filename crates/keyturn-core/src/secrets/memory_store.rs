use std::collections::HashMap;
use std::sync::Mutex;

use super::{SecretStore, Sensitive, StoreError};

/// For unit tests only: keeps entries in process memory.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Sensitive<String>>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, entry: &str) -> Result<Option<Sensitive<String>>, StoreError> {
        Ok(self.entries.lock().expect("poisoned").get(entry).cloned())
    }

    fn set(&self, entry: &str, value: &Sensitive<String>) -> Result<(), StoreError> {
        self.entries
            .lock()
            .expect("poisoned")
            .insert(entry.to_owned(), value.clone());
        Ok(())
    }

    fn delete(&self, entry: &str) -> Result<(), StoreError> {
        self.entries.lock().expect("poisoned").remove(entry);
        Ok(())
    }
}
