//! Each connection's rotation policy: off unless the user sets "rotate every
//! N days"; keys older than that need attention.

use keyturn_core::attention::policy_file::PolicyFile;
use keyturn_core::attention::RotationPolicy;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

impl<C: Clipboard + 'static> App<C> {
    pub fn get_rotation_policy(&self, connection_id: String) -> RotationPolicy {
        PolicyFile::new(&self.config_dir).load().of(&connection_id)
    }

    pub fn set_rotation_policy(
        &self,
        connection_id: String,
        policy: RotationPolicy,
    ) -> Result<RotationPolicy, CommandError> {
        policy
            .validate()
            .map_err(|message| CommandError::InvalidInput {
                field: Some("everyDays".into()),
                message,
            })?;
        let file = PolicyFile::new(&self.config_dir);
        let mut policies = file.load();
        policies.set(&connection_id, policy);
        file.save(&policies).map_err(|e| CommandError::Storage {
            detail: e.to_string(),
        })?;
        Ok(policy)
    }
}
