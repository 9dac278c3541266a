//! The key inventory as CSV or JSON for audits. Built from `ApiKey`, which never
//! holds a secret, so no secret can reach an export.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ApiKey, LastUsed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

const COLUMNS: [&str; 14] = [
    "id",
    "name",
    "masked_prefix",
    "status",
    "scopes",
    "environment",
    "created_at",
    "expires_at",
    "revoked_at",
    "last_used_at",
    "last_used_ip",
    "last_used_user_agent",
    "request_count",
    "profile",
];

pub fn render(format: ExportFormat, profile_name: &str, keys: &[ApiKey]) -> String {
    match format {
        ExportFormat::Json => {
            let doc = serde_json::json!({ "profile": profile_name, "keys": keys });
            serde_json::to_string_pretty(&doc).expect("keys serialize")
        }
        ExportFormat::Csv => {
            let mut out = COLUMNS.join(",");
            out.push_str("\r\n");
            for key in keys {
                let row = row(key, profile_name);
                out.push_str(
                    &row.iter()
                        .map(|f| csv_field(f))
                        .collect::<Vec<_>>()
                        .join(","),
                );
                out.push_str("\r\n");
            }
            out
        }
    }
}

fn row(key: &ApiKey, profile_name: &str) -> [String; 14] {
    let time =
        |t: Option<chrono::DateTime<chrono::Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    let (used_at, ip, agent) = match &key.last_used {
        LastUsed::NotReported => ("not reported".to_owned(), String::new(), String::new()),
        LastUsed::Never => ("never".to_owned(), String::new(), String::new()),
        LastUsed::Used { at, ip, user_agent } => (
            at.to_rfc3339(),
            ip.clone().unwrap_or_default(),
            user_agent.clone().unwrap_or_default(),
        ),
    };
    [
        key.id.clone(),
        key.name.clone().unwrap_or_default(),
        key.masked_prefix.clone().unwrap_or_default(),
        format!("{:?}", key.status).to_lowercase(),
        key.scopes.join(" "),
        key.environment.clone().unwrap_or_default(),
        time(key.created_at),
        time(key.expires_at),
        time(key.revoked_at),
        used_at,
        ip,
        agent,
        key.request_count.map(|c| c.to_string()).unwrap_or_default(),
        profile_name.to_owned(),
    ]
}

/// RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula.
pub(crate) fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyStatus;

    fn keys() -> Vec<ApiKey> {
        let mut a = ApiKey::new("k1");
        a.name = Some("Payroll, \"prod\"".into());
        a.masked_prefix = Some("sk_ab".into());
        a.scopes = vec!["read".into(), "write".into()];
        a.last_used = LastUsed::Used {
            at: "2026-01-02T03:04:05Z".parse().unwrap(),
            ip: Some("10.0.0.4".into()),
            user_agent: Some("curl/8.5.0".into()),
        };
        a.request_count = Some(42);
        let mut b = ApiKey::new("k2");
        b.name = Some("=HYPERLINK(\"x\")".into());
        b.status = KeyStatus::Revoked;
        vec![a, b]
    }

    #[test]
    fn csv_has_a_header_quotes_and_formula_guard() {
        let csv = render(ExportFormat::Csv, "Acme", &keys());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "k1,\"Payroll, \"\"prod\"\"\",sk_ab,active,read write,,,,,2026-01-02T03:04:05+00:00,10.0.0.4,curl/8.5.0,42,Acme"
        );
        assert!(
            lines[2].starts_with("k2,\"'=HYPERLINK(\"\"x\"\")\",,revoked,"),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains(",not reported,"));
    }

    #[test]
    fn json_round_trips_the_keys() {
        let json = render(ExportFormat::Json, "Acme", &keys());
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["profile"], "Acme");
        let back: Vec<ApiKey> = serde_json::from_value(doc["keys"].clone()).unwrap();
        assert_eq!(back, keys());
    }
}
