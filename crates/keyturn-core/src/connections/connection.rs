//! A connection is one vendor account Keyturn connects to.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Generated from the `vendors!` list.
pub use crate::vendors::VendorKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Environment {
    Sandbox,
    Live,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionSummary {
    pub id: String,
    pub name: String,
    pub vendor: VendorKind,
    pub environment: Environment,
    pub read_only: bool,
    pub base_url: String,
    /// The non-secret account identifier to show (organization id, client id), if any.
    pub account_label: Option<String>,
    /// The same account as fields (client id, username, organization id, email),
    /// for the edit form to fill in without reading the label back.
    pub account: AccountValues,
    /// The Verifa API version the connection pins, when not Keyturn's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub api_version: Option<String>,
    /// Built in (the embedded sandbox): can be reset, not edited or removed.
    pub builtin: bool,
    /// Why the connection cannot connect right now, in one sentence; `None` when it can.
    pub problem: Option<String>,
    /// Its session ended (or it never signed in): the user can sign in again.
    pub signed_out: bool,
}

/// A connection's account by field; each is absent when its vendor has no such field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct AccountValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub organization_id: Option<String>,
    /// Who signed in, for a session connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
}

/// Everything the sidebar needs at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionsView {
    pub connections: Vec<ConnectionSummary>,
    pub last_connection_id: Option<String>,
    /// A sentence for the user when saved connections had to be set aside.
    pub notice: Option<String>,
}
