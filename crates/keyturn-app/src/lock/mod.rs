//! Keyturn's lock. While locked, no command runs but those in
//! [`RUN_WHILE_LOCKED`]: a command added to the list is locked unless it is
//! named here. Locking forgets every revealed secret and takes a secret of
//! Keyturn's off the clipboard; unlocking needs the operating system to confirm
//! the user (`authenticator`).

pub mod authenticator;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use keyturn_core::Environment;

use crate::error::CommandError;

/// A revoke, a reset or a rotation's revoke on a live connection asks the
/// operating system again when it last confirmed the user longer ago than this.
pub const CONFIRM_LASTS: Duration = Duration::from_secs(5 * 60);

/// What the lock screen and the shell need, and nothing that shows a key.
pub const RUN_WHILE_LOCKED: &[&str] = &[
    "list_connections",
    "get_settings",
    "about",
    "forget_secret",
    "quit_app",
    "name_window",
    "lock_app",
    "unlock_app",
    "is_locked",
];

/// What needs the user confirmed again on a live connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destructive {
    Revoke,
    Reset,
}

#[derive(Default)]
pub struct Lock {
    locked: AtomicBool,
    /// When the operating system last confirmed the user (an unlock, a confirm).
    confirmed_at: Mutex<Option<Instant>>,
}

impl Lock {
    pub fn lock(&self) {
        self.locked.store(true, Ordering::SeqCst);
    }

    pub fn unlock(&self) {
        self.confirmed();
        self.locked.store(false, Ordering::SeqCst);
    }

    pub fn confirmed(&self) {
        *self.confirmed_at.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
    }

    /// Refuses a destructive action on a live connection without a recent confirmation.
    pub fn confirmed_for(
        &self,
        environment: Environment,
        action: Destructive,
    ) -> Result<(), CommandError> {
        if environment != Environment::Live {
            return Ok(());
        }
        let at = *self.confirmed_at.lock().unwrap_or_else(|p| p.into_inner());
        match at {
            Some(at) if at.elapsed() < CONFIRM_LASTS => Ok(()),
            _ => Err(CommandError::ConfirmNeeded {
                action: match action {
                    Destructive::Revoke => "revoke".into(),
                    Destructive::Reset => "reset".into(),
                },
            }),
        }
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Refuses `command` while locked, unless it runs while locked.
    pub fn admit(&self, command: &str) -> Result<(), CommandError> {
        if self.is_locked() && !RUN_WHILE_LOCKED.contains(&command) {
            return Err(CommandError::Locked);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::COMMANDS;

    #[test]
    fn every_command_that_runs_while_locked_is_listed_and_none_shows_keys() {
        for name in RUN_WHILE_LOCKED {
            assert!(COMMANDS.contains(name), "{name} is not a command");
        }
        for reads_keys in [
            "list_keys",
            "query_keys",
            "get_key",
            "lookup_keys",
            "attention",
            "copy_secret",
            "export_inventory",
            "list_audit",
        ] {
            assert!(!RUN_WHILE_LOCKED.contains(&reads_keys), "{reads_keys}");
        }
    }

    #[test]
    fn a_live_connection_needs_a_recent_confirmation_a_sandbox_never() {
        let lock = Lock::default();
        assert!(lock
            .confirmed_for(Environment::Sandbox, Destructive::Revoke)
            .is_ok());
        assert_eq!(
            lock.confirmed_for(Environment::Live, Destructive::Revoke),
            Err(CommandError::ConfirmNeeded {
                action: "revoke".into()
            })
        );
        lock.confirmed();
        assert!(lock
            .confirmed_for(Environment::Live, Destructive::Reset)
            .is_ok());
        *lock.confirmed_at.lock().unwrap() = Some(Instant::now() - CONFIRM_LASTS);
        assert!(lock
            .confirmed_for(Environment::Live, Destructive::Revoke)
            .is_err());
    }

    #[test]
    fn locked_refuses_what_is_not_listed_and_unlocked_admits_all() {
        let lock = Lock::default();
        assert!(lock.admit("list_keys").is_ok());
        lock.lock();
        assert_eq!(lock.admit("list_keys"), Err(CommandError::Locked));
        assert_eq!(
            lock.admit("a_command_added_later"),
            Err(CommandError::Locked)
        );
        assert!(lock.admit("unlock_app").is_ok());
        lock.unlock();
        assert!(lock.admit("revoke_key").is_ok());
    }
}
