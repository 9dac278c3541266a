//! Keyturn's own files: the audit log, settings, exports and the data folder lock.

pub mod audit;
pub mod export;
pub mod instance_lock;
pub mod settings;
