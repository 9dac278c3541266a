//! The system clipboard for secrets: arboard, because the clipboard plugin cannot
//! yet mark a copy as a password (plugins-workspace issue 3375). Plain copies of
//! ids and prefixes go through tauri-plugin-clipboard-manager.

use arboard::Clipboard as Arboard;
use keyturn_app::clipboard_guard::Clipboard;

/// Keeps one arboard instance alive: on X11 it serves the clipboard contents to
/// other programs for as long as it exists.
pub struct SystemClipboard {
    inner: Option<Arboard>,
}

impl SystemClipboard {
    pub fn new() -> Self {
        Self { inner: None }
    }

    fn get(&mut self) -> Result<&mut Arboard, String> {
        if self.inner.is_none() {
            self.inner = Some(Arboard::new().map_err(|e| e.to_string())?);
        }
        Ok(self.inner.as_mut().expect("just set"))
    }
}

impl Clipboard for SystemClipboard {
    fn set_secret(&mut self, secret: &str) -> Result<(), String> {
        let set = self.get()?.set();
        #[cfg(target_os = "linux")]
        let set = arboard::SetExtLinux::exclude_from_history(set);
        #[cfg(target_os = "windows")]
        let set = arboard::SetExtWindows::exclude_from_history(set);
        #[cfg(target_os = "macos")]
        let set = arboard::SetExtApple::exclude_from_history(set);
        set.text(secret).map_err(|e| e.to_string())
    }

    fn text(&mut self) -> Result<Option<String>, String> {
        match self.get()?.get_text() {
            Ok(text) => Ok(Some(text)),
            Err(arboard::Error::ContentNotAvailable) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    fn clear(&mut self) -> Result<(), String> {
        self.get()?.clear().map_err(|e| e.to_string())
    }
}
