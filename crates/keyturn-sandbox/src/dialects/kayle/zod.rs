//! Validation failures in the shape the real server's Zod (v4) reports them: a 400 whose
//! `error.message` is the issue list as pretty-printed JSON text.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;

pub(crate) const UUID_PATTERN: &str = "/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

pub(crate) type IssuePath = Vec<Segment>;

pub(crate) fn path(keys: &[&str]) -> IssuePath {
    keys.iter()
        .map(|key| Segment::Key(key.to_string()))
        .collect()
}

/// Field order matters: the message is compared as text by some clients.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum Issue {
    Type {
        expected: &'static str,
        code: &'static str,
        path: IssuePath,
        message: String,
    },
    /// A coerced number that is NaN: Zod then names what it received.
    NotANumber {
        expected: &'static str,
        code: &'static str,
        received: &'static str,
        path: IssuePath,
        message: String,
    },
    NotAnInteger {
        expected: &'static str,
        format: &'static str,
        code: &'static str,
        path: IssuePath,
        message: String,
    },
    TooSmall {
        origin: &'static str,
        code: &'static str,
        minimum: usize,
        inclusive: bool,
        path: IssuePath,
        message: String,
    },
    TooBig {
        origin: &'static str,
        code: &'static str,
        maximum: usize,
        inclusive: bool,
        path: IssuePath,
        message: String,
    },
    Value {
        code: &'static str,
        values: Vec<&'static str>,
        path: IssuePath,
        message: String,
    },
    Format {
        origin: &'static str,
        code: &'static str,
        format: &'static str,
        pattern: &'static str,
        path: IssuePath,
        message: String,
    },
    Key {
        code: &'static str,
        origin: &'static str,
        issues: Vec<Issue>,
        path: IssuePath,
        message: &'static str,
    },
    Union {
        code: &'static str,
        errors: Vec<Vec<Issue>>,
        path: IssuePath,
        message: &'static str,
    },
    Custom {
        code: &'static str,
        path: IssuePath,
        message: &'static str,
    },
}

/// How Zod names the type of what it received; `None` is a missing field.
fn received(value: Option<&Value>) -> &'static str {
    match value {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

/// "to have >=1 characters", "to have >=1 items", "to be >=1".
fn bound(origin: &str, relation: &str, limit: usize) -> String {
    match origin {
        "array" => format!("to have {relation}{limit} items"),
        "number" => format!("to be {relation}{limit}"),
        _ => format!("to have {relation}{limit} characters"),
    }
}

impl Issue {
    pub fn invalid_type(expected: &'static str, value: Option<&Value>, path: IssuePath) -> Self {
        let message = format!(
            "Invalid input: expected {expected}, received {}",
            received(value)
        );
        Issue::Type {
            expected,
            code: "invalid_type",
            path,
            message,
        }
    }

    pub fn too_small(origin: &'static str, minimum: usize, path: IssuePath) -> Self {
        let message = format!(
            "Too small: expected {origin} {}",
            bound(origin, ">=", minimum)
        );
        Issue::TooSmall {
            origin,
            code: "too_small",
            minimum,
            inclusive: true,
            path,
            message,
        }
    }

    pub fn too_big(origin: &'static str, maximum: usize, path: IssuePath) -> Self {
        let message = format!(
            "Too big: expected {origin} {}",
            bound(origin, "<=", maximum)
        );
        Issue::TooBig {
            origin,
            code: "too_big",
            maximum,
            inclusive: true,
            path,
            message,
        }
    }

    pub fn not_a_number(path: IssuePath) -> Self {
        Issue::NotANumber {
            expected: "number",
            code: "invalid_type",
            received: "NaN",
            path,
            message: "Invalid input: expected number, received NaN".to_string(),
        }
    }

    pub fn not_an_integer(path: IssuePath) -> Self {
        Issue::NotAnInteger {
            expected: "int",
            format: "safeint",
            code: "invalid_type",
            path,
            message: "Invalid input: expected int, received number".to_string(),
        }
    }

    pub fn invalid_value(values: &[&'static str], path: IssuePath) -> Self {
        let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        Issue::Value {
            code: "invalid_value",
            values: values.to_vec(),
            path,
            message: format!("Invalid option: expected one of {}", quoted.join("|")),
        }
    }

    pub fn uuid(path: IssuePath) -> Self {
        Issue::Format {
            origin: "string",
            code: "invalid_format",
            format: "uuid",
            pattern: UUID_PATTERN,
            path,
            message: "Invalid UUID".to_string(),
        }
    }

    pub fn regex(pattern: &'static str, path: IssuePath, message: String) -> Self {
        Issue::Format {
            origin: "string",
            code: "invalid_format",
            format: "regex",
            pattern,
            path,
            message,
        }
    }

    pub fn invalid_key(issues: Vec<Issue>, path: IssuePath) -> Self {
        Issue::Key {
            code: "invalid_key",
            origin: "record",
            issues,
            path,
            message: "Invalid key in record",
        }
    }

    pub fn invalid_union(errors: Vec<Vec<Issue>>, path: IssuePath) -> Self {
        Issue::Union {
            code: "invalid_union",
            errors,
            path,
            message: "Invalid input",
        }
    }

    pub fn custom(path: IssuePath, message: &'static str) -> Self {
        Issue::Custom {
            code: "custom",
            path,
            message,
        }
    }
}

#[derive(Serialize)]
struct ZodBody {
    success: bool,
    error: ZodError,
}

#[derive(Serialize)]
struct ZodError {
    name: &'static str,
    message: String,
}

/// `400 {"success": false, "error": {"name": "ZodError", "message": "<issues as JSON>"}}`.
pub(crate) fn response(issues: &[Issue]) -> Response {
    let message = serde_json::to_string_pretty(issues).expect("issues serialize");
    let body = ZodBody {
        success: false,
        error: ZodError {
            name: "ZodError",
            message,
        },
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_are_indented_json_with_fields_in_zod_order() {
        let issue = Issue::invalid_type("string", None, path(&["name"]));
        let text = serde_json::to_string_pretty(&[issue]).unwrap();
        assert_eq!(
            text,
            "[\n  {\n    \"expected\": \"string\",\n    \"code\": \"invalid_type\",\n    \"path\": [\n      \"name\"\n    ],\n    \"message\": \"Invalid input: expected string, received undefined\"\n  }\n]"
        );
    }

    #[test]
    fn received_names_follow_the_json_type() {
        let kinds = [
            json!(null),
            json!(true),
            json!(1),
            json!("s"),
            json!([]),
            json!({}),
        ];
        let names: Vec<&str> = kinds.iter().map(|v| received(Some(v))).collect();
        assert_eq!(
            names,
            ["null", "boolean", "number", "string", "array", "object"]
        );
    }
}
