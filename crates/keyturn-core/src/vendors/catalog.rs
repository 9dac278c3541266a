//! The vendors Keyturn knows, each described by its own `account.rs`
//! (`VendorAccount::info`): what the connection form asks, how it signs in, and
//! the words the UI uses for it. The UI reads this list (its copy generated into
//! bindings.ts, `VENDOR_CATALOG`) and never names a vendor itself.

use serde::Serialize;
use ts_rs::TS;

use crate::vendors::credential::CredentialKind;
use crate::vendors::VendorKind;

/// A field of the connection form naming the account.
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
    /// "Veryfi partner": in the vendor picker and the sidebar.
    pub display_name: String,
    /// "Veryfi": in sentences ("Veryfi allows 2 keys").
    pub short_name: String,
    /// What the vendor calls a key's scopes ("Scopes", "Permissions").
    pub scopes_label: String,
    /// Prefilled in the form; `None` when the vendor has no single public address.
    pub default_base_url: Option<String>,
    /// The form's account fields, in order.
    pub account_fields: Vec<AccountField>,
    /// What the vendor calls the credential that goes to the keychain.
    pub credential_label: String,
    /// A pasted token, or a session made by signing in.
    pub credential: CredentialKind,
}

/// Every vendor, in the order the form offers them (the `vendors!` list's).
pub fn vendors() -> Vec<VendorInfo> {
    VendorKind::ALL.iter().map(|kind| kind.info()).collect()
}
