//! The inventory report as the shell asks for it: every connection of the real
//! embedded sandbox in one file, a new key in it, its secret nowhere.

mod common;

use common::NoClipboard;

use std::sync::Arc;

use keyturn_app::App;
use keyturn_core::storage::export::ExportFormat;
use keyturn_core::{KeyDraft, MemoryStore};

#[tokio::test]
async fn the_report_holds_every_connections_keys_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(
        Arc::new(MemoryStore::new()),
        dir.path().join("data"),
        dir.path().join("config"),
        NoClipboard,
    );
    let created = app
        .create_key(
            "sandbox-api-keys".into(),
            KeyDraft {
                name: Some("report me".into()),
                ..KeyDraft::default()
            },
        )
        .await
        .unwrap();

    let csv = app.inventory_export(ExportFormat::Csv).await.unwrap();
    assert_eq!(csv.file_name, "keyturn-inventory.csv");
    let lines: Vec<&str> = csv.contents.lines().collect();
    assert!(lines[0].starts_with("connection,vendor,environment,key_id,"));
    for c in app.list_connections().await.unwrap().connections {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{},", c.name))
                || l.starts_with(&format!("\"{}\",", c.name))),
            "{} has no row",
            c.name
        );
    }
    let row = lines
        .iter()
        .find(|l| l.contains(&created.key.id))
        .expect("the new key has a row");
    assert!(row.contains(",report me,active,"), "{row}");
    assert!(!row.contains("not listed"), "{row}");
    assert!(
        !csv.contents.contains(created.secret.as_str()),
        "a secret in the report"
    );

    let json = app.inventory_export(ExportFormat::Json).await.unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json.contents).unwrap();
    let keys = doc["keys"].as_array().unwrap();
    assert_eq!(keys.len(), lines.len() - 1, "the same rows as the CSV");
    assert!(!json.contents.contains(created.secret.as_str()));
}
