//! The same raw-HTTP scenario against the real Kayle ID server and the sandbox; the two
//! must agree on statuses, envelope shapes, stable codes and messages, and Zod issues.
//!
//! Needs the real server (shared/vendors/kayle-id): start it, then
//! `KAYLE_BASE_URL=http://127.0.0.1:8787 cargo test -p keyturn-sandbox --test kayle_vs_real -- --ignored`.
//! `KAYLE_HOME` (default `~/.cache/kayle-id`) locates its log, where sign-in codes appear;
//! `KAYLE_KIT` (default `/work/shared/vendors/kayle-id`) locates `freeze-org.sh`.

#[path = "kayle_vs_real/backend.rs"]
mod backend;
mod common;
#[path = "kayle_vs_real/record.rs"]
mod record;

use backend::Backend;
use common::kayle::{wrong_code, Answer, Kayle, KEYS, UNKNOWN_ID};
use record::{Compare, Record};
use reqwest::Method;
use serde_json::{json, Value};

fn ids_of(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap().to_string())
        .collect()
}

fn cookie_attributes(answer: &Answer) -> Value {
    let header = answer
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    json!(header
        .split_once(';')
        .map(|(_, attributes)| attributes.to_string()))
}

async fn scenario(backend: &Backend) -> Record {
    let mut record = Record::default();
    let base = backend.base_url();
    let anonymous = Kayle::new(&base);
    let nonce = rand_suffix();
    let email = format!("k2-diff-{nonce:x}@example.test");

    let since = backend.log_len();
    record.note(
        "magic sign-in",
        &anonymous.magic_sign_in(&email).await,
        Compare::Exact,
    );
    let code = backend.code(&email, since).await;
    record.note(
        "wrong code",
        &anonymous.verify_otp(&email, &wrong_code(&code)).await,
        Compare::Exact,
    );
    record.note(
        "code burnt by the wrong guess",
        &anonymous.verify_otp(&email, &code).await,
        Compare::Exact,
    );
    let since = backend.log_len();
    anonymous.magic_sign_in(&email).await;
    let code = backend.code(&email, since).await;
    let verified = anonymous.verify_otp(&email, &code).await;
    record.note("verify", &verified, Compare::Shape);
    record.fact("verify sets the cookie", cookie_attributes(&verified));
    record.note(
        "code used twice",
        &anonymous.verify_otp(&email, &code).await,
        Compare::Exact,
    );
    let cookie = verified
        .session_cookie()
        .expect("verify-otp sets the session cookie");
    let kayle = anonymous.with_cookie(&cookie);

    record.note(
        "keys without an active organization",
        &kayle.get(KEYS).await,
        Compare::Exact,
    );
    record.note(
        "no organizations yet",
        &kayle.get("/v1/auth/organization/list").await,
        Compare::Exact,
    );
    let slug = format!("k2-diff-{nonce:x}");
    let created_org = kayle
        .post("/v1/auth/orgs", &json!({"name": "Diff org", "slug": slug}))
        .await;
    record.note("create organization", &created_org, Compare::Shape);
    let org_id = created_org.json()["data"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let set_active = kayle
        .post(
            "/v1/auth/organization/set-active",
            &json!({"organizationId": org_id}),
        )
        .await;
    record.note("set active", &set_active, Compare::Shape);
    record.note(
        "organization list",
        &kayle.get("/v1/auth/organization/list").await,
        Compare::Shape,
    );
    record.note(
        "get-session",
        &kayle.get("/v1/auth/get-session").await,
        Compare::Shape,
    );

    let token = verified.json()["session"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let bearer = format!("Bearer {token}");
    record.note(
        "bearer refused",
        &anonymous
            .raw(Method::GET, KEYS, None, None, &[("authorization", &bearer)])
            .await,
        Compare::Exact,
    );
    record.note("no credentials", &anonymous.get(KEYS).await, Compare::Exact);

    let first = kayle.post(KEYS, &json!({"name": " first ", "permissions": ["sessions:read"], "metadata": {"team": "core", "n": 1, "b": true}})).await;
    record.note("create", &first, Compare::Shape);
    let key = first.json()["data"]["key"].as_str().unwrap().to_string();
    record.fact(
        "key format",
        json!({"len": key.len(), "kk_": key.starts_with("kk_"),
        "lower_alnum": key[3..].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())}),
    );
    let (webhooks_id, webhooks_key) = kayle.create("webhooks", &["webhooks:read"]).await;
    for n in 0..10 {
        kayle
            .create(&format!("filler {n}"), &["analytics:read"])
            .await;
    }
    let page1 = kayle.get(KEYS).await;
    record.note("list page 1", &page1, Compare::Page);
    let page1 = page1.json();
    let ids = ids_of(&page1);
    record.fact("page 1 order and cursor", json!({
        "ascending": ids.windows(2).all(|p| p[0] < p[1]),
        "cursor_is_last": page1["pagination"]["next_cursor"].as_str() == ids.last().map(String::as_str),
    }));
    let page2 = kayle
        .get(&format!("{KEYS}?starting_after={}", ids[9]))
        .await;
    record.note("list page 2", &page2, Compare::Page);
    record.fact(
        "page 2 follows page 1",
        json!(ids_of(&page2.json()).iter().all(|id| id > &ids[9])),
    );
    let created_id = first.json()["data"]["id"].as_str().unwrap().to_string();
    let listed = kayle.all_keys().await;
    let created = listed
        .iter()
        .find(|k| k["id"] == created_id.as_str())
        .unwrap();
    record.fact(
        "the created key as listed",
        json!({"name": created["name"], "permissions": created["permissions"],
               "metadata": created["metadata"], "enabled": created["enabled"],
               "requestCount": created["requestCount"], "shape": record::shape(created),
               "all_listed": listed.len()}),
    );
    record.note(
        "any limit",
        &kayle.get(&format!("{KEYS}?limit=5")).await,
        Compare::Zod,
    );
    record.note(
        "limit and bad cursor",
        &kayle
            .get(&format!("{KEYS}?starting_after=nope&limit=3"))
            .await,
        Compare::Zod,
    );
    record.note(
        "unknown cursor",
        &kayle
            .get(&format!("{KEYS}?starting_after={UNKNOWN_ID}"))
            .await,
        Compare::Page,
    );

    let first_id = first.json()["data"]["id"].as_str().unwrap().to_string();
    record.note(
        "patch",
        &kayle
            .patch(
                &first_id,
                &json!({"name": "renamed", "metadata": {"x": "y"}}),
            )
            .await,
        Compare::Exact,
    );
    let all = kayle.all_keys().await;
    let patched = all.iter().find(|k| k["id"] == first_id.as_str()).unwrap();
    record.fact(
        "patch shows in the list",
        json!([
            patched["name"],
            patched["metadata"],
            patched["requestCount"]
        ]),
    );
    record.note(
        "patch {}",
        &kayle.patch(&first_id, &json!({})).await,
        Compare::Exact,
    );
    record.note(
        "patch unknown id",
        &kayle.patch(UNKNOWN_ID, &json!({"name": "x"})).await,
        Compare::Exact,
    );
    record.note(
        "patch bad id",
        &kayle.patch("nope", &json!({"name": "x"})).await,
        Compare::Zod,
    );
    record.note(
        "patch broken fields",
        &kayle
            .patch(
                &first_id,
                &json!({"name": 5, "enabled": null, "permissions": []}),
            )
            .await,
        Compare::Zod,
    );
    record.note(
        "get one key",
        &kayle.get(&format!("{KEYS}/{first_id}")).await,
        Compare::Exact,
    );

    record.note(
        "create {}",
        &kayle.post(KEYS, &json!({})).await,
        Compare::Zod,
    );
    let broken = json!({"name": "   ", "permissions": ["nope", 5], "metadata": {"a b": 1}});
    record.note(
        "create broken rules",
        &kayle.post(KEYS, &broken).await,
        Compare::Zod,
    );
    let long =
        json!({"name": "x".repeat(121), "permissions": ["sessions:read"], "metadata": {"k": null}});
    record.note(
        "create long name, null metadata value",
        &kayle.post(KEYS, &long).await,
        Compare::Zod,
    );
    record.note(
        "create malformed",
        &kayle
            .raw(
                Method::POST,
                KEYS,
                Some("{bad"),
                Some("application/json"),
                &[],
            )
            .await,
        Compare::Exact,
    );
    let good = r#"{"name":"a","permissions":["sessions:read"]}"#;
    record.note(
        "create without content type",
        &kayle.raw(Method::POST, KEYS, Some(good), None, &[]).await,
        Compare::Zod,
    );

    record.note(
        "sessions with sessions:read",
        &kayle.sessions_with(&key).await,
        Compare::Exact,
    );
    record.note(
        "sessions without the scope",
        &kayle.sessions_with(&webhooks_key).await,
        Compare::Exact,
    );
    record.note(
        "sessions unknown key",
        &kayle
            .sessions_with("kk_00000000000000000000000000000000")
            .await,
        Compare::Exact,
    );
    record.note(
        "key on the key routes",
        &anonymous
            .raw(
                Method::GET,
                KEYS,
                None,
                None,
                &[("authorization", &format!("Bearer {key}"))],
            )
            .await,
        Compare::Exact,
    );
    for query in [
        "limit=100",
        "limit=0",
        "limit=abc",
        "limit=1.5",
        "starting_after=nope",
    ] {
        let path = format!("/v1/sessions?{query}");
        let bearer = format!("Bearer {key}");
        let answer = anonymous
            .raw(
                Method::GET,
                &path,
                None,
                None,
                &[("authorization", &bearer)],
            )
            .await;
        let compare = if answer.status.is_success() {
            Compare::Exact
        } else {
            Compare::Zod
        };
        record.note(&format!("sessions ?{query}"), &answer, compare);
    }
    kayle.patch(&first_id, &json!({"enabled": false})).await;
    record.note(
        "sessions disabled key",
        &kayle.sessions_with(&key).await,
        Compare::Exact,
    );

    backend.set_frozen(&cookie, &org_id, true).await;
    record.note(
        "frozen create",
        &kayle
            .post(
                KEYS,
                &json!({"name": "x", "permissions": ["sessions:read"]}),
            )
            .await,
        Compare::Exact,
    );
    record.note(
        "frozen create {}",
        &kayle.post(KEYS, &json!({})).await,
        Compare::Exact,
    );
    record.note(
        "frozen patch",
        &kayle.patch(&webhooks_id, &json!({"name": "x"})).await,
        Compare::Exact,
    );
    record.note(
        "frozen delete",
        &kayle.delete(&webhooks_id).await,
        Compare::Exact,
    );
    record.note("frozen list", &kayle.get(KEYS).await, Compare::Page);
    record.note(
        "frozen consumer",
        &kayle.sessions_with(&webhooks_key).await,
        Compare::Exact,
    );
    backend.set_frozen(&cookie, &org_id, false).await;
    record.note(
        "create after unfreezing",
        &kayle
            .post(
                KEYS,
                &json!({"name": "x", "permissions": ["sessions:read"]}),
            )
            .await,
        Compare::Shape,
    );

    record.note("delete", &kayle.delete(&webhooks_id).await, Compare::Exact);
    record.note(
        "delete again",
        &kayle.delete(&webhooks_id).await,
        Compare::Exact,
    );
    record.note("delete bad id", &kayle.delete("nope").await, Compare::Zod);

    let ordered = json!({"name": "order", "permissions": ["sessions:read"],
        "metadata": {"zz": 1, "abc": 2, "b": 3, "10": 4, "B": 5}});
    let ordered_id = kayle.post(KEYS, &ordered).await.json()["data"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let metadata_text = kayle.all_keys_raw().await.iter().find_map(|page| {
        let start = page.find(&format!(r#""id":"{ordered_id}""#))?;
        let metadata = page[start..].find(r#""metadata":"#)? + start;
        Some(page[metadata..].split('}').next().unwrap().to_string())
    });
    record.fact("metadata key order", json!(metadata_text));
    let unordered = r#"{"name":"a","permissions":["sessions:read"],"metadata":{"zz":null,"b":null,"10":null,"a b":1}}"#;
    let answer = kayle
        .raw(
            Method::POST,
            KEYS,
            Some(unordered),
            Some("application/json"),
            &[],
        )
        .await;
    record.note("metadata issues in body order", &answer, Compare::Zod);
    let slash = kayle
        .raw(Method::DELETE, &format!("{KEYS}/"), None, None, &[])
        .await;
    record.note("trailing slash", &slash, Compare::Exact);

    let sign_in = "/v1/auth/magic/sign-in";
    let body = r#"{"email":"k2-ct@example.test","type":"sign-in"}"#;
    let untyped = anonymous
        .raw(Method::POST, sign_in, Some(body), None, &[])
        .await;
    record.note("sign-in without content type", &untyped, Compare::Exact);
    let text = anonymous
        .raw(Method::POST, sign_in, Some(body), Some("text/plain"), &[])
        .await;
    record.note("sign-in as text/plain", &text, Compare::Exact);
    let bad_email = anonymous
        .post(sign_in, &json!({"email": "nope", "type": "sign-in"}))
        .await;
    record.note("sign-in with a bad email", &bad_email, Compare::Exact);
    let out = kayle.post("/v1/auth/sign-out", &json!({})).await;
    record.note("sign-out", &out, Compare::Exact);
    let cleared: Vec<String> = out
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    record.fact("sign-out clears", json!(cleared));
    record.note("after sign-out", &kayle.get(KEYS).await, Compare::Exact);
    record
}

/// Distinct per run and per backend, so the real server's users never collide.
fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    nanos ^ (std::process::id() as u64) << 32
}

#[tokio::test]
#[ignore = "needs the real Kayle ID server; set KAYLE_BASE_URL and run with --ignored"]
async fn the_sandbox_answers_as_the_real_server_does() {
    let real = Backend::real();
    let sandbox = Backend::sandbox().await;
    let theirs = scenario(&real).await;
    let ours = scenario(&sandbox).await;
    let mut differences = Vec::new();
    for ((step, real), (_, sandbox)) in theirs.steps.iter().zip(&ours.steps) {
        if real != sandbox {
            differences.push(format!("{step}:\n  real:    {real}\n  sandbox: {sandbox}"));
        }
    }
    assert_eq!(theirs.steps.len(), ours.steps.len());
    assert!(
        differences.is_empty(),
        "{} of {} steps differ:\n{}",
        differences.len(),
        theirs.steps.len(),
        differences.join("\n")
    );
}
