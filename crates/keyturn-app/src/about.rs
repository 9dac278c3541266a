//! What About shows: the version and the folders Keyturn keeps its files in.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct About {
    pub version: String,
    /// Connections' keys journal, the audit log, the sandbox's state.
    pub data_dir: String,
    /// Connections, settings, snoozes.
    pub config_dir: String,
    pub log_dir: String,
}
