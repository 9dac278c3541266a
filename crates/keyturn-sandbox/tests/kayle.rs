//! Kayle's key routes on the sandbox, over loopback HTTP, as the real server answers them.

mod common;

use common::kayle::{Admin, Kayle, KEYS, UNKNOWN_ID};
use common::{start_sandbox, ADMIN_TOKEN};
use keyturn_sandbox::Sandbox;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn signed_in(sandbox: &Sandbox, email: &str) -> (Kayle, Value) {
    let admin = Admin::new(&sandbox.base_url(), ADMIN_TOKEN);
    let (cookie, session) = admin.session(email).await;
    (
        Kayle::new(&sandbox.base_url()).with_cookie(&cookie),
        session,
    )
}

fn is_uuid_v4(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && id
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && parts[2].starts_with('4')
}

async fn answer_text_of_list(kayle: &Kayle) -> String {
    kayle.get(KEYS).await.text
}

#[tokio::test]
async fn create_answers_a_uuid_and_a_kk_key_and_the_list_shows_the_key_without_it() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-create@example.test").await;
    let answer = kayle
        .post(
            KEYS,
            &json!({"name": "  ci key  ", "permissions": ["sessions:read", "sessions:read"],
                    "metadata": {"team": "core", "n": 1, "b": true}}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(answer.headers.get("x-request-id").is_none());
    let body = answer.json();
    assert_eq!(body["error"], Value::Null);
    let mut fields: Vec<&String> = body["data"].as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["id", "key"]);
    let id = body["data"]["id"].as_str().unwrap();
    let key = body["data"]["key"].as_str().unwrap();
    assert!(is_uuid_v4(id), "{id}");
    assert_eq!(key.len(), 35, "{key}");
    assert!(key.starts_with("kk_"));
    assert!(
        key[3..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
        "{key}"
    );

    let list = kayle.get(KEYS).await.json();
    let item = &list["data"][0];
    assert_eq!(item["id"], id);
    assert_eq!(item["name"], "ci key");
    assert_eq!(
        item["permissions"],
        json!(["sessions:read", "sessions:read"])
    );
    assert_eq!(item["metadata"], json!({"team": "core", "n": 1, "b": true}));
    let raw = answer_text_of_list(&kayle).await;
    assert!(
        raw.contains(r#""metadata":{"b":true,"n":1,"team":"core"}"#),
        "jsonb order: {raw}"
    );
    assert_eq!(item["requestCount"], 0);
    assert_eq!(item["enabled"], true);
    assert_eq!(item["createdAt"], item["updatedAt"]);
    assert!(!list.to_string().contains(key));
}

#[tokio::test]
async fn lists_hold_10_keys_in_id_order_and_page_with_starting_after() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-pages@example.test").await;
    let mut made = Vec::new();
    for n in 0..12 {
        made.push(
            kayle
                .create(&format!("key {n}"), &["sessions:read"])
                .await
                .0,
        );
    }
    made.sort();
    let first = kayle.get(KEYS).await.json();
    let ids: Vec<&str> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        made[..10].iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(
        first["pagination"],
        json!({"limit": 10, "has_more": true, "next_cursor": made[9]})
    );

    let second = kayle
        .get(&format!("{KEYS}?starting_after={}", made[9]))
        .await
        .json();
    let ids: Vec<&str> = second["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        made[10..].iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(
        second["pagination"],
        json!({"limit": 10, "has_more": false, "next_cursor": null})
    );

    let deleted = made[4].clone();
    assert_eq!(kayle.delete(&deleted).await.status, StatusCode::OK);
    let after_deleted = kayle
        .get(&format!("{KEYS}?starting_after={deleted}"))
        .await
        .json();
    assert_eq!(after_deleted["data"][0]["id"], made[5]);
    let upper = kayle
        .get(&format!("{KEYS}?starting_after={}", made[9].to_uppercase()))
        .await
        .json();
    assert_eq!(upper["data"][0]["id"], made[10]);
}

#[tokio::test]
async fn organizations_never_see_each_others_keys() {
    let sandbox = start_sandbox(None).await;
    let (alice, _) = signed_in(&sandbox, "k2-alice@example.test").await;
    let (bob, _) = signed_in(&sandbox, "k2-bob@example.test").await;
    let (id, _) = alice.create("alice's", &["sessions:read"]).await;
    assert_eq!(bob.get(KEYS).await.json()["data"], json!([]));
    assert_eq!(
        bob.patch(&id, &json!({"name": "x"})).await.json()["error"]["code"],
        "API_KEY_NOT_FOUND"
    );
    assert_eq!(
        bob.delete(&id).await.json()["error"]["code"],
        "API_KEY_NOT_DELETED"
    );
    assert_eq!(alice.all_keys().await.len(), 1);
}

#[tokio::test]
async fn any_limit_and_a_cursor_that_is_not_a_uuid_are_zod_errors() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-limit@example.test").await;
    for query in ["limit=5", "limit=abc", "limit="] {
        let answer = kayle.get(&format!("{KEYS}?{query}")).await;
        assert_eq!(
            answer.zod_paths(),
            [("limit".to_string(), "invalid_type".to_string())],
            "{query}"
        );
        assert_eq!(
            answer.zod_issues()[0]["message"],
            "Invalid input: expected number, received string"
        );
    }
    let answer = kayle
        .get(&format!("{KEYS}?starting_after=nope&limit=3"))
        .await;
    assert_eq!(
        answer.zod_paths(),
        [
            ("limit".to_string(), "invalid_type".to_string()),
            ("starting_after".to_string(), "invalid_format".to_string())
        ]
    );
    assert_eq!(answer.zod_issues()[1]["message"], "Invalid UUID");
    let unknown = kayle
        .get(&format!("{KEYS}?starting_after={UNKNOWN_ID}&other=1"))
        .await;
    assert_eq!(unknown.status, StatusCode::OK, "{}", unknown.text);
}

