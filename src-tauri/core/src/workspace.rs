//! The open profiles and what the app asks of them.

use std::sync::Arc;

use chrono::Utc;

use crate::create_guard::{self, CreateFailure};
use crate::error::VendorError;
use crate::model::{ApiKey, CreatedKey, KeyDraft, KeyList, KeyUpdate};
use crate::profile::ProfileSummary;
use crate::vendors::Vendor;

pub struct Profile {
    pub summary: ProfileSummary,
    pub vendor: Arc<dyn Vendor>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no profile with id {0:?}")]
    ProfileNotFound(String),
    #[error(transparent)]
    Vendor(#[from] VendorError),
    #[error(transparent)]
    Create(Box<CreateFailure>),
}

/// Profiles in the order the user sees them. Holds whatever must live as long as
/// they do (the embedded sandbox).
pub struct Workspace {
    profiles: Vec<Profile>,
    _keep_alive: Vec<Box<dyn std::any::Any + Send + Sync>>,
}

impl Workspace {
    pub fn new(profiles: Vec<Profile>) -> Self {
        Self {
            profiles,
            _keep_alive: Vec::new(),
        }
    }

    pub fn keep_alive(mut self, resource: impl std::any::Any + Send + Sync) -> Self {
        self._keep_alive.push(Box::new(resource));
        self
    }

    pub fn profiles(&self) -> Vec<ProfileSummary> {
        self.profiles.iter().map(|p| p.summary.clone()).collect()
    }

    fn profile(&self, id: &str) -> Result<&Profile, WorkspaceError> {
        self.profiles
            .iter()
            .find(|p| p.summary.id == id)
            .ok_or_else(|| WorkspaceError::ProfileNotFound(id.to_owned()))
    }

    pub async fn list_keys(&self, profile_id: &str) -> Result<KeyList, WorkspaceError> {
        let profile = self.profile(profile_id)?;
        let keys = profile.vendor.list_keys().await?;
        Ok(KeyList {
            profile_id: profile_id.to_owned(),
            keys,
            capabilities: profile.vendor.capabilities(),
            fetched_at: Utc::now(),
        })
    }

    pub async fn create_key(
        &self,
        profile_id: &str,
        draft: &KeyDraft,
    ) -> Result<CreatedKey, WorkspaceError> {
        let profile = self.profile(profile_id)?;
        create_guard::create_key(profile.vendor.as_ref(), draft)
            .await
            .map_err(|failure| WorkspaceError::Create(Box::new(failure)))
    }

    pub async fn delete_key(&self, profile_id: &str, key_id: &str) -> Result<(), WorkspaceError> {
        Ok(self.profile(profile_id)?.vendor.delete_key(key_id).await?)
    }

    pub async fn update_key(
        &self,
        profile_id: &str,
        key_id: &str,
        update: &KeyUpdate,
    ) -> Result<ApiKey, WorkspaceError> {
        Ok(self
            .profile(profile_id)?
            .vendor
            .update_key(key_id, update)
            .await?)
    }
}
