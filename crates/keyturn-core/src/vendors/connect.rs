//! Builds the adapter for an account: the one place that maps account fields
//! and a keychain secret onto a vendor's client.

use std::sync::Arc;

use crate::connections::connection::VendorKind;
use crate::connections::file::Account;
use crate::http::{BaseUrlError, HttpOptions};
use crate::secrets::Sensitive;
use crate::vendors::api_keys::{ApiKeysCredentials, ApiKeysService};
use crate::vendors::credential::{Session, SessionSignIn};
use crate::vendors::kayle::sign_in::KayleSignIn;
use crate::vendors::kayle::{KayleCredentials, KayleId};
use crate::vendors::verifa::{self, VerifaCredentials, VerifaOrganization};
use crate::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use crate::vendors::Vendor;

pub fn connect(
    account: &Account,
    base_url: &str,
    secret: Sensitive<String>,
    options: HttpOptions,
) -> Result<Arc<dyn Vendor>, BaseUrlError> {
    Ok(match account {
        Account::Veryfi {
            client_id,
            username,
        } => {
            let credentials = VeryfiCredentials {
                client_id: client_id.clone(),
                username: username.clone(),
                api_key: secret,
            };
            Arc::new(VeryfiPartner::new(base_url, credentials, options)?)
        }
        Account::Verifa {
            organization_id,
            api_version,
        } => {
            let credentials = VerifaCredentials {
                organization_id: organization_id.clone(),
                admin_token: secret,
                api_version: api_version
                    .clone()
                    .unwrap_or_else(|| verifa::DEFAULT_API_VERSION.to_owned()),
            };
            Arc::new(VerifaOrganization::new(base_url, credentials, options)?)
        }
        Account::ApiKeys => {
            let credentials = ApiKeysCredentials { token: secret };
            Arc::new(ApiKeysService::new(base_url, credentials, options)?)
        }
        Account::Kayle { .. } => {
            let credentials = KayleCredentials {
                session: Session::from_keychain(&secret),
            };
            Arc::new(KayleId::new(base_url, credentials, options)?)
        }
    })
}

/// The sign-in of a vendor whose credential is a session; `None` for token vendors.
pub fn sign_in(
    vendor: VendorKind,
    base_url: &str,
    options: HttpOptions,
) -> Result<Option<Box<dyn SessionSignIn>>, BaseUrlError> {
    Ok(match vendor {
        VendorKind::Kayle => Some(Box::new(KayleSignIn::new(base_url, options)?)),
        VendorKind::Veryfi | VendorKind::Verifa | VendorKind::ApiKeys => None,
    })
}
