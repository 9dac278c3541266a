use serde::{Deserialize, Serialize};

use crate::dialects::api_keys::ApiKey;
use crate::dialects::kayle::{KayleKey, Org, Session, User};
use crate::dialects::verifa::VerifaKey;
use crate::dialects::veryfi::VeryfiAccount;

/// One mutation of the state, as written to the journal before it is applied.
/// Applying a change twice has the same effect as applying it once.
#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Change {
    /// Veryfi's section is small, so it is replaced whole.
    Veryfi {
        account: VeryfiAccount,
    },
    VerifaPut {
        org_id: String,
        key: VerifaKey,
    },
    ApiKeyPut {
        key: ApiKey,
    },
    KaylePut {
        key: KayleKey,
    },
    KayleDelete {
        id: String,
    },
    /// Whichever of a Kayle user, organization and session a sign-in step made or changed.
    KayleAccounts {
        user: Option<User>,
        org: Option<Org>,
        session: Option<Session>,
    },
}
