//! Connections: listing, adding, editing, signing in and out, removing.

use keyturn_core::connections::service::{
    ConnectionCheck, ConnectionDraft, RemovedConnection, SignInStart, SignInStarted,
};
use keyturn_core::vendors::credential::OrganizationChoice;
use keyturn_core::{ConnectionSummary, ConnectionsView, Sensitive};

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

impl<C: Clipboard + 'static> App<C> {
    pub async fn list_connections(&self) -> Result<ConnectionsView, CommandError> {
        let keyturn = self.keyturn().await?;
        Ok(ConnectionsView {
            connections: keyturn.workspace.connections(),
            last_connection_id: keyturn.connections.last_connection_id().await,
            notice: keyturn.notice.clone(),
        })
    }

    pub async fn test_connection(
        &self,
        draft: ConnectionDraft,
    ) -> Result<ConnectionCheck, CommandError> {
        Ok(self.keyturn().await?.connections.test(&draft).await?)
    }

    pub async fn add_connection(
        &self,
        draft: ConnectionDraft,
    ) -> Result<ConnectionSummary, CommandError> {
        Ok(self.keyturn().await?.connections.add(&draft).await?)
    }

    /// `draft.credential` `None` keeps the stored credential.
    pub async fn update_connection(
        &self,
        connection_id: String,
        draft: ConnectionDraft,
    ) -> Result<ConnectionSummary, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .update(&connection_id, &draft)
            .await?)
    }

    pub async fn remove_connection(
        &self,
        connection_id: String,
    ) -> Result<RemovedConnection, CommandError> {
        let removed = self
            .keyturn()
            .await?
            .connections
            .remove(&connection_id)
            .await?;
        self.listed.forget(&connection_id);
        Ok(removed)
    }

    /// Remembers the connection as the one to open next time.
    pub async fn select_connection(&self, connection_id: String) -> Result<(), CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .select(&connection_id)
            .await?)
    }

    /// Asks the vendor to email a sign-in code.
    pub async fn start_sign_in(&self, start: SignInStart) -> Result<SignInStarted, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .start_sign_in(&start)
            .await?)
    }

    /// Trades the emailed code for a session; the organizations to choose from come back.
    pub async fn verify_sign_in_code(
        &self,
        sign_in_id: String,
        code: Sensitive<String>,
    ) -> Result<Vec<OrganizationChoice>, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .verify_sign_in_code(&sign_in_id, &code)
            .await?)
    }

    /// Saves the signed-in connection: a new one from `draft`, or the one signing in again.
    pub async fn finish_sign_in(
        &self,
        sign_in_id: String,
        organization_id: String,
        draft: Option<ConnectionDraft>,
    ) -> Result<ConnectionSummary, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .finish_sign_in(&sign_in_id, &organization_id, draft.as_ref())
            .await?)
    }

    pub async fn sign_out(&self, connection_id: String) -> Result<ConnectionSummary, CommandError> {
        Ok(self
            .keyturn()
            .await?
            .connections
            .sign_out(&connection_id)
            .await?)
    }

    /// The built-in sandbox's connections back to their first-start keys.
    pub async fn reset_sandbox(&self) -> Result<(), CommandError> {
        Ok(self.keyturn().await?.reset_sandbox().await?)
    }
}
