//! The state file: a full snapshot of the state, written atomically.
//!
//! Version 3 holds every dialect's section and the sequence number of the last journal
//! entry it includes. Version 2 (Kayle keys under the admin token, in no organization)
//! and version 1 (Veryfi only) are read and migrated.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::SandboxState;
use crate::dialects::api_keys::ApiKeysState;
use crate::dialects::kayle::KayleState;
use crate::dialects::verifa::VerifaState;
use crate::dialects::veryfi::VeryfiAccount;
use crate::error::SandboxError;

const VERSION: u32 = 3;
const V2: u32 = 2;
const V1: u32 = 1;

#[derive(Serialize)]
struct SnapshotOut<'a> {
    version: u32,
    journal_seq: u64,
    veryfi: &'a VeryfiAccount,
    verifa: &'a VerifaState,
    api_keys: &'a ApiKeysState,
    kayle: &'a KayleState,
}

#[derive(Deserialize)]
struct SnapshotV3 {
    journal_seq: u64,
    veryfi: VeryfiAccount,
    verifa: VerifaState,
    api_keys: ApiKeysState,
    kayle: KayleState,
}

#[derive(Deserialize)]
struct SnapshotV1 {
    veryfi: VeryfiAccount,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u32>,
}

pub(super) struct Loaded {
    pub state: SandboxState,
    pub journal_seq: u64,
    pub size: u64,
    /// Read from an older version; the file should be rewritten.
    pub migrated: bool,
    /// Version 2: its Kayle keys (and those of its journal) need an organization.
    pub legacy_kayle: bool,
}

pub(super) fn encode(state: &SandboxState, journal_seq: u64) -> io::Result<Vec<u8>> {
    let snapshot = SnapshotOut {
        version: VERSION,
        journal_seq,
        veryfi: &state.veryfi,
        verifa: &state.verifa,
        api_keys: &state.api_keys,
        kayle: &state.kayle,
    };
    let mut bytes = serde_json::to_vec_pretty(&snapshot)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `Ok(None)` if there is no state file yet.
pub(super) fn load(path: &Path) -> Result<Option<Loaded>, SandboxError> {
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
    let version = serde_json::from_slice::<VersionOnly>(&bytes)
        .map_err(|e| corrupt(e.to_string()))?
        .version;
    let size = bytes.len() as u64;
    let loaded = match version {
        Some(found @ (VERSION | V2)) => {
            let file: SnapshotV3 =
                serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
            Loaded {
                state: SandboxState {
                    veryfi: file.veryfi,
                    verifa: file.verifa,
                    api_keys: file.api_keys,
                    kayle: file.kayle,
                },
                journal_seq: file.journal_seq,
                size,
                migrated: found == V2,
                legacy_kayle: found == V2,
            }
        }
        Some(V1) => {
            let file: SnapshotV1 =
                serde_json::from_slice(&bytes).map_err(|e| corrupt(e.to_string()))?;
            Loaded {
                state: SandboxState {
                    veryfi: file.veryfi,
                    ..SandboxState::fresh()
                },
                journal_seq: 0,
                size,
                migrated: true,
                legacy_kayle: false,
            }
        }
        other => {
            return Err(corrupt(format!(
                "expected \"version\": {VERSION} (or {V2}, {V1}), found {}",
                other.map_or("none".to_string(), |v| v.to_string())
            )))
        }
    };
    let mut loaded = loaded;
    if loaded.legacy_kayle {
        loaded.state.kayle.sort_legacy();
    } else {
        loaded.state.check().map_err(corrupt)?;
    }
    Ok(Some(loaded))
}
