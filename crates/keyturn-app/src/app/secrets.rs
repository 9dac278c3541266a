//! A revealed secret: copied through the clipboard guard, tried once against the
//! vendor, forgotten when its dialog closes.

use std::time::Duration;

use keyturn_core::storage::audit::AuditAction;

use crate::clipboard_guard::{Clipboard, CopyReceipt};
use crate::error::CommandError;

use super::audit_trail::{entry_for, record};
use super::App;

impl<C: Clipboard + 'static> App<C> {
    /// The reveal closed: the secret is dropped and zeroized. True when it was still held.
    pub fn forget_secret(&self, reveal_id: String) -> bool {
        self.reveals.forget(&reveal_id)
    }

    /// Copies a revealed secret marked as a password and schedules its clearing.
    /// The audit log records the key copied, never the secret.
    pub async fn copy_secret(&self, reveal_id: String) -> Result<CopyReceipt, CommandError> {
        let key = self.reveals.key_of(&reveal_id);
        let copied = self.copy_held_secret(&reveal_id);
        if let (Some((connection_id, key_id)), Ok(keyturn)) = (key, self.keyturn().await) {
            let mut entry = entry_for(&keyturn.workspace, &connection_id, AuditAction::KeyCopied);
            entry.key_id = Some(key_id);
            record(&keyturn.workspace, entry, &copied);
        }
        copied
    }

    fn copy_held_secret(&self, reveal_id: &str) -> Result<CopyReceipt, CommandError> {
        let secret = self
            .reveals
            .get(reveal_id)
            .ok_or(CommandError::SecretGone)?;
        let generation = self
            .clipboard
            .copy_secret(&secret)
            .map_err(|detail| CommandError::Clipboard { detail })?;
        let clears_after_seconds = self.settings.load().clipboard_clear_seconds;
        if let Some(seconds) = clears_after_seconds {
            let guard = self.clipboard.clone();
            let delay = Duration::from_secs(seconds.into());
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                let outcome =
                    tokio::task::spawn_blocking(move || guard.clear_if_unchanged(generation)).await;
                log::info!("clipboard clear after {}s: {outcome:?}", delay.as_secs());
            });
        }
        Ok(CopyReceipt {
            clears_after_seconds,
        })
    }

    /// One real call made with the new key while its secret is still held for the
    /// reveal: proves the key works before consumers move to it.
    pub async fn test_new_key(
        &self,
        connection_id: String,
        reveal_id: String,
    ) -> Result<(), CommandError> {
        let secret = self
            .reveals
            .get(&reveal_id)
            .ok_or(CommandError::SecretGone)?;
        let vendor = self.keyturn().await?.workspace.vendor(&connection_id)?;
        Ok(vendor.test_key(&secret).await?)
    }
}
