//! The key inventory as CSV or JSON for audits. Built from `ApiKey`, which never
//! holds a secret, so no secret can reach an export. Hidden characters in the
//! vendors' text are made visible: as symbols in CSV, as `\u` escapes in JSON
//! (which keeps the exact value).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::keys::model::{ApiKey, LastUsed};
use crate::visible_text::{is_hidden, visible_text};

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
    "connection",
];

pub fn render(format: ExportFormat, connection_name: &str, keys: &[ApiKey]) -> String {
    match format {
        ExportFormat::Json => {
            let doc = serde_json::json!({ "connection": connection_name, "keys": keys });
            escape_hidden(&serde_json::to_string_pretty(&doc).expect("keys serialize"))
        }
        ExportFormat::Csv => {
            let mut out = COLUMNS.join(",");
            out.push_str("\r\n");
            for key in keys {
                let row = row(key, connection_name);
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

fn row(key: &ApiKey, connection_name: &str) -> [String; 14] {
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
        connection_name.to_owned(),
    ]
}

/// Writes an export where the user chose, owner-only like every file Keyturn writes.
pub fn save(path: &Path, contents: &str) -> std::io::Result<()> {
    keyturn_atomic_file::write(path, contents.as_bytes())
}

/// Serialized JSON with each hidden character as a `\u` escape. serde_json
/// escapes C0 controls inside strings already (outside them, a newline is
/// layout); the others can only stand inside strings.
pub(crate) fn escape_hidden(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c > '\u{7E}' && is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Hidden characters made visible, RFC 4180 quoting, and a leading quote for
/// cells a spreadsheet would run as a formula (spreadsheets skip leading spaces).
pub(crate) fn csv_field(value: &str) -> String {
    let value = visible_text(value);
    let guarded = if value.trim_start().starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.into_owned()
    };
    if guarded.contains([',', '"']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::model::KeyStatus;

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

    fn hostile() -> Vec<ApiKey> {
        let mut rlo = ApiKey::new("k3");
        rlo.name = Some("probe-rlo-\u{202E}tset-dorp".into());
        let mut lines = ApiKey::new("k4");
        lines.name = Some("first\nsecond\tthird".into());
        let mut formulas = ApiKey::new("k5");
        formulas.name = Some(" +cmd|' /C calc'!A0".into());
        formulas.last_used = LastUsed::Used {
            at: "2026-01-02T03:04:05Z".parse().unwrap(),
            ip: None,
            user_agent: Some("@SUM(1)".into()),
        };
        vec![rlo, lines, formulas]
    }

    #[test]
    fn csv_shows_hidden_characters_and_guards_every_formula_start() {
        let csv = render(ExportFormat::Csv, "-Acme", &hostile());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 5, "one line per key: {csv:?}");
        assert!(
            lines[1].starts_with("k3,probe-rlo-[U+202E]tset-dorp,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("k4,first␊second␉third,"),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].starts_with("k5,' +cmd|' /C calc'!A0,"),
            "{}",
            lines[3]
        );
        assert!(lines[3].contains(",'@SUM(1),"), "{}", lines[3]);
        assert!(lines[3].ends_with(",'-Acme"), "{}", lines[3]);
        assert!(!csv.contains('\u{202E}'));
    }

    #[test]
    fn json_escapes_hidden_characters_and_keeps_the_names_exact() {
        let json = render(ExportFormat::Json, "Acme", &hostile());
        assert!(!json.contains('\u{202E}'));
        assert!(json.contains(r#""probe-rlo-\u202etset-dorp""#), "{json}");
        assert!(json.contains(r#""first\nsecond\tthird""#), "{json}");
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let back: Vec<ApiKey> = serde_json::from_value(doc["keys"].clone()).unwrap();
        assert_eq!(back, hostile());
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_export_is_private_to_the_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keyturn-keys.csv");
        save(&path, "id\r\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "id\r\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn json_round_trips_the_keys() {
        let json = render(ExportFormat::Json, "Acme", &keys());
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["connection"], "Acme");
        let back: Vec<ApiKey> = serde_json::from_value(doc["keys"].clone()).unwrap();
        assert_eq!(back, keys());
    }
}
