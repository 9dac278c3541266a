//! One Keyturn per data directory: an advisory lock on a file in it, held for as
//! long as the process lives (the OS releases it however the process ends).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "keyturn.lock";

#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum InstanceLockError {
    #[error("another Keyturn is already running with the data folder {0}; use that window, or quit it first")]
    AlreadyRunning(PathBuf),
    #[error("Keyturn could not lock its data folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl InstanceLock {
    pub fn acquire(data_dir: &Path) -> Result<Self, InstanceLockError> {
        let io = |source| InstanceLockError::Io {
            path: data_dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(LOCK_FILE))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => {
                Err(InstanceLockError::AlreadyRunning(data_dir.to_owned()))
            }
            Err(TryLockError::Error(source)) => Err(io(source)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("io.keyturn.desktop");
        let first = InstanceLock::acquire(&data).unwrap();
        let second = InstanceLock::acquire(&data).unwrap_err();
        assert!(
            matches!(&second, InstanceLockError::AlreadyRunning(p) if p == &data),
            "{second:?}"
        );
        assert!(second.to_string().contains("already running"));
        drop(first);
        InstanceLock::acquire(&data).unwrap();
    }

    #[test]
    fn other_data_folders_are_not_locked() {
        let dir = tempfile::tempdir().unwrap();
        let _a = InstanceLock::acquire(&dir.path().join("a")).unwrap();
        InstanceLock::acquire(&dir.path().join("b")).unwrap();
    }
}
