//! The support lookup: "which key is 10.0.0.4 using?" answered from every
//! connection's held keys at once.

use chrono::Utc;
use keyturn_core::keys::lookup::KeyLookup;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

impl<C: Clipboard + 'static> App<C> {
    /// Groups in the sidebar's order; a connection not listed this run is named in `not_listed`.
    pub async fn lookup_keys(&self, search: String, limit: u32) -> Result<KeyLookup, CommandError> {
        let ids: Vec<String> = self
            .keyturn()
            .await?
            .workspace
            .connections()
            .iter()
            .map(|c| c.id.clone())
            .collect();
        Ok(self
            .listed
            .lookup(&ids, &search, limit as usize, Utc::now()))
    }
}
