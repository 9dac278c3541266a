//! What a scenario saw, reduced to what must agree between the two servers.

use serde_json::{json, Value};

use crate::common::kayle::Answer;

/// How much of an answer must agree.
#[derive(Clone, Copy)]
pub enum Compare {
    /// The whole body.
    Exact,
    /// Keys and value types, recursively; booleans by value.
    Shape,
    /// The ZodError issue list, whole.
    Zod,
    /// A page of keys: its pagination, how many items, and the fields items have. Which
    /// keys land on which page depends on their random ids, so item values are left out.
    Page,
}

pub fn shape(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
        // Sorted, so that the order of equal-looking elements does not matter.
        Value::Array(items) => {
            let mut shapes: Vec<Value> = items.iter().map(shape).collect();
            shapes.sort_by_key(|s| s.to_string());
            Value::Array(shapes)
        }
        Value::String(_) => json!("<string>"),
        Value::Number(_) => json!("<number>"),
        other => other.clone(),
    }
}

fn page_outline(page: &Value) -> Value {
    let items = page["data"].as_array().expect("a page of keys");
    let mut fields: Vec<Vec<&String>> = items
        .iter()
        .map(|item| item.as_object().unwrap().keys().collect())
        .collect();
    fields.sort();
    fields.dedup();
    json!({
        "error": page["error"],
        "pagination": shape(&page["pagination"]),
        "count": items.len(),
        "item_fields": fields,
    })
}

/// Everything one backend answered, step by step.
#[derive(Default)]
pub struct Record {
    pub steps: Vec<(String, Value)>,
}

impl Record {
    pub fn note(&mut self, step: &str, answer: &Answer, compare: Compare) {
        let body = match compare {
            Compare::Zod => answer.zod_issues(),
            Compare::Page => page_outline(&answer.json()),
            _ => match serde_json::from_str::<Value>(&answer.text) {
                Ok(json) if matches!(compare, Compare::Shape) => shape(&json),
                Ok(json) => json,
                Err(_) => json!({"text": answer.text}),
            },
        };
        let media = answer
            .content_type()
            .split(';')
            .next()
            .unwrap_or_default()
            .to_string();
        self.steps.push((
            step.to_string(),
            json!({
                "status": answer.status.as_u16(),
                "content_type": media,
                "x_request_id": answer.headers.contains_key("x-request-id"),
                "body": body,
            }),
        ));
    }

    pub fn fact(&mut self, step: &str, value: Value) {
        self.steps.push((step.to_string(), value));
    }
}
