//! What needs attention across every connection: the held listings (a
//! connection not listed this run is listed now, all of them at once), the open
//! rotations, the audit log's disables and the user's snoozes, through
//! keyturn-core's `attention` rules. No secret is read or answered.

use chrono::{DateTime, Utc};
use keyturn_core::attention::policy_file::PolicyFile;
use keyturn_core::attention::snooze_file::SnoozeFile;
use keyturn_core::attention::snoozes::MAX_REASON_CHARS;
use keyturn_core::attention::summary::ITEMS_PER_CONNECTION;
use keyturn_core::attention::{self, AttentionSummary, ConnectionFacts, ConnectionStatus, Snoozes};
use keyturn_core::storage::audit::AuditFilter;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

/// How many audit entries are read for when keys were disabled.
const AUDIT_ENTRIES_READ: usize = 10_000;

impl<C: Clipboard + 'static> App<C> {
    /// The attention summary at this moment; `relist` lists every connection
    /// from its vendor first, else only those not listed lately.
    pub async fn attention(&self, relist: bool) -> Result<AttentionSummary, CommandError> {
        let snoozes = self.load_snoozes()?;
        let summary = self.summary(&snoozes, Some(relist)).await?;
        // Every item may start a notice, shown to the page or not.
        self.send_notices(&summary);
        Ok(summary.capped(ITEMS_PER_CONNECTION))
    }

    /// Hides the item until `until`; `reason` says why.
    pub async fn snooze_item(
        &self,
        item_id: String,
        until: DateTime<Utc>,
        reason: String,
    ) -> Result<AttentionSummary, CommandError> {
        let now = Utc::now();
        let mut snoozes = self.load_snoozes()?;
        snoozes
            .snooze(&item_id, until, &reason, now)
            .map_err(|message| CommandError::InvalidInput {
                field: Some(
                    if reason.trim().is_empty() || reason.trim().chars().count() > MAX_REASON_CHARS
                    {
                        "reason".into()
                    } else {
                        "until".into()
                    },
                ),
                message,
            })?;
        self.save_snoozes(&snoozes, now)?;
        Ok(self
            .summary(&snoozes, None)
            .await?
            .capped(ITEMS_PER_CONNECTION))
    }

    /// Shows the item again.
    pub async fn unsnooze_item(&self, item_id: String) -> Result<AttentionSummary, CommandError> {
        let now = Utc::now();
        let mut snoozes = self.load_snoozes()?;
        snoozes.unsnooze(&item_id);
        self.save_snoozes(&snoozes, now)?;
        Ok(self
            .summary(&snoozes, None)
            .await?
            .capped(ITEMS_PER_CONNECTION))
    }

    fn load_snoozes(&self) -> Result<Snoozes, CommandError> {
        let loaded =
            SnoozeFile::new(&self.config_dir)
                .load()
                .map_err(|e| CommandError::Storage {
                    detail: e.to_string(),
                })?;
        if let Some(notice) = loaded.notice {
            log::warn!("{notice}");
        }
        Ok(loaded.snoozes)
    }

    fn save_snoozes(&self, snoozes: &Snoozes, now: DateTime<Utc>) -> Result<(), CommandError> {
        SnoozeFile::new(&self.config_dir)
            .save(snoozes, now)
            .map_err(|e| CommandError::Storage {
                detail: e.to_string(),
            })
    }

    /// `relist`: `None` answers from what is held, `Some(false)` first lists
    /// the connections not listed lately, `Some(true)` every connection.
    async fn summary(
        &self,
        snoozes: &Snoozes,
        relist: Option<bool>,
    ) -> Result<AttentionSummary, CommandError> {
        let keyturn = self.keyturn().await?;
        let workspace = &keyturn.workspace;
        let connections = workspace.connections();

        if let Some(everything) = relist {
            self.refresh_listings(workspace, everything).await;
        }

        let rotations = match keyturn.rotations.open(workspace).await {
            Ok(open) => {
                let rotations: Vec<_> = open.rotations.into_iter().map(|v| v.rotation).collect();
                self.tell_tray_of(&rotations, &connections);
                rotations
            }
            Err(e) => {
                log::warn!("open rotations for attention: {e:?}");
                Vec::new()
            }
        };
        let key_states = AuditFilter {
            actions: Some(attention::facts::KEY_STATE_ACTIONS.to_vec()),
            ..AuditFilter::default()
        };
        let audit = match workspace.audit_log() {
            Some(log) => log
                .query(&key_states, 0, AUDIT_ENTRIES_READ)
                .map(|page| page.entries)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let failures = self.failures();
        let policies = PolicyFile::new(&self.config_dir).load();
        let thresholds = self.settings.load().attention;
        let now = Utc::now();
        let items = self.listed.with_listings(|held| {
            let facts: Vec<ConnectionFacts<'_>> = connections
                .iter()
                .map(|c| ConnectionFacts {
                    connection: c,
                    listing: held.get(&c.id),
                    status: ConnectionStatus::of(c, failures.get(&c.id).cloned()),
                    rotation_policy: policies.of(&c.id),
                    disabled_since: attention::facts::disabled_since(&c.id, &audit),
                })
                .collect();
            attention::items(&facts, &rotations, &thresholds, now)
        });
        Ok(attention::summarize(items, snoozes, now))
    }
}
