//! The connections' listings held for the views that read across them (what
//! needs attention, the lookup, the report): listed again when old, and the
//! failures in a row remembered with when they began.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use keyturn_core::{KeyList, Workspace};

use super::App;
use crate::clipboard_guard::Clipboard;

/// A held listing older than this is listed again.
fn listing_fresh_for() -> Duration {
    Duration::minutes(5)
}

impl<C: Clipboard + 'static> App<C> {
    /// Lists, concurrently, every connection (`everything`) or those not listed
    /// lately; a signed-out connection is not asked.
    pub(super) async fn refresh_listings(&self, workspace: &Workspace, everything: bool) {
        let now = Utc::now();
        let due = |id: &str| match self.listed.fetched_at(id) {
            _ if everything => true,
            None => true,
            Some(at) => now - at > listing_fresh_for(),
        };
        let connections = workspace.connections();
        let asked: Vec<_> = connections
            .iter()
            .filter(|c| !c.signed_out && due(&c.id))
            .map(|c| async move { (c.id.clone(), workspace.list_keys(&c.id).await) })
            .collect();
        for (connection_id, listed) in futures::future::join_all(asked).await {
            self.note_listing(&connection_id, listed.map_err(|e| e.to_string()));
        }
    }

    /// Holds a listing that worked and forgets the connection's failure; keeps
    /// the first time of a failure in a row.
    pub(super) fn note_listing(&self, connection_id: &str, listed: Result<KeyList, String>) {
        let mut failures = self
            .list_failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match listed {
            Ok(list) => {
                failures.remove(connection_id);
                self.listed.hold_list(list);
            }
            Err(reason) => {
                let since = failures
                    .get(connection_id)
                    .map(|(_, since)| *since)
                    .unwrap_or_else(Utc::now);
                failures.insert(connection_id.to_owned(), (reason, since));
            }
        }
    }

    pub(super) fn failures(&self) -> HashMap<String, (String, DateTime<Utc>)> {
        self.list_failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}
