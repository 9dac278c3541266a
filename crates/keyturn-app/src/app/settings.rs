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
        if let Some((field, message)) = settings.problem() {
            return Err(CommandError::InvalidInput {
                field: Some(field.into()),
                message,
            });
        }
        self.settings
            .save(&settings)
            .map_err(|detail| CommandError::Storage { detail })?;
        Ok(settings)
    }
}
