//! What the keys view asks of a listed inventory: the search text, the status
//! and environment filters, and the sort.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::KeyStatus;

/// A column of the key table, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KeyColumn {
    Name,
    Key,
    Scopes,
    Environment,
    Status,
    Created,
    Expires,
    LastUsed,
    Ip,
    Client,
    Requests,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortDirection {
    Ascending,
    Descending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeySort {
    pub column: KeyColumn,
    pub direction: SortDirection,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyQuery {
    /// Free text: every whitespace-separated term must be found in one of a
    /// key's fields (id, name, prefix, scopes, last IP, client, User-Agent).
    pub search: String,
    /// Only keys with this status as of now (an active key past its expiry is
    /// expired); `None` for every status.
    pub status: Option<KeyStatus>,
    /// Only keys in this environment; `None` for every environment.
    pub environment: Option<String>,
    /// `None` keeps the vendor's order.
    pub sort: Option<KeySort>,
}

impl KeyQuery {
    /// The search terms, lower-cased.
    pub fn terms(&self) -> Vec<String> {
        self.search
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_lower_cased_and_split_on_any_whitespace() {
        let query = KeyQuery {
            search: "  Pay\tROLL  7 ".into(),
            ..KeyQuery::default()
        };
        assert_eq!(query.terms(), ["pay", "roll", "7"]);
        assert!(KeyQuery::default().terms().is_empty());
    }

    #[test]
    fn a_query_reads_the_ui_s_words() {
        let query: KeyQuery = serde_json::from_value(serde_json::json!({
            "search": "x",
            "status": "expired",
            "environment": null,
            "sort": {"column": "lastUsed", "direction": "descending"}
        }))
        .unwrap();
        assert_eq!(query.status, Some(KeyStatus::Expired));
        assert_eq!(
            query.sort,
            Some(KeySort {
                column: KeyColumn::LastUsed,
                direction: SortDirection::Descending
            })
        );
    }
}
