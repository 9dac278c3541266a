use keyring::{Entry, Error};

use super::{SecretStore, Sensitive, StoreError};

/// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, name: &str) -> Result<Entry, StoreError> {
        Entry::new(&self.service, name).map_err(|e| map_error(name, e))
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, name: &str) -> Result<Option<Sensitive<String>>, StoreError> {
        match self.entry(name)?.get_password() {
            Ok(value) => Ok(Some(Sensitive::new(value))),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(name, e)),
        }
    }

    fn set(&self, name: &str, value: &Sensitive<String>) -> Result<(), StoreError> {
        self.entry(name)?
            .set_password(value.expose())
            .map_err(|e| map_error(name, e))
    }

    fn delete(&self, name: &str) -> Result<(), StoreError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(name, e)),
        }
    }
}

// keyring's messages name the platform failure, never the stored value.
fn map_error(name: &str, error: Error) -> StoreError {
    match error {
        Error::BadEncoding(_) => StoreError::NotText(name.to_owned()),
        Error::TooLong(..) | Error::Invalid(..) => StoreError::BadEntryName(name.to_owned()),
        other => StoreError::Unavailable(other.to_string()),
    }
}
