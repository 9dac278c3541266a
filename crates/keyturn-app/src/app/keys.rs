//! Keys of one connection: list (held for the queries that follow), query the
//! held list, create (its secret held for the reveal), revoke, enable or
//! disable, and the sandbox's reset.

use keyturn_core::{ApiKey, KeyDraft, KeyPage, KeyQuery, KeyUpdate};

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;
use crate::lock::Destructive;
use crate::reveal::RevealedKey;

impl<C: Clipboard + 'static> App<C> {
    /// Lists the keys from the vendor, holds them, and answers the first `limit`
    /// matching `query`.
    pub async fn list_keys(
        &self,
        connection_id: String,
        query: KeyQuery,
        limit: u32,
    ) -> Result<KeyPage, CommandError> {
        if self.first_listing.take(&connection_id).await {
            return self.listed.page(&connection_id, &query, 0, limit as usize);
        }
        let list = self
            .keyturn()
            .await?
            .workspace
            .list_keys(&connection_id)
            .await?;
        Ok(self.listed.hold(list, &query, limit as usize))
    }

    /// A window of the held keys matching `query`; the vendor is not asked.
    pub fn query_keys(
        &self,
        connection_id: String,
        query: KeyQuery,
        offset: u32,
        limit: u32,
    ) -> Result<KeyPage, CommandError> {
        self.listed
            .page(&connection_id, &query, offset as usize, limit as usize)
    }

    /// One held key, as last listed or changed; `None` when it is not held.
    pub fn get_key(
        &self,
        connection_id: String,
        key_id: String,
    ) -> Result<Option<ApiKey>, CommandError> {
        self.listed.key(&connection_id, &key_id)
    }

    /// Creates the key and holds its secret until the reveal closes.
    pub async fn create_key(
        &self,
        connection_id: String,
        draft: KeyDraft,
    ) -> Result<RevealedKey, CommandError> {
        let workspace = &self.keyturn().await?.workspace;
        let created = workspace.create_key(&connection_id, &draft).await?;
        self.listed.upsert(&connection_id, created.key.clone());
        Ok(self.reveals.hold(&connection_id, created))
    }

    pub async fn revoke_key(
        &self,
        connection_id: String,
        key_id: String,
    ) -> Result<(), CommandError> {
        self.confirmed_for(&connection_id, Destructive::Revoke)
            .await?;
        self.keyturn()
            .await?
            .workspace
            .revoke_key(&connection_id, &key_id)
            .await?;
        self.listed.revoked(&connection_id, &key_id);
        Ok(())
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
        let key = self
            .keyturn()
            .await?
            .workspace
            .update_key(&connection_id, &key_id, &update)
            .await?;
        self.listed.upsert(&connection_id, key.clone());
        Ok(key)
    }

    /// A sandbox connection's keys replaced by fresh ones, each held for its reveal.
    pub async fn reset_keys(
        &self,
        connection_id: String,
    ) -> Result<Vec<RevealedKey>, CommandError> {
        self.confirmed_for(&connection_id, Destructive::Reset)
            .await?;
        let created = self
            .keyturn()
            .await?
            .workspace
            .reset_keys(&connection_id)
            .await?;
        self.listed.replace_keys(
            &connection_id,
            created.iter().map(|c| c.key.clone()).collect(),
        );
        Ok(created
            .into_iter()
            .map(|c| self.reveals.hold(&connection_id, c))
            .collect())
    }
}
