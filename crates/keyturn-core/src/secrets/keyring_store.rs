use keyring::credential::CredentialPersistence;
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

    /// Refuses a keyring that would keep credentials only in memory (keyring's
    /// mock, what a platform built without its native backend gets): checked at
    /// start-up and before every save.
    pub fn check_backend() -> Result<(), StoreError> {
        refuse_unless_lasting(keyring::default::default_credential_builder().persistence())
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
        Self::check_backend()?;
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

fn refuse_unless_lasting(persistence: CredentialPersistence) -> Result<(), StoreError> {
    match persistence {
        CredentialPersistence::UntilDelete => Ok(()),
        _ => Err(StoreError::Unavailable(
            "this build of Keyturn has no keychain backend for this system and would keep \
             credentials only in memory, so it saves none"
                .to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_store_that_keeps_credentials_is_accepted() {
        assert!(refuse_unless_lasting(CredentialPersistence::UntilDelete).is_ok());
        for in_memory in [
            CredentialPersistence::EntryOnly,
            CredentialPersistence::ProcessOnly,
            CredentialPersistence::UntilReboot,
        ] {
            let refusal = refuse_unless_lasting(in_memory).unwrap_err();
            assert!(refusal.to_string().contains("only in memory"), "{refusal}");
        }
    }

    #[test]
    fn keyrings_mock_is_refused() {
        assert!(
            refuse_unless_lasting(keyring::mock::default_credential_builder().persistence())
                .is_err()
        );
    }

    #[test]
    fn this_build_has_a_lasting_keychain() {
        KeyringStore::check_backend().unwrap();
    }
}
