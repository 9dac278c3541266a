use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::keys::model::{LastUsedFields, ScopeChoice};
use crate::keys::query::KeySort;

fn caps(environments: &[&str]) -> Capabilities {
    Capabilities {
        name_label: "Name".into(),
        max_keys: None,
        max_name_length: None,
        can_reset: false,
        can_disable: true,
        can_rename: false,
        last_key_revocable: true,
        revoked_keys_listed: true,
        last_used: LastUsedFields::default(),
        scope_choice: ScopeChoice::Any,
        scopes: vec![],
        default_scopes: vec![],
        environments: environments.iter().map(|e| e.to_string()).collect(),
        create_fields: vec![],
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

fn named(id: &str, name: Option<&str>) -> ApiKey {
    let mut key = ApiKey::new(id);
    key.name = name.map(String::from);
    key
}

fn used(mut key: ApiKey, days_ago: i64, ip: Option<&str>, ua: Option<&str>) -> ApiKey {
    key.last_used = LastUsed::Used {
        at: now() - Duration::days(days_ago),
        ip: ip.map(String::from),
        user_agent: ua.map(String::from),
    };
    key
}

fn inventory(keys: Vec<ApiKey>) -> KeyInventory {
    KeyInventory::new(KeyList {
        connection_id: "c1".into(),
        keys,
        capabilities: caps(&["production", "staging"]),
        fetched_at: now(),
    })
}

fn ids(inv: &KeyInventory, query: &KeyQuery) -> Vec<String> {
    inv.page(query, 0, MAX_PAGE_KEYS, now())
        .keys
        .into_iter()
        .map(|k| k.id)
        .collect()
}

fn search(text: &str) -> KeyQuery {
    KeyQuery {
        search: text.into(),
        ..KeyQuery::default()
    }
}

fn sorted(column: KeyColumn, direction: SortDirection) -> KeyQuery {
    KeyQuery {
        sort: Some(KeySort { column, direction }),
        ..KeyQuery::default()
    }
}

#[test]
fn every_term_must_match_some_field_in_any_case() {
    let mut a = named("k1", Some("Payroll sync"));
    a.scopes = vec!["read:invoices".into()];
    let b = named("k2", Some("Payroll export"));
    let inv = inventory(vec![a, b]);
    assert_eq!(ids(&inv, &search("PAYROLL")), ["k1", "k2"]);
    assert_eq!(ids(&inv, &search("payroll invoices")), ["k1"]);
    assert_eq!(ids(&inv, &search("k2")), ["k2"]);
    assert!(ids(&inv, &search("payroll nothing")).is_empty());
}

#[test]
fn a_term_never_spans_two_fields() {
    let mut key = named("k1", Some("alpha"));
    key.masked_prefix = Some("beta".into());
    let inv = inventory(vec![key]);
    assert!(ids(&inv, &search("alphabeta")).is_empty());
    assert_eq!(ids(&inv, &search("alpha beta")), ["k1"]);
}

#[test]
fn the_last_ip_client_name_and_user_agent_are_searched() {
    let a = used(
        named("k1", None),
        1,
        Some("10.0.0.7"),
        Some("python-requests/2.31.0"),
    );
    let b = used(named("k2", None), 1, None, Some("curl/8.5.0"));
    let inv = inventory(vec![a, b]);
    assert_eq!(ids(&inv, &search("10.0.0.7")), ["k1"]);
    assert_eq!(ids(&inv, &search("python requests 2.31")), ["k1"]);
    assert_eq!(ids(&inv, &search("curl/8.5.0")), ["k2"]);
}

#[test]
fn the_status_filter_uses_the_status_as_of_now() {
    let mut lapsed = named("lapsed", None);
    lapsed.expires_at = Some(now() - Duration::hours(1));
    let mut off = named("off", None);
    off.status = KeyStatus::Disabled;
    let inv = inventory(vec![named("on", None), lapsed, off]);
    let only = |status| KeyQuery {
        status: Some(status),
        ..KeyQuery::default()
    };
    assert_eq!(ids(&inv, &only(KeyStatus::Active)), ["on"]);
    assert_eq!(ids(&inv, &only(KeyStatus::Expired)), ["lapsed"]);
    assert_eq!(ids(&inv, &only(KeyStatus::Disabled)), ["off"]);
    assert!(ids(&inv, &only(KeyStatus::Revoked)).is_empty());
}

#[test]
fn the_environment_filter_matches_exactly_and_skips_keys_without_one() {
    let mut p = named("p", None);
    p.environment = Some("production".into());
    let mut s = named("s", None);
    s.environment = Some("staging".into());
    let inv = inventory(vec![p, s, named("none", None)]);
    let query = KeyQuery {
        environment: Some("production".into()),
        ..KeyQuery::default()
    };
    assert_eq!(ids(&inv, &query), ["p"]);
}

#[test]
fn without_a_sort_the_vendor_s_order_is_kept() {
    let inv = inventory(vec![named("z", None), named("a", None), named("m", None)]);
    assert_eq!(ids(&inv, &KeyQuery::default()), ["z", "a", "m"]);
}

#[test]
fn names_sort_by_name_or_id_ignoring_case_with_numbers_by_value() {
    let inv = inventory(vec![
        named("k1", Some("key 10")),
        named("k2", Some("Key 9")),
        named("b-id", None),
        named("k4", Some("")),
        named("k5", Some("alpha")),
    ]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Name, SortDirection::Ascending)),
        ["k5", "b-id", "k4", "k2", "k1"]
    );
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Name, SortDirection::Descending)),
        ["k1", "k2", "k4", "b-id", "k5"]
    );
}

