//! The rules for a secret on the clipboard: copied marked as a password, cleared
//! after a delay only if the clipboard still holds that secret (the user may have
//! copied something else since), and cleared on quit. The platform clipboard sits
//! behind `Clipboard` so these rules are tested without a display.

use std::sync::Mutex;

use serde::Serialize;
use ts_rs::TS;

use crate::secrets::Sensitive;

/// What the UI shows after a copy: the countdown, or nothing when clearing is off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CopyReceipt {
    pub clears_after_seconds: Option<u32>,
}

pub trait Clipboard: Send {
    /// Puts a secret on the clipboard, excluded from clipboard history where the
    /// platform allows (on X11 the `x-kde-passwordManagerHint` target).
    fn set_secret(&mut self, secret: &str) -> Result<(), String>;
    fn text(&mut self) -> Result<Option<String>, String>;
    fn clear(&mut self) -> Result<(), String>;
}

/// What the guard last put on the clipboard; `generation` tells a pending clear
/// whether a newer copy has replaced it.
struct Copied {
    secret: Sensitive<String>,
    generation: u64,
}

pub struct ClipboardGuard<C: Clipboard> {
    clipboard: Mutex<C>,
    copied: Mutex<Option<Copied>>,
    generation: Mutex<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClearOutcome {
    Cleared,
    /// The clipboard holds something else now; it was left alone.
    Replaced,
    /// A newer copy is pending its own clear.
    Superseded,
    NothingCopied,
}

impl<C: Clipboard> ClipboardGuard<C> {
    pub fn new(clipboard: C) -> Self {
        Self {
            clipboard: Mutex::new(clipboard),
            copied: Mutex::new(None),
            generation: Mutex::new(0),
        }
    }

    /// Copies and returns the generation to pass to `clear_if_unchanged` later.
    pub fn copy_secret(&self, secret: &Sensitive<String>) -> Result<u64, String> {
        self.clipboard
            .lock()
            .expect("clipboard lock")
            .set_secret(secret.expose())?;
        let mut generation = self.generation.lock().expect("generation lock");
        *generation += 1;
        *self.copied.lock().expect("copied lock") = Some(Copied {
            secret: secret.clone(),
            generation: *generation,
        });
        Ok(*generation)
    }

    /// Clears the clipboard if it still holds the secret copied as `generation`.
    pub fn clear_if_unchanged(&self, generation: u64) -> Result<ClearOutcome, String> {
        let mut copied = self.copied.lock().expect("copied lock");
        match copied.as_ref() {
            None => Ok(ClearOutcome::NothingCopied),
            Some(c) if c.generation != generation => Ok(ClearOutcome::Superseded),
            Some(_) => {
                let outcome = self.clear_if_holding(copied.as_ref())?;
                *copied = None;
                Ok(outcome)
            }
        }
    }

    /// On quit: clears whatever secret is still on the clipboard.
    pub fn clear_now(&self) -> Result<ClearOutcome, String> {
        let mut copied = self.copied.lock().expect("copied lock");
        if copied.is_none() {
            return Ok(ClearOutcome::NothingCopied);
        }
        let outcome = self.clear_if_holding(copied.as_ref())?;
        *copied = None;
        Ok(outcome)
    }

    fn clear_if_holding(&self, copied: Option<&Copied>) -> Result<ClearOutcome, String> {
        let Some(copied) = copied else {
            return Ok(ClearOutcome::NothingCopied);
        };
        let mut clipboard = self.clipboard.lock().expect("clipboard lock");
        match clipboard.text()? {
            Some(text) if text == *copied.secret.expose() => {
                clipboard.clear()?;
                Ok(ClearOutcome::Cleared)
            }
            _ => Ok(ClearOutcome::Replaced),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A clipboard shared with "other applications" in the test.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<(Option<String>, bool)>>);

    impl Shared {
        fn contents(&self) -> Option<String> {
            self.0.lock().unwrap().0.clone()
        }
        fn marked_secret(&self) -> bool {
            self.0.lock().unwrap().1
        }
        fn other_app_copies(&self, text: &str) {
            *self.0.lock().unwrap() = (Some(text.into()), false);
        }
    }

    impl Clipboard for Shared {
        fn set_secret(&mut self, secret: &str) -> Result<(), String> {
            *self.0.lock().unwrap() = (Some(secret.into()), true);
            Ok(())
        }
        fn text(&mut self) -> Result<Option<String>, String> {
            Ok(self.contents())
        }
        fn clear(&mut self) -> Result<(), String> {
            *self.0.lock().unwrap() = (None, false);
            Ok(())
        }
    }

    fn secret(s: &str) -> Sensitive<String> {
        Sensitive::new(s.into())
    }

    #[test]
    fn copies_marked_and_clears_when_unchanged() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        let generation = guard.copy_secret(&secret("s1")).unwrap();
        assert_eq!(shared.contents().as_deref(), Some("s1"));
        assert!(shared.marked_secret());
        assert_eq!(
            guard.clear_if_unchanged(generation),
            Ok(ClearOutcome::Cleared)
        );
        assert_eq!(shared.contents(), None);
    }

    #[test]
    fn leaves_what_the_user_copied_since() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        let generation = guard.copy_secret(&secret("s1")).unwrap();
        shared.other_app_copies("a shopping list");
        assert_eq!(
            guard.clear_if_unchanged(generation),
            Ok(ClearOutcome::Replaced)
        );
        assert_eq!(shared.contents().as_deref(), Some("a shopping list"));
    }

    #[test]
    fn an_older_timer_does_not_clear_a_newer_copy() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        let first = guard.copy_secret(&secret("s1")).unwrap();
        let second = guard.copy_secret(&secret("s2")).unwrap();
        assert_eq!(
            guard.clear_if_unchanged(first),
            Ok(ClearOutcome::Superseded)
        );
        assert_eq!(shared.contents().as_deref(), Some("s2"));
        assert_eq!(guard.clear_if_unchanged(second), Ok(ClearOutcome::Cleared));
    }

    #[test]
    fn quitting_clears_a_secret_still_there_and_only_that() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        assert_eq!(guard.clear_now(), Ok(ClearOutcome::NothingCopied));
        guard.copy_secret(&secret("s1")).unwrap();
        assert_eq!(guard.clear_now(), Ok(ClearOutcome::Cleared));
        assert_eq!(shared.contents(), None);

        guard.copy_secret(&secret("s2")).unwrap();
        shared.other_app_copies("notes");
        assert_eq!(guard.clear_now(), Ok(ClearOutcome::Replaced));
        assert_eq!(shared.contents().as_deref(), Some("notes"));
    }
}
