//! The user's preferences.

use keyturn_core::storage::settings::Settings;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;

impl<C: Clipboard + 'static> App<C> {
    pub fn get_settings(&self) -> Settings {
        self.settings.load()
    }

    pub fn set_settings(&self, settings: Settings) -> Result<Settings, CommandError> {
        self.settings
            .save(&settings)
            .map_err(|message| CommandError::InvalidInput {
                field: Some("clipboardClearSeconds".into()),
                message,
            })?;
        Ok(settings)
    }
}