#[test]
fn equal_values_keep_the_vendor_s_order_in_both_directions() {
    let inv = inventory(vec![
        named("k1", Some("same")),
        named("k2", Some("SAME")),
        named("k3", Some("other")),
    ]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Name, SortDirection::Ascending)),
        ["k3", "k1", "k2"]
    );
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Name, SortDirection::Descending)),
        ["k1", "k2", "k3"]
    );
}

#[test]
fn missing_values_sort_last_in_both_directions() {
    let mut a = named("a", None);
    a.request_count = Some(5);
    let mut b = named("b", None);
    b.request_count = Some(50);
    let inv = inventory(vec![named("none1", None), a, named("none2", None), b]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Requests, SortDirection::Ascending)),
        ["a", "b", "none1", "none2"]
    );
    assert_eq!(
        ids(
            &inv,
            &sorted(KeyColumn::Requests, SortDirection::Descending)
        ),
        ["b", "a", "none1", "none2"]
    );
}

#[test]
fn never_used_sorts_as_the_oldest_use_and_not_reported_last() {
    let mut never = named("never", None);
    never.last_used = LastUsed::Never;
    let inv = inventory(vec![
        named("unknown", None),
        used(named("recent", None), 1, None, None),
        never,
        used(named("old", None), 300, None, None),
    ]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::LastUsed, SortDirection::Ascending)),
        ["never", "old", "recent", "unknown"]
    );
    assert_eq!(
        ids(
            &inv,
            &sorted(KeyColumn::LastUsed, SortDirection::Descending)
        ),
        ["recent", "old", "never", "unknown"]
    );
}

#[test]
fn status_sorts_active_disabled_expired_revoked_as_of_now() {
    let mut revoked = named("revoked", None);
    revoked.status = KeyStatus::Revoked;
    let mut lapsed = named("lapsed", None);
    lapsed.expires_at = Some(now() - Duration::days(1));
    let mut off = named("off", None);
    off.status = KeyStatus::Disabled;
    let inv = inventory(vec![revoked, lapsed, off, named("on", None)]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Status, SortDirection::Ascending)),
        ["on", "off", "lapsed", "revoked"]
    );
}

#[test]
fn scopes_sort_by_their_list_and_a_key_without_scopes_last() {
    let mut a = named("a", None);
    a.scopes = vec!["write".into()];
    let mut b = named("b", None);
    b.scopes = vec!["read".into(), "write".into()];
    let inv = inventory(vec![named("none", None), a, b]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Scopes, SortDirection::Ascending)),
        ["b", "a", "none"]
    );
}

