//! The open connections and what the app asks of them. Every mutating call checks
//! the connection's read-only flag here, so hiding buttons is not the only guard.

use std::sync::{Arc, RwLock};

use chrono::Utc;

use crate::connections::connection::ConnectionSummary;
use crate::keys::create_guard::{self, CreateFailure};
use crate::keys::model::{ApiKey, CreatedKey, KeyDraft, KeyList, KeyUpdate};
use crate::keys::revoke_guard;
use crate::storage::audit::{AuditAction, AuditEntry, AuditLog};
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::Vendor;

pub struct Connection {
    pub summary: ConnectionSummary,
    /// `None` when the connection cannot connect (its `problem` says why).
    pub vendor: Option<Arc<dyn Vendor>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no connection with id {0:?}")]
    ConnectionNotFound(String),
    #[error("connection {0:?} is read-only")]
    ReadOnly(String),
    #[error("connection {connection_id:?} cannot connect: {problem}")]
    Unusable {
        connection_id: String,
        problem: String,
    },
    #[error("connection {connection_id:?} is signed out: {problem}")]
    SignedOut {
        connection_id: String,
        problem: String,
    },
    #[error(transparent)]
    Vendor(#[from] VendorError),
    #[error(transparent)]
    Create(Box<CreateFailure>),
}

/// Connections in the order the user sees them, and the audit log of what is done to them.
pub struct Workspace {
    connections: RwLock<Vec<Arc<Connection>>>,
    audit: Option<AuditLog>,
}

impl Workspace {
    pub fn new(connections: Vec<Connection>) -> Self {
        Self {
            connections: RwLock::new(connections.into_iter().map(Arc::new).collect()),
            audit: None,
        }
    }

    /// Records every key action from now on.
    pub fn with_audit(mut self, audit: AuditLog) -> Self {
        self.audit = Some(audit);
        self
    }

    pub fn audit_log(&self) -> Option<&AuditLog> {
        self.audit.as_ref()
    }

    fn record<T>(
        &self,
        connection_id: &str,
        action: AuditAction,
        key_id: Option<&str>,
        result: &Result<T, WorkspaceError>,
    ) {
        let Ok(connection) = self.connection(connection_id) else {
            return;
        };
        let outcome = match result {
            Ok(_) => "ok".to_owned(),
            Err(error) => outcome_of(error),
        };
        self.record_entry(AuditEntry::new(
            &connection.summary,
            action,
            key_id,
            outcome,
        ));
    }

    /// Writes `entry` to the audit log, if there is one. The action already
    /// happened; a full disk must not hide that, so a failed write is logged only.
    pub fn record_entry(&self, entry: AuditEntry) {
        let Some(audit) = &self.audit else {
            return;
        };
        log::info!(
            "{} on connection {:?} key {:?}: {}",
            entry.action.name(),
            entry.connection_id,
            entry.key_id,
            entry.outcome
        );
        if let Err(e) = audit.record(&entry) {
            log::error!("the audit log could not be written: {e}");
        }
    }

    pub fn connections(&self) -> Vec<ConnectionSummary> {
        self.read().iter().map(|p| p.summary.clone()).collect()
    }

    /// Adds a connection, or replaces the one with the same id in place.
    pub fn upsert(&self, connection: Connection) {
        let mut connections = self.connections.write().expect("connections lock poisoned");
        let connection = Arc::new(connection);
        match connections
            .iter_mut()
            .find(|p| p.summary.id == connection.summary.id)
        {
            Some(slot) => *slot = connection,
            None => connections.push(connection),
        }
    }

    pub fn remove(&self, id: &str) -> Option<ConnectionSummary> {
        let mut connections = self.connections.write().expect("connections lock poisoned");
        let index = connections.iter().position(|p| p.summary.id == id)?;
        Some(connections.remove(index).summary.clone())
    }

