mod common;

use common::{request_id_of, start_sandbox, status_and_json, Bearer};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn unknown_routes_and_wrong_methods_get_neutral_json_without_auth() {
    let sandbox = start_sandbox(None).await;
    let anonymous = Bearer::with_token(&sandbox, "nope");
    let (status, body) = status_and_json(anonymous.get("/no/such/route").await).await;
    assert_eq!(
        (status, body),
        (StatusCode::NOT_FOUND, json!({"error": "not_found"}))
    );
    for (method, path) in [
        (Method::PUT, "/v1/api-keys"),
        (Method::GET, "/v1/api-keys/ak_1"),
        (Method::PATCH, "/api/v1/organizations/org_a/keys"),
        (Method::POST, "/v1/consumer/ping"),
    ] {
        let response = anonymous
            .request(method.clone(), path)
            .send()
            .await
            .unwrap();
        let (status, body) = status_and_json(response).await;
        assert_eq!(
            (status, body),
            (
                StatusCode::METHOD_NOT_ALLOWED,
                json!({"error": "method_not_allowed"})
            ),
            "{method} {path}"
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn health_needs_no_token_and_every_answer_but_kayles_has_a_request_id() {
    let sandbox = start_sandbox(None).await;
    let anonymous = Bearer::with_token(&sandbox, "nope");
    let response = anonymous.get("/_sandbox/health").await;
    let id = request_id_of(&response);
    assert_eq!(
        status_and_json(response).await,
        (StatusCode::OK, json!({"ok": true}))
    );
    let hex = id.strip_prefix("req_").unwrap();
    assert!(
        hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    for path in [
        "/v1/api-keys",
        "/api/v1/organizations/org_a/keys",
        "/v1/consumer/ping",
        "/nowhere",
    ] {
        request_id_of(&anonymous.get(path).await);
    }
    for path in ["/v1/auth/api-keys", "/v1/auth/get-session", "/v1/sessions"] {
        let response = anonymous.get(path).await;
        assert!(response.headers().get("x-request-id").is_none(), "{path}");
    }
    sandbox.shutdown().await;
}
