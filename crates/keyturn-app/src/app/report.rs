//! The inventory report of every connection at once: connections not listed
//! lately are listed first; one that cannot be listed says why in its row.

use chrono::Utc;
use keyturn_core::storage::export::ExportFormat;
use keyturn_core::storage::report::{self, ReportedConnection};

use super::audit::{count, Exported};
use super::{App, ExportFile};
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

const SIGNED_OUT: &str = "Signed out: sign in again to list its keys.";

impl<C: Clipboard + 'static> App<C> {
    pub async fn inventory_export(&self, format: ExportFormat) -> Result<ExportFile, CommandError> {
        let workspace = &self.keyturn().await?.workspace;
        self.refresh_listings(workspace, false).await;
        let failures = self.failures();
        let connections = workspace.connections();
        let now = Utc::now();
        let (contents, exported) = self.listed.with_listings(|held| {
            let reported: Vec<ReportedConnection<'_>> = connections
                .iter()
                .map(|c| ReportedConnection {
                    connection: c,
                    listing: match held.get(&c.id) {
                        Some(list) => Ok(list),
                        None if c.signed_out => Err(SIGNED_OUT.to_owned()),
                        None => Err(failures
                            .get(&c.id)
                            .map(|(why, _)| why.clone())
                            .unwrap_or_else(|| "Not listed.".to_owned())),
                    },
                })
                .collect();
            let keys: usize = reported
                .iter()
                .filter_map(|r| r.listing.as_ref().ok())
                .map(|list| list.keys.len())
                .sum();
            let exported = Exported {
                connection: None,
                what: format!(
                    "inventory {}, {}, {}",
                    format.extension(),
                    count(reported.len(), "connection", "connections"),
                    count(keys, "key", "keys")
                ),
            };
            (report::render(format, &reported, now), exported)
        });
        Ok(ExportFile {
            file_name: format!("keyturn-inventory.{}", format.extension()),
            filter_name: format.extension().to_uppercase(),
            extension: format.extension(),
            contents,
            exported,
        })
    }
}
