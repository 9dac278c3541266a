use crate::dialects::api_keys::ApiKeysState;
use crate::dialects::kayle::KayleState;
use crate::dialects::verifa::VerifaState;
use crate::dialects::veryfi::VeryfiAccount;

use super::Change;

/// Everything the sandbox remembers, one section per dialect.
pub(crate) struct SandboxState {
    pub veryfi: VeryfiAccount,
    pub verifa: VerifaState,
    pub api_keys: ApiKeysState,
    pub kayle: KayleState,
}

impl SandboxState {
    pub fn fresh() -> Self {
        Self {
            veryfi: VeryfiAccount::fresh(),
            verifa: VerifaState::default(),
            api_keys: ApiKeysState::default(),
            kayle: KayleState::default(),
        }
    }

    /// Applies a change that has already been made durable; also used to replay the journal.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Veryfi { account } => self.veryfi = account,
            Change::VerifaPut { org_id, key } => self.verifa.put(org_id, key),
            Change::ApiKeyPut { key } => self.api_keys.put(key),
            Change::KaylePut { key } => self.kayle.put(key),
            Change::KayleDelete { id } => self.kayle.delete(&id),
            Change::KayleAccounts { user, org, session } => {
                user.into_iter().for_each(|user| self.kayle.put_user(user));
                org.into_iter().for_each(|org| self.kayle.put_org(org));
                session
                    .into_iter()
                    .for_each(|session| self.kayle.put_session(session));
            }
        }
    }

    /// Rejects a loaded state that the API could never have produced.
    pub fn check(&self) -> Result<(), String> {
        self.veryfi.check()?;
        self.verifa.check()?;
        self.api_keys.check()?;
        self.kayle.check()
    }
}
