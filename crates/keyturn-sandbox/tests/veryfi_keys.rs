mod common;

use common::{error_of, ids, start_sandbox, Client, ADMIN_TOKEN, KEYS};
use reqwest::{Method, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn fresh_account_lists_exactly_one_key() {
    let sandbox = start_sandbox(None).await;
    let keys = Client::new(&sandbox).list().await;
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert!(key["id"].is_u64());
    assert_eq!(key["prefix"].as_str().unwrap().len(), 4);
    let created = key["created"].as_str().unwrap();
    chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%d %H:%M:%S")
        .expect("Veryfi's documented YYYY-MM-DD HH:MM:SS, no zone");
    assert!(key.get("value").is_none(), "the list never shows a value");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn create_returns_the_value_once_and_the_list_shows_its_prefix() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let first_id = ids(&client.list().await)[0];

    let response = client.send(Method::POST, KEYS, Some(ADMIN_TOKEN)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    let id = body["id"].as_u64().unwrap();
    let value = body["value"].as_str().unwrap();
    assert_eq!(value.len(), 32);
    assert!(value
        .bytes()
        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
    assert!(id > first_id);

    let keys = client.list().await;
    assert_eq!(ids(&keys), vec![first_id, id]);
    assert_eq!(keys[1]["prefix"], value[..4]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn create_ignores_a_json_body() {
    let sandbox = start_sandbox(None).await;
    let response = reqwest::Client::new()
        .post(format!("{}{KEYS}", sandbox.base_url()))
        .header("client-id", "sandbox")
        .header("authorization", format!("apikey sandbox:{ADMIN_TOKEN}"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn third_key_is_refused_and_nothing_changes() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    client.create().await;
    let before = ids(&client.list().await);

    let response = client.send(Method::POST, KEYS, Some(ADMIN_TOKEN)).await;
    assert_eq!(
        error_of(response).await,
        (StatusCode::BAD_REQUEST, "MALFORMED_PARAMETERS".into()),
        "Veryfi documents no code of its own for the limit"
    );
    assert_eq!(ids(&client.list().await), before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn concurrent_creates_never_exceed_the_limit() {
    let sandbox = start_sandbox(None).await;
    let client = std::sync::Arc::new(Client::new(&sandbox));
    let attempts: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .send(Method::POST, KEYS, Some(ADMIN_TOKEN))
                    .await
                    .status()
            })
        })
        .collect();
    let mut created = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            StatusCode::CREATED => created += 1,
            status => assert_eq!(status, StatusCode::BAD_REQUEST),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(client.list().await.len(), 2);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn delete_removes_the_key_and_ids_are_not_reused() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let first_id = ids(&client.list().await)[0];
    let (second_id, _) = client.create().await;

    let response = client.delete(&second_id.to_string()).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(response.bytes().await.unwrap().is_empty());
    assert_eq!(ids(&client.list().await), vec![first_id]);

    let (third_id, _) = client.create().await;
    assert!(third_id > second_id);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_last_key_cannot_be_deleted() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let only_id = ids(&client.list().await)[0];

    let response = client.delete(&only_id.to_string()).await;
    assert_eq!(
        error_of(response).await,
        (StatusCode::BAD_REQUEST, "MALFORMED_PARAMETERS".into()),
        "nor for the last key"
    );
    assert_eq!(ids(&client.list().await), vec![only_id]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn delete_rejects_unknown_and_malformed_ids() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    client.create().await;

    assert_eq!(
        error_of(client.delete("999999").await).await,
        (StatusCode::NOT_FOUND, "NOT_FOUND".into())
    );
    for bad in ["abc", "-1", "1.5", "%2B1"] {
        assert_eq!(
            error_of(client.delete(bad).await).await,
            (StatusCode::BAD_REQUEST, "MALFORMED_PARAMETERS".into()),
            "id {bad}"
        );
    }
    assert_eq!(client.list().await.len(), 2);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn reset_replaces_every_key_and_old_values_stop_working() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let (_, old_value) = client.create().await;
    let old_ids = ids(&client.list().await);
    assert_eq!(
        client
            .send(Method::GET, KEYS, Some(&old_value))
            .await
            .status(),
        StatusCode::OK,
        "a current key authenticates"
    );

    let response = client
        .send(Method::POST, &format!("{KEYS}reset/"), Some(&old_value))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    let new_keys = body["api_keys"].as_array().unwrap();
    assert_eq!(new_keys.len(), old_ids.len());
    let new_ids = ids(new_keys);
    assert!(new_ids.iter().all(|id| !old_ids.contains(id)));
    assert_eq!(ids(&client.list().await), new_ids);

    let old = client.send(Method::GET, KEYS, Some(&old_value)).await;
    assert_eq!(
        error_of(old).await,
        (
            StatusCode::FORBIDDEN,
            "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED".into()
        )
    );
    for key in new_keys {
        let value = key["value"].as_str().unwrap();
        assert_ne!(value, old_value);
        let response = client.send(Method::GET, KEYS, Some(value)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn reset_of_a_single_key_account_keeps_one_key() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let response = client
        .send(Method::POST, &format!("{KEYS}reset/"), Some(ADMIN_TOKEN))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["api_keys"].as_array().unwrap().len(), 1);
    assert_eq!(client.list().await.len(), 1);
    sandbox.shutdown().await;
}
