//! The inventory report: every connection's keys in one file, in the manner of
//! AWS's credential report (connection, vendor, key, status, created, expires,
//! last used, IP, client, age). Built from `ApiKey`, which never holds a
//! secret; the vendors' text is made visible as in the per-connection export.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::export::{csv_field, escape_hidden, ExportFormat};
use crate::connections::connection::ConnectionSummary;
use crate::keys::client_name::client_name;
use crate::keys::model::{ApiKey, KeyList, LastUsed};

/// One connection as the report has it: its keys as last listed, or why not.
pub struct ReportedConnection<'a> {
    pub connection: &'a ConnectionSummary,
    pub listing: Result<&'a KeyList, String>,
}

const COLUMNS: [&str; 14] = [
    "connection",
    "vendor",
    "environment",
    "key_id",
    "name",
    "status",
    "created_at",
    "expires_at",
    "last_used_at",
    "last_used_ip",
    "client",
    "age_days",
    "listed_at",
    "problem",
];

#[derive(Serialize)]
struct Row {
    connection: String,
    vendor: String,
    environment: String,
    key_id: String,
    name: String,
    status: String,
    created_at: String,
    expires_at: String,
    last_used_at: String,
    last_used_ip: String,
    client: String,
    age_days: Option<i64>,
    listed_at: String,
    problem: String,
}

impl Row {
    fn cells(&self) -> [String; 14] {
        [
            self.connection.clone(),
            self.vendor.clone(),
            self.environment.clone(),
            self.key_id.clone(),
            self.name.clone(),
            self.status.clone(),
            self.created_at.clone(),
            self.expires_at.clone(),
            self.last_used_at.clone(),
            self.last_used_ip.clone(),
            self.client.clone(),
            self.age_days.map(|d| d.to_string()).unwrap_or_default(),
            self.listed_at.clone(),
            self.problem.clone(),
        ]
    }
}

fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339()).unwrap_or_default()
}

fn key_row(c: &ConnectionSummary, list: &KeyList, key: &ApiKey, now: DateTime<Utc>) -> Row {
    let (last_used_at, last_used_ip, client) = match &key.last_used {
        LastUsed::NotReported => ("not reported".to_owned(), String::new(), String::new()),
        LastUsed::Never => ("never".to_owned(), String::new(), String::new()),
        LastUsed::Used { at, ip, user_agent } => (
            at.to_rfc3339(),
            ip.clone().unwrap_or_default(),
            user_agent
                .as_deref()
                .and_then(client_name)
                .unwrap_or_default(),
        ),
    };
    Row {
        connection: c.name.clone(),
        vendor: word(&c.vendor),
        environment: word(&c.environment),
        key_id: key.id.clone(),
        name: key.name.clone().unwrap_or_default(),
        status: word(&key.effective_status(now)),
        created_at: time(key.created_at),
        expires_at: time(key.expires_at),
        last_used_at,
        last_used_ip,
        client,
        age_days: key.created_at.map(|at| (now - at).num_days()),
        listed_at: list.fetched_at.to_rfc3339(),
        problem: key.problem.clone().unwrap_or_default(),
    }
}

/// A connection whose keys are not known: one row that says why.
fn missing_row(c: &ConnectionSummary, why: &str) -> Row {
    Row {
        connection: c.name.clone(),
        vendor: word(&c.vendor),
        environment: word(&c.environment),
        key_id: String::new(),
        name: String::new(),
        status: "not listed".into(),
        created_at: String::new(),
        expires_at: String::new(),
        last_used_at: String::new(),
        last_used_ip: String::new(),
        client: String::new(),
        age_days: None,
        listed_at: String::new(),
        problem: why.to_owned(),
    }
}

