//! What a fault is and how it is written: as JSON for `POST /_sandbox/faults`, or as
//! `METHOD PATH_PREFIX KIND[:ARG] [xN]` for `--fault`.

use std::fmt;
use std::str::FromStr;

use axum::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};

/// The longest latency a fault may add.
const MAX_LATENCY_MS: u64 = 600_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum FaultKind {
    /// Waits, then serves the request normally.
    Latency { ms: u64 },
    /// Answers with this status in the dialect's error envelope, or with `body`.
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// Answers 200 with a body that is not JSON; the handler does not run.
    MalformedJson,
    /// Runs the handler, sends its status, headers and full Content-Length, then half the
    /// body, then closes the connection.
    Truncated,
    /// Closes the connection without an answer; the handler does not run.
    Drop,
    /// Runs the handler (its change is made), then closes the connection without an answer.
    DropAfter,
}

/// A fault to inject into the next `count` requests whose method and path match.
/// Parse one from the `--fault` syntax with [`str::parse`]:
/// `METHOD PATH_PREFIX KIND[:ARG] [xN]`, e.g. `POST /v1/api-keys status:503 x2`.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultSpec {
    pub(crate) method: Option<Method>,
    pub(crate) path_prefix: String,
    pub(crate) count: u32,
    pub(crate) kind: FaultKind,
}

impl FaultSpec {
    pub(crate) fn new(
        method: Option<&str>,
        path_prefix: &str,
        count: u64,
        kind: FaultKind,
    ) -> Result<Self, String> {
        let method = match method {
            None => None,
            Some(name) if name == "*" || name.eq_ignore_ascii_case("any") => None,
            Some(name) => Some(
                Method::from_bytes(name.to_ascii_uppercase().as_bytes())
                    .map_err(|_| format!("method {name:?} is not an HTTP method"))?,
            ),
        };
        if !path_prefix.starts_with('/') {
            return Err(format!("path_prefix {path_prefix:?} must start with /"));
        }
        let count = u32::try_from(count)
            .ok()
            .filter(|count| *count >= 1)
            .ok_or_else(|| format!("count must be from 1 to {}", u32::MAX))?;
        match &kind {
            FaultKind::Latency { ms } if *ms > MAX_LATENCY_MS => {
                return Err(format!("latency must be at most {MAX_LATENCY_MS} ms"));
            }
            FaultKind::Status { status, .. } if !(400..=599).contains(status) => {
                return Err(format!(
                    "status {status} is not an error status (400 to 599)"
                ));
            }
            _ => {}
        }
        Ok(Self {
            method,
            path_prefix: path_prefix.to_string(),
            count,
            kind,
        })
    }

    pub(crate) fn status_code(status: u16) -> StatusCode {
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl FromStr for FaultSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let usage = "expected `METHOD PATH_PREFIX KIND[:ARG] [xN]`";
        let words: Vec<&str> = text.split_whitespace().collect();
        let (method, path_prefix, kind, count) = match words.as_slice() {
            [method, path, kind] => (*method, *path, *kind, "x1"),
            [method, path, kind, count] => (*method, *path, *kind, *count),
            _ => return Err(format!("{text:?}: {usage}")),
        };
        let count = count
            .strip_prefix('x')
            .and_then(|n| n.parse::<u64>().ok())
            .ok_or_else(|| format!("{text:?}: the count must look like x2"))?;
        let kind = parse_kind(kind).map_err(|problem| format!("{text:?}: {problem}"))?;
        FaultSpec::new(Some(method), path_prefix, count, kind)
            .map_err(|problem| format!("{text:?}: {problem}"))
    }
}

fn parse_kind(text: &str) -> Result<FaultKind, String> {
    let mut parts = text.split(':');
    let name = parts.next().unwrap_or_default();
    let args: Vec<&str> = parts.collect();
    let number = |arg: &str, what: &str| {
        arg.parse::<u64>()
            .map_err(|_| format!("{what} {arg:?} is not a whole number"))
    };
    match (name, args.as_slice()) {
        ("latency", [ms]) => Ok(FaultKind::Latency {
            ms: number(ms, "latency")?,
        }),
        ("status", [status, rest @ ..]) if rest.len() <= 1 => Ok(FaultKind::Status {
            status: u16::try_from(number(status, "status")?)
                .map_err(|_| format!("status {status} is out of range"))?,
            retry_after: rest
                .first()
                .map(|seconds| number(seconds, "retry-after"))
                .transpose()?,
            body: None,
        }),
        ("malformed_json", []) => Ok(FaultKind::MalformedJson),
        ("truncated", []) => Ok(FaultKind::Truncated),
        ("drop", []) => Ok(FaultKind::Drop),
        ("drop_after", []) => Ok(FaultKind::DropAfter),
        _ => Err(format!(
            "unknown fault {text:?}; use latency:MS, status:CODE[:RETRY_AFTER], \
             malformed_json, truncated, drop or drop_after"
        )),
    }
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = self.method.as_ref().map_or("*", Method::as_str);
        let kind = match &self.kind {
            FaultKind::Latency { ms } => format!("latency:{ms}"),
            FaultKind::Status {
                status,
                retry_after: Some(seconds),
                ..
            } => format!("status:{status}:{seconds}"),
            FaultKind::Status { status, .. } => format!("status:{status}"),
            FaultKind::MalformedJson => "malformed_json".into(),
            FaultKind::Truncated => "truncated".into(),
            FaultKind::Drop => "drop".into(),
            FaultKind::DropAfter => "drop_after".into(),
        };
        write!(f, "{method} {} {kind} x{}", self.path_prefix, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_flag_syntax() {
        let spec: FaultSpec = "POST /v1/api-keys status:503 x2".parse().unwrap();
        assert_eq!(spec.method, Some(Method::POST));
        assert_eq!(spec.path_prefix, "/v1/api-keys");
        assert_eq!(spec.count, 2);
        assert_eq!(
            spec.kind,
            FaultKind::Status {
                status: 503,
                retry_after: None,
                body: None
            }
        );
        let spec: FaultSpec = "* /api latency:250".parse().unwrap();
        assert_eq!((spec.method, spec.count), (None, 1));
        assert_eq!(spec.kind, FaultKind::Latency { ms: 250 });
        let spec: FaultSpec = "get / status:429:3".parse().unwrap();
        assert_eq!(spec.to_string(), "GET / status:429:3 x1");
        for kind in ["malformed_json", "truncated", "drop", "drop_after"] {
            let spec: FaultSpec = format!("DELETE /x {kind}").parse().unwrap();
            assert_eq!(spec.to_string(), format!("DELETE /x {kind} x1"));
        }
    }

    #[test]
    fn rejects_bad_specs_with_a_reason() {
        for bad in [
            "POST /v1/api-keys",
            "POST v1/api-keys drop",
            "POST /v1 explode",
            "POST /v1 status:200",
            "POST /v1 status:abc",
            "POST /v1 latency",
            "POST /v1 drop x0",
            "POST /v1 drop 2",
            "P@ST /v1 drop",
        ] {
            let error = bad.parse::<FaultSpec>().unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }
}
