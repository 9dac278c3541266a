//! Keys of one connection: list, create (its secret held for the reveal),
//! delete, enable or disable, and the sandbox's reset.

use keyturn_core::{ApiKey, KeyDraft, KeyList, KeyUpdate};

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;
use crate::reveal::RevealedKey;

impl<C: Clipboard + 'static> App<C> {
    pub async fn list_keys(&self, connection_id: String) -> Result<KeyList, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .workspace
            .list_keys(&connection_id)
            .await?)
    }

    /// Creates the key and holds its secret until the reveal closes.
    pub async fn create_key(
        &self,
        connection_id: String,
        draft: KeyDraft,
    ) -> Result<RevealedKey, CommandError> {
        let workspace = &self.keyturn().await?.workspace;
        let created = workspace.create_key(&connection_id, &draft).await?;
        Ok(self.reveals.hold(created))
    }

    pub async fn revoke_key(
        &self,
        connection_id: String,
        key_id: String,
    ) -> Result<(), CommandError> {
        Ok(self
            .keyturn()
            .await?
            .workspace
            .revoke_key(&connection_id, &key_id)
            .await?)
    }

    pub async fn set_key_enabled(
        &self,
        connection_id: String,
        key_id: String,
        enabled: bool,
    ) -> Result<ApiKey, CommandError> {
        let update = KeyUpdate {
            enabled: Some(enabled),
            ..KeyUpdate::default()
        };
        Ok(self
            .keyturn()
            .await?
            .workspace
            .update_key(&connection_id, &key_id, &update)
            .await?)
    }

    /// A sandbox connection's keys replaced by fresh ones, each held for its reveal.
    pub async fn reset_keys(
        &self,
        connection_id: String,
    ) -> Result<Vec<RevealedKey>, CommandError> {
        let created = self
            .keyturn()
            .await?
            .workspace
            .reset_keys(&connection_id)
            .await?;
        Ok(created.into_iter().map(|c| self.reveals.hold(c)).collect())
    }
}
