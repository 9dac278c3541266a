//! The same Kayle ID contract as `kayle_live.rs`, against the sandbox's Kayle
//! dialect in-process, so the two must agree on every observable outcome.

mod common;
#[path = "common/kayle_contract.rs"]
mod kayle_contract;

use kayle_contract::{Target, TargetKind};
use keyturn_sandbox::Sandbox;

async fn target() -> (Sandbox, Target) {
    let sandbox = common::sandbox().await;
    let target = Target {
        base_url: sandbox.base_url(),
        kind: TargetKind::Sandbox {
            admin_token: common::TOKEN.into(),
        },
        cookie: None,
    };
    (sandbox, target)
}

macro_rules! against_the_sandbox {
    ($($name:ident => $step:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let (_sandbox, target) = target().await;
            kayle_contract::$step(&target).await;
        }
    )*};
}

against_the_sandbox! {
    sandbox_sign_in_through_the_connection_service => sign_in_through_the_connection_service,
    sandbox_key_lifecycle => key_lifecycle,
    sandbox_ten_a_page => ten_a_page,
    sandbox_refused_calls => refused_calls,
    sandbox_frozen_organization => frozen_organization,
    sandbox_signed_out => signed_out,
}
