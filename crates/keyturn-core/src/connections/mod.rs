//! Connections (called connections in code): what one is, how it is saved, and the
//! service that adds, edits, signs in and removes them.

pub mod connection;
pub mod file;
pub mod service;
