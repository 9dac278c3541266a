//! Whatever a vendor (or something posing as one) answers, every adapter's
//! parsing ends in a value or a `VendorError`: arbitrary bytes, JSON nested ten
//! thousand levels deep, huge arrays, under any status. Never a panic, never a
//! stack overflow. Each adapter is reached through its public `Vendor` methods,
//! Kayle's included, so its module stays untouched here.

mod common;

use std::sync::Arc;

use keyturn_core::{KeyDraft, Sensitive, Vendor, VendorKind};
use proptest::prelude::*;
use wiremock::matchers::any as any_request;
use wiremock::{Mock, MockServer, ResponseTemplate};

const VENDORS: [VendorKind; 4] = [
    VendorKind::Veryfi,
    VendorKind::Verifa,
    VendorKind::ApiKeys,
    VendorKind::Kayle,
];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Every call that parses an answer, against a server that answers `body` with
/// `status` to anything. A panic inside fails the property.
async fn every_call_survives(status: u16, body: Vec<u8>) {
    let server = MockServer::start().await;
    Mock::given(any_request())
        .respond_with(ResponseTemplate::new(status).set_body_bytes(body))
        .mount(&server)
        .await;
    for vendor in VENDORS {
        let adapter: Arc<dyn Vendor> = common::account(vendor)
            .connect(
                &server.uri(),
                Sensitive::new(common::TOKEN.into()),
                common::no_retries(),
            )
            .unwrap();
        let draft = common::draft_for(&adapter.capabilities());
        let _ = adapter.list_page(None).await;
        let _ = adapter.list_keys().await;
        let _ = adapter.create_key(&draft).await;
        let _ = adapter.revoke_key("key_1").await;
        let _ = adapter.revoke_key("1").await;
        let _ = adapter.test_key(&Sensitive::new("k".into())).await;
        let _ = adapter.reset_keys().await;
        let _ = adapter.create_key(&KeyDraft::default()).await;
    }
}

fn statuses() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(404),
        Just(409),
        Just(429),
        200u16..600
    ]
}

/// JSON-ish text: fragments of what vendors send, glued at random.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("null".to_owned()),
        Just("\"id\"".to_owned()),
        Just("\"data\"".to_owned()),
        Just("\"code\"".to_owned()),
        Just("\"items\"".to_owned()),
        Just("\"client_keys\"".to_owned()),
        Just("\"created\"".to_owned()),
        Just("\"2026-01-02T03:04:05Z\"".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "\\PC{0,12}".prop_map(|s| format!("{s:?}")),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(status in statuses(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
        runtime().block_on(every_call_survives(status, body));
    }

    #[test]
    fn arbitrary_json_like_text(status in statuses(), body in jsonish()) {
        runtime().block_on(every_call_survives(status, body));
    }

    #[test]
    fn arbitrary_json_values(status in statuses(), value in json_values()) {
        runtime().block_on(every_call_survives(status, serde_json::to_vec(&value).unwrap()));
    }
}

fn json_values() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let key = prop_oneof![
            Just("id".to_owned()),
            Just("data".to_owned()),
            Just("items".to_owned()),
            Just("code".to_owned()),
            Just("value".to_owned()),
            Just("key".to_owned()),
            Just("api_keys".to_owned()),
            Just("client_keys".to_owned()),
            Just("next".to_owned()),
            "[a-z_]{1,10}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(key, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let rt = runtime();
    for (open, close) in [("[", "]"), ("{\"data\":", "}"), ("{\"items\":[", "]}")] {
        let depth = 10_000;
        let body = format!("{}{}", open.repeat(depth), close.repeat(depth));
        for status in [200, 201, 404] {
            rt.block_on(every_call_survives(status, body.clone().into_bytes()));
        }
        let unclosed = open.repeat(depth);
        rt.block_on(every_call_survives(200, unclosed.into_bytes()));
    }
}

#[test]
fn huge_arrays() {
    let rt = runtime();
    let many = 200_000;
    let bodies = [
        format!("[{}{{}}]", "{},".repeat(many)),
        format!("{{\"data\":[{}1]}}", "1,".repeat(many)),
        format!("{{\"items\":[{}null]}}", "null,".repeat(many)),
        format!("[{}\"x\"]", "\"x\",".repeat(many)),
    ];
    for body in bodies {
        rt.block_on(every_call_survives(200, body.into_bytes()));
    }
}
