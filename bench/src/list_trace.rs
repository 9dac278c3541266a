//! The Rust half of one `list_keys`, step by step, without the app: the
//! sandbox's answer, Keyturn's /v1/api-keys client reading it, and the JSON the
//! command hands to IPC.

use std::time::Instant;

use keyturn_core::http::HttpOptions;
use keyturn_core::vendors::api_keys::{ApiKeysCredentials, ApiKeysService};
use keyturn_core::{KeyList, Sensitive, Vendor};

use crate::keylist::Account;

#[derive(Debug, Clone, Copy, Default)]
pub struct ListTrace {
    /// GET /v1/api-keys until the whole body is in (plain reqwest).
    pub sandbox_ms: f64,
    pub sandbox_bytes: usize,
    /// Keyturn's client: the same GET, then parsed and turned into `ApiKey`s.
    pub client_ms: f64,
    /// serde_json of the `KeyList` the command returns.
    pub serialize_ms: f64,
    pub ipc_bytes: usize,
}

pub async fn measure(account: &Account) -> ListTrace {
    let t = Instant::now();
    let body = reqwest::Client::new()
        .get(format!("{}/v1/api-keys", account.base_url))
        .bearer_auth(&account.token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let sandbox_ms = t.elapsed().as_secs_f64() * 1e3;

    let client = ApiKeysService::new(
        &account.base_url,
        ApiKeysCredentials {
            token: Sensitive::new(account.token.clone()),
        },
        HttpOptions::default(),
    )
    .unwrap();
    let t = Instant::now();
    let keys = client
        .list_keys()
        .await
        .expect("Keyturn's client lists the keys");
    let client_ms = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(keys.len(), account.keys);

    let list = KeyList {
        connection_id: account.connection_id.clone(),
        keys,
        capabilities: client.capabilities(),
        fetched_at: chrono::Utc::now(),
    };
    let t = Instant::now();
    let json = serde_json::to_vec(&list).unwrap();
    let serialize_ms = t.elapsed().as_secs_f64() * 1e3;
    ListTrace {
        sandbox_ms,
        sandbox_bytes: body.len(),
        client_ms,
        serialize_ms,
        ipc_bytes: json.len(),
    }
}
