//! A Kayle ID connection: a session the user signs in to, in one organization.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::connections::connection::AccountValues;
use crate::connections::service::{ConnectionDraft, ConnectionError};
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::account::VendorAccount;
use crate::vendors::catalog::VendorInfo;
use crate::vendors::credential::{CredentialKind, Session, SessionSignIn, SignInStep};
use crate::vendors::kayle::sign_in::KayleSignIn;
use crate::vendors::kayle::{KayleCredentials, KayleId, PUBLIC_BASE_URL, SESSION_DAYS};
use crate::vendors::{Vendor, VendorKind};

/// Filled in by signing in; older files have neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KayleAccount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<KayleOrganization>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KayleOrganization {
    pub id: String,
    pub name: String,
}

impl VendorAccount for KayleAccount {
    fn info() -> VendorInfo {
        VendorInfo {
            vendor: VendorKind::Kayle,
            display_name: "Kayle ID".into(),
            short_name: "Kayle".into(),
            scopes_label: "Permissions".into(),
            default_base_url: Some(PUBLIC_BASE_URL.into()),
            account_fields: Vec::new(),
            credential_label: "Session".into(),
            credential: CredentialKind::Session {
                steps: vec![
                    SignInStep::Email,
                    SignInStep::Code,
                    SignInStep::Organization,
                ],
                lifetime_days: SESSION_DAYS as u32,
            },
        }
    }

    /// The form has no Kayle fields: signing in fills them.
    fn from_draft(_draft: &ConnectionDraft) -> Result<Self, ConnectionError> {
        Ok(Self {
            email: None,
            organization: None,
        })
    }

    fn label(&self) -> Option<String> {
        match (&self.email, &self.organization) {
            (Some(email), Some(organization)) => Some(format!("{email} · {}", organization.name)),
            (Some(email), None) => Some(email.clone()),
            (None, Some(organization)) => Some(organization.name.clone()),
            (None, None) => None,
        }
    }

    fn values(&self) -> AccountValues {
        AccountValues {
            email: self.email.clone(),
            ..AccountValues::default()
        }
    }

    fn connect(
        &self,
        base_url: &str,
        credential: Sensitive<String>,
        http: HttpOptions,
    ) -> Result<Arc<dyn Vendor>, BaseUrlError> {
        let credentials = KayleCredentials {
            session: Session::from_keychain(&credential),
        };
        Ok(Arc::new(KayleId::new(base_url, credentials, http)?))
    }

    fn sign_in(
        base_url: &str,
        http: HttpOptions,
    ) -> Result<Option<Box<dyn SessionSignIn>>, BaseUrlError> {
        Ok(Some(Box::new(KayleSignIn::new(base_url, http)?)))
    }
}
