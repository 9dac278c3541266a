//! One contract, every token adapter, the sandbox over loopback: create (secret seen once)
//! → listed masked → consumer ping → last-used facts as the vendor reports them →
//! disable/enable where supported → revoke → the key is refused. Kayle ID signs in
//! with a session and has its own contract (`kayle_sandbox_contract.rs`).

mod common;

use chrono::{Duration, Utc};
use common::*;
use keyturn_core::http::HttpOptions;
use keyturn_core::{KeyStatus, KeyUpdate, LastUsed, VendorKind};

const CLIENT: &str = "contract-suite/1.0 (keyturn)";

async fn run_contract(vendor: VendorKind) {
    let sandbox = sandbox().await;
    let api = adapter(&sandbox, vendor, HttpOptions::default());
    let capabilities = api.capabilities();

    let created = api.create_key(&draft_for(&capabilities)).await.unwrap();
    let secret = created.secret.expose().clone();
    assert!(secret.len() >= 24, "{vendor:?}: a real secret");

    let listed = api.list_keys().await.unwrap();
    let key = listed
        .iter()
        .find(|k| k.id == created.key.id)
        .expect("new key listed");
    // Where a prefix is listed it is a short start of the secret.
    if let Some(prefix) = &key.masked_prefix {
        assert!(
            secret.starts_with(prefix.as_str()) && prefix.len() < secret.len() / 2,
            "{vendor:?}: {prefix}"
        );
    }
    let listed_json = serde_json::to_string(&listed).unwrap();
    assert!(
        !listed_json.contains(&secret),
        "{vendor:?}: the secret is never listed"
    );
    assert_eq!(key.status, KeyStatus::Active);

    let ping1 = ping(&sandbox, &secret, CLIENT).await;
    assert_eq!(ping1.status, 200, "{vendor:?}: the new key works");

    let used = api
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.id == created.key.id)
        .unwrap();
    let reports = capabilities.last_used;
    match (&used.last_used, reports.at) {
        (LastUsed::Used { at, ip, user_agent }, true) => {
            assert!(
                Utc::now() - *at < Duration::minutes(1),
                "{vendor:?}: recent"
            );
            assert_eq!(
                ip.as_deref(),
                reports.ip.then_some("127.0.0.1"),
                "{vendor:?}: ip"
            );
            assert_eq!(
                user_agent.as_deref(),
                reports.user_agent.then_some(CLIENT),
                "{vendor:?}: client"
            );
        }
        (LastUsed::NotReported, false) => {}
        (other, reports_at) => {
            panic!("{vendor:?}: last used {other:?} with reports.at = {reports_at}")
        }
    }
    assert_eq!(
        used.request_count,
        reports.request_count.then_some(1),
        "{vendor:?}: count"
    );

    if capabilities.can_disable {
        let disabled = api
            .update_key(
                &created.key.id,
                &KeyUpdate {
                    enabled: Some(false),
                    ..KeyUpdate::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(disabled.status, KeyStatus::Disabled);
        assert_eq!(
            ping(&sandbox, &secret, CLIENT).await.code.as_deref(),
            Some("key_disabled")
        );
        api.update_key(
            &created.key.id,
            &KeyUpdate {
                enabled: Some(true),
                ..KeyUpdate::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            ping(&sandbox, &secret, CLIENT).await.status,
            200,
            "{vendor:?}: enabled again"
        );
    }

    api.revoke_key(&created.key.id).await.unwrap();
    let refused = ping(&sandbox, &secret, CLIENT).await;
    assert_eq!(
        (refused.status, refused.code.as_deref()),
        (401, Some("key_revoked")),
        "{vendor:?}"
    );
    let after = api.list_keys().await.unwrap();
    let still_listed = after.iter().find(|k| k.id == created.key.id);
    if capabilities.revoked_keys_listed {
        assert_eq!(
            still_listed.map(|k| k.status),
            Some(KeyStatus::Revoked),
            "{vendor:?}"
        );
    } else {
        assert!(still_listed.is_none(), "{vendor:?}: deleted keys disappear");
    }
}

#[tokio::test]
async fn veryfi_partner_meets_the_contract() {
    run_contract(VendorKind::Veryfi).await;
}

#[tokio::test]
async fn verifa_meets_the_contract() {
    run_contract(VendorKind::Verifa).await;
}

#[tokio::test]
async fn generic_api_keys_meet_the_contract() {
    run_contract(VendorKind::ApiKeys).await;
}

#[tokio::test]
async fn paging_delivers_every_key_of_a_large_account() {
    let options = keyturn_sandbox::SandboxOptions {
        admin_token: TOKEN.into(),
        seed_keys: 250,
        ..Default::default()
    };
    let sandbox = keyturn_sandbox::start(([127, 0, 0, 1], 0).into(), options)
        .await
        .unwrap();
    // Kayle's ten-a-page listing is in its own contract (kayle_contract::ten_a_page).
    for vendor in [VendorKind::ApiKeys] {
        let keys = adapter(&sandbox, vendor, HttpOptions::default())
            .list_keys()
            .await
            .unwrap();
        assert_eq!(keys.len(), 250, "{vendor:?}");
        let unique: std::collections::HashSet<_> = keys.iter().map(|k| &k.id).collect();
        assert_eq!(unique.len(), 250, "{vendor:?}: no page repeated");
    }
    // Seeded Verifa keys live in org_sandbox.
    let verifa = keyturn_core::vendors::Account::Verifa(
        keyturn_core::vendors::verifa::account::VerifaAccount {
            organization_id: "org_sandbox".into(),
            api_version: None,
        },
    )
    .connect(
        &sandbox.base_url(),
        keyturn_core::Sensitive::new(TOKEN.into()),
        HttpOptions::default(),
    )
    .unwrap();
    assert_eq!(verifa.list_keys().await.unwrap().len(), 250);
}
