//! Veryfi's unpublished list answer read leniently: either date form, unknown
//! fields ignored, and a row that cannot be read shown with its problem.

use keyturn_core::http::HttpOptions;
use keyturn_core::vendors::veryfi::{VeryfiCredentials, VeryfiPartner};
use keyturn_core::{Sensitive, Vendor, VendorErrorKind};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn listing(body: Value) -> (MockServer, VeryfiPartner) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let credentials = VeryfiCredentials {
        client_id: "client-1".into(),
        username: "alice".into(),
        api_key: Sensitive::new("s3cr3t".into()),
    };
    let veryfi = VeryfiPartner::new(&server.uri(), credentials, HttpOptions::default()).unwrap();
    (server, veryfi)
}

#[tokio::test]
async fn dates_in_veryfis_documented_form_are_utc_and_rfc_3339_is_read_too() {
    let (_server, veryfi) = listing(json!([
        {"id": 1, "created": "2026-01-02 03:04:05"},
        {"id": 2, "created": "2026-01-02T05:04:05+02:00"},
        {"id": 3, "created_at": "2026-01-02 03:04:05.500"},
    ]))
    .await;
    let keys = veryfi.list_keys().await.unwrap();
    let created: Vec<String> = keys
        .iter()
        .map(|k| k.created_at.unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        created,
        [
            "2026-01-02T03:04:05+00:00",
            "2026-01-02T03:04:05+00:00",
            "2026-01-02T03:04:05.500+00:00"
        ]
    );
    assert!(keys.iter().all(|k| k.problem.is_none()));
}

#[tokio::test]
async fn unknown_fields_are_ignored_and_a_listed_value_is_never_kept() {
    let (_server, veryfi) = listing(json!({"client_keys": [
        {"id": 1, "prefix": "abcdefgh", "value": "full-secret-value", "owner": {"name": "x"},
         "is_active": true, "created": null}
    ]}))
    .await;
    let keys = veryfi.list_keys().await.unwrap();
    assert_eq!(keys[0].masked_prefix.as_deref(), Some("abcd"));
    assert_eq!(keys[0].created_at, None);
    assert_eq!(keys[0].problem, None);
    let shown = serde_json::to_string(&keys).unwrap();
    assert!(!shown.contains("full-secret-value"), "{shown}");
}

#[tokio::test]
async fn a_bad_row_fails_only_that_row_and_says_why() {
    let (_server, veryfi) = listing(json!([
        {"id": 1, "created": "2026-01-02 03:04:05"},
        {"id": 2, "created": "last tuesday", "prefix": 1234},
        {"id": "abc", "created": "2026-01-02 03:04:05"},
        "not a key",
        {"id": 5},
    ]))
    .await;
    let keys = veryfi.list_keys().await.unwrap();
    assert_eq!(keys.len(), 5, "every row is shown, readable or not");
    assert_eq!((keys[0].id.as_str(), &keys[0].problem), ("1", &None));
    assert_eq!((keys[4].id.as_str(), &keys[4].problem), ("5", &None));

    let partial = &keys[1];
    assert_eq!(
        partial.id, "2",
        "its id was readable, so it can still be deleted"
    );
    assert_eq!(partial.created_at, None);
    assert_eq!(partial.masked_prefix, None);
    let problem = partial.problem.as_deref().unwrap();
    assert!(
        problem.contains("\"last tuesday\"") && problem.contains("1234"),
        "{problem}"
    );

    for unreadable in [&keys[2], &keys[3]] {
        let problem = unreadable.problem.as_deref().unwrap();
        assert!(problem.contains("Veryfi's Hub"), "{problem}");
        assert!(
            unreadable.id.parse::<u64>().is_err(),
            "never a Veryfi id: {}",
            unreadable.id
        );
    }
    assert!(keys[2].problem.as_deref().unwrap().contains("Row 3"));
    assert!(keys[3].problem.as_deref().unwrap().contains("Row 4"));
    assert_ne!(keys[2].id, keys[3].id);
}

#[tokio::test]
async fn an_unreadable_row_is_never_sent_a_delete() {
    let (server, veryfi) = listing(json!([{"id": null}])).await;
    let keys = veryfi.list_keys().await.unwrap();
    let error = veryfi.revoke_key(&keys[0].id).await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidRequest);
    assert!(error.message.contains("Veryfi's Hub"), "{}", error.message);
    let deletes = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "DELETE")
        .count();
    assert_eq!(deletes, 0);
}

#[tokio::test]
async fn a_body_with_no_list_is_an_invalid_response() {
    let (_server, veryfi) = listing(json!({"status": "ok"})).await;
    let error = veryfi.list_keys().await.unwrap_err();
    assert_eq!(error.kind, VendorErrorKind::InvalidResponse);
}
