//! Keyturn's lock. While locked, no command runs but those in
//! [`RUN_WHILE_LOCKED`]: a command added to the list is locked unless it is
//! named here. Locking forgets every revealed secret and takes a secret of
//! Keyturn's off the clipboard; unlocking needs the operating system to confirm
//! the user (`authenticator`).

pub mod authenticator;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::CommandError;

/// What the lock screen and the shell need, and nothing that shows a key.
pub const RUN_WHILE_LOCKED: &[&str] = &[
    "list_connections",
    "get_settings",
    "forget_secret",
    "quit_app",
    "name_window",
    "lock_app",
    "unlock_app",
    "is_locked",
];

#[derive(Default)]
pub struct Lock {
    locked: AtomicBool,
}

impl Lock {
    pub fn lock(&self) {
        self.locked.store(true, Ordering::SeqCst);
    }

    pub fn unlock(&self) {
        self.locked.store(false, Ordering::SeqCst);
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
