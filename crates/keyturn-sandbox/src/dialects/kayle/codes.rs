//! Sign-in codes waiting to be used. Kept in memory only, as the real server keeps them
//! in its Redis: a restart forgets them.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::ids::new_code;

const VALID_MINUTES: i64 = 15;

#[derive(Clone)]
pub(crate) struct Code {
    pub otp: String,
    pub kind: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub(crate) struct CodeBook {
    codes: Mutex<HashMap<String, Code>>,
}

impl CodeBook {
    /// Makes a new code for `email`, replacing any earlier one.
    pub fn issue(&self, email: &str, kind: &str, now: DateTime<Utc>) {
        let code = Code {
            otp: new_code(),
            kind: kind.to_string(),
            expires_at: now + Duration::minutes(VALID_MINUTES),
        };
        self.lock().insert(email.to_string(), code);
    }

    /// The live code for `email`, for the sandbox's admin.
    pub fn peek(&self, email: &str, now: DateTime<Utc>) -> Option<Code> {
        self.lock()
            .get(email)
            .filter(|code| now < code.expires_at)
            .cloned()
    }

    /// Whether `otp` is the live code; any attempt, right or wrong, uses the code up.
    pub fn redeem(&self, email: &str, otp: &str, kind: &str, now: DateTime<Utc>) -> bool {
        self.lock()
            .remove(email)
            .is_some_and(|code| now < code.expires_at && code.otp == otp && code.kind == kind)
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Code>> {
        self.codes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_works_once_and_a_wrong_guess_burns_it() {
        let book = CodeBook::default();
        let now = Utc::now();
        book.issue("u@x.test", "sign-in", now);
        let code = book.peek("u@x.test", now).unwrap();
        assert!(book.redeem("u@x.test", &code.otp, "sign-in", now));
        assert!(!book.redeem("u@x.test", &code.otp, "sign-in", now));

        book.issue("u@x.test", "sign-in", now);
        let code = book.peek("u@x.test", now).unwrap();
        let wrong = if code.otp == "000000" {
            "000001"
        } else {
            "000000"
        };
        assert!(!book.redeem("u@x.test", wrong, "sign-in", now));
        assert!(!book.redeem("u@x.test", &code.otp, "sign-in", now));
    }

    #[test]
    fn codes_expire_after_15_minutes() {
        let book = CodeBook::default();
        let now = Utc::now();
        book.issue("u@x.test", "sign-in", now);
        let later = now + Duration::minutes(VALID_MINUTES);
        assert!(book.peek("u@x.test", later).is_none());
        let code = book.peek("u@x.test", now).unwrap();
        assert!(!book.redeem("u@x.test", &code.otp, "sign-in", later));
    }
}