    pub fn summary(&self, id: &str) -> Result<ConnectionSummary, WorkspaceError> {
        Ok(self.connection(id)?.summary.clone())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<Connection>>> {
        self.connections.read().expect("connections lock poisoned")
    }

    fn connection(&self, id: &str) -> Result<Arc<Connection>, WorkspaceError> {
        self.read()
            .iter()
            .find(|p| p.summary.id == id)
            .cloned()
            .ok_or_else(|| WorkspaceError::ConnectionNotFound(id.to_owned()))
    }

    /// The vendor of a connection that can connect (read-only ones included).
    pub fn vendor(&self, id: &str) -> Result<Arc<dyn Vendor>, WorkspaceError> {
        let connection = self.connection(id)?;
        let problem = connection.summary.problem.clone().unwrap_or_default();
        match (&connection.vendor, connection.summary.signed_out) {
            (Some(vendor), false) => Ok(vendor.clone()),
            (_, true) => Err(WorkspaceError::SignedOut {
                connection_id: id.to_owned(),
                problem,
            }),
            (None, false) => Err(WorkspaceError::Unusable {
                connection_id: id.to_owned(),
                problem,
            }),
        }
    }

    /// After the vendor said the session ended: the connection shows as signed out
    /// until it signs in again, and every call says so without reaching the vendor.
    fn note_signed_out<T>(&self, connection_id: &str, result: &Result<T, WorkspaceError>) {
        let ended = match result {
            Err(WorkspaceError::Vendor(e)) => e.kind == VendorErrorKind::SignedOut,
            Err(WorkspaceError::Create(failure)) => {
                failure.error.kind == VendorErrorKind::SignedOut
            }
            _ => false,
        };
        if !ended {
            return;
        }
        let mut connections = self.connections.write().expect("connections lock poisoned");
        if let Some(slot) = connections
            .iter_mut()
            .find(|p| p.summary.id == connection_id)
        {
            let mut summary = slot.summary.clone();
            summary.signed_out = true;
            summary.problem = Some(crate::connections::service::NOT_SIGNED_IN.to_owned());
            *slot = Arc::new(Connection {
                summary,
                vendor: slot.vendor.clone(),
            });
        }
    }

    /// The vendor of a connection that may change keys; read-only connections are refused.
    pub fn writable_vendor(&self, id: &str) -> Result<Arc<dyn Vendor>, WorkspaceError> {
        if self.connection(id)?.summary.read_only {
            return Err(WorkspaceError::ReadOnly(id.to_owned()));
        }
        self.vendor(id)
    }

    pub async fn list_keys(&self, connection_id: &str) -> Result<KeyList, WorkspaceError> {
        let vendor = self.vendor(connection_id)?;
        let listed = vendor.list_keys().await.map_err(WorkspaceError::from);
        self.note_signed_out(connection_id, &listed);
        let keys = listed?;
        Ok(KeyList {
            connection_id: connection_id.to_owned(),
            keys,
            capabilities: vendor.capabilities(),
            fetched_at: Utc::now(),
        })
    }

    pub async fn create_key(
        &self,
        connection_id: &str,
        draft: &KeyDraft,
    ) -> Result<CreatedKey, WorkspaceError> {
        let vendor = self.writable_vendor(connection_id)?;
        let result = create_guard::create_key(vendor.as_ref(), draft)
            .await
            .map_err(|failure| WorkspaceError::Create(Box::new(failure)));
        self.note_signed_out(connection_id, &result);
        let new_id = result.as_ref().ok().map(|c| c.key.id.clone());
        self.record(
            connection_id,
            AuditAction::Create,
            new_id.as_deref(),
            &result,
        );
        result
    }

    pub async fn revoke_key(
        &self,
        connection_id: &str,
        key_id: &str,
    ) -> Result<(), WorkspaceError> {
        let vendor = self.writable_vendor(connection_id)?;
        let result = revoke_guard::revoke_key(vendor.as_ref(), key_id)
            .await
            .map_err(WorkspaceError::from);
        self.note_signed_out(connection_id, &result);
        self.record(connection_id, AuditAction::Revoke, Some(key_id), &result);
        result
    }

    pub async fn update_key(
        &self,
        connection_id: &str,
        key_id: &str,
        update: &KeyUpdate,
    ) -> Result<ApiKey, WorkspaceError> {
        let vendor = self.writable_vendor(connection_id)?;
        let result = vendor
            .update_key(key_id, update)
            .await
            .map_err(WorkspaceError::from);
        self.note_signed_out(connection_id, &result);
        if let Some(enabled) = update.enabled {
            let action = if enabled {
                AuditAction::Enable
            } else {
                AuditAction::Disable
            };
            self.record(connection_id, action, Some(key_id), &result);
        }
        result
    }

    pub async fn reset_keys(&self, connection_id: &str) -> Result<Vec<CreatedKey>, WorkspaceError> {
        let vendor = self.writable_vendor(connection_id)?;
        let result = vendor.reset_keys().await.map_err(WorkspaceError::from);
        self.record(connection_id, AuditAction::Reset, None, &result);
        result
    }
}

fn outcome_of(error: &WorkspaceError) -> String {
    match error {
        WorkspaceError::Vendor(e) => e.audit_outcome(),
        WorkspaceError::Create(failure) => failure.audit_outcome(),
        other => format!("refused: {other}"),
    }
}
