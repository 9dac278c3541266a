//! Every vendor in the `vendors!` list is whole: a catalog entry the UI can show,
//! an account that survives the connections file, and a client of its own kind.

use std::collections::HashSet;

use keyturn_core::connections::file::{
    Account, ConnectionFile, ConnectionFileStore, StoredConnection, CURRENT_VERSION,
};
use keyturn_core::connections::service::ConnectionDraft;
use keyturn_core::http::HttpOptions;
use keyturn_core::{Environment, Sensitive, VendorKind};
use serde_json::json;

/// What the connection form sends for `vendor` with every account field filled in.
fn filled_draft(vendor: VendorKind) -> ConnectionDraft {
    serde_json::from_value(json!({
        "name": "Registry",
        "vendor": vendor,
        "environment": "live",
        "baseUrl": "https://vendor.example.test/",
        "readOnly": false,
        "clientId": "client-1",
        "username": "acme",
        "organizationId": "org_registry",
        "apiVersion": "2025-06-01",
        "credential": null,
    }))
    .unwrap()
}

fn serde_name(vendor: VendorKind) -> String {
    serde_json::to_value(vendor)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_tags_are_the_ones_saved_connections_files_hold() {
    let names: Vec<String> = VendorKind::ALL.iter().copied().map(serde_name).collect();
    assert_eq!(names, ["veryfi", "verifa", "apiKeys", "kayle"]);
}

#[test]
fn kinds_and_names_are_unique() {
    let kinds: HashSet<VendorKind> = VendorKind::ALL.iter().copied().collect();
    assert_eq!(kinds.len(), VendorKind::ALL.len());
    let tags: HashSet<String> = VendorKind::ALL.iter().copied().map(serde_name).collect();
    assert_eq!(tags.len(), VendorKind::ALL.len());
    let shown: HashSet<String> = VendorKind::ALL
        .iter()
        .map(|kind| kind.info().display_name)
        .collect();
    assert_eq!(shown.len(), VendorKind::ALL.len(), "{shown:?}");
}

#[test]
fn every_vendor_has_a_catalog_entry_with_words_to_show() {
    let catalog = keyturn_core::vendors::catalog::vendors();
    let listed: Vec<VendorKind> = catalog.iter().map(|info| info.vendor).collect();
    assert_eq!(listed, VendorKind::ALL, "the catalog follows the list");
    for info in catalog {
        for (what, text) in [
            ("display name", &info.display_name),
            ("short name", &info.short_name),
            ("scopes label", &info.scopes_label),
            ("credential label", &info.credential_label),
        ] {
            assert!(!text.trim().is_empty(), "{:?} has no {what}", info.vendor);
        }
        if let Some(url) = &info.default_base_url {
            assert!(url.starts_with("https://"), "{:?}: {url}", info.vendor);
        }
    }
}

#[test]
fn every_account_round_trips_through_the_connections_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = ConnectionFileStore::new(dir.path());
    let connections: Vec<StoredConnection> = VendorKind::ALL
        .iter()
        .map(|&vendor| {
            let account = Account::from_draft(&filled_draft(vendor)).unwrap();
            assert_eq!(account.vendor(), vendor);
            StoredConnection {
                id: format!("p_{}", serde_name(vendor)),
                name: format!("{vendor:?}"),
                environment: Environment::Live,
                base_url: "https://vendor.example.test/".into(),
                read_only: false,
                account,
            }
        })
        .collect();
    let file = ConnectionFile {
        version: CURRENT_VERSION,
        connections,
        last_connection_id: None,
    };
    store.save(&file).unwrap();

    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.path()).unwrap()).unwrap();
    for (saved, &vendor) in written["connections"]
        .as_array()
        .unwrap()
        .iter()
        .zip(VendorKind::ALL)
    {
        assert_eq!(saved["account"]["vendor"], serde_name(vendor), "{saved}");
    }
    assert_eq!(store.load().unwrap().file, file);
}

#[test]
fn accounts_saved_by_earlier_keyturns_still_read() {
    let saved = [
        (
            json!({"vendor": "veryfi", "clientId": "c", "username": "u"}),
            VendorKind::Veryfi,
        ),
        (
            json!({"vendor": "verifa", "organizationId": "org_a"}),
            VendorKind::Verifa,
        ),
        (json!({"vendor": "apiKeys"}), VendorKind::ApiKeys),
        (json!({"vendor": "kayle"}), VendorKind::Kayle),
    ];
    for (json, vendor) in saved {
        let account: Account = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(account.vendor(), vendor);
        assert_eq!(serde_json::to_value(&account).unwrap(), json);
    }
}

#[test]
fn connecting_builds_a_client_of_that_vendor() {
    for &vendor in VendorKind::ALL {
        let account = Account::from_draft(&filled_draft(vendor)).unwrap();
        let client = account
            .connect(
                "https://vendor.example.test/",
                Sensitive::new("token-0123456789".into()),
                HttpOptions::default(),
            )
            .unwrap();
        assert_eq!(client.kind(), vendor);
    }
}

#[test]
fn a_vendor_signs_in_exactly_when_its_credential_is_a_session() {
    for &vendor in VendorKind::ALL {
        let flow = vendor
            .sign_in("https://vendor.example.test/", HttpOptions::default())
            .unwrap();
        assert_eq!(
            flow.is_some(),
            vendor.info().credential.is_session(),
            "{vendor:?}"
        );
    }
}
