//! What the "Add connection" form needs to know about each vendor.

use serde::Serialize;
use ts_rs::TS;

use crate::connections::profile::VendorKind;
use crate::vendors::credential::CredentialKind;
use crate::vendors::{api_keys, kayle, verifa, veryfi};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AccountField {
    ClientId,
    Username,
    OrganizationId,
    /// Optional: blank means Keyturn's tested default.
    ApiVersion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VendorInfo {
    pub vendor: VendorKind,
    pub display_name: String,
    /// Prefilled in the form; `None` when the vendor has no single public address.
    pub default_base_url: Option<String>,
    pub account_fields: Vec<AccountField>,
    /// What the vendor calls the credential that goes to the keychain.
    pub secret_label: String,
    /// A pasted token, or a session made by signing in.
    pub credential: CredentialKind,
}

/// What the catalog says about one vendor.
pub fn info(vendor: VendorKind) -> VendorInfo {
    vendors()
        .into_iter()
        .find(|v| v.vendor == vendor)
        .expect("every vendor is in the catalog")
}

pub fn display_name(vendor: VendorKind) -> &'static str {
    match vendor {
        VendorKind::Veryfi => "Veryfi partner",
        VendorKind::Verifa => "Verifa",
        VendorKind::ApiKeys => "API keys (/v1/api-keys)",
        VendorKind::Kayle => "Kayle ID",
    }
}

pub fn vendors() -> Vec<VendorInfo> {
    let info = |vendor, base: Option<&str>, account_fields, secret_label: &str| VendorInfo {
        vendor,
        display_name: display_name(vendor).to_owned(),
        default_base_url: base.map(str::to_owned),
        account_fields,
        secret_label: secret_label.to_owned(),
        credential: CredentialKind::StaticToken,
    };
    vec![
        info(
            VendorKind::Veryfi,
            Some(veryfi::PUBLIC_BASE_URL),
            vec![AccountField::ClientId, AccountField::Username],
            "API key",
        ),
        info(
            VendorKind::Verifa,
            Some(verifa::PUBLIC_BASE_URL),
            vec![AccountField::OrganizationId, AccountField::ApiVersion],
            "Admin token",
        ),
        info(
            VendorKind::ApiKeys,
            api_keys::PUBLIC_BASE_URL,
            vec![],
            "Bearer token",
        ),
        kayle::info(),
    ]
}
