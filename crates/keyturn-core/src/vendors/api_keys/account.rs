//! A `/v1/api-keys` connection: a bearer token and no account fields.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::connections::connection::AccountValues;
use crate::connections::service::{ConnectionDraft, ConnectionError};
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::account::VendorAccount;
use crate::vendors::api_keys::{ApiKeysCredentials, ApiKeysService, PUBLIC_BASE_URL};
use crate::vendors::catalog::VendorInfo;
use crate::vendors::credential::CredentialKind;
use crate::vendors::{Vendor, VendorKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeysAccount {}

impl VendorAccount for ApiKeysAccount {
    fn info() -> VendorInfo {
        VendorInfo {
            vendor: VendorKind::ApiKeys,
            display_name: "API keys (/v1/api-keys)".into(),
            short_name: "API Keys".into(),
            scopes_label: "Scopes".into(),
            default_base_url: PUBLIC_BASE_URL.map(str::to_owned),
            account_fields: Vec::new(),
            credential_label: "Bearer token".into(),
            credential: CredentialKind::StaticToken,
        }
    }

    fn from_draft(_draft: &ConnectionDraft) -> Result<Self, ConnectionError> {
        Ok(Self {})
    }

    fn label(&self) -> Option<String> {
        None
    }

    fn values(&self) -> AccountValues {
        AccountValues::default()
    }

    fn connect(
        &self,
        base_url: &str,
        credential: Sensitive<String>,
        http: HttpOptions,
    ) -> Result<Arc<dyn Vendor>, BaseUrlError> {
        let credentials = ApiKeysCredentials { token: credential };
        Ok(Arc::new(ApiKeysService::new(base_url, credentials, http)?))
    }
}
