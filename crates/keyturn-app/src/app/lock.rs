//! Locking and unlocking Keyturn (see `crate::lock`).

use std::sync::Arc;

use keyturn_core::Sensitive;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;
use crate::lock::authenticator::{AuthFailure, Authenticator, OsAuthenticator};
use crate::lock::Destructive;

impl<C: Clipboard + 'static> App<C> {
    /// Every command passes here first (the shell's thin commands).
    pub fn admit(&self, command: &str) -> Result<(), CommandError> {
        self.lock.admit(command)
    }

    /// For tests; the operating system's own ways otherwise.
    pub fn set_authenticator(&self, authenticator: Arc<dyn Authenticator>) {
        let _ = self.authenticator.set(authenticator);
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_locked()
    }

    /// "Clear clipboard now" (the tray): Keyturn's secret off the clipboard, if it is there.
    pub fn clear_clipboard_now(&self) {
        let outcome = self.clipboard.clear_now();
        log::info!("clipboard cleared on request: {outcome:?}");
    }

    /// Locks, forgets every revealed secret and takes Keyturn's secret off the clipboard.
    pub fn lock_app(&self) {
        self.lock.lock();
        self.tell_tray_locked();
        self.reveals.forget_all();
        let outcome = self.clipboard.clear_now();
        log::info!("locked; clipboard: {outcome:?}");
    }

    /// Unlocks once the operating system confirms the user: with `password`,
    /// the account's; without, the desktop's authentication agent.
    pub async fn unlock_app(
        &self,
        password: Option<Sensitive<String>>,
    ) -> Result<(), CommandError> {
        self.authenticate(password).await?;
        self.lock.unlock();
        self.show_rotations_in_tray().await;
        Ok(())
    }

    /// As unlocking, for a destructive action on a live connection that asked.
    pub async fn confirm_user(
        &self,
        password: Option<Sensitive<String>>,
    ) -> Result<(), CommandError> {
        self.authenticate(password).await?;
        self.lock.confirmed();
        Ok(())
    }

    /// Refuses `action` on `connection_id` when it is live and the user was not confirmed lately.
    pub(super) async fn confirmed_for(
        &self,
        connection_id: &str,
        action: Destructive,
    ) -> Result<(), CommandError> {
        let connection = self.keyturn().await?.workspace.summary(connection_id)?;
        self.lock.confirmed_for(connection.environment, action)
    }

    async fn authenticate(&self, password: Option<Sensitive<String>>) -> Result<(), CommandError> {
        let authenticator = self
            .authenticator
            .get_or_init(|| Arc::new(OsAuthenticator))
            .clone();
        let confirmed = tokio::task::spawn_blocking(move || match &password {
            Some(p) => authenticator.check_password(p),
            None => authenticator.confirm_with_agent(),
        })
        .await
        .map_err(|e| CommandError::Internal {
            detail: e.to_string(),
        })?;
        match confirmed {
            Ok(()) => Ok(()),
            Err(AuthFailure::Refused(detail)) => Err(CommandError::UnlockRefused {
                detail,
                password_needed: false,
            }),
            Err(AuthFailure::Unavailable(detail)) => Err(CommandError::UnlockRefused {
                detail,
                password_needed: true,
            }),
        }
    }
}