pub fn render(
    format: ExportFormat,
    connections: &[ReportedConnection<'_>],
    now: DateTime<Utc>,
) -> String {
    let rows: Vec<Row> = connections
        .iter()
        .flat_map(|r| match &r.listing {
            Ok(list) => list
                .keys
                .iter()
                .map(|k| key_row(r.connection, list, k, now))
                .collect::<Vec<_>>(),
            Err(why) => vec![missing_row(r.connection, why)],
        })
        .collect();
    match format {
        ExportFormat::Json => {
            let doc = serde_json::json!({ "generated_at": now.to_rfc3339(), "keys": rows });
            escape_hidden(&serde_json::to_string_pretty(&doc).expect("rows serialize"))
        }
        ExportFormat::Csv => {
            let mut out = COLUMNS.join(",");
            out.push_str("\r\n");
            for row in &rows {
                let cells: Vec<String> = row.cells().iter().map(|f| csv_field(f)).collect();
                out.push_str(&cells.join(","));
                out.push_str("\r\n");
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::attention::rules::test_support::capabilities;
    use crate::connections::connection::{AccountValues, Environment, VendorKind};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()
    }

    fn connection(id: &str, name: &str, vendor: VendorKind) -> ConnectionSummary {
        ConnectionSummary {
            id: id.into(),
            name: name.into(),
            vendor,
            environment: Environment::Live,
            read_only: false,
            base_url: "https://vendor.example".into(),
            account_label: None,
            account: AccountValues::default(),
            api_version: None,
            builtin: false,
            problem: None,
            signed_out: false,
        }
    }

    fn list(id: &str, keys: Vec<ApiKey>) -> KeyList {
        KeyList {
            connection_id: id.into(),
            keys,
            capabilities: capabilities(None),
            fetched_at: now() - Duration::minutes(3),
        }
    }

    #[test]
    fn every_connections_keys_in_one_csv_with_age_client_and_why_one_is_missing() {
        let mut used = ApiKey::new("k1");
        used.name = Some("=HYPERLINK(\"x\")".into());
        used.created_at = Some(now() - Duration::days(400));
        used.expires_at = Some(now() - Duration::days(1));
        used.last_used = LastUsed::Used {
            at: now() - Duration::days(2),
            ip: Some("10.0.0.4".into()),
            user_agent: Some("curl/8.5.0".into()),
        };
        let never = {
            let mut k = ApiKey::new("k2");
            k.last_used = LastUsed::Never;
            k
        };
        let a = connection("a", "Billing, EU", VendorKind::Veryfi);
        let b = connection("b", "Payroll", VendorKind::Kayle);
        let a_list = list("a", vec![used, never]);
        let report = render(
            ExportFormat::Csv,
            &[
                ReportedConnection {
                    connection: &a,
                    listing: Ok(&a_list),
                },
                ReportedConnection {
                    connection: &b,
                    listing: Err("Signed out: sign in again.".into()),
                },
            ],
            now(),
        );
        let lines: Vec<&str> = report.split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "\"Billing, EU\",veryfi,live,k1,\"'=HYPERLINK(\"\"x\"\")\",expired,2025-10-30T09:00:00+00:00,\
             2026-12-03T09:00:00+00:00,2026-12-02T09:00:00+00:00,10.0.0.4,curl 8.5,400,2026-12-04T08:57:00+00:00,"
        );
        assert!(
            lines[2].starts_with("\"Billing, EU\",veryfi,live,k2,,active,,,never,,,,"),
            "{}",
            lines[2]
        );
        assert_eq!(
            lines[3],
            "Payroll,kayle,live,,,not listed,,,,,,,,Signed out: sign in again."
        );
        assert_eq!(lines.len(), 5, "three rows and the final line break");
    }

    #[test]
    fn json_keeps_exact_values_with_hidden_characters_escaped() {
        let mut k = ApiKey::new("k1");
        k.name = Some("evil\u{202E}txt".into());
        let a = connection("a", "A", VendorKind::ApiKeys);
        let a_list = list("a", vec![k]);
        let report = render(
            ExportFormat::Json,
            &[ReportedConnection {
                connection: &a,
                listing: Ok(&a_list),
            }],
            now(),
        );
        assert!(report.contains("evil\\u202etxt"), "{report}");
        let doc: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(doc["keys"][0]["name"], "evil\u{202E}txt");
        assert_eq!(doc["keys"][0]["vendor"], "apiKeys");
        assert_eq!(doc["keys"][0]["age_days"], serde_json::Value::Null);
    }
}
