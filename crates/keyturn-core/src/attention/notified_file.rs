//! When each item was last notified, in `notified.json` in the app's config
//! directory, owner-only. A file Keyturn cannot read costs at most a repeated
//! notification, so it is started afresh (and said in the log).

use std::path::{Path, PathBuf};

use crate::attention::notices::Notified;

const FILE_NAME: &str = "notified.json";

pub struct NotifiedFile {
    path: PathBuf,
}

impl NotifiedFile {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(FILE_NAME),
        }
    }

    pub fn load(&self) -> Notified {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                log::warn!("{} unreadable ({e}): starting afresh", self.path.display());
                Notified::default()
            }),
            Err(_) => Notified::default(),
        }
    }

    pub fn save(&self, notified: &Notified) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(notified).map_err(std::io::Error::other)?;
        keyturn_atomic_file::write(&self.path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::rules::test_support::now;

    #[test]
    fn round_trips_and_an_unreadable_file_is_a_fresh_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = NotifiedFile::new(dir.path());
        assert_eq!(file.load(), Notified::default());
        let mut notified = Notified::default();
        notified.record("expiring:c1:k1", now());
        file.save(&notified).unwrap();
        assert_eq!(file.load(), notified);
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        assert_eq!(file.load(), Notified::default());
    }
}
