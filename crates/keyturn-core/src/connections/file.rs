//! The non-secret half of the user's connections, in a versioned JSON file in the
//! app's config directory (`connections.json`; `profiles.json` before format 3).
//! Credentials never come here: they live in the keychain. A file Keyturn cannot
//! read is set aside, never overwritten or dropped.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::connections::connection::Environment;
use crate::storage::set_aside::set_aside;
/// Generated from the `vendors!` list; each vendor's fields are in its `account.rs`.
pub use crate::vendors::Account;

pub const CURRENT_VERSION: u32 = 3;

const FILE_NAME: &str = "connections.json";
/// Formats 1 and 2 were kept here; it is read when the current file does not exist yet
/// and removed once the current file has been written.
const FORMER_FILE_NAME: &str = "profiles.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredConnection {
    pub id: String,
    pub name: String,
    pub environment: Environment,
    pub base_url: String,
    pub read_only: bool,
    pub account: Account,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionFile {
    pub version: u32,
    pub connections: Vec<StoredConnection>,
    pub last_connection_id: Option<String>,
}

/// What loading found; `notice` is a sentence for the user when something was set aside.
#[derive(Debug)]
pub struct Loaded {
    pub file: ConnectionFile,
    pub notice: Option<String>,
}

pub struct ConnectionFileStore {
    path: PathBuf,
    former: PathBuf,
}

impl ConnectionFileStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(FILE_NAME),
            former: config_dir.join(FORMER_FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> std::io::Result<Loaded> {
        let (read_from, bytes) = match read_first(&[&self.path, &self.former]) {
            Ok(found) => found,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    file: ConnectionFile {
                        version: CURRENT_VERSION,
                        ..ConnectionFile::default()
                    },
                    notice: None,
                })
            }
            Err(e) => return Err(e),
        };
        match parse(&bytes) {
            Ok(file) => Ok(Loaded { file, notice: None }),
            Err(reason) => {
                let backup = set_aside(read_from)?;
                Ok(Loaded {
                    file: ConnectionFile {
                        version: CURRENT_VERSION,
                        ..ConnectionFile::default()
                    },
                    notice: Some(format!(
                        "Your saved connections could not be read ({reason}). The file was kept as {} and Keyturn started without them; \
                         restore it from a backup or add the connections again.",
                        backup.display()
                    )),
                })
            }
        }
    }

    pub fn save(&self, file: &ConnectionFile) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(file).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        keyturn_atomic_file::write(&self.path, &bytes)?;
        match std::fs::remove_file(&self.former) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The first of `paths` that exists, with its bytes.
