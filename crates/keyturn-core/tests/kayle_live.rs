//! The Kayle ID contract against a real Kayle ID server (the kit in
//! `../shared/vendors/kayle-id`, started by `./x`'s real-vendor stage).
//!
//! Needs `KAYLE_BASE_URL`. Sign-in codes are read from `$KAYLE_HOME/logs/api.log`
//! (default `~/.cache/kayle-id`); `KAYLE_COOKIE` (from the kit's `session.sh`) is
//! used for the key steps when given. `KAYLE_KIT` points at the kit for freezing.

mod common;
#[path = "common/kayle_contract.rs"]
mod kayle_contract;

use std::path::PathBuf;

use kayle_contract::{Target, TargetKind};

fn target() -> Target {
    let base_url = std::env::var("KAYLE_BASE_URL").unwrap_or_else(|_| {
        panic!("KAYLE_BASE_URL is not set: start the kit's server (eval \"$(…/kayle-id/start.sh | tail -n1)\") or run ./x test, whose real-vendor stage starts it")
    });
    let home = std::env::var_os("KAYLE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/kayle-id")
        });
    let kit = std::env::var_os("KAYLE_KIT")
        .map(PathBuf::from)
        .or_else(|| {
            let beside =
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vendors/kayle-id");
            [beside, PathBuf::from("/work/shared/vendors/kayle-id")]
                .into_iter()
                .find(|p| p.join("freeze-org.sh").exists())
        })
        .expect("the Kayle ID kit (set KAYLE_KIT)");
    Target {
        base_url,
        kind: TargetKind::Real {
            kit,
            log: home.join("logs/api.log"),
        },
        cookie: std::env::var("KAYLE_COOKIE").ok().filter(|c| !c.is_empty()),
    }
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_sign_in_through_the_connection_service() {
    kayle_contract::sign_in_through_the_connection_service(&target()).await;
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_key_lifecycle() {
    kayle_contract::key_lifecycle(&target()).await;
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_ten_a_page() {
    kayle_contract::ten_a_page(&target()).await;
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_refused_calls() {
    kayle_contract::refused_calls(&target()).await;
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_frozen_organization() {
    kayle_contract::frozen_organization(&target()).await;
}

#[tokio::test]
#[ignore = "needs a running Kayle ID server: KAYLE_BASE_URL (./x test starts one)"]
async fn real_signed_out() {
    kayle_contract::signed_out(&target()).await;
}
