//! Confirming the user before Keyturn unlocks: the desktop's authentication
//! agent through polkit (`pkcheck`, action `io.keyturn.desktop.unlock`, which
//! the package installs as "the user's own password"), else the user's account
//! password checked by PAM's own helper (`unix_chkpwd`), which reads it on
//! standard input. Neither ever sees a key.

use std::io::Write;
use std::process::{Command, Stdio};

use keyturn_core::Sensitive;

pub const POLKIT_ACTION: &str = "io.keyturn.desktop.unlock";
const UNIX_CHKPWD: &str = "/usr/sbin/unix_chkpwd";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    /// The user was asked and not confirmed (a wrong password, a dismissed prompt).
    Refused(String),
    /// No way to ask: no agent, no polkit action, no helper.
    Unavailable(String),
}

pub trait Authenticator: Send + Sync {
    /// Asks the desktop's authentication agent to confirm the user.
    fn confirm_with_agent(&self) -> Result<(), AuthFailure>;
    /// Checks the user's account password.
    fn check_password(&self, password: &Sensitive<String>) -> Result<(), AuthFailure>;
}

/// The operating system's own ways, as described above.
pub struct OsAuthenticator;

fn user_name() -> Option<String> {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty())
}

impl Authenticator for OsAuthenticator {
    fn confirm_with_agent(&self) -> Result<(), AuthFailure> {
        let status = Command::new("pkcheck")
            .args(["--action-id", POLKIT_ACTION, "--process"])
            .arg(std::process::id().to_string())
            .arg("--allow-user-interaction")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| AuthFailure::Unavailable(format!("pkcheck could not run: {e}")))?;
        // pkcheck: 0 authorized, 1 not authorized, 2 the challenge dismissed; else
        // it could not ask (no agent, the action not installed).
        match status.code() {
            Some(0) => Ok(()),
            Some(1) | Some(2) => Err(AuthFailure::Refused(
                "The operating system did not confirm it is you.".into(),
            )),
            _ => Err(AuthFailure::Unavailable(
                "No authentication agent could ask for your password.".into(),
            )),
        }
    }

    fn check_password(&self, password: &Sensitive<String>) -> Result<(), AuthFailure> {
        let user = user_name().ok_or_else(|| {
            AuthFailure::Unavailable("Keyturn cannot tell which user you are.".into())
        })?;
        let mut child = Command::new(UNIX_CHKPWD)
            .args([user.as_str(), "nullok"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| AuthFailure::Unavailable(format!("{UNIX_CHKPWD} could not run: {e}")))?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(password.expose().as_bytes());
        }
        let status = child
            .wait()
            .map_err(|e| AuthFailure::Unavailable(e.to_string()))?;
        if status.success() {
            Ok(())
        } else {
            Err(AuthFailure::Refused(
                "That is not your account's password.".into(),
            ))
        }
    }
}
