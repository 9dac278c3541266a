//! Connections: listing, adding, editing, signing in and out, removing. Each
//! change is recorded in the audit log, whether it worked or not.

use keyturn_core::connections::service::{
    ConnectionCheck, ConnectionDraft, RemovedConnection, SignInStart, SignInStarted,
};
use keyturn_core::storage::audit::{AuditAction, AuditEntry};
use keyturn_core::vendors::credential::OrganizationChoice;
use keyturn_core::{ConnectionSummary, ConnectionsView, Sensitive};

use super::audit_trail::{entry_for, record};
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
        let keyturn = self.keyturn().await?;
        let added = keyturn
            .connections
            .add(&draft)
            .await
            .map_err(CommandError::from);
        let entry = match &added {
            Ok(connection) => AuditEntry::new(connection, AuditAction::ConnectionAdded, None, ""),
            Err(_) => unsaved(&draft, AuditAction::ConnectionAdded),
        };
        record(&keyturn.workspace, entry, &added);
        added
    }

    /// `draft.credential` `None` keeps the stored credential.
    pub async fn update_connection(
        &self,
        connection_id: String,
        draft: ConnectionDraft,
    ) -> Result<ConnectionSummary, CommandError> {
        let keyturn = self.keyturn().await?;
        let before = keyturn.workspace.summary(&connection_id).ok();
        let updated = keyturn
            .connections
            .update(&connection_id, &draft)
            .await
            .map_err(CommandError::from);
        let mut entry = entry_for(
            &keyturn.workspace,
            &connection_id,
            AuditAction::ConnectionEdited,
        );
        if let (Some(before), Ok(after)) = (&before, &updated) {
            let credential = draft
                .credential
                .as_ref()
                .is_some_and(|c| !c.expose().trim().is_empty());
            entry = entry.with_detail(changes(before, after, credential));
        }
        record(&keyturn.workspace, entry, &updated);
        updated
    }

    pub async fn remove_connection(
        &self,
        connection_id: String,
    ) -> Result<RemovedConnection, CommandError> {
        let keyturn = self.keyturn().await?;
        let entry = entry_for(
            &keyturn.workspace,
            &connection_id,
            AuditAction::ConnectionRemoved,
        );
        let removed = keyturn
            .connections
            .remove(&connection_id)
            .await
            .map_err(CommandError::from);
        record(&keyturn.workspace, entry, &removed);
        let removed = removed?;
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
    /// A refused code is a failed sign-in in the audit log; one that works is recorded
    /// when the sign-in finishes.
    pub async fn verify_sign_in_code(
        &self,
        sign_in_id: String,
        code: Sensitive<String>,
    ) -> Result<Vec<OrganizationChoice>, CommandError> {
        let keyturn = self.keyturn().await?;
        let again = keyturn.connections.signing_in_again(&sign_in_id).await;
        let verified = keyturn
            .connections
            .verify_sign_in_code(&sign_in_id, &code)
            .await
            .map_err(CommandError::from);
        if verified.is_err() {
            let entry = match again {
                Some(id) => entry_for(&keyturn.workspace, &id, AuditAction::SignedIn),
                None => AuditEntry::without_connection(AuditAction::SignedIn, ""),
            };
            let entry = AuditEntry {
                detail: Some("the emailed code".to_owned()),
                ..entry
            };
            record(&keyturn.workspace, entry, &verified);
        }
        verified
    }

    /// Saves the signed-in connection: a new one from `draft`, or the one signing in again.
    pub async fn finish_sign_in(
        &self,
        sign_in_id: String,
        organization_id: String,
        draft: Option<ConnectionDraft>,
    ) -> Result<ConnectionSummary, CommandError> {
        let keyturn = self.keyturn().await?;
        let again = keyturn.connections.signing_in_again(&sign_in_id).await;
        let signed_in = keyturn
            .connections
            .finish_sign_in(&sign_in_id, &organization_id, draft.as_ref())
            .await
            .map_err(CommandError::from);
        let entry = match (&signed_in, again, &draft) {
            (Ok(connection), _, _) => AuditEntry::new(connection, AuditAction::SignedIn, None, ""),
            (Err(_), Some(id), _) => entry_for(&keyturn.workspace, &id, AuditAction::SignedIn),
            (Err(_), None, Some(draft)) => unsaved(draft, AuditAction::SignedIn),
            (Err(_), None, None) => AuditEntry::without_connection(AuditAction::SignedIn, ""),
        };
        record(&keyturn.workspace, entry, &signed_in);
        signed_in
    }

    pub async fn sign_out(&self, connection_id: String) -> Result<ConnectionSummary, CommandError> {
        let keyturn = self.keyturn().await?;
        let entry = entry_for(&keyturn.workspace, &connection_id, AuditAction::SignedOut);
        let signed_out = keyturn
            .connections
            .sign_out(&connection_id)
            .await
            .map_err(CommandError::from);
        record(&keyturn.workspace, entry, &signed_out);
        signed_out
    }

    /// The built-in sandbox's connections back to their first-start keys.
    pub async fn reset_sandbox(&self) -> Result<(), CommandError> {
        Ok(self.keyturn().await?.reset_sandbox().await?)
    }
}

/// The entry of a connection not saved: the name and vendor the form gave.
fn unsaved(draft: &ConnectionDraft, action: AuditAction) -> AuditEntry {
    AuditEntry {
        connection_name: Some(draft.name.trim().to_owned()),
        vendor: Some(draft.vendor),
        ..AuditEntry::without_connection(action, "")
    }
}

/// What an edit changed, in the form's words: "name, address, read-only on".
fn changes(before: &ConnectionSummary, after: &ConnectionSummary, credential: bool) -> String {
    let mut changed = Vec::new();
    if before.name != after.name {
        changed.push(format!("renamed from {}", before.name));
    }
    if before.vendor != after.vendor {
        changed.push("vendor".to_owned());
    }
    if before.environment != after.environment {
        changed.push("environment".to_owned());
    }
    if before.base_url != after.base_url {
        changed.push("address".to_owned());
    }
    if before.read_only != after.read_only {
        changed.push(
            if after.read_only {
                "read-only on"
            } else {
                "read-only off"
            }
            .to_owned(),
        );
    }
    if before.api_version != after.api_version {
        changed.push("API version".to_owned());
    }
    if credential {
        changed.push("credential replaced".to_owned());
    }
    if changed.is_empty() {
        "nothing changed".to_owned()
    } else {
        changed.join(", ")
    }
}
