//! The open profiles and what the app asks of them. Every mutating call checks
//! the profile's read-only flag here, so hiding buttons is not the only guard.

use std::sync::{Arc, RwLock};

use chrono::Utc;

use crate::connections::profile::ProfileSummary;
use crate::keys::create_guard::{self, CreateFailure};
use crate::keys::delete_guard;
use crate::keys::model::{ApiKey, CreatedKey, KeyDraft, KeyList, KeyUpdate};
use crate::storage::audit::{AuditAction, AuditEntry, AuditLog};
use crate::vendors::error::{VendorError, VendorErrorKind};
use crate::vendors::Vendor;

pub struct Profile {
    pub summary: ProfileSummary,
    /// `None` when the profile cannot connect (its `problem` says why).
    pub vendor: Option<Arc<dyn Vendor>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no profile with id {0:?}")]
    ProfileNotFound(String),
    #[error("profile {0:?} is read-only")]
    ReadOnly(String),
    #[error("profile {profile_id:?} cannot connect: {problem}")]
    Unusable { profile_id: String, problem: String },
    #[error("profile {profile_id:?} is signed out: {problem}")]
    SignedOut { profile_id: String, problem: String },
    #[error(transparent)]
    Vendor(#[from] VendorError),
    #[error(transparent)]
    Create(Box<CreateFailure>),
}

/// Profiles in the order the user sees them, and the audit log of their key actions.
pub struct Workspace {
    profiles: RwLock<Vec<Arc<Profile>>>,
    audit: Option<AuditLog>,
}

impl Workspace {
    pub fn new(profiles: Vec<Profile>) -> Self {
        Self {
            profiles: RwLock::new(profiles.into_iter().map(Arc::new).collect()),
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
        profile_id: &str,
        action: AuditAction,
        key_id: Option<&str>,
        result: &Result<T, WorkspaceError>,
    ) {
        let (Some(audit), Ok(profile)) = (&self.audit, self.profile(profile_id)) else {
            return;
        };
        let outcome = match result {
            Ok(_) => "ok".to_owned(),
            Err(error) => outcome_of(error),
        };
        let entry = AuditEntry::new(&profile.summary, action, key_id, outcome);
        log::info!(
            "{:?} on profile {} key {:?}: {}",
            entry.action,
            entry.profile_id,
            entry.key_id,
            entry.outcome
        );
        // The action already happened at the vendor; a full disk must not hide that.
        if let Err(e) = audit.record(&entry) {
            log::error!("the audit log could not be written: {e}");
        }
    }

    pub fn profiles(&self) -> Vec<ProfileSummary> {
        self.read().iter().map(|p| p.summary.clone()).collect()
    }

    /// Adds a profile, or replaces the one with the same id in place.
    pub fn upsert(&self, profile: Profile) {
        let mut profiles = self.profiles.write().expect("profiles lock poisoned");
        let profile = Arc::new(profile);
        match profiles
            .iter_mut()
            .find(|p| p.summary.id == profile.summary.id)
        {
            Some(slot) => *slot = profile,
            None => profiles.push(profile),
        }
    }

    pub fn remove(&self, id: &str) -> Option<ProfileSummary> {
        let mut profiles = self.profiles.write().expect("profiles lock poisoned");
        let index = profiles.iter().position(|p| p.summary.id == id)?;
        Some(profiles.remove(index).summary.clone())
    }

    pub fn summary(&self, id: &str) -> Result<ProfileSummary, WorkspaceError> {
        Ok(self.profile(id)?.summary.clone())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<Arc<Profile>>> {
        self.profiles.read().expect("profiles lock poisoned")
    }

    fn profile(&self, id: &str) -> Result<Arc<Profile>, WorkspaceError> {
        self.read()
            .iter()
            .find(|p| p.summary.id == id)
            .cloned()
            .ok_or_else(|| WorkspaceError::ProfileNotFound(id.to_owned()))
    }

    /// The vendor of a profile that can connect (read-only ones included).
    pub fn vendor(&self, id: &str) -> Result<Arc<dyn Vendor>, WorkspaceError> {
        let profile = self.profile(id)?;
        let problem = profile.summary.problem.clone().unwrap_or_default();
        match (&profile.vendor, profile.summary.signed_out) {
            (Some(vendor), false) => Ok(vendor.clone()),
            (_, true) => Err(WorkspaceError::SignedOut {
                profile_id: id.to_owned(),
                problem,
            }),
            (None, false) => Err(WorkspaceError::Unusable {
                profile_id: id.to_owned(),
                problem,
            }),
        }
    }

    /// After the vendor said the session ended: the profile shows as signed out
    /// until it signs in again, and every call says so without reaching the vendor.
    fn note_signed_out<T>(&self, profile_id: &str, result: &Result<T, WorkspaceError>) {
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
        let mut profiles = self.profiles.write().expect("profiles lock poisoned");
        if let Some(slot) = profiles.iter_mut().find(|p| p.summary.id == profile_id) {
            let mut summary = slot.summary.clone();
            summary.signed_out = true;
            summary.problem = Some(crate::connections::service::NOT_SIGNED_IN.to_owned());
            *slot = Arc::new(Profile {
                summary,
                vendor: slot.vendor.clone(),
            });
        }
    }

    /// The vendor of a profile that may change keys; read-only profiles are refused.
    pub fn writable_vendor(&self, id: &str) -> Result<Arc<dyn Vendor>, WorkspaceError> {
        if self.profile(id)?.summary.read_only {
            return Err(WorkspaceError::ReadOnly(id.to_owned()));
        }
        self.vendor(id)
    }

    pub async fn list_keys(&self, profile_id: &str) -> Result<KeyList, WorkspaceError> {
        let vendor = self.vendor(profile_id)?;
        let listed = vendor.list_keys().await.map_err(WorkspaceError::from);
        self.note_signed_out(profile_id, &listed);
        let keys = listed?;
        Ok(KeyList {
            profile_id: profile_id.to_owned(),
            keys,
            capabilities: vendor.capabilities(),
            fetched_at: Utc::now(),
        })
    }

    pub async fn create_key(
        &self,
        profile_id: &str,
        draft: &KeyDraft,
    ) -> Result<CreatedKey, WorkspaceError> {
        let vendor = self.writable_vendor(profile_id)?;
        let result = create_guard::create_key(vendor.as_ref(), draft)
            .await
            .map_err(|failure| WorkspaceError::Create(Box::new(failure)));
        self.note_signed_out(profile_id, &result);
        let new_id = result.as_ref().ok().map(|c| c.key.id.clone());
        self.record(profile_id, AuditAction::Create, new_id.as_deref(), &result);
        result
    }

    pub async fn delete_key(&self, profile_id: &str, key_id: &str) -> Result<(), WorkspaceError> {
        let vendor = self.writable_vendor(profile_id)?;
        let result = delete_guard::delete_key(vendor.as_ref(), key_id)
            .await
            .map_err(WorkspaceError::from);
        self.note_signed_out(profile_id, &result);
        self.record(profile_id, AuditAction::Revoke, Some(key_id), &result);
        result
    }

    pub async fn update_key(
        &self,
        profile_id: &str,
        key_id: &str,
        update: &KeyUpdate,
    ) -> Result<ApiKey, WorkspaceError> {
        let vendor = self.writable_vendor(profile_id)?;
        let result = vendor
            .update_key(key_id, update)
            .await
            .map_err(WorkspaceError::from);
        self.note_signed_out(profile_id, &result);
        if let Some(enabled) = update.enabled {
            let action = if enabled {
                AuditAction::Enable
            } else {
                AuditAction::Disable
            };
            self.record(profile_id, action, Some(key_id), &result);
        }
        result
    }

    pub async fn reset_keys(&self, profile_id: &str) -> Result<Vec<CreatedKey>, WorkspaceError> {
        let vendor = self.writable_vendor(profile_id)?;
        let result = vendor.reset_keys().await.map_err(WorkspaceError::from);
        self.record(profile_id, AuditAction::Reset, None, &result);
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
