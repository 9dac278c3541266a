//! A Verifa connection: one organization, an admin token, and optionally the
//! API version to pin.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::connections::connection::AccountValues;
use crate::connections::service::{invalid, ConnectionDraft, ConnectionError};
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::account::{required, VendorAccount};
use crate::vendors::catalog::{AccountField, VendorInfo};
use crate::vendors::credential::CredentialKind;
use crate::vendors::verifa::{
    is_api_version, VerifaCredentials, VerifaOrganization, DEFAULT_API_VERSION, PUBLIC_BASE_URL,
};
use crate::vendors::{Vendor, VendorKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifaAccount {
    pub organization_id: String,
    /// The `Verifa-Version` to send; absent means Keyturn's tested default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
}

impl VendorAccount for VerifaAccount {
    fn info() -> VendorInfo {
        VendorInfo {
            vendor: VendorKind::Verifa,
            display_name: "Verifa".into(),
            short_name: "Verifa".into(),
            scopes_label: "Scopes".into(),
            default_base_url: Some(PUBLIC_BASE_URL.into()),
            account_fields: vec![AccountField::OrganizationId, AccountField::ApiVersion],
            credential_label: "Admin token".into(),
            credential: CredentialKind::StaticToken,
        }
    }

    fn from_draft(draft: &ConnectionDraft) -> Result<Self, ConnectionError> {
        let organization_id =
            required(&draft.organization_id, "organizationId", "organization ID")?;
        let well_formed = organization_id.strip_prefix("org_").is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if !well_formed {
            return Err(invalid(
                "organizationId",
                "A Verifa organization ID starts with org_ followed by letters, digits or _.",
            ));
        }
        Ok(Self {
            organization_id,
            api_version: api_version_from(draft)?,
        })
    }

    fn label(&self) -> Option<String> {
        Some(self.organization_id.clone())
    }

    fn values(&self) -> AccountValues {
        AccountValues {
            organization_id: Some(self.organization_id.clone()),
            ..AccountValues::default()
        }
    }

    fn api_version(&self) -> Option<String> {
        self.api_version.clone()
    }

    fn connect(
        &self,
        base_url: &str,
        credential: Sensitive<String>,
        http: HttpOptions,
    ) -> Result<Arc<dyn Vendor>, BaseUrlError> {
        let credentials = VerifaCredentials {
            organization_id: self.organization_id.clone(),
            admin_token: credential,
            api_version: self
                .api_version
                .clone()
                .unwrap_or_else(|| DEFAULT_API_VERSION.to_owned()),
        };
        Ok(Arc::new(VerifaOrganization::new(
            base_url,
            credentials,
            http,
        )?))
    }
}

/// The version the user typed, or `None` for the default.
fn api_version_from(draft: &ConnectionDraft) -> Result<Option<String>, ConnectionError> {
    let typed = draft.api_version.as_deref().map(str::trim).unwrap_or("");
    if typed.is_empty() || typed == DEFAULT_API_VERSION {
        return Ok(None);
    }
    if !is_api_version(typed) {
        return Err(invalid(
            "apiVersion",
            format!(
                "A Verifa API version is a date written YYYY-MM-DD, such as {DEFAULT_API_VERSION}."
            ),
        ));
    }
    Ok(Some(typed.to_owned()))
}
