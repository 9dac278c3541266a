//! Keys: the model every vendor's keys are read into, the guards around
//! creating and revoking them, and the listed inventory the keys view queries.

pub(crate) mod client_name;
mod collation;
pub mod create_guard;
pub mod inventory;
pub mod lookup;
pub mod model;
pub mod query;
pub mod revoke_guard;
