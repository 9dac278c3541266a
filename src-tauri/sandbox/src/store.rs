//! The sandbox's state, shared by every dialect, and its optional state file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::dialects::veryfi::VeryfiAccount;
use crate::error::SandboxError;

const FILE_VERSION: u32 = 1;

/// Every dialect keeps its own section; a dialect added later gives its section
/// `#[serde(default)]` so that older files still load.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct SandboxState {
    pub veryfi: VeryfiAccount,
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    version: u32,
    #[serde(flatten)]
    state: SandboxState,
}

/// The state file could not be written; the change was not applied.
pub(crate) struct SaveFailed(pub io::Error);

pub(crate) struct Store {
    path: Option<PathBuf>,
    state: Mutex<SandboxState>,
}

pub(crate) struct Opened {
    pub store: Store,
    /// The state is new and has not been written to the state file yet.
    pub unsaved: bool,
}

impl Store {
    pub fn open(path: Option<PathBuf>) -> Result<Opened, SandboxError> {
        let loaded = match &path {
            Some(path) => load(path)?,
            None => None,
        };
        let unsaved = path.is_some() && loaded.is_none();
        let state = loaded.unwrap_or_else(|| SandboxState {
            veryfi: VeryfiAccount::fresh(),
        });
        Ok(Opened {
            store: Store {
                path,
                state: Mutex::new(state),
            },
            unsaved,
        })
    }

    pub async fn save_now(&self) -> Result<(), SandboxError> {
        let state = self.state.lock().await;
        self.save(&state)
            .await
            .map_err(|SaveFailed(source)| SandboxError::StateWrite {
                path: self.path.clone().unwrap_or_default(),
                source,
            })
    }

    pub async fn read<R>(&self, read: impl FnOnce(&SandboxState) -> R) -> R {
        read(&*self.state.lock().await)
    }

    /// Applies `change` and saves the result while holding the lock, so concurrent
    /// changes cannot overwrite each other. Nothing changes if `change` fails or the
    /// save fails.
    pub async fn update<R, E: From<SaveFailed>>(
        &self,
        change: impl FnOnce(&mut SandboxState) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut state = self.state.lock().await;
        let mut next = state.clone();
        let result = change(&mut next)?;
        self.save(&next).await?;
        *state = next;
        Ok(result)
    }

    async fn save(&self, state: &SandboxState) -> Result<(), SaveFailed> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let file = StateFile {
            version: FILE_VERSION,
            state: state.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| SaveFailed(e.into()))?;
        bytes.push(b'\n');
        tokio::task::spawn_blocking(move || write_atomically(&path, &bytes))
            .await
            .map_err(|e| SaveFailed(io::Error::other(e)))?
            .map_err(SaveFailed)
    }
}

fn load(path: &Path) -> Result<Option<SandboxState>, SandboxError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SandboxError::StateUnreadable {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let corrupt = |reason: String| SandboxError::StateCorrupt {
        path: path.to_path_buf(),
        reason,
    };
    let version = serde_json::from_slice::<serde_json::Value>(&bytes)
        .map_err(|e| corrupt(e.to_string()))?
        .get("version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(FILE_VERSION)) {
        return Err(corrupt(format!(
            "expected \"version\": {FILE_VERSION}, found {}",
            version.map_or("none".to_string(), |v| v.to_string())
        )));
    }
    let file: StateFile = serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
    file.state.veryfi.check().map_err(corrupt)?;
    Ok(Some(file.state))
}

/// Writes a temporary file next to `path`, flushes it to disk, renames it over `path`
/// and flushes the directory, so a crash leaves either the old file or the new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the state file path has no file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = dir.join(temp_name);

    let written = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_dir(dir)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
