//! Signing in to the sandbox's Kayle as real users do, and the admin routes that help.

mod common;

use common::kayle::{wrong_code, Admin, Kayle, KEYS};
use common::{start_sandbox, ADMIN_TOKEN};
use reqwest::{Method, StatusCode};
use serde_json::json;

const UNAUTHORIZED: &str = r#"{"error":{"code":"UNAUTHORIZED","message":"Unauthorized"}}"#;
const INVALID_OTP: &str = "Your OTP is invalid or has expired. Please try again.";

#[tokio::test]
async fn a_magic_code_signs_in_and_an_organization_made_active_opens_the_key_routes() {
    let sandbox = start_sandbox(None).await;
    let base = sandbox.base_url();
    let admin = Admin::new(&base, ADMIN_TOKEN);
    let anonymous = Kayle::new(&base);
    let email = "k2-magic@example.test";

    let sent = anonymous.magic_sign_in(email).await;
    assert_eq!(
        (sent.status, sent.json()),
        (StatusCode::OK, json!({"status": true}))
    );
    let code = admin.code_for(email).await;
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );

    let verified = anonymous.verify_otp(email, &code).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    let cookie = verified.session_cookie().expect("a session cookie");
    let set_cookie = verified
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        set_cookie
            .ends_with("; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax; Partitioned"),
        "{set_cookie}"
    );
    let body = verified.json();
    assert_eq!(
        (
            &body["status"],
            &body["user"]["email"],
            &body["user"]["emailVerified"]
        ),
        (&json!(true), &json!(email), &json!(true))
    );
    let token = body["session"]["token"].as_str().unwrap();
    assert!(
        cookie.starts_with(&format!("kayle-id.session_token={token}.")),
        "the cookie signs the token"
    );

    let kayle = anonymous.with_cookie(&cookie);
    let no_org = kayle.get(KEYS).await;
    assert_eq!(
        (no_org.status, no_org.text.as_str()),
        (
            StatusCode::FORBIDDEN,
            r#"{"error":{"code":"FORBIDDEN","message":"Forbidden"}}"#
        )
    );
    assert_eq!(
        kayle.get("/v1/auth/organization/list").await.json(),
        json!([])
    );

    let org_id = kayle.create_active_org("k2-magic-org").await;
    let orgs = kayle.get("/v1/auth/organization/list").await.json();
    assert_eq!(
        (&orgs[0]["id"], &orgs[0]["slug"]),
        (&json!(org_id), &json!("k2-magic-org"))
    );
    let session = kayle.get("/v1/auth/get-session").await.json();
    assert_eq!(session["activeOrganization"]["id"], org_id);
    assert_eq!(session["organizations"][0]["role"], "owner");
    assert_eq!(kayle.get(KEYS).await.status, StatusCode::OK);

    let cleared = kayle
        .post(
            "/v1/auth/organization/set-active",
            &json!({"organizationId": null}),
        )
        .await;
    assert_eq!(
        (cleared.status, cleared.text.as_str()),
        (StatusCode::OK, "null")
    );
    assert_eq!(kayle.get(KEYS).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_wrong_code_is_refused_and_burns_the_code_and_a_code_works_once() {
    let sandbox = start_sandbox(None).await;
    let base = sandbox.base_url();
    let admin = Admin::new(&base, ADMIN_TOKEN);
    let kayle = Kayle::new(&base);
    let email = "k2-burn@example.test";

    kayle.magic_sign_in(email).await;
    let code = admin.code_for(email).await;
    let wrong = kayle.verify_otp(email, &wrong_code(&code)).await;
    assert_eq!(
        (wrong.status, wrong.json()),
        (StatusCode::BAD_REQUEST, json!({"message": INVALID_OTP}))
    );
    assert!(wrong.session_cookie().is_none());
    assert_eq!(
        kayle.verify_otp(email, &code).await.status,
        StatusCode::BAD_REQUEST,
        "the wrong guess burnt it"
    );
    let (status, _) = admin
        .call(
            Method::GET,
            &format!("/_sandbox/kayle/otp?email={email}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    kayle.magic_sign_in(email).await;
    let code = admin.code_for(email).await;
    assert_eq!(kayle.verify_otp(email, &code).await.status, StatusCode::OK);
    assert_eq!(
        kayle.verify_otp(email, &code).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn sign_in_requests_are_checked_like_better_auth() {
    let sandbox = start_sandbox(None).await;
    let kayle = Kayle::new(&sandbox.base_url());
    let bad = kayle
        .post(
            "/v1/auth/magic/sign-in",
            &json!({"email": "nope", "type": "sign-in"}),
        )
        .await;
    assert_eq!(
        (bad.status, bad.json()),
        (
            StatusCode::BAD_REQUEST,
            json!({"message": "[body.email] Invalid email address", "code": "VALIDATION_ERROR"})
        )
    );
    let no_type = kayle
        .post(
            "/v1/auth/magic/verify-otp",
            &json!({"email": "k2-x@example.test"}),
        )
        .await;
    assert_eq!(no_type.json()["message"], "[body.otp] Invalid input: expected string, received undefined; [body.type] Invalid option: expected one of \"sign-in\"|\"email-verification\"");
    let unknown = kayle.verify_otp("k2-nobody@example.test", "123456").await;
    assert_eq!(unknown.json()["message"], INVALID_OTP);
}

#[tokio::test]
async fn only_the_signed_cookie_authenticates() {
    let sandbox = start_sandbox(None).await;
    let base = sandbox.base_url();
    let (cookie, _) = Admin::new(&base, ADMIN_TOKEN)
        .session("k2-cookie@example.test")
        .await;
    let value = cookie.split_once('=').unwrap().1;
    let token = value.split('.').next().unwrap();
    let anonymous = Kayle::new(&base);
    let bearer = format!("Bearer {}", value);
    let refused = [
        anonymous.get(KEYS).await,
        anonymous
            .raw(Method::GET, KEYS, None, None, &[("authorization", &bearer)])
            .await,
        anonymous
            .raw(
                Method::GET,
                KEYS,
                None,
                None,
                &[("authorization", &format!("Bearer {ADMIN_TOKEN}"))],
            )
            .await,
        anonymous
            .with_cookie(&format!("kayle-id.session_token={token}"))
            .get(KEYS)
            .await,
        anonymous
            .with_cookie(&format!("__Secure-{cookie}"))
            .get(KEYS)
            .await,
    ];
    for answer in &refused {
        assert_eq!(
            (answer.status, answer.text.as_str()),
            (StatusCode::UNAUTHORIZED, UNAUTHORIZED)
        );
    }
    assert_eq!(
        anonymous.with_cookie(&cookie).get(KEYS).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_expired_session_is_refused_everywhere() {
    let sandbox = start_sandbox(None).await;
    let base = sandbox.base_url();
    let admin = Admin::new(&base, ADMIN_TOKEN);
    let (cookie, session) = admin.session("k2-expire@example.test").await;
    let kayle = Kayle::new(&base).with_cookie(&cookie);
    assert_eq!(kayle.get(KEYS).await.status, StatusCode::OK);
    let expires_at =
        chrono::DateTime::parse_from_rfc3339(session["expires_at"].as_str().unwrap()).unwrap();
    let days = (expires_at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "7 days, found {days} hours");

    let path = format!(
        "/_sandbox/kayle/sessions/{}/expire",
        session["session_id"].as_str().unwrap()
    );
    let (status, body) = admin.call(Method::POST, &path, None).await;
    assert_eq!((status, &body["expired"]), (StatusCode::OK, &json!(true)));
    let after = kayle.get(KEYS).await;
    assert_eq!(
        (after.status, after.text.as_str()),
        (StatusCode::UNAUTHORIZED, UNAUTHORIZED)
    );
    assert_eq!(kayle.get("/v1/auth/get-session").await.text, "null");
    assert_eq!(
        kayle.get("/v1/auth/organization/list").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_admin_session_route_reuses_the_user_and_organization() {
    let sandbox = start_sandbox(None).await;
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (first_cookie, first) = admin.session("K2-Same@example.test").await;
    let (second_cookie, second) = admin.session("k2-same@example.test").await;
    assert_ne!(first_cookie, second_cookie);
    assert_eq!(
        (&first["user_id"], &first["organization_id"]),
        (&second["user_id"], &second["organization_id"])
    );
    let kayle = Kayle::new(&sandbox.base_url());
    let (id, _) = kayle
        .with_cookie(&first_cookie)
        .create("shared", &["sessions:read"])
        .await;
    assert_eq!(
        kayle.with_cookie(&second_cookie).get(KEYS).await.json()["data"][0]["id"],
        id
    );
}

#[tokio::test]
async fn admin_routes_need_the_admin_token() {
    let sandbox = start_sandbox(None).await;
    let stranger = Admin::new(&sandbox.base_url(), "not-the-token");
    let some_id = "00000000-0000-4000-8000-000000000000";
    let calls = [
        (
            Method::GET,
            "/_sandbox/kayle/otp?email=k2-x@example.test".to_string(),
            None,
        ),
        (
            Method::POST,
            "/_sandbox/kayle/sessions".to_string(),
            Some(json!({"email": "k2-x@example.test"})),
        ),
        (
            Method::POST,
            format!("/_sandbox/kayle/organizations/{some_id}/freeze"),
            None,
        ),
        (
            Method::POST,
            format!("/_sandbox/kayle/organizations/{some_id}/unfreeze"),
            None,
        ),
        (
            Method::POST,
            format!("/_sandbox/kayle/sessions/{some_id}/expire"),
            None,
        ),
    ];
    for (method, path, body) in calls {
        let (status, answer) = stranger.call(method, &path, body).await;
        assert_eq!(
            (status, &answer["error"]),
            (StatusCode::UNAUTHORIZED, &json!("unauthorized")),
            "{path}"
        );
    }
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (status, _) = admin
        .call(
            Method::POST,
            &format!("/_sandbox/kayle/organizations/{some_id}/freeze"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn password_sign_up_and_sign_in_work_as_in_the_real_test_mode() {
    let sandbox = start_sandbox(None).await;
    let kayle = Kayle::new(&sandbox.base_url());
    let up =
        json!({"email": "k2-pw@example.test", "password": "kayle-test-password", "name": "PW"});
    let signed_up = kayle.post("/v1/auth/sign-up/email", &up).await;
    assert_eq!(signed_up.status, StatusCode::OK, "{}", signed_up.text);
    assert!(signed_up.session_cookie().is_some());
    assert_eq!(signed_up.json()["user"]["emailVerified"], false);
    let again = kayle.post("/v1/auth/sign-up/email", &up).await;
    assert_eq!(
        (again.status, &again.json()["code"]),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!("USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")
        )
    );
    let wrong = kayle
        .post(
            "/v1/auth/sign-in/email",
            &json!({"email": "k2-pw@example.test", "password": "wrong-password"}),
        )
        .await;
    assert_eq!(
        (wrong.status, &wrong.json()["code"]),
        (
            StatusCode::UNAUTHORIZED,
            &json!("INVALID_EMAIL_OR_PASSWORD")
        )
    );
    let right = kayle
        .post(
            "/v1/auth/sign-in/email",
            &json!({"email": "k2-pw@example.test", "password": "kayle-test-password"}),
        )
        .await;
    assert_eq!(
        (right.status, &right.json()["redirect"]),
        (StatusCode::OK, &json!(false))
    );
    let cookie = right.session_cookie().unwrap();
    assert_eq!(
        kayle.with_cookie(&cookie).get(KEYS).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn better_auth_routes_need_a_json_content_type() {
    let sandbox = start_sandbox(None).await;
    let kayle = Kayle::new(&sandbox.base_url());
    let body = r#"{"email":"k2-ct@example.test","type":"sign-in"}"#;
    let path = "/v1/auth/magic/sign-in";
    let missing = kayle.raw(Method::POST, path, Some(body), None, &[]).await;
    assert_eq!(
        (missing.status, missing.json()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            json!({"message": "Content-Type is required. Allowed types: application/json", "code": "UNSUPPORTED_MEDIA_TYPE"})
        )
    );
    let text = kayle
        .raw(Method::POST, path, Some(body), Some("text/plain"), &[])
        .await;
    assert_eq!(
        text.json()["message"],
        "Content-Type \"text/plain\" is not allowed. Allowed types: application/json"
    );
    let charset = kayle
        .raw(
            Method::POST,
            path,
            Some(body),
            Some("application/json; charset=utf-8"),
            &[],
        )
        .await;
    assert_eq!(charset.status, StatusCode::OK);
    let array = kayle
        .raw(
            Method::POST,
            path,
            Some("[]"),
            Some("application/json"),
            &[],
        )
        .await;
    assert_eq!(
        array.json()["message"],
        "[body] Invalid input: expected object, received array"
    );
    let empty = kayle
        .raw(Method::POST, path, Some(""), Some("application/json"), &[])
        .await;
    assert_eq!(
        (empty.status, empty.text.as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, "")
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_and_clears_the_cookies() {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-out@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    let out = kayle.post("/v1/auth/sign-out", &json!({})).await;
    assert_eq!(
        (out.status, out.json()),
        (StatusCode::OK, json!({"success": true}))
    );
    let cleared: Vec<&str> = out
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(cleared.len(), 3);
    assert!(
        cleared[0].starts_with("kayle-id.session_token=; Max-Age=0;"),
        "{cleared:?}"
    );
    assert_eq!(kayle.get(KEYS).await.status, StatusCode::UNAUTHORIZED);
    let anonymous = Kayle::new(&sandbox.base_url())
        .post("/v1/auth/sign-out", &json!({}))
        .await;
    assert_eq!(anonymous.status, StatusCode::OK);
}
