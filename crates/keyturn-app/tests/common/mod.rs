//! What the `App` tests share: a clipboard that holds nothing, for tests about
//! everything but the clipboard.

use keyturn_app::clipboard_guard::Clipboard;

#[derive(Clone, Default)]
pub struct NoClipboard;

impl Clipboard for NoClipboard {
    fn set_secret(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn text(&mut self) -> Result<Option<String>, String> {
        Ok(None)
    }
    fn clear(&mut self) -> Result<(), String> {
        Ok(())
    }
}
