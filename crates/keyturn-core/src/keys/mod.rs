//! Keys: the model every vendor's keys are read into, and the guards around
//! creating and revoking them.

pub mod create_guard;
pub mod model;
pub mod revoke_guard;
