//! The sandbox's state, shared by every dialect, and its optional state file.
//!
//! On disk: the state file (a full snapshot, see `snapshot`) plus a journal of the changes
//! made since (see `journal`). A change is acknowledged only once its journal entry is on
//! disk; the state file is rewritten at start, at shutdown and when the journal has grown
//! as large as it.

mod change;
mod journal;
mod snapshot;
mod state;

use std::io;
use std::path::PathBuf;

use tokio::sync::Mutex;

pub(crate) use change::Change;
pub(crate) use state::SandboxState;

use crate::error::SandboxError;
use journal::Journal;

/// The journal is folded into the state file once it is this large, or as large as the
/// state file, whichever is larger.
const MIN_JOURNAL_BEFORE_COMPACTING: u64 = 1 << 20;

/// The state file could not be written; the change was not applied.
pub(crate) struct SaveFailed(pub io::Error);

pub(crate) struct Store {
    inner: Mutex<Inner>,
}

struct Inner {
    state: SandboxState,
    disk: Option<Disk>,
}

struct Disk {
    state_file: PathBuf,
    journal: Journal,
    /// Sequence number of the last change written to the journal.
    seq: u64,
    state_file_size: u64,
}

pub(crate) struct Opened {
    pub store: Store,
    /// The state file is missing, older or behind its journal, and should be rewritten.
    pub needs_snapshot: bool,
}

impl Store {
    /// Loads the state file and replays its journal, or starts from `fresh()` when there is
    /// no state file (a journal without its state file is stale and ignored).
    pub fn open(
        path: Option<PathBuf>,
        fresh: impl FnOnce() -> SandboxState,
    ) -> Result<Opened, SandboxError> {
        let Some(path) = path else {
            let inner = Inner {
                state: fresh(),
                disk: None,
            };
            return Ok(Opened {
                store: Store::from(inner),
                needs_snapshot: false,
            });
        };
        let journal_path = journal::path_for(&path);
        let (state, seq, state_file_size, needs_snapshot) = match snapshot::load(&path)? {
            None => (fresh(), 0, 0, true),
            Some(mut loaded) => {
                let (seq, journal_len) =
                    journal::replay(&journal_path, loaded.journal_seq, &mut loaded.state)
                        .and_then(|replayed| {
                            if loaded.legacy_kayle {
                                loaded.state.kayle.adopt_legacy(crate::clock::now());
                            }
                            loaded.state.check().map(|()| replayed)
                        })
                        .map_err(|reason| SandboxError::StateCorrupt {
                            path: path.clone(),
                            reason,
                        })?;
                let behind = loaded.migrated || journal_len > 0;
                (loaded.state, seq, loaded.size, behind)
            }
        };
        let disk = Disk {
            state_file: path,
            journal: Journal::new(journal_path),
            seq,
            state_file_size,
        };
        Ok(Opened {
            store: Store::from(Inner {
                state,
                disk: Some(disk),
            }),
            needs_snapshot,
        })
    }

    /// Rewrites the state file from the current state and removes the journal.
    pub async fn save_now(&self) -> Result<(), SandboxError> {
        let mut inner = self.inner.lock().await;
        let Inner { state, disk } = &mut *inner;
        let Some(disk) = disk else {
            return Ok(());
        };
        disk.write_snapshot(state)
            .await
            .map_err(|source| SandboxError::StateWrite {
                path: disk.state_file.clone(),
                source,
            })
    }

    /// Replaces the whole state (a reset), durably: the new state file is written and
    /// the journal dropped before the new state is served.
    pub async fn replace(&self, state: SandboxState) -> Result<(), SandboxError> {
        let mut inner = self.inner.lock().await;
        if let Some(disk) = &mut inner.disk {
            disk.write_snapshot(&state)
                .await
                .map_err(|source| SandboxError::StateWrite {
                    path: disk.state_file.clone(),
                    source,
                })?;
        }
        inner.state = state;
        Ok(())
    }

    /// Folds a non-empty journal into the state file; at shutdown.
    pub async fn fold_journal(&self) -> Result<(), SandboxError> {
        let journaled = {
            let inner = self.inner.lock().await;
            inner
                .disk
                .as_ref()
                .is_some_and(|disk| disk.journal.len() > 0)
        };
        if journaled {
            self.save_now().await
        } else {
            Ok(())
        }
    }

    pub async fn read<R>(&self, read: impl FnOnce(&SandboxState) -> R) -> R {
        read(&self.inner.lock().await.state)
    }

    /// Runs `decide` on the current state; if it returns a change, writes the change to disk
    /// and then applies it, all while holding the lock so concurrent changes cannot
    /// interleave. Nothing changes if `decide` fails or the write fails.
    pub async fn update<R, E: From<SaveFailed>>(
        &self,
        decide: impl FnOnce(&SandboxState) -> Result<(R, Option<Change>), E>,
    ) -> Result<R, E> {
        let mut inner = self.inner.lock().await;
        let (result, change) = decide(&inner.state)?;
        let Some(change) = change else {
            return Ok(result);
        };
        let Inner { state, disk } = &mut *inner;
        if let Some(disk) = disk {
            disk.seq += 1;
            if let Err(error) = disk.journal.append(disk.seq, &change).await {
                disk.seq -= 1;
                return Err(SaveFailed(error).into());
            }
        }
        state.apply(change);
        if let Some(disk) = disk {
            if disk.journal.len() > disk.state_file_size.max(MIN_JOURNAL_BEFORE_COMPACTING) {
                // The change is already durable in the journal; if folding fails the journal
                // simply keeps growing until the next attempt.
                let _ = disk.write_snapshot(state).await;
            }
        }
        Ok(result)
    }
}

impl From<Inner> for Store {
    fn from(inner: Inner) -> Self {
        Store {
            inner: Mutex::new(inner),
        }
    }
}

impl Disk {
    async fn write_snapshot(&mut self, state: &SandboxState) -> io::Result<()> {
        let bytes = snapshot::encode(state, self.seq)?;
        let size = bytes.len() as u64;
        let state_file = self.state_file.clone();
        let journal = self.journal.path().to_path_buf();
        tokio::task::spawn_blocking(move || {
            keyturn_atomic_file::write(&state_file, &bytes)?;
            keyturn_atomic_file::remove(&journal)
        })
        .await
        .map_err(io::Error::other)??;
        self.journal.restart();
        self.state_file_size = size;
        Ok(())
    }
}
