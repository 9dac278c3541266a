//! The journal: one JSON line per change, appended and flushed to disk before the change
//! is applied, so a mutation costs a small append instead of rewriting every key.
//! Folded into the state file (and removed) when it grows as large as that file.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Change, SandboxState};
use keyturn_atomic_file::open_for_append;

#[derive(Serialize)]
struct EntryOut<'a> {
    seq: u64,
    change: &'a Change,
}

#[derive(Deserialize)]
struct EntryIn {
    seq: u64,
    change: Change,
}

/// `state.json` → `state.json.journal`.
pub(super) fn path_for(state_file: &Path) -> PathBuf {
    let mut name = state_file.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

pub(super) struct Journal {
    path: PathBuf,
    file: Option<Arc<File>>,
    len: u64,
}

impl Journal {
    /// A journal that starts empty: any earlier journal at `path` has been replayed and is
    /// removed by the next state file write, which happens before the first append.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            file: None,
            len: 0,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends the change and waits until it is on disk. On failure the journal is cut
    /// back so that a partial line cannot precede later entries.
    pub async fn append(&mut self, seq: u64, change: &Change) -> io::Result<()> {
        let mut line = serde_json::to_vec(&EntryOut { seq, change })?;
        line.push(b'\n');
        let file = match &self.file {
            Some(file) => file.clone(),
            None => {
                let path = self.path.clone();
                let file = Arc::new(blocking(move || open_for_append(&path)).await?);
                self.file = Some(file.clone());
                file
            }
        };
        let len = self.len;
        let added = line.len() as u64;
        blocking(move || {
            let written = (&*file).write_all(&line).and_then(|()| file.sync_data());
            if written.is_err() {
                let _ = file.set_len(len);
            }
            written
        })
        .await?;
        self.len += added;
        Ok(())
    }

    /// Forgets the open file after the journal was folded into the state file and removed.
    pub fn restart(&mut self) {
        self.file = None;
        self.len = 0;
    }
}

/// Applies the entries after `after_seq` to `state`. Returns the last sequence number seen
/// and the journal's length. A final line without a newline is a write cut short by a
/// crash, never acknowledged, and is ignored.
pub(super) fn replay(
    path: &Path,
    after_seq: u64,
    state: &mut SandboxState,
) -> Result<(u64, u64), String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((after_seq, 0)),
        Err(e) => return Err(format!("cannot read the journal {}: {e}", path.display())),
    };
    let mut last_seq = after_seq;
    let mut lines = bytes.split_inclusive(|&b| b == b'\n').peekable();
    let mut number = 0;
    while let Some(line) = lines.next() {
        number += 1;
        let complete = line.ends_with(b"\n");
        if !complete && lines.peek().is_none() {
            break;
        }
        let entry: EntryIn = serde_json::from_slice(line)
            .map_err(|e| format!("journal {} line {number}: {e}", path.display()))?;
        if entry.seq <= last_seq {
            if entry.seq > after_seq {
                return Err(format!(
                    "journal {} line {number}: sequence {} after {last_seq}",
                    path.display(),
                    entry.seq
                ));
            }
            continue;
        }
        last_seq = entry.seq;
        state.apply(entry.change);
    }
    Ok((last_seq, bytes.len() as u64))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(io::Error::other)?
}
