//! The list route's query string, checked as the real server's schema checks it.

use serde_json::Value;

use super::validation::uuid_param;
use super::zod::{path, Issue};

/// The `starting_after` cursor, in lowercase. Any `limit` is refused: the real schema
/// declares it a number and never converts the string a query string holds.
pub(crate) fn list_params(query: Option<&str>) -> Result<Option<String>, Vec<Issue>> {
    let pairs: Vec<(String, String)> = query.map(url_pairs).unwrap_or_default();
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    };
    let mut issues = Vec::new();
    let limit = values("limit");
    if !limit.is_empty() {
        let received = if limit.len() > 1 {
            Value::Array(Vec::new())
        } else {
            Value::String(String::new())
        };
        issues.push(Issue::invalid_type(
            "number",
            Some(&received),
            path(&["limit"]),
        ));
    }
    let cursor = match values("starting_after").as_slice() {
        [] => None,
        [one] => match uuid_param(one, "starting_after") {
            Ok(cursor) => Some(cursor),
            Err(found) => {
                issues.extend(found);
                None
            }
        },
        _ => {
            let received = Value::Array(Vec::new());
            issues.push(Issue::invalid_type(
                "string",
                Some(&received),
                path(&["starting_after"]),
            ));
            None
        }
    };
    if issues.is_empty() {
        Ok(cursor)
    } else {
        Err(issues)
    }
}

pub(crate) fn url_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let text = text.replace('+', " ");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(query: &str) -> Vec<String> {
        let issues = list_params(Some(query)).unwrap_err();
        let json = serde_json::to_value(&issues).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{}:{}",
                    i["path"][0].as_str().unwrap(),
                    i["code"].as_str().unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn any_limit_and_a_bad_cursor_are_issues_in_schema_order() {
        assert_eq!(codes("limit=5"), ["limit:invalid_type"]);
        assert_eq!(
            codes("starting_after=nope&limit=3"),
            ["limit:invalid_type", "starting_after:invalid_format"]
        );
        assert_eq!(codes("starting_after="), ["starting_after:invalid_format"]);
    }

    #[test]
    fn a_uuid_cursor_is_lowercased_and_other_params_are_ignored() {
        let cursor = list_params(Some(
            "foo=1&starting_after=A4F9ABA2-EA21-4A81-96B4-B389DA5B248B",
        ));
        assert_eq!(
            cursor.ok().flatten().as_deref(),
            Some("a4f9aba2-ea21-4a81-96b4-b389da5b248b")
        );
        assert_eq!(list_params(None).ok(), Some(None));
    }
}