#[test]
fn clients_sort_by_their_readable_name() {
    let chrome = "Mozilla/5.0 (X11) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    let inv = inventory(vec![
        used(named("c", None), 1, None, Some("curl/8.5.0")),
        used(named("b", None), 1, None, Some(chrome)),
        used(named("x", None), 1, None, None),
    ]);
    assert_eq!(
        ids(&inv, &sorted(KeyColumn::Client, SortDirection::Ascending)),
        ["b", "c", "x"]
    );
}

#[test]
fn a_filtered_query_is_then_sorted() {
    let inv = inventory(vec![
        named("k1", Some("pay b")),
        named("k2", Some("other")),
        named("k3", Some("pay a")),
    ]);
    let query = KeyQuery {
        search: "pay".into(),
        sort: Some(KeySort {
            column: KeyColumn::Name,
            direction: SortDirection::Ascending,
        }),
        ..KeyQuery::default()
    };
    assert_eq!(ids(&inv, &query), ["k3", "k1"]);
}

#[test]
fn the_page_counts_the_whole_list_not_the_window() {
    let mut off = named("off", None);
    off.status = KeyStatus::Disabled;
    let mut gone = named("gone", None);
    gone.status = KeyStatus::Revoked;
    let mut lapsed = named("lapsed", None);
    lapsed.expires_at = Some(now() - Duration::days(1));
    lapsed.environment = Some("qa".into());
    let mut prod = named("on", None);
    prod.environment = Some("production".into());
    let inv = inventory(vec![prod, off, gone, lapsed]);
    let page = inv.page(&search("on"), 0, 1, now());
    assert_eq!(page.keys.len(), 1, "the window");
    assert_eq!(page.matching, 2, "\"on\" and \"gone\"");
    assert_eq!(page.total, 4);
    // As the vendor says: the lapsed key still occupies a slot.
    assert_eq!(page.held, 3);
    assert_eq!(page.active, 2);
    assert_eq!(page.environments, ["production", "staging", "qa"]);
    assert_eq!(page.connection_id, "c1");
}

#[test]
fn a_changed_key_is_replaced_in_place_and_a_new_one_goes_last() {
    let mut inv = inventory(vec![named("a", Some("zeta")), named("b", Some("beta"))]);
    let mut renamed = named("a", Some("alpha"));
    renamed.status = KeyStatus::Disabled;
    let by_name = sorted(KeyColumn::Name, SortDirection::Ascending);
    assert_eq!(ids(&inv, &by_name), ["b", "a"]);
    inv.upsert(renamed);
    assert_eq!(
        ids(&inv, &by_name),
        ["a", "b"],
        "the sort follows the change"
    );
    assert_eq!(inv.key("a").unwrap().status, KeyStatus::Disabled);
    inv.upsert(named("c", None));
    assert_eq!(ids(&inv, &KeyQuery::default()), ["a", "b", "c"]);
    inv.remove("b");
    assert_eq!(ids(&inv, &KeyQuery::default()), ["a", "c"]);
    assert!(inv.key("b").is_none());
}

fn many(n: usize) -> KeyInventory {
    let clients = ["curl/8.5.0", "python-requests/2.31.0", "Go-http-client/2.0"];
    let keys = (0..n)
        .map(|i| {
            let mut key = named(&format!("key_{i:05}"), Some(&format!("Service {}", n - i)));
            key.masked_prefix = Some(format!("kt_{:04x}", i * 7919 % 65536));
            key.scopes = vec![if i % 2 == 0 { "read" } else { "write" }.into()];
            key.environment = Some(if i % 3 == 0 { "production" } else { "staging" }.into());
            key.request_count = Some((i * 37 % 1000) as u64);
            used(
                key,
                (i % 400) as i64,
                Some(&format!("10.0.{}.{}", i / 256 % 256, i % 256)),
                Some(clients[i % 3]),
            )
        })
        .collect();
    inventory(keys)
}

