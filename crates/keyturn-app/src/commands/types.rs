//! Every type the command list names, under the name it uses there: the code
//! made from the list (the shell's commands) imports them all from here.

pub use crate::about::About;
pub use crate::app::TrayRequest;
pub use crate::clipboard_guard::CopyReceipt;
pub use crate::reveal::RevealedKey;
pub use crate::rotations::{OpenRotationsView, RotationView};
pub use chrono::{DateTime, Utc};
pub use keyturn_core::attention::{AttentionSummary, RotationPolicy};
pub use keyturn_core::connections::service::{
    ConnectionCheck, ConnectionDraft, RemovedConnection, SignInStart, SignInStarted,
};
pub use keyturn_core::keys::lookup::KeyLookup;
pub use keyturn_core::rotation::RotationAction;
pub use keyturn_core::storage::audit::{AuditFilter, AuditPage};
pub use keyturn_core::storage::export::ExportFormat;
pub use keyturn_core::storage::settings::Settings;
pub use keyturn_core::vendors::credential::OrganizationChoice;
pub use keyturn_core::{
    ApiKey, ConnectionSummary, ConnectionsView, KeyDraft, KeyPage, KeyQuery, Sensitive,
};
