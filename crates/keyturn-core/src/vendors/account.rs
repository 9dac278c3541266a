//! What the rest of Keyturn needs to know about a vendor, said in one place: each
//! vendor's `account.rs` implements `VendorAccount`, and the `vendors!` list in
//! `vendors/mod.rs` turns the implementations into `VendorKind`, `Account` and
//! the functions that dispatch on them.

use std::fmt::Debug;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connections::connection::AccountValues;
use crate::connections::service::{invalid, ConnectionDraft, ConnectionError};
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::catalog::VendorInfo;
use crate::vendors::credential::SessionSignIn;
use crate::vendors::Vendor;

/// A vendor's account: the non-secret fields a connection keeps for it in the
/// connections file (its serde form, under the vendor's tag), and everything
/// else that differs from one vendor to the next.
pub trait VendorAccount:
    Debug + Clone + PartialEq + Eq + Serialize + DeserializeOwned + Send + Sync + Sized
{
    /// The vendor's catalog entry: its names, form fields and credential.
    fn info() -> VendorInfo;

    /// Reads and checks the account fields of what the connection form sent.
    fn from_draft(draft: &ConnectionDraft) -> Result<Self, ConnectionError>;

    /// The non-secret identifier shown beside the connection, if any.
    fn label(&self) -> Option<String>;

    /// The fields again, by name, for the edit form.
    fn values(&self) -> AccountValues;

    /// The API version the connection pins, when not Keyturn's default.
    fn api_version(&self) -> Option<String> {
        None
    }

    /// The vendor's client for this account, with the connection's credential
    /// and HTTP policy.
    fn connect(
        &self,
        base_url: &str,
        credential: Sensitive<String>,
        http: HttpOptions,
    ) -> Result<Arc<dyn Vendor>, BaseUrlError>;

    /// The sign-in of a vendor whose credential is a session; `None` for token vendors.
    fn sign_in(
        _base_url: &str,
        _http: HttpOptions,
    ) -> Result<Option<Box<dyn SessionSignIn>>, BaseUrlError> {
        Ok(None)
    }
}

/// A draft field that must not be blank, trimmed; `label` names it in the message.
pub(crate) fn required(
    value: &Option<String>,
    field: &str,
    label: &str,
) -> Result<String, ConnectionError> {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(invalid(field, format!("Enter the {label}."))),
    }
}
