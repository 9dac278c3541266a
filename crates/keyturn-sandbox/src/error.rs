use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the admin token is empty; give the sandbox a non-empty admin token")]
    EmptyAdminToken,

    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },

    #[error("cannot read the state file {}: {source}; the file was left untouched", path.display())]
    StateUnreadable {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("the state file {} is corrupt ({reason}); the file was left untouched", path.display())]
    StateCorrupt { path: PathBuf, reason: String },

    #[error("cannot write the state file {}: {source}", path.display())]
    StateWrite {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}
