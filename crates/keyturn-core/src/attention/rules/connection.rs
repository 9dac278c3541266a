//! A connection that cannot list its keys, or whose session ended. Its keys'
//! items still come from its last listing; this item says how old that is.

use chrono::{DateTime, Utc};

use crate::attention::facts::{ConnectionFacts, ConnectionStatus};
use crate::attention::item::{AttentionItem, AttentionKind};
use crate::attention::wording::{date, relative, span};

pub fn items(facts: &ConnectionFacts<'_>, now: DateTime<Utc>) -> Option<AttentionItem> {
    let shown = match facts.listing {
        Some(listing) => format!(
            "The keys shown were listed {}.",
            relative(listing.fetched_at, now)
        ),
        None => "Its keys have never been listed.".to_owned(),
    };
    let (kind, why) = match &facts.status {
        ConnectionStatus::Listed => return None,
        ConnectionStatus::SignedOut => (
            AttentionKind::SignedOut,
            format!("Signed out — sign in again. {shown}"),
        ),
        ConnectionStatus::Failing { reason, since } => {
            let since = since
                .map(|at| format!(" for {} (since {})", span(now - at), date(at, now)))
                .unwrap_or_default();
            let reason = reason.trim_end_matches('.');
            (
                AttentionKind::ConnectionFailing,
                format!("Keyturn cannot list this connection's keys{since}: {reason}. {shown}"),
            )
        }
    };
    Some(AttentionItem::new(kind, facts, None, why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::item::{NextAction, Severity};
    use crate::attention::rules::test_support::*;
    use chrono::Duration;

    #[test]
    fn a_listed_connection_needs_nothing() {
        let summary = connection("c1");
        let list = listing("c1", Vec::new(), now());
        assert!(items(&facts(&summary, Some(&list)), now()).is_none());
    }

    #[test]
    fn failing_says_why_since_when_and_how_old_the_keys_are() {
        let summary = connection("c1");
        let list = listing("c1", Vec::new(), now() - Duration::days(2));
        let mut facts = facts(&summary, Some(&list));
        facts.status = ConnectionStatus::Failing {
            reason: "The vendor did not answer in 30 s.".into(),
            since: Some(now() - Duration::hours(3)),
        };
        let item = items(&facts, now()).unwrap();
        assert_eq!(item.id, "connectionFailing:c1:-");
        assert_eq!(item.severity, Severity::Critical);
        assert_eq!(item.actions, [NextAction::Retry, NextAction::Snooze]);
        assert_eq!(
            item.why,
            "Keyturn cannot list this connection's keys for 3 hours (since Tue 1 Dec): The vendor did not answer in 30 s. \
             The keys shown were listed 2 days ago (Sun 29 Nov)."
        );
        assert_eq!(item.as_of, Some(now() - Duration::days(2)));
    }

    #[test]
    fn signed_out_offers_sign_in_even_when_never_listed() {
        let summary = connection("c1");
        let mut facts = facts(&summary, None);
        facts.status = ConnectionStatus::SignedOut;
        let item = items(&facts, now()).unwrap();
        assert_eq!(item.kind, AttentionKind::SignedOut);
        assert_eq!(
            item.why,
            "Signed out — sign in again. Its keys have never been listed."
        );
        assert_eq!(item.actions, [NextAction::SignIn, NextAction::Snooze]);
        assert_eq!(item.as_of, None);
    }
}
