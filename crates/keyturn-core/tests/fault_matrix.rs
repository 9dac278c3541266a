//! Every fault the sandbox can inject, against list, create and delete, for every
//! adapter: the right `VendorError` kind, and after a create nothing is hidden —
//! a key made by a create whose answer was lost is reported as an orphan.

mod common;

use std::time::Duration;

use common::*;
use keyturn_core::http::HttpOptions;
use keyturn_core::keys::create_guard::{self, CreateFailure};
use keyturn_core::{Vendor, VendorErrorKind, VendorKind};
use serde_json::{json, Value};

/// (fault, the kind a client sees, whether the sandbox's handler ran).
fn faults() -> Vec<(Value, VendorErrorKind, bool)> {
    vec![
        (
            json!({"kind": "status", "status": 500}),
            VendorErrorKind::Server,
            false,
        ),
        (
            json!({"kind": "status", "status": 503}),
            VendorErrorKind::Server,
            false,
        ),
        (
            json!({"kind": "status", "status": 429, "retry_after": 7}),
            VendorErrorKind::RateLimited,
            false,
        ),
        (
            json!({"kind": "malformed_json"}),
            VendorErrorKind::InvalidResponse,
            false,
        ),
        (
            json!({"kind": "truncated"}),
            VendorErrorKind::ConnectionLost,
            true,
        ),
        (
            json!({"kind": "drop"}),
            VendorErrorKind::ConnectionLost,
            false,
        ),
        (
            json!({"kind": "drop_after"}),
            VendorErrorKind::ConnectionLost,
            true,
        ),
        // The sandbox abandons a request whose client hung up, as many servers do.
        (
            json!({"kind": "latency", "ms": 1500}),
            VendorErrorKind::Timeout,
            false,
        ),
    ]
}

async fn make_deletable_key(api: &dyn Vendor) -> String {
    // Veryfi refuses to delete the last key, so there are always two to pick from.
    let draft = draft_for(&api.capabilities());
    api.create_key(&draft).await.unwrap().key.id
}

#[tokio::test]
async fn list_reports_each_fault_as_its_kind() {
    for vendor in VENDORS {
        for (fault, kind, _) in faults() {
            let sandbox = sandbox().await;
            let api = signed_in_adapter(&sandbox, vendor, no_retries()).await;
            install_fault(&sandbox, "GET", &keys_path(vendor), 1, fault.clone()).await;
            let error = api.list_keys().await.unwrap_err();
            assert_eq!(error.kind, kind, "{vendor:?} list with {fault}");
            if kind == VendorErrorKind::RateLimited {
                assert_eq!(error.retry_after, Some(Duration::from_secs(7)));
            }
        }
    }
}

#[tokio::test]
async fn list_recovers_from_one_transient_fault_by_retrying() {
    for vendor in VENDORS {
        let sandbox = sandbox().await;
        let api = signed_in_adapter(&sandbox, vendor, HttpOptions::default()).await;
        install_fault(
            &sandbox,
            "GET",
            &keys_path(vendor),
            1,
            json!({"kind": "drop"}),
        )
        .await;
        assert!(api.list_keys().await.is_ok(), "{vendor:?}");
    }
}

