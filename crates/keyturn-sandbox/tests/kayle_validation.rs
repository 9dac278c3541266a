//! Kayle's body rules on the sandbox: ZodError answers with the real server's issues.

mod common;

use common::kayle::{Admin, Kayle, KEYS};
use common::{start_sandbox, ADMIN_TOKEN};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn client() -> (keyturn_sandbox::Sandbox, Kayle) {
    let sandbox = start_sandbox(None).await;
    let (cookie, _) = Admin::new(&sandbox.base_url(), ADMIN_TOKEN)
        .session("k2-rules@example.test")
        .await;
    let kayle = Kayle::new(&sandbox.base_url()).with_cookie(&cookie);
    (sandbox, kayle)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

#[tokio::test]
async fn each_broken_rule_is_one_issue_at_its_path() {
    let (_sandbox, kayle) = client().await;
    let long = "a".repeat(121);
    let cases = [
        (
            json!({}),
            vec![("name", "invalid_type"), ("permissions", "invalid_type")],
        ),
        (
            json!({"name": "   ", "permissions": []}),
            vec![("name", "too_small"), ("permissions", "too_small")],
        ),
        (
            json!({"name": long, "permissions": ["nope", 5]}),
            vec![
                ("name", "too_big"),
                ("permissions.0", "invalid_value"),
                ("permissions.1", "invalid_value"),
            ],
        ),
        (
            json!({"name": "a", "permissions": ["sessions:read"], "metadata": []}),
            vec![("metadata", "invalid_type")],
        ),
        (
            json!({"name": "a", "permissions": ["sessions:read"], "metadata": {"a b": 1}}),
            vec![("metadata.a b", "invalid_key")],
        ),
        (
            json!({"name": "a", "permissions": ["sessions:read"], "metadata": {"k": null}}),
            vec![("metadata.k", "invalid_union")],
        ),
        (
            json!({"name": "a", "permissions": ["sessions:read"], "metadata": {"k": "x".repeat(513)}}),
            vec![("metadata.k", "too_big")],
        ),
        (json!([]), vec![("", "invalid_type")]),
    ];
    for (body, expected) in cases {
        let answer = kayle.post(KEYS, &body).await;
        assert_eq!(answer.zod_paths(), pairs(&expected), "{body}");
        assert_eq!(answer.content_type(), "application/json");
    }
    assert!(kayle.get(KEYS).await.json()["data"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn issues_carry_zods_fields_and_messages() {
    let (_sandbox, kayle) = client().await;
    let answer = kayle
        .post(
            KEYS,
            &json!({"name": 5, "permissions": ["x"], "metadata": {"": 1}}),
        )
        .await;
    let issues = answer.zod_issues();
    assert_eq!(
        issues[0],
        json!({"expected": "string", "code": "invalid_type", "path": ["name"],
        "message": "Invalid input: expected string, received number"})
    );
    assert_eq!(
        issues[1]["values"],
        json!([
            "webhooks:read",
            "webhooks:write",
            "sessions:read",
            "sessions:write",
            "analytics:read"
        ])
    );
    assert_eq!(issues[1]["message"], "Invalid option: expected one of \"webhooks:read\"|\"webhooks:write\"|\"sessions:read\"|\"sessions:write\"|\"analytics:read\"");
    let key_issues: Vec<&str> = issues[2]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(key_issues, ["too_small", "invalid_format"]);
    assert_eq!(issues[2]["message"], "Invalid key in record");
    let text = answer.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with("[\n  {\n    \"expected\": \"string\""),
        "{text}"
    );
}

#[tokio::test]
async fn too_many_metadata_keys_is_a_custom_issue_only_when_the_entries_are_valid() {
    let (_sandbox, kayle) = client().await;
    let mut metadata = serde_json::Map::new();
    for n in 0..21 {
        metadata.insert(format!("k{n}"), json!(n));
    }
    let body = json!({"name": "a", "permissions": ["sessions:read"], "metadata": metadata.clone()});
    let answer = kayle.post(KEYS, &body).await;
    assert_eq!(answer.zod_paths(), pairs(&[("metadata", "custom")]));
    assert_eq!(
        answer.zod_issues()[0]["message"],
        "API key metadata must have at most 20 keys"
    );
    metadata.insert("b b".into(), json!(1));
    let body = json!({"name": "a", "permissions": ["sessions:read"], "metadata": metadata});
    assert_eq!(
        kayle.post(KEYS, &body).await.zod_paths(),
        pairs(&[("metadata.b b", "invalid_key")])
    );
    metadata.clear();
    for n in 0..20 {
        metadata.insert(format!("k{n}"), json!(n));
    }
    let body = json!({"name": "a", "permissions": ["sessions:read"], "metadata": metadata});
    assert_eq!(kayle.post(KEYS, &body).await.status, StatusCode::OK);
}

#[tokio::test]
async fn patch_checks_the_id_first_then_each_field() {
    let (_sandbox, kayle) = client().await;
    let (id, _) = kayle.create("k", &["sessions:read"]).await;
    let bad_id = kayle
        .raw(
            Method::PATCH,
            &format!("{KEYS}/nope"),
            Some("{bad"),
            Some("application/json"),
            &[],
        )
        .await;
    assert_eq!(bad_id.zod_paths(), pairs(&[("id", "invalid_format")]));
    let fields = kayle
        .patch(&id, &json!({"name": 5, "enabled": null, "permissions": []}))
        .await;
    assert_eq!(
        fields.zod_paths(),
        pairs(&[
            ("name", "invalid_type"),
            ("enabled", "invalid_type"),
            ("permissions", "too_small")
        ])
    );
    assert_eq!(
        fields.zod_issues()[1]["message"],
        "Invalid input: expected boolean, received null"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_plain_text_and_without_json_type_it_is_ignored() {
    let (_sandbox, kayle) = client().await;
    for body in ["{bad", ""] {
        let answer = kayle
            .raw(
                Method::POST,
                KEYS,
                Some(body),
                Some("application/json"),
                &[],
            )
            .await;
        assert_eq!(
            (answer.status, answer.text.as_str()),
            (StatusCode::BAD_REQUEST, "Malformed JSON in request body")
        );
        assert!(
            answer.content_type().starts_with("text/plain"),
            "{}",
            answer.content_type()
        );
    }
    let good = r#"{"name":"a","permissions":["sessions:read"]}"#;
    for content_type in [None, Some("text/plain")] {
        let ignored = kayle
            .raw(Method::POST, KEYS, Some(good), content_type, &[])
            .await;
        assert_eq!(
            ignored.zod_paths(),
            pairs(&[("name", "invalid_type"), ("permissions", "invalid_type")])
        );
    }
    for content_type in [
        "application/json; charset=utf-8",
        "application/vnd.api+json",
    ] {
        let answer = kayle
            .raw(Method::POST, KEYS, Some(good), Some(content_type), &[])
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{content_type}");
    }
}

#[tokio::test]
async fn metadata_issues_come_in_the_order_javascript_walks_the_body() {
    let (_sandbox, kayle) = client().await;
    let body = r#"{"name":"a","permissions":["sessions:read"],"metadata":{"zz":null,"b":null,"10":null,"a b":1}}"#;
    let answer = kayle
        .raw(
            Method::POST,
            KEYS,
            Some(body),
            Some("application/json"),
            &[],
        )
        .await;
    assert_eq!(
        answer.zod_paths(),
        pairs(&[
            ("metadata.10", "invalid_union"),
            ("metadata.zz", "invalid_union"),
            ("metadata.b", "invalid_union"),
            ("metadata.a b", "invalid_key")
        ])
    );
}
