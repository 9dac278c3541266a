use super::Sensitive;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain service answered, or it refused access (locked, no Secret Service).
    #[error(
        "no keychain is reachable ({0}); start your desktop keyring (Secret Service) and unlock it"
    )]
    Unavailable(String),
    #[error("the keychain rejected the entry name {0:?}")]
    BadEntryName(String),
    #[error("the keychain holds a value for {0:?} that is not text; remove that entry")]
    NotText(String),
}

/// Where credentials live. One entry per name; names are chosen so two connections never collide.
pub trait SecretStore: Send + Sync {
    fn get(&self, entry: &str) -> Result<Option<Sensitive<String>>, StoreError>;
    fn set(&self, entry: &str, value: &Sensitive<String>) -> Result<(), StoreError>;
    /// Removing an entry that does not exist is not an error.
    fn delete(&self, entry: &str) -> Result<(), StoreError>;
}
