//! A Veryfi partner connection: a client account, its username and a pasted API key.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::connections::connection::AccountValues;
use crate::connections::service::{ConnectionDraft, ConnectionError};
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::account::{required, VendorAccount};
use crate::vendors::catalog::{AccountField, VendorInfo};
use crate::vendors::credential::CredentialKind;
use crate::vendors::veryfi::{VeryfiCredentials, VeryfiPartner, PUBLIC_BASE_URL};
use crate::vendors::{Vendor, VendorKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VeryfiAccount {
    pub client_id: String,
    pub username: String,
}

impl VendorAccount for VeryfiAccount {
    fn info() -> VendorInfo {
        VendorInfo {
            vendor: VendorKind::Veryfi,
            display_name: "Veryfi partner".into(),
            short_name: "Veryfi".into(),
            scopes_label: "Scopes".into(),
            default_base_url: Some(PUBLIC_BASE_URL.into()),
            account_fields: vec![AccountField::ClientId, AccountField::Username],
            credential_label: "API key".into(),
            credential: CredentialKind::StaticToken,
        }
    }

    fn from_draft(draft: &ConnectionDraft) -> Result<Self, ConnectionError> {
        Ok(Self {
            client_id: required(&draft.client_id, "clientId", "client ID")?,
            username: required(&draft.username, "username", "username")?,
        })
    }

    fn label(&self) -> Option<String> {
        Some(format!("{} · {}", self.username, self.client_id))
    }

    fn values(&self) -> AccountValues {
        AccountValues {
            client_id: Some(self.client_id.clone()),
            username: Some(self.username.clone()),
            ..AccountValues::default()
        }
    }

    fn connect(
        &self,
        base_url: &str,
        credential: Sensitive<String>,
        http: HttpOptions,
    ) -> Result<Arc<dyn Vendor>, BaseUrlError> {
        let credentials = VeryfiCredentials {
            client_id: self.client_id.clone(),
            username: self.username.clone(),
            api_key: credential,
        };
        Ok(Arc::new(VeryfiPartner::new(base_url, credentials, http)?))
    }
}
