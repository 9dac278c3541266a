mod common;

use std::time::{Duration, Instant};

use common::{options, start_sandbox, start_with, status_and_json, Bearer, Client};
use keyturn_sandbox::{FaultSpec, Sandbox, SandboxOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const FAULTS: &str = "/_sandbox/faults";
const API_KEYS: &str = "/v1/api-keys";

async fn install(admin: &Bearer, fault: Value) -> String {
    let (status, body) = status_and_json(admin.post_json(FAULTS, &fault.to_string()).await).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("flt_"), "{id}");
    id
}

async fn api_key_count(admin: &Bearer) -> usize {
    let (status, body) = status_and_json(admin.get(API_KEYS).await).await;
    assert_eq!(status, StatusCode::OK);
    body["data"].as_array().unwrap().len()
}

fn create_api_key(admin: &Bearer) -> reqwest::RequestBuilder {
    admin
        .request(Method::POST, API_KEYS)
        .header("content-type", "application/json")
        .body(r#"{"name": "faulty"}"#)
}

async fn sandbox_and_admin() -> (Sandbox, Bearer) {
    let sandbox = start_sandbox(None).await;
    let admin = Bearer::admin(&sandbox);
    (sandbox, admin)
}

#[tokio::test]
async fn latency_delays_then_serves_and_trips_a_client_timeout() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"method": "GET", "path_prefix": API_KEYS, "count": 2,
                           "fault": {"kind": "latency", "ms": 400}}),
    )
    .await;
    let started = Instant::now();
    assert_eq!(admin.get(API_KEYS).await.status(), StatusCode::OK);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );

    let timed_out = admin
        .request(Method::GET, API_KEYS)
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout(), "{timed_out:?}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn status_uses_each_dialects_envelope_and_retry_after() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"method": "POST", "path_prefix": API_KEYS,
                           "fault": {"kind": "status", "status": 503, "retry_after": 3}}),
    )
    .await;
    let response = create_api_key(&admin).send().await.unwrap();
    assert_eq!(response.headers()["retry-after"], "3");
    let request_id = common::request_id_of(&response);
    let (status, body) = status_and_json(response).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        (body["code"].as_u64(), &body["data"]),
        (Some(503), &Value::Null)
    );
    assert_eq!(body["requestId"], request_id);
    assert_eq!(api_key_count(&admin).await, 0, "the handler did not run");

    let verifa = "/api/v1/organizations/org_x/keys";
    install(
        &admin,
        json!({"path_prefix": verifa, "fault": {"kind": "status", "status": 429}}),
    )
    .await;
    let (status, body) = status_and_json(admin.get(verifa).await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        (body["error"].as_str(), body["status_code"].as_u64()),
        (Some("rate_limited"), Some(429))
    );

    let kayle = "/v1/auth/api-keys";
    install(
        &admin,
        json!({"path_prefix": kayle, "fault": {"kind": "status", "status": 410}}),
    )
    .await;
    let (status, body) = status_and_json(admin.get(kayle).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["data"], Value::Null);
    assert_eq!(body["error"]["code"], "ORGANIZATION_FROZEN");
    assert_eq!(
        body["error"]["docs"],
        "https://kayle.id/docs/errors/organization-frozen"
    );

    install(
        &admin,
        json!({"path_prefix": "/api/v8/partner", "fault": {"kind": "status", "status": 500}}),
    )
    .await;
    let response = Client::new(&sandbox)
        .send(Method::GET, common::KEYS, Some(common::ADMIN_TOKEN))
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "fail");
    assert!(
        body.get("code").is_none(),
        "Veryfi documents no 5xx codes: {body}"
    );

    install(&admin, json!({"path_prefix": API_KEYS, "fault": {"kind": "status", "status": 502, "body": "upstream sad"}})).await;
    let response = admin.get(API_KEYS).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(response.text().await.unwrap(), "upstream sad");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn malformed_json_is_a_200_that_does_not_parse() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"path_prefix": API_KEYS, "fault": {"kind": "malformed_json"}}),
    )
    .await;
    let response = admin.get(API_KEYS).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let error = response.json::<Value>().await.unwrap_err();
    assert!(error.is_decode(), "{error:?}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn truncated_sends_the_status_and_full_length_then_fails_mid_body() {
    let (sandbox, admin) = sandbox_and_admin().await;
    for n in 0..3 {
        create_api_key(&admin)
            .body(format!(r#"{{"name": "key {n}"}}"#))
            .send()
            .await
            .unwrap();
    }
    install(
        &admin,
        json!({"method": "GET", "path_prefix": API_KEYS, "fault": {"kind": "truncated"}}),
    )
    .await;
    let response = admin.get(API_KEYS).await;
    assert_eq!(response.status(), StatusCode::OK);
    let announced: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(announced > 100, "{announced}");
    let mut response = response;
    let mut received = 0;
    let error = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => panic!("the body ended normally after {received} bytes"),
            Err(error) => break error,
        }
    };
    assert!(error.is_body() || error.is_decode(), "{error:?}");
    assert_eq!(received, announced / 2);
    assert_eq!(
        api_key_count(&admin).await,
        3,
        "the next request is served normally"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn drop_closes_the_connection_before_the_handler_runs() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"method": "POST", "path_prefix": API_KEYS, "fault": {"kind": "drop"}}),
    )
    .await;
    let error = create_api_key(&admin).send().await.unwrap_err();
    assert!(error.status().is_none(), "{error:?}");
    assert!(error.is_request() || error.is_connect(), "{error:?}");
    assert_eq!(api_key_count(&admin).await, 0);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn drop_after_loses_the_answer_but_the_key_is_created() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"method": "POST", "path_prefix": API_KEYS, "fault": {"kind": "drop_after"}}),
    )
    .await;
    let error = create_api_key(&admin).send().await.unwrap_err();
    assert!(error.status().is_none(), "{error:?}");
    let (_, body) = status_and_json(admin.get(API_KEYS).await).await;
    assert_eq!(body["data"].as_array().unwrap().len(), 1);
    assert_eq!(body["data"][0]["name"], "faulty");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_count_runs_out_after_that_many_requests_in_installation_order() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"method": "GET", "path_prefix": "/v1/", "count": 2,
                           "fault": {"kind": "status", "status": 503}}),
    )
    .await;
    install(
        &admin,
        json!({"method": null, "path_prefix": API_KEYS,
                           "fault": {"kind": "status", "status": 500}}),
    )
    .await;
    let (_, body) = status_and_json(admin.get(FAULTS).await).await;
    let remaining: Vec<&Value> = body["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["remaining"])
        .collect();
    assert_eq!(remaining, [&json!(2), &json!(1)]);

    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(admin.get(API_KEYS).await.status().as_u16());
    }
    assert_eq!(statuses, [503, 503, 500, 200]);
    let (_, body) = status_and_json(admin.get(FAULTS).await).await;
    assert_eq!(body["faults"], json!([]));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn clearing_removes_pending_faults_and_the_admin_routes_are_exempt() {
    let (sandbox, admin) = sandbox_and_admin().await;
    install(
        &admin,
        json!({"path_prefix": "/", "count": 5, "fault": {"kind": "drop"}}),
    )
    .await;
    let (status, body) = status_and_json(admin.delete(FAULTS).await).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"cleared": 1})));
    assert_eq!(admin.get(API_KEYS).await.status(), StatusCode::OK);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn fault_routes_need_the_admin_token_and_valid_faults() {
    let (sandbox, admin) = sandbox_and_admin().await;
    let stranger = Bearer::with_token(&sandbox, "nope");
    assert_eq!(
        stranger.get(FAULTS).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let body = json!({"path_prefix": "/", "fault": {"kind": "drop"}}).to_string();
    assert_eq!(
        stranger.post_json(FAULTS, &body).await.status(),
        StatusCode::UNAUTHORIZED
    );
    for bad in [
        json!({"fault": {"kind": "drop"}}),
        json!({"path_prefix": "v1", "fault": {"kind": "drop"}}),
        json!({"path_prefix": "/", "count": 0, "fault": {"kind": "drop"}}),
        json!({"path_prefix": "/", "fault": {"kind": "explode"}}),
        json!({"path_prefix": "/", "fault": {"kind": "status", "status": 200}}),
    ] {
        let (status, body) = status_and_json(admin.post_json(FAULTS, &bad.to_string()).await).await;
        assert_eq!(
            (status, &body["error"]),
            (StatusCode::BAD_REQUEST, &json!("validation_error")),
            "{bad}"
        );
    }
    let (_, body) = status_and_json(admin.get(FAULTS).await).await;
    assert_eq!(body["faults"], json!([]));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn faults_given_at_start_apply_like_the_flag() {
    let spec: FaultSpec = "POST /v1/api-keys status:503 x2".parse().unwrap();
    let sandbox = start_with(SandboxOptions {
        faults: vec![spec],
        ..options()
    })
    .await;
    let admin = Bearer::admin(&sandbox);
    for expected in [503, 503, 200] {
        let response = create_api_key(&admin).send().await.unwrap();
        assert_eq!(response.status().as_u16(), expected);
    }
    sandbox.shutdown().await;
}