#[tokio::test]
async fn patch_answers_a_status_not_the_key_and_the_list_shows_the_change() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-patch@example.test").await;
    let (id, _) = kayle.create("before", &["sessions:read"]).await;
    let answer = kayle
        .patch(
            &id,
            &json!({"name": "after", "enabled": false, "metadata": {"x": "y"}, "bogus": 1}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.json(),
        json!({"data": {"status": "success", "message": "API key updated successfully"}, "error": null})
    );
    let item = &kayle.get(KEYS).await.json()["data"][0];
    assert_eq!(
        (&item["name"], &item["enabled"], &item["metadata"]),
        (&json!("after"), &json!(false), &json!({"x": "y"}))
    );
    assert_ne!(item["updatedAt"], item["createdAt"]);

    let replaced = kayle.patch(&id, &json!({"metadata": {}})).await;
    assert_eq!(replaced.status, StatusCode::OK);
    assert_eq!(
        kayle.get(KEYS).await.json()["data"][0]["metadata"],
        json!({})
    );
}

#[tokio::test]
async fn an_empty_patch_is_a_500_even_for_an_unknown_id() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-empty@example.test").await;
    let (id, _) = kayle.create("k", &["sessions:read"]).await;
    let expected = json!({"data": null, "error": {"code": "INTERNAL_SERVER_ERROR",
        "message": "An unexpected error occurred", "hint": "Please try again in a few moments.",
        "docs": "https://kayle.id/docs/api/errors#internal_server_error"}});
    for target in [id.as_str(), UNKNOWN_ID] {
        for body in [json!({}), json!({"extra": 1})] {
            let answer = kayle.patch(target, &body).await;
            assert_eq!(
                (answer.status, answer.json()),
                (StatusCode::INTERNAL_SERVER_ERROR, expected.clone())
            );
        }
    }
    let no_type = kayle
        .raw(
            Method::PATCH,
            &format!("{KEYS}/{id}"),
            Some(r#"{"name":"x"}"#),
            None,
            &[],
        )
        .await;
    assert_eq!(no_type.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(kayle.get(KEYS).await.json()["data"][0]["name"], "k");
}

#[tokio::test]
async fn delete_is_hard_and_a_second_delete_is_api_key_not_deleted() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-delete@example.test").await;
    let (id, _) = kayle.create("k", &["sessions:read"]).await;
    let first = kayle.delete(&id).await;
    assert_eq!(
        (first.status, first.json()),
        (
            StatusCode::OK,
            json!({"data": {"status": "success", "message": "API key deleted successfully"}, "error": null})
        )
    );
    assert_eq!(kayle.get(KEYS).await.json()["data"], json!([]));
    let again = kayle.delete(&id).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        again.json(),
        json!({"data": null, "error": {"code": "API_KEY_NOT_DELETED", "message": "API key not found",
            "hint": "Confirm the API key ID belongs to this organization.",
            "docs": "https://kayle.id/docs/api/errors#api_key_not_deleted"}})
    );
    let patch = kayle.patch(&id, &json!({"name": "x"})).await;
    assert_eq!(patch.status, StatusCode::BAD_REQUEST);
    assert_eq!(patch.json()["error"]["code"], "API_KEY_NOT_FOUND");
    assert_eq!(
        patch.json()["error"]["docs"],
        "https://kayle.id/docs/api/errors#api_key_not_found"
    );
    assert_eq!(
        kayle.delete("nope").await.zod_paths(),
        [("id".to_string(), "invalid_format".to_string())]
    );
}

#[tokio::test]
async fn there_is_no_route_for_one_key_and_other_methods_are_plain_404s() {
    let sandbox = start_sandbox(None).await;
    let (kayle, _) = signed_in(&sandbox, "k2-get@example.test").await;
    let (id, _) = kayle.create("k", &["sessions:read"]).await;
    let one = kayle.get(&format!("{KEYS}/{id}")).await;
    assert_eq!((one.status, one.text.as_str()), (StatusCode::NOT_FOUND, ""));
    let put = kayle.raw(Method::PUT, KEYS, None, None, &[]).await;
    assert_eq!(
        (put.status, put.text.as_str()),
        (StatusCode::NOT_FOUND, "404 Not Found")
    );
    let slash = kayle
        .raw(Method::DELETE, &format!("{KEYS}/"), None, None, &[])
        .await;
    assert_eq!(
        (slash.status, slash.text.as_str()),
        (StatusCode::NOT_FOUND, "404 Not Found")
    );
    let anonymous = Kayle::new(&sandbox.base_url())
        .get(&format!("{KEYS}/{id}"))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
