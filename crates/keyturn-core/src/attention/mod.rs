//! What needs attention across every connection: pure rules from the last known
//! inventories, the open rotations and each connection's status to
//! `AttentionItem`s, the user's snoozes and the summary the home view and the
//! sidebar show. `now` is always passed in; nothing here reads the clock.
//!
//! - `facts`: what the rules read about one connection.
//! - `item`: an item, its kind, severity and next actions.
//! - `notices`: which items become desktop notifications, once a day at most.
//! - `rules`: one file per family of rules; `rules::items` runs them all.
//! - `settings`: the user's thresholds, and a connection's rotation policy.
//! - `snoozes`, `snooze_file`: hiding an item until a time, and where that is kept.
//! - `summary`: the ordered list and the counts per connection.
//! - `wording`: days and dates in the sentences.

pub mod facts;
pub mod item;
pub mod notices;
pub mod notified_file;
pub mod policy_file;
pub mod rules;
pub mod settings;
pub mod snooze_file;
pub mod snoozes;
pub mod summary;
pub mod wording;

pub use facts::{ConnectionFacts, ConnectionStatus};
pub use item::{AttentionItem, AttentionKind, NextAction, Severity};
pub use rules::items;
pub use settings::{AttentionSettings, RotationPolicy};
pub use snoozes::{Snooze, Snoozes};
pub use summary::{summarize, AttentionSummary, ConnectionCounts, SnoozedItem};
