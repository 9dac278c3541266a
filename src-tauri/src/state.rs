use crate::clipboard::SystemClipboard;

/// What the commands reach: the application layer, with the system clipboard.
pub type AppState = keyturn_app::App<SystemClipboard>;
