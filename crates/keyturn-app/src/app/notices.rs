//! Desktop notifications for what needs attention: the shell gives `App` a
//! `Notifier`; each summary asked for while Keyturn runs sends the notices due
//! (keyturn-core `attention::notices`). When each item was last notified is
//! kept in `notified.json`, so a restart does not notify it again that day.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Utc;
use keyturn_core::attention::notices;
use keyturn_core::attention::notified_file::NotifiedFile;
use keyturn_core::attention::AttentionSummary;

use super::App;
use crate::clipboard_guard::Clipboard;

/// Shows one desktop notification.
pub trait Notifier: Send + Sync {
    fn notify(&self, title: &str, body: &str) -> Result<(), String>;
}

impl<C: Clipboard + 'static> App<C> {
    /// From the shell at start; without one, no notification is sent.
    pub fn set_notifier(&self, notifier: Arc<dyn Notifier>) {
        let _ = self.notifier.set(notifier);
    }

    /// The first summary of the run is the baseline; later ones notify what is new.
    pub(super) fn send_notices(&self, summary: &AttentionSummary) {
        let Some(notifier) = self.notifier.get() else {
            return;
        };
        let mut first_seen = self
            .first_seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(first) = first_seen.as_ref() else {
            let ids: HashSet<String> = summary
                .items
                .iter()
                .map(|i| i.id.clone())
                .chain(summary.snoozed.iter().map(|s| s.item.id.clone()))
                .collect();
            *first_seen = Some(ids);
            return;
        };
        let now = Utc::now();
        let file = NotifiedFile::new(&self.config_dir);
        let mut notified = file.load();
        notified.prune(now);
        let due = notices::due(&summary.items, first, &mut notified, now);
        if due.is_empty() {
            return;
        }
        for notice in &due {
            if let Err(e) = notifier.notify(&notice.title, &notice.body) {
                log::warn!("notification for {} not shown: {e}", notice.item_id);
            }
        }
        if let Err(e) = file.save(&notified) {
            log::warn!("notified.json not written: {e}");
        }
    }
}
