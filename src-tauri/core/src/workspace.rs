//! The open profiles and what the app asks of them.

use std::sync::Arc;

use chrono::Utc;

use crate::error::VendorError;
use crate::model::KeyList;
use crate::profile::ProfileSummary;
use crate::vendors::Vendor;

pub struct Profile {
    pub summary: ProfileSummary,
    pub vendor: Arc<dyn Vendor>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no profile with id {0:?}")]
    ProfileNotFound(String),
    #[error(transparent)]
    Vendor(#[from] VendorError),
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
}
