//! Keyturn's own files: the audit log, settings, exports, the data folder lock,
//! and how an unreadable one is set aside.

pub mod audit;
pub mod export;
pub mod instance_lock;
pub mod report;
pub mod set_aside;
pub mod settings;