fn read_first<'p>(paths: &[&'p PathBuf]) -> std::io::Result<(&'p Path, Vec<u8>)> {
    for path in paths {
        match std::fs::read(path) {
            Ok(bytes) => return Ok((path.as_path(), bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::ErrorKind::NotFound.into())
}

fn parse(bytes: &[u8]) -> Result<ConnectionFile, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or("it has no version number")?;
    let value = match version {
        1 => migrate_v2(migrate_v1(value)),
        2 => migrate_v2(value),
        3 => value,
        newer => return Err(format!("it was written by a newer Keyturn (format {newer}; this one reads up to {CURRENT_VERSION})")),
    };
    serde_json::from_value(value).map_err(|e| format!("an entry is malformed: {e}"))
}

/// Format 1 (before read-only connections) had no `readOnly` and called the address `url`.
fn migrate_v1(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(connections) = value.get_mut("profiles").and_then(|p| p.as_array_mut()) {
        for connection in connections.iter_mut().filter_map(|p| p.as_object_mut()) {
            if let Some(url) = connection.remove("url") {
                connection.insert("baseUrl".into(), url);
            }
            connection
                .entry("readOnly")
                .or_insert(serde_json::Value::Bool(false));
        }
    }
    value["version"] = 2.into();
    value
}

/// Format 2 called connections profiles.
fn migrate_v2(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(object) = value.as_object_mut() {
        for (former, current) in [
            ("profiles", "connections"),
            ("lastProfileId", "lastConnectionId"),
        ] {
            if let Some(v) = object.remove(former) {
                object.insert(current.into(), v);
            }
        }
    }
    value["version"] = CURRENT_VERSION.into();
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connections::connection::VendorKind;
    use crate::vendors::kayle::account::{KayleAccount, KayleOrganization};
    use crate::vendors::veryfi::account::VeryfiAccount;

    fn sample() -> ConnectionFile {
        ConnectionFile {
            version: CURRENT_VERSION,
            connections: vec![
                StoredConnection {
                    id: "p_1".into(),
                    name: "Acme Veryfi".into(),
                    environment: Environment::Live,
                    base_url: "https://api.veryfi.com/".into(),
                    read_only: true,
                    account: Account::Veryfi(VeryfiAccount {
                        client_id: "vrf123".into(),
                        username: "acme".into(),
                    }),
                },
                StoredConnection {
                    id: "p_2".into(),
                    name: "Kayle".into(),
                    environment: Environment::Sandbox,
                    base_url: "http://127.0.0.1:8787/".into(),
                    read_only: false,
                    account: Account::Kayle(KayleAccount {
                        email: Some("admin@example.test".into()),
                        organization: Some(KayleOrganization {
                            id: "daa2898b-9785-4305-b8e2-7064e10387bb".into(),
                            name: "Acme".into(),
                        }),
                    }),
                },
            ],
            last_connection_id: Some("p_2".into()),
        }
    }

    #[test]
    fn round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConnectionFileStore::new(dir.path());
        store.save(&sample()).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.file, sample());
        assert!(loaded.notice.is_none());
    }

    #[test]
    fn a_missing_file_is_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = ConnectionFileStore::new(dir.path()).load().unwrap();
        assert!(loaded.file.connections.is_empty());
        assert!(loaded.notice.is_none());
    }

    #[test]
    fn migrates_format_1() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConnectionFileStore::new(dir.path());
        let v1 = r#"{"version": 1, "profiles": [{"id": "p_9", "name": "Old", "environment": "live",
            "url": "https://api.kayle.id/", "account": {"vendor": "kayle"}}], "lastProfileId": null}"#;
        std::fs::write(dir.path().join("profiles.json"), v1).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.file.version, CURRENT_VERSION);
        let connection = &loaded.file.connections[0];
        assert_eq!(connection.base_url, "https://api.kayle.id/");
        assert!(!connection.read_only);
        assert_eq!(connection.account.vendor(), VendorKind::Kayle);
    }

    #[test]
    fn format_2_in_profiles_json_becomes_connections_json_when_saved() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConnectionFileStore::new(dir.path());
        let former = dir.path().join("profiles.json");
        let v2 = r#"{"version": 2, "profiles": [{"id": "p_7", "name": "Acme", "environment": "live",
            "baseUrl": "https://api.veryfi.com/", "readOnly": true,
            "account": {"vendor": "veryfi", "clientId": "c", "username": "u"}}], "lastProfileId": "p_7"}"#;
        std::fs::write(&former, v2).unwrap();

        let loaded = store.load().unwrap();
        assert_eq!(loaded.file.connections[0].name, "Acme");
        assert!(loaded.file.connections[0].read_only);
        assert_eq!(loaded.file.last_connection_id.as_deref(), Some("p_7"));
        assert!(former.exists(), "reading alone changes nothing on disk");

        store.save(&loaded.file).unwrap();
        assert!(!former.exists());
        let written = std::fs::read_to_string(store.path()).unwrap();
        assert!(
            written.contains("\"lastConnectionId\": \"p_7\""),
            "{written}"
        );
        assert_eq!(store.load().unwrap().file, loaded.file);
    }

    #[test]
    fn an_unreadable_former_file_is_kept_aside_under_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = ConnectionFileStore::new(dir.path());
        std::fs::write(dir.path().join("profiles.json"), "{").unwrap();
        let notice = store.load().unwrap().notice.expect("the user is told");
        assert!(notice.contains("profiles.json.unreadable-"), "{notice}");
    }

    fn assert_kept_aside(contents: &str, reason: &str) {
        let dir = tempfile::tempdir().unwrap();
        let store = ConnectionFileStore::new(dir.path());
        std::fs::write(store.path(), contents).unwrap();
        let loaded = store.load().unwrap();
        assert!(loaded.file.connections.is_empty());
        let notice = loaded.notice.expect("the user is told");
        assert!(notice.contains(reason), "{notice}");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("unreadable"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(&kept[0]).unwrap(),
            contents,
            "nothing lost"
        );
        assert!(notice.contains(&kept[0].display().to_string()));
    }

    #[test]
    fn a_corrupt_file_is_kept_aside() {
        assert_kept_aside("{\"version\": 2, \"connections\": [", "not valid JSON");
    }

    #[test]
    fn a_future_version_is_kept_aside() {
        assert_kept_aside(r#"{"version": 9, "connections": []}"#, "newer Keyturn");
    }

    #[test]
    fn never_contains_a_credential_field() {
        let json = serde_json::to_string(&sample()).unwrap();
        for word in ["apiKey", "token", "secret", "password"] {
            assert!(
                !json.to_lowercase().contains(&word.to_lowercase()),
                "{word} in {json}"
            );
        }
    }
}
