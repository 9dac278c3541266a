//! Which items become desktop notifications: those of a kind worth
//! interrupting for (expiry ahead or past, a rotation stuck, a session ended, a
//! connection failing) that appear while Keyturn runs, that is, not in the
//! first summary of the run, and at most one per item per day.
//! Notification text is plain: vendors' text is made visible, and the markup
//! some notification servers read in a body is escaped.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::attention::item::{AttentionItem, AttentionKind};
use crate::visible_text::visible_text;

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub item_id: String,
    pub title: String,
    pub body: String,
}

/// When each item was last notified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified {
    sent: HashMap<String, DateTime<Utc>>,
}

pub fn once_per() -> Duration {
    Duration::days(1)
}

impl Notified {
    pub fn record(&mut self, item_id: &str, at: DateTime<Utc>) {
        self.sent.insert(item_id.to_owned(), at);
    }

    fn recently(&self, item_id: &str, now: DateTime<Utc>) -> bool {
        self.sent
            .get(item_id)
            .is_some_and(|at| now - *at < once_per())
    }

    /// Forgets what is older than a day: it may be notified again.
    pub fn prune(&mut self, now: DateTime<Utc>) {
        self.sent.retain(|_, at| now - *at < once_per());
    }
}

fn notified_kind(kind: AttentionKind) -> bool {
    matches!(
        kind,
        AttentionKind::Expiring
            | AttentionKind::Expired
            | AttentionKind::RotationStuck
            | AttentionKind::SignedOut
            | AttentionKind::ConnectionFailing
    )
}

fn title(kind: AttentionKind) -> &'static str {
    match kind {
        AttentionKind::Expiring => "A key expires soon",
        AttentionKind::Expired => "A key has expired",
        AttentionKind::RotationStuck => "A rotation is stuck",
        AttentionKind::SignedOut => "Signed out of a connection",
        AttentionKind::ConnectionFailing => "A connection is failing",
        _ => "Keyturn",
    }
}

/// Vendor text as one visible line, safe in a body that may be read as markup.
fn plain(text: &str) -> String {
    visible_text(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn notice(item: &AttentionItem) -> Notice {
    let what = match (&item.key_name, &item.key_id) {
        (Some(name), _) if !name.trim().is_empty() => {
            format!("{} · {}", item.connection_name, name)
        }
        (_, Some(id)) => format!("{} · {id}", item.connection_name),
        _ => item.connection_name.clone(),
    };
    Notice {
        item_id: item.id.clone(),
        title: title(item.kind).to_owned(),
        body: format!("{}: {}", plain(&what), plain(&item.why)),
    }
}

/// The notices due for `shown` (the items not snoozed), given the ids of the
/// run's first summary; each one returned is recorded in `notified`.
pub fn due(
    shown: &[AttentionItem],
    first_seen: &HashSet<String>,
    notified: &mut Notified,
    now: DateTime<Utc>,
) -> Vec<Notice> {
    let mut due = Vec::new();
    for item in shown {
        if !notified_kind(item.kind)
            || first_seen.contains(&item.id)
            || notified.recently(&item.id, now)
        {
            continue;
        }
        notified.record(&item.id, now);
        due.push(notice(item));
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::item::Severity;
    use crate::attention::rules::test_support::now;

    fn item(kind: AttentionKind, key: &str, name: &str) -> AttentionItem {
        AttentionItem {
            id: format!("{}:c1:{key}", kind.name()),
            kind,
            severity: Severity::Warning,
            connection_id: "c1".into(),
            connection_name: "Payroll".into(),
            key_id: Some(key.into()),
            key_name: Some(name.into()),
            rotation_id: None,
            why: "Expires in 2 days (Sun 6 Dec).".into(),
            deadline: None,
            actions: vec![],
            as_of: None,
        }
    }

    #[test]
    fn only_what_appears_after_the_first_look_and_is_worth_interrupting_for() {
        let old = item(AttentionKind::Expiring, "k1", "old");
        let new = item(AttentionKind::Expiring, "k2", "billing sync");
        let stale = item(AttentionKind::Stale, "k3", "quiet");
        let first_seen: HashSet<String> = [old.id.clone()].into();
        let mut notified = Notified::default();
        let due = due(
            &[old, new.clone(), stale],
            &first_seen,
            &mut notified,
            now(),
        );
        assert_eq!(
            due,
            [Notice {
                item_id: new.id.clone(),
                title: "A key expires soon".into(),
                body: "Payroll · billing sync: Expires in 2 days (Sun 6 Dec).".into(),
            }]
        );
    }

    #[test]
    fn once_per_item_per_day() {
        let new = item(AttentionKind::Expired, "k2", "n");
        let mut notified = Notified::default();
        let none = HashSet::new();
        assert_eq!(
            due(std::slice::from_ref(&new), &none, &mut notified, now()).len(),
            1
        );
        let later = now() + Duration::hours(23);
        assert!(due(std::slice::from_ref(&new), &none, &mut notified, later).is_empty());
        let next_day = now() + Duration::hours(24);
        notified.prune(next_day);
        assert_eq!(due(&[new], &none, &mut notified, next_day).len(), 1);
    }

    #[test]
    fn a_hostile_name_cannot_format_or_reorder_the_notification() {
        let evil = item(
            AttentionKind::Expiring,
            "k9",
            "<b>urgent</b>\u{202E}gnp.exe & co",
        );
        let mut notified = Notified::default();
        let due = due(&[evil], &HashSet::new(), &mut notified, now());
        assert_eq!(
            due[0].body,
            "Payroll · &lt;b&gt;urgent&lt;/b&gt;[U+202E]gnp.exe &amp; co: Expires in 2 days (Sun 6 Dec)."
        );
    }
}