#[test]
fn ten_thousand_keys_answer_the_window_asked_for() {
    let inv = many(10_000);
    let by_name = sorted(KeyColumn::Name, SortDirection::Ascending);
    let page = inv.page(&by_name, 200, 200, now());
    assert_eq!(page.total, 10_000);
    assert_eq!(page.matching, 10_000);
    assert_eq!(page.offset, 200);
    assert_eq!(page.keys.len(), 200);
    // "Service 1" .. "Service 10000" by number: the 201st is "Service 201", the key at 10000 - 201.
    assert_eq!(page.keys[0].name.as_deref(), Some("Service 201"));
    assert_eq!(page.keys[0].id, "key_09799");
    assert_eq!(page.keys[199].name.as_deref(), Some("Service 400"));

    let filtered = KeyQuery {
        search: "7".into(),
        environment: Some("production".into()),
        ..KeyQuery::default()
    };
    let all = inv.page(&filtered, 0, MAX_PAGE_KEYS, now());
    let tail = inv.page(&filtered, 50, 10, now());
    assert_eq!(tail.matching, all.matching);
    assert_eq!(tail.keys, all.keys[50..60]);
    assert!(all
        .keys
        .iter()
        .all(|k| k.environment.as_deref() == Some("production")));

    let capped = inv.page(&KeyQuery::default(), 0, 5_000, now());
    assert_eq!(capped.keys.len(), MAX_PAGE_KEYS);
    let past = inv.page(&KeyQuery::default(), 20_000, 200, now());
    assert!(past.keys.is_empty());
    assert_eq!(past.offset, 10_000);
}

/// Not a test of behaviour: the figures for the README (run with
/// `cargo test --release -p keyturn-core --lib inventory::tests::figures -- --ignored --nocapture`).
#[test]
#[ignore]
fn figures() {
    use std::time::Instant;
    let build = Instant::now();
    let inv = many(10_000);
    let built = build.elapsed();
    let whole: Vec<ApiKey> = inv.list().keys.clone();
    let queries = [
        ("no query", KeyQuery::default()),
        ("search \"7\"", search("7")),
        (
            "sort by name",
            sorted(KeyColumn::Name, SortDirection::Ascending),
        ),
        (
            "sort by last use",
            sorted(KeyColumn::LastUsed, SortDirection::Descending),
        ),
        (
            "search \"7\", sorted by name",
            KeyQuery {
                search: "7".into(),
                ..sorted(KeyColumn::Name, SortDirection::Ascending)
            },
        ),
    ];
    println!("build the inventory of 10,000 keys: {built:?}");
    for (label, query) in &queries {
        inv.page(query, 0, 200, now());
        let runs = 20;
        let start = Instant::now();
        for _ in 0..runs {
            inv.page(query, 0, 200, now());
        }
        println!("{label}: {:?} per 200-key page", start.elapsed() / runs);
    }
    let page = serde_json::to_vec(&inv.page(&KeyQuery::default(), 0, 200, now())).unwrap();
    let list = serde_json::to_vec(&KeyList {
        connection_id: "c1".into(),
        keys: whole,
        capabilities: caps(&[]),
        fetched_at: now(),
    })
    .unwrap();
    println!(
        "JSON: 200-key page {} bytes, whole list {} bytes",
        page.len(),
        list.len()
    );
}

#[test]
fn list_gives_back_the_listing_with_keyturns_changes_in_the_vendors_order() {
    let mut inv = inventory(vec![
        named("b", Some("B")),
        named("a", Some("A")),
        named("c", None),
    ]);
    inv.upsert(named("a", Some("A renamed")));
    inv.upsert(named("d", Some("D")));
    inv.remove("c");
    // The search index moved with the keys: each is still found by its own name.
    assert_eq!(ids(&inv, &search("renamed")), vec!["a"]);
    assert_eq!(ids(&inv, &search("d")), vec!["a", "d"]);
    let list = inv.list().clone();
    assert_eq!(list.connection_id, "c1");
    assert_eq!(list.fetched_at, now());
    assert_eq!(list.capabilities, caps(&["production", "staging"]));
    let keys: Vec<(String, Option<String>)> =
        list.keys.into_iter().map(|k| (k.id, k.name)).collect();
    assert_eq!(
        keys,
        vec![
            ("b".to_owned(), Some("B".to_owned())),
            ("a".to_owned(), Some("A renamed".to_owned())),
            ("d".to_owned(), Some("D".to_owned())),
        ]
    );
}
