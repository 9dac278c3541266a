//! The rules for a secret on the clipboard: copied marked as a password, cleared
//! after a delay only if the clipboard still holds that secret (the user may have
//! copied something else since), and cleared on quit. The guard keeps no copy of
//! the secret: only a keyed hash and the length, enough to recognise it on the
//! clipboard later. The platform clipboard sits behind `Clipboard` so these rules
//! are tested without a display.

use std::sync::{Mutex, MutexGuard, TryLockError};

use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Serialize;
use sha2::Sha256;
use ts_rs::TS;
use zeroize::Zeroizing;

use keyturn_core::secrets::Sensitive;

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

/// Recognises one text without holding it: its length and an HMAC-SHA256 under
/// a key that never leaves this process, so the hash cannot be checked against
/// guesses elsewhere.
#[derive(PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    mac: [u8; 32],
}

struct FingerprintKey(Zeroizing<[u8; 32]>);

impl FingerprintKey {
    fn random() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        Self(key)
    }

    fn fingerprint(&self, text: &str) -> Fingerprint {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.0.as_ref()).expect("HMAC takes any key");
        mac.update(text.as_bytes());
        Fingerprint {
            len: text.len(),
            mac: mac.finalize().into_bytes().into(),
        }
    }

    fn matches(&self, fingerprint: &Fingerprint, text: &str) -> bool {
        text.len() == fingerprint.len && self.fingerprint(text) == *fingerprint
    }
}

/// What the guard last put on the clipboard; `generation` tells a pending clear
/// whether a newer copy has replaced it.
struct Copied {
    fingerprint: Fingerprint,
    generation: u64,
}

pub struct ClipboardGuard<C: Clipboard> {
    clipboard: Mutex<C>,
    key: FingerprintKey,
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
            key: FingerprintKey::random(),
            copied: Mutex::new(None),
            generation: Mutex::new(0),
        }
    }

    /// Copies and returns the generation to pass to `clear_if_unchanged` later.
    /// Only the secret's fingerprint is kept; the caller's copy is all there is.
    pub fn copy_secret(&self, secret: &Sensitive<String>) -> Result<u64, String> {
        self.clipboard
            .lock()
            .expect("clipboard lock")
            .set_secret(secret.expose())?;
        let mut generation = self.generation.lock().expect("generation lock");
        *generation += 1;
        *self.copied.lock().expect("copied lock") = Some(Copied {
            fingerprint: self.key.fingerprint(secret.expose()),
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

    /// On quit: clears whatever secret is still on the clipboard. A lock left
    /// poisoned by a panicking thread is still taken: this runs on every exit.
    pub fn clear_now(&self) -> Result<ClearOutcome, String> {
        self.clear_on_exit(Wait::Yes)
    }

    /// From a panic hook, where the panicking thread may hold a lock: gives up
    /// rather than waiting for it forever.
    pub fn try_clear_now(&self) -> Result<ClearOutcome, String> {
        self.clear_on_exit(Wait::No)
    }

    fn clear_on_exit(&self, wait: Wait) -> Result<ClearOutcome, String> {
        let mut copied = take(&self.copied, wait)?;
        if copied.is_none() {
            return Ok(ClearOutcome::NothingCopied);
        }
        let Some(fingerprint) = copied.as_ref().map(|c| &c.fingerprint) else {
            return Ok(ClearOutcome::NothingCopied);
        };
        let mut clipboard = take(&self.clipboard, wait)?;
        let outcome = self.clear_if_matching(&mut clipboard, fingerprint)?;
        *copied = None;
        Ok(outcome)
    }

    fn clear_if_holding(&self, copied: Option<&Copied>) -> Result<ClearOutcome, String> {
        let Some(copied) = copied else {
            return Ok(ClearOutcome::NothingCopied);
        };
        let mut clipboard = self.clipboard.lock().expect("clipboard lock");
        self.clear_if_matching(&mut clipboard, &copied.fingerprint)
    }

    fn clear_if_matching(
        &self,
        clipboard: &mut C,
        fingerprint: &Fingerprint,
    ) -> Result<ClearOutcome, String> {
        let text = clipboard.text()?.map(Zeroizing::new);
        match text {
            Some(text) if self.key.matches(fingerprint, &text) => {
                clipboard.clear()?;
                Ok(ClearOutcome::Cleared)
            }
            _ => Ok(ClearOutcome::Replaced),
        }
    }
}

#[derive(Clone, Copy)]
enum Wait {
    Yes,
    No,
}

fn take<T>(mutex: &Mutex<T>, wait: Wait) -> Result<MutexGuard<'_, T>, String> {
    match wait {
        Wait::Yes => Ok(mutex
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())),
        Wait::No => match mutex.try_lock() {
            Ok(guard) => Ok(guard),
            Err(TryLockError::Poisoned(poisoned)) => Ok(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => Err("the clipboard was in use".to_owned()),
        },
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
    fn keeps_a_fingerprint_of_the_secret_not_the_secret() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        let secret_text = "vk_live_4f1c9e2a7b3d5e6f";
        guard.copy_secret(&secret(secret_text)).unwrap();
        let copied = guard.copied.lock().unwrap();
        let fingerprint = &copied.as_ref().unwrap().fingerprint;
        assert_eq!(fingerprint.len, secret_text.len());
        // The stored hash is keyed: a plain SHA-256 of the secret does not match it.
        let plain: [u8; 32] = <Sha256 as sha2::Digest>::digest(secret_text.as_bytes()).into();
        assert_ne!(fingerprint.mac, plain);
    }

    #[test]
    fn the_fingerprint_tells_the_secret_from_a_text_of_its_length() {
        let key = FingerprintKey::random();
        let fingerprint = key.fingerprint("s3cret-A");
        assert!(key.matches(&fingerprint, "s3cret-A"));
        assert!(!key.matches(&fingerprint, "s3cret-B"));
        assert!(!key.matches(&fingerprint, "s3cret-A "));
        // Another process (another key) cannot recognise it.
        assert!(!FingerprintKey::random().matches(&fingerprint, "s3cret-A"));
    }

    #[test]
    fn a_text_of_the_same_length_is_left_alone() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        let generation = guard.copy_secret(&secret("abcd-1234")).unwrap();
        shared.other_app_copies("abcd-1235");
        assert_eq!(
            guard.clear_if_unchanged(generation),
            Ok(ClearOutcome::Replaced)
        );
        assert_eq!(shared.contents().as_deref(), Some("abcd-1235"));
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

    #[test]
    fn quitting_after_a_panic_still_clears() {
        let shared = Shared::default();
        let guard = Arc::new(ClipboardGuard::new(shared.clone()));
        guard.copy_secret(&secret("s1")).unwrap();
        let poisoner = guard.clone();
        let _ = std::thread::spawn(move || {
            let _held = poisoner.clipboard.lock().unwrap();
            let _also = poisoner.copied.lock().unwrap();
            panic!("a command panicked while copying");
        })
        .join();
        assert!(guard.clipboard.is_poisoned() && guard.copied.is_poisoned());
        assert_eq!(guard.try_clear_now(), Ok(ClearOutcome::Cleared));
        assert_eq!(shared.contents(), None);
    }

    #[test]
    fn a_panic_hook_does_not_wait_for_a_lock_its_own_thread_holds() {
        let shared = Shared::default();
        let guard = ClipboardGuard::new(shared.clone());
        guard.copy_secret(&secret("s1")).unwrap();
        let _held = guard.clipboard.lock().unwrap();
        assert!(guard.try_clear_now().is_err());
    }
}
