mod common;

use common::{error_of, start_sandbox, Client, ADMIN_TOKEN, KEYS};
use reqwest::{Method, Response, StatusCode};

async fn send_with(
    sandbox: &keyturn_sandbox::Sandbox,
    client_id: Option<&str>,
    authorization: Option<&str>,
) -> Response {
    let mut request = reqwest::Client::new().get(format!("{}{KEYS}", sandbox.base_url()));
    if let Some(client_id) = client_id {
        request = request.header("client-id", client_id);
    }
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn missing_credentials_are_reported_as_not_provided() {
    let sandbox = start_sandbox(None).await;
    let admin = format!("apikey sandbox:{ADMIN_TOKEN}");
    for (client_id, authorization) in [
        (None, None),
        (Some("sandbox"), None),
        (None, Some(admin.as_str())),
    ] {
        let response = send_with(&sandbox, client_id, authorization).await;
        assert_eq!(
            error_of(response).await,
            (
                StatusCode::FORBIDDEN,
                "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED".into()
            )
        );
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn wrong_credentials_get_the_documented_403() {
    let sandbox = start_sandbox(None).await;
    let admin = format!("apikey sandbox:{ADMIN_TOKEN}");
    let wrong_user = format!("apikey someone:{ADMIN_TOKEN}");
    let wrong_scheme = format!("Bearer {ADMIN_TOKEN}");
    for (client_id, authorization) in [
        ("sandbox", "apikey sandbox:wrong-token"),
        ("sandbox", wrong_user.as_str()),
        ("sandbox", wrong_scheme.as_str()),
        ("sandbox", "apikey sandbox:"),
        ("other-client", admin.as_str()),
    ] {
        let response = send_with(&sandbox, Some(client_id), Some(authorization)).await;
        assert_eq!(
            error_of(response).await,
            (
                StatusCode::FORBIDDEN,
                "AUTHENTICATION_CREDENTIALS_WERE_NOT_PROVIDED".into()
            ),
            "{client_id} / {authorization}"
        );
    }
    let accepted = send_with(&sandbox, Some("sandbox"), Some(&admin)).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_wrong_token_cannot_mutate() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let response = client.send(Method::POST, KEYS, Some("not-the-token")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = client
        .send(
            Method::POST,
            &format!("{KEYS}reset/"),
            Some("not-the-token"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(client.list().await.len(), 1);
    sandbox.shutdown().await;
}

fn request_id(response: &Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .expect("X-Request-Id header")
        .to_str()
        .unwrap()
        .to_string()
}

fn assert_request_id_format(id: &str) {
    let hex = id.strip_prefix("req_").expect("starts with req_");
    assert_eq!(hex.len(), 16, "{id}");
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let responses = [
        client.send(Method::GET, KEYS, Some(ADMIN_TOKEN)).await,
        client.send(Method::GET, KEYS, None).await,
        client
            .send(Method::GET, "/no/such/route", Some(ADMIN_TOKEN))
            .await,
        client.send(Method::PUT, KEYS, Some(ADMIN_TOKEN)).await,
        client.delete("1").await,
    ];
    let ids: Vec<String> = responses.iter().map(request_id).collect();
    ids.iter().for_each(|id| assert_request_id_format(id));
    assert_ne!(ids[0], ids[1], "each response gets its own id");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn unknown_routes_and_methods_use_the_error_envelope() {
    let sandbox = start_sandbox(None).await;
    let client = Client::new(&sandbox);
    let unknown = client
        .send(Method::GET, "/api/v8/partner/nothing", Some(ADMIN_TOKEN))
        .await;
    assert_eq!(
        error_of(unknown).await,
        (StatusCode::NOT_FOUND, "NOT_FOUND".into())
    );
    for (method, path) in [
        (Method::PUT, KEYS.to_string()),
        (Method::GET, format!("{KEYS}reset/")),
        (Method::GET, format!("{KEYS}1/")),
    ] {
        let response = client.send(method.clone(), &path, Some(ADMIN_TOKEN)).await;
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], "fail", "{method} {path}");
        assert!(body.get("code").is_none(), "no invented code: {body}");
    }
    sandbox.shutdown().await;
}

/// Django answers a path without its trailing slash with a 301, before any
/// authentication, so nothing is done on the slash-less path.
#[tokio::test]
async fn slash_less_paths_are_redirected_to_the_slashed_ones() {
    let sandbox = start_sandbox(None).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = sandbox.base_url();
    let slashless = KEYS.trim_end_matches('/');
    for (method, path, expected) in [
        (Method::GET, slashless.to_owned(), KEYS.to_owned()),
        (Method::POST, slashless.to_owned(), KEYS.to_owned()),
        (
            Method::GET,
            format!("{slashless}?page=2"),
            format!("{KEYS}?page=2"),
        ),
        (
            Method::POST,
            format!("{KEYS}reset"),
            format!("{KEYS}reset/"),
        ),
        (Method::DELETE, format!("{KEYS}7"), format!("{KEYS}7/")),
    ] {
        let response = no_redirects
            .request(method.clone(), format!("{base}{path}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::MOVED_PERMANENTLY,
            "{method} {path}"
        );
        let location = response.headers()["location"].to_str().unwrap();
        assert_eq!(location, expected, "{method} {path}");
    }
    let client = Client::new(&sandbox);
    assert_eq!(
        client.list().await.len(),
        1,
        "the POST to the slash-less path created nothing"
    );
    sandbox.shutdown().await;
}