#[tokio::test]
async fn create_reports_each_fault_and_every_orphan() {
    for vendor in VENDORS {
        for (fault, kind, handler_ran) in faults() {
            let sandbox = sandbox().await;
            let api = signed_in_adapter(&sandbox, vendor, no_retries()).await;
            let before = create_guard::key_ids(api.as_ref()).await.unwrap();
            install_fault(&sandbox, "POST", &keys_path(vendor), 1, fault.clone()).await;
            let draft = draft_for(&api.capabilities());
            let failure: CreateFailure = create_guard::create_key(api.as_ref(), &draft)
                .await
                .unwrap_err();
            assert_eq!(failure.error.kind, kind, "{vendor:?} create with {fault}");
            assert!(!failure.orphan_check_failed, "{vendor:?} {fault}");

            if kind == VendorErrorKind::Timeout {
                tokio::time::sleep(Duration::from_millis(1500)).await;
            }
            let now = create_guard::orphans_since(api.as_ref(), &before)
                .await
                .unwrap();
            if handler_ran {
                assert_eq!(now.len(), 1, "{vendor:?} {fault}: the created key exists");
                if kind != VendorErrorKind::Timeout {
                    let reported: Vec<&str> = failure
                        .orphan_candidates
                        .iter()
                        .map(|k| k.id.as_str())
                        .collect();
                    assert_eq!(
                        reported,
                        [now[0].id.as_str()],
                        "{vendor:?} {fault}: orphan reported"
                    );
                }
            } else {
                assert!(now.is_empty(), "{vendor:?} {fault}: nothing was created");
                assert!(
                    failure.orphan_candidates.is_empty(),
                    "{vendor:?} {fault}: no false orphan"
                );
            }
        }
    }
}

#[tokio::test]
async fn delete_reports_each_fault_as_its_kind() {
    for vendor in VENDORS {
        for (fault, kind, handler_ran) in faults() {
            let sandbox = sandbox().await;
            let api = signed_in_adapter(&sandbox, vendor, no_retries()).await;
            let id = make_deletable_key(api.as_ref()).await;
            install_fault(&sandbox, "DELETE", &keys_path(vendor), 1, fault.clone()).await;
            // Kayle's client settles a lost answer by looking at the list, so a
            // delete that was carried out is reported done.
            let settled_by_listing = vendor == VendorKind::Kayle && handler_ran;
            match api.revoke_key(&id).await {
                Ok(()) => assert!(settled_by_listing, "{vendor:?} delete with {fault}: Ok"),
                Err(error) => {
                    assert!(
                        !settled_by_listing,
                        "{vendor:?} delete with {fault}: {error}"
                    );
                    assert_eq!(error.kind, kind, "{vendor:?} delete with {fault}");
                }
            }
            if kind == VendorErrorKind::Timeout {
                tokio::time::sleep(Duration::from_millis(1500)).await;
            }
            let gone = api
                .list_keys()
                .await
                .unwrap()
                .iter()
                .all(|k| k.id != id || k.status == keyturn_core::KeyStatus::Revoked);
            assert_eq!(
                gone, handler_ran,
                "{vendor:?} {fault}: deleted exactly when the handler ran"
            );
        }
    }
}

#[tokio::test]
async fn a_delete_whose_answer_is_lost_is_retried_and_reported_done() {
    for vendor in VENDORS {
        let sandbox = sandbox().await;
        let api = signed_in_adapter(&sandbox, vendor, HttpOptions::default()).await;
        let id = make_deletable_key(api.as_ref()).await;
        install_fault(
            &sandbox,
            "DELETE",
            &keys_path(vendor),
            1,
            json!({"kind": "drop_after"}),
        )
        .await;
        keyturn_core::keys::revoke_guard::revoke_key(api.as_ref(), &id)
            .await
            .unwrap_or_else(|e| panic!("{vendor:?}: {e}"));
    }
}

#[tokio::test]
async fn a_create_is_never_retried() {
    for vendor in [VendorKind::Veryfi, VendorKind::Kayle] {
        let sandbox = sandbox().await;
        let api = signed_in_adapter(&sandbox, vendor, HttpOptions::default()).await;
        let before = create_guard::key_ids(api.as_ref()).await.unwrap();
        install_fault(
            &sandbox,
            "POST",
            &keys_path(vendor),
            1,
            json!({"kind": "drop_after"}),
        )
        .await;
        let failure = create_guard::create_key(api.as_ref(), &draft_for(&api.capabilities()))
            .await
            .unwrap_err();
        assert_eq!(failure.error.kind, VendorErrorKind::ConnectionLost);
        let now = create_guard::orphans_since(api.as_ref(), &before)
            .await
            .unwrap();
        assert_eq!(
            now.len(),
            1,
            "{vendor:?}: exactly one key, not one per attempt"
        );
    }
}
