//! The keys of the connection the window opens on, listed while the page
//! loads. The page's first `list_keys` of that connection waits for this
//! listing instead of asking the vendor a second time.

use tokio::sync::watch;

use super::App;
use crate::clipboard_guard::Clipboard;

/// A listing started at launch: its connection, and whether it worked once done.
#[derive(Default)]
pub(super) struct FirstListing {
    pending: std::sync::Mutex<Option<(String, watch::Receiver<Option<bool>>)>>,
}

impl FirstListing {
    fn start(&self, connection_id: &str) -> watch::Sender<Option<bool>> {
        let (done, waiting) = watch::channel(None);
        *self.slot() = Some((connection_id.to_owned(), waiting));
        done
    }

    /// Takes `connection_id`'s listing, once: waits for it, true when it worked
    /// (its keys are held). False when there is none (any other connection, any
    /// later listing).
    pub(super) async fn take(&self, connection_id: &str) -> bool {
        let mut waiting = {
            let mut slot = self.slot();
            match slot.as_ref() {
                Some((id, _)) if id == connection_id => slot.take().map(|(_, w)| w),
                _ => None,
            }
        };
        match waiting.as_mut() {
            Some(w) => matches!(w.wait_for(Option::is_some).await.as_deref(), Ok(Some(true))),
            None => false,
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<(String, watch::Receiver<Option<bool>>)>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl<C: Clipboard + 'static> App<C> {
    /// Opens Keyturn and lists the connection the window will show first (the
    /// one last chosen, else the first), so its keys are held when the page asks.
    pub async fn list_first_connection(&self) {
        let Ok(keyturn) = self.keyturn().await else {
            return;
        };
        let connections = keyturn.workspace.connections();
        let last = keyturn.connections.last_connection_id().await;
        let Some(first) = last
            .filter(|id| connections.iter().any(|c| &c.id == id))
            .or_else(|| connections.first().map(|c| c.id.clone()))
        else {
            return;
        };
        let done = self.first_listing.start(&first);
        let listed = match keyturn.workspace.list_keys(&first).await {
            Ok(list) => {
                self.listed.hold_list(list);
                true
            }
            Err(_) => false,
        };
        let _ = done.send(Some(listed));
    }
}
