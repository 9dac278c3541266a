//! `vendors!`: from the one list of vendors in `vendors/mod.rs`, the types and
//! the dispatch that used to be a hand-written match per vendor in each place.

/// Each entry is `Kind => module::AccountType`: `Kind` is the `VendorKind`
/// variant (its camelCase form is the tag saved in the connections file and
/// sent over IPC), and the account type implements `VendorAccount`.
macro_rules! vendors {
    ($($kind:ident => $account:path),+ $(,)?) => {
        /// Which vendor a connection talks to. The order is the catalog's.
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            serde::Serialize,
            serde::Deserialize,
            ts_rs::TS,
        )]
        #[serde(rename_all = "camelCase")]
        pub enum VendorKind {
            $($kind),+
        }

        impl VendorKind {
            /// Every vendor, in the order the form offers them.
            pub const ALL: &'static [VendorKind] = &[$(VendorKind::$kind),+];

            /// What the catalog says about this vendor.
            pub fn info(self) -> $crate::vendors::catalog::VendorInfo {
                match self {
                    $(VendorKind::$kind => <$account as $crate::vendors::account::VendorAccount>::info()),+
                }
            }

            /// The sign-in of a vendor whose credential is a session; `None` for token vendors.
            pub fn sign_in(
                self,
                base_url: &str,
                http: $crate::http::HttpOptions,
            ) -> Result<
                Option<Box<dyn $crate::vendors::credential::SessionSignIn>>,
                $crate::http::BaseUrlError,
            > {
                match self {
                    $(VendorKind::$kind => <$account as $crate::vendors::account::VendorAccount>::sign_in(base_url, http)),+
                }
            }
        }

        /// A connection's vendor-specific account fields, none of them secret, as
        /// saved in the connections file: `{"vendor": "<kind>", ...fields}`.
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "vendor", rename_all = "camelCase")]
        pub enum Account {
            $($kind($account)),+
        }

        impl Account {
            pub fn vendor(&self) -> VendorKind {
                match self {
                    $(Account::$kind(_) => VendorKind::$kind),+
                }
            }

            /// Reads the account fields of the draft's vendor.
            pub fn from_draft(
                draft: &$crate::connections::service::ConnectionDraft,
            ) -> Result<Self, $crate::connections::service::ConnectionError> {
                match draft.vendor {
                    $(VendorKind::$kind => <$account as $crate::vendors::account::VendorAccount>::from_draft(draft).map(Account::$kind)),+
                }
            }

            /// The non-secret account identifier to show, if any.
            pub fn label(&self) -> Option<String> {
                match self {
                    $(Account::$kind(account) => $crate::vendors::account::VendorAccount::label(account)),+
                }
            }

            /// The account's non-secret fields, by name.
            pub fn values(&self) -> $crate::connections::connection::AccountValues {
                match self {
                    $(Account::$kind(account) => $crate::vendors::account::VendorAccount::values(account)),+
                }
            }

            /// The API version the connection pins, when not Keyturn's default.
            pub fn api_version(&self) -> Option<String> {
                match self {
                    $(Account::$kind(account) => $crate::vendors::account::VendorAccount::api_version(account)),+
                }
            }

            /// Builds the vendor's client for this account.
            pub fn connect(
                &self,
                base_url: &str,
                credential: $crate::secrets::Sensitive<String>,
                http: $crate::http::HttpOptions,
            ) -> Result<std::sync::Arc<dyn $crate::vendors::Vendor>, $crate::http::BaseUrlError> {
                match self {
                    $(Account::$kind(account) => $crate::vendors::account::VendorAccount::connect(account, base_url, credential, http)),+
                }
            }
        }
    };
}
