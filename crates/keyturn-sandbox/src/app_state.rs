use std::sync::Arc;

use crate::dialects::kayle::CodeBook;
use crate::faults::FaultRegistry;
use crate::store::SandboxState;
use crate::store::Store;

/// What every request handler can reach.
#[derive(Clone)]
pub(crate) struct AppState {
    pub store: Arc<Store>,
    pub admin_token_sha256: Arc<str>,
    pub faults: Arc<FaultRegistry>,
    /// Kayle's sign-in codes, in memory only.
    pub kayle_codes: Arc<CodeBook>,
    /// The state a fresh start (or a reset) begins with, seeding included.
    pub fresh_state: Arc<dyn Fn() -> SandboxState + Send + Sync>,
}
