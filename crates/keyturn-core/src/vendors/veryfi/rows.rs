//! Veryfi does not publish its list answer, so each row is read on its own: unknown
//! fields are ignored, and a row that cannot be read becomes a key with a problem
//! instead of failing the whole list.

use serde_json::{Map, Value};

use super::dates;
use crate::keys::model::ApiKey;
use crate::vendors::error::{VendorError, VendorErrorKind};

/// Veryfi shows the first characters of a key; Keyturn never keeps more.
pub const PREFIX_LEN: usize = 4;
/// Where a wrapped list may sit; a bare array is read too.
const LIST_FIELDS: [&str; 4] = ["client_keys", "api_keys", "results", "data"];
const CREATED_FIELDS: [&str; 3] = ["created", "created_at", "created_date"];
const PREFIX_FIELDS: [&str; 2] = ["prefix", "key_prefix"];
/// A vendor value quoted in a problem is cut to this many characters.
const QUOTE_LEN: usize = 40;

/// Every row of a list answer, in the vendor's order.
pub fn keys(body: Value) -> Result<Vec<ApiKey>, VendorError> {
    let rows = match body {
        Value::Array(rows) => rows,
        Value::Object(mut wrapper) => LIST_FIELDS
            .iter()
            .find_map(|field| match wrapper.remove(*field) {
                Some(Value::Array(rows)) => Some(rows),
                _ => None,
            })
            .ok_or_else(not_a_list)?,
        _ => return Err(not_a_list()),
    };
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| key(row, index + 1))
        .collect())
}

fn not_a_list() -> VendorError {
    VendorError::new(
        VendorErrorKind::InvalidResponse,
        "Veryfi's answer to the key list held no list of keys",
    )
}

/// Keyturn's id for a row whose own id it cannot read: not a number, so no
/// delete is ever sent for it.
const UNREADABLE_ID: &str = "unreadable-row-";

pub fn is_unreadable_id(id: &str) -> bool {
    id.starts_with(UNREADABLE_ID)
}

fn key(row: Value, number: usize) -> ApiKey {
    let Value::Object(fields) = row else {
        return unreadable(number, "it is not a key object");
    };
    let Some(id) = id(fields.get("id")) else {
        return unreadable(number, "its id is missing or not a whole number");
    };
    let mut key = ApiKey::new(id.to_string());
    let mut problems = Vec::new();
    match first(&fields, &PREFIX_FIELDS) {
        None | Some(Value::Null) => {}
        Some(Value::String(prefix)) => {
            key.masked_prefix = Some(prefix.chars().take(PREFIX_LEN).collect());
        }
        Some(other) => problems.push(format!("its prefix {} is not text", quote(other))),
    }
    match first(&fields, &CREATED_FIELDS) {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) if dates::parse(text).is_some() => {
            key.created_at = dates::parse(text);
        }
        Some(other) => problems.push(format!(
            "its creation date {} is not a date Keyturn can read",
            quote(other)
        )),
    }
    if !problems.is_empty() {
        key.problem = Some(format!(
            "Keyturn could not read all of this key's details from Veryfi: {}. The key itself \
             can still be used and deleted.",
            problems.join("; ")
        ));
    }
    key
}

fn unreadable(number: usize, why: &str) -> ApiKey {
    let mut key = ApiKey::new(format!("{UNREADABLE_ID}{number}"));
    key.problem = Some(format!(
        "Row {number} of Veryfi's key list could not be read ({why}), so Keyturn cannot act \
         on this key; manage it in Veryfi's Hub under Settings → Keys, and report it."
    ));
    key
}

fn id(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok()
        }
        _ => None,
    }
}

fn first<'a>(fields: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|name| fields.get(*name))
}

fn quote(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= QUOTE_LEN {
        text
    } else {
        format!("{}…", text.chars().take(QUOTE_LEN).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_list_bare_or_wrapped() {
        for body in [
            json!([{"id": 1}]),
            json!({"client_keys": [{"id": 1}]}),
            json!({"api_keys": [{"id": 1}]}),
            json!({"count": 1, "results": [{"id": 1}]}),
        ] {
            let ids: Vec<String> = keys(body.clone())
                .unwrap()
                .into_iter()
                .map(|k| k.id)
                .collect();
            assert_eq!(ids, ["1"], "{body}");
        }
        for body in [
            json!({"status": "ok"}),
            json!("keys"),
            json!({"data": {"id": 1}}),
        ] {
            assert_eq!(
                keys(body).unwrap_err().kind,
                VendorErrorKind::InvalidResponse
            );
        }
    }

    #[test]
    fn a_numeric_string_id_is_an_id() {
        assert_eq!(keys(json!([{"id": "12"}])).unwrap()[0].id, "12");
    }

    #[test]
    fn a_long_quoted_value_is_cut() {
        let long = "x".repeat(200);
        let key = &keys(json!([{"id": 1, "created": long}])).unwrap()[0];
        let problem = key.problem.as_deref().unwrap();
        assert!(
            problem.contains('…') && !problem.contains(&long),
            "{problem}"
        );
    }
}
