//! The audit log as CSV for compliance exports, each cell guarded as every
//! Keyturn CSV is (no formulas, no hidden characters).

use super::entry::AuditEntry;
use crate::storage::export::csv_field;

const CSV_COLUMNS: [&str; 9] = [
    "at",
    "user",
    "connection_id",
    "connection_name",
    "vendor",
    "action",
    "key_id",
    "detail",
    "outcome",
];

/// `newest_first` (as the log reads) written oldest first. An entry of no
/// single connection has empty connection cells.
pub fn to_csv(newest_first: &[AuditEntry]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for e in newest_first.iter().rev() {
        let cells = [
            e.at.to_rfc3339(),
            e.user.clone(),
            e.connection_id.clone().unwrap_or_default(),
            e.connection_name.clone().unwrap_or_default(),
            e.vendor.map(|v| format!("{v:?}")).unwrap_or_default(),
            e.action.name().to_owned(),
            e.key_id.clone().unwrap_or_default(),
            e.detail.clone().unwrap_or_default(),
            e.outcome.clone(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::audit::query::tests::connection;
    use crate::storage::audit::AuditAction;

    fn entry(day: u32, action: AuditAction, key: Option<&str>, outcome: &str) -> AuditEntry {
        let mut e = AuditEntry::new(&connection("p1"), action, key, outcome);
        e.at = format!("2026-01-{day:02}T00:00:00Z").parse().unwrap();
        e.user = "ada".into();
        e
    }

    #[test]
    fn lists_oldest_first_with_quoting() {
        let first = entry(1, AuditAction::Create, Some("7"), "ok");
        let second = entry(2, AuditAction::Revoke, Some("7"), "failed: Server (E, 2)");
        let csv = to_csv(&[second, first]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "at,user,connection_id,connection_name,vendor,action,key_id,detail,outcome"
        );
        assert_eq!(
            lines[1],
            "2026-01-01T00:00:00+00:00,ada,p1,Acme p1,Veryfi,create,7,,ok"
        );
        assert_eq!(
            lines[2],
            "2026-01-02T00:00:00+00:00,ada,p1,Acme p1,Veryfi,revoke,7,,\"failed: Server (E, 2)\""
        );
    }

    #[test]
    fn an_export_of_every_connection_has_empty_connection_cells() {
        let mut e = AuditEntry::without_connection(AuditAction::Export, "ok")
            .with_detail("inventory csv, 3 connections, 12 keys");
        e.at = "2026-01-03T00:00:00Z".parse().unwrap();
        e.user = "ada".into();
        let csv = to_csv(&[e]);
        assert_eq!(
            csv.split("\r\n").nth(1).unwrap(),
            "2026-01-03T00:00:00+00:00,ada,,,,export,,\"inventory csv, 3 connections, 12 keys\",ok"
        );
    }

    #[test]
    fn a_formula_or_a_hidden_character_in_any_cell_is_defused() {
        let mut e = entry(1, AuditAction::ConnectionAdded, None, "ok");
        e.connection_name = Some("=HYPERLINK(\"http://x\")".into());
        e.user = "@evil".into();
        e.detail = Some("a\u{202e}b".into());
        let csv = to_csv(&[e]);
        let row = csv.split("\r\n").nth(1).unwrap();
        assert!(!row.contains(",=HYPERLINK"), "{row}");
        assert!(!row.contains(",@evil"), "{row}");
        assert!(!row.contains('\u{202e}'), "{row}");
        assert!(row.contains(",connectionAdded,"), "{row}");
    }
}
