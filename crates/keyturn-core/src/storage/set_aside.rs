//! A file (or folder) Keyturn cannot read is renamed beside itself, never
//! overwritten or dropped, so the user can restore it.

use std::path::{Path, PathBuf};

use chrono::Utc;

/// Renames `path` to `<name>.unreadable-<UTC stamp>` (a counter added if that
/// is taken) and returns the new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut kept = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    let mut n = 1;
    while kept.exists() {
        n += 1;
        kept = path.with_file_name(format!("{name}.unreadable-{stamp}-{n}"));
    }
    std::fs::rename(path, &kept)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_set_aside_in_the_same_second_both_survive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("connections.json");
        std::fs::write(&path, "first").unwrap();
        let first = set_aside(&path).unwrap();
        std::fs::write(&path, "second").unwrap();
        let second = set_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "first");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "second");
        assert!(!path.exists());
    }
}
