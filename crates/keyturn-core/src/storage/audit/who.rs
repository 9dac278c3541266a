//! Who did it: the OS user Keyturn runs as, as the environment names it.

use std::sync::OnceLock;

/// The user of an entry written before users were recorded, or when none is known.
pub const UNKNOWN_USER: &str = "unknown";

/// The OS user, read once per run.
pub fn os_user() -> &'static str {
    static USER: OnceLock<String> = OnceLock::new();
    USER.get_or_init(|| user_from(|name| std::env::var(name).ok()))
}

/// `$USER`, else `$LOGNAME`, else `$USERNAME` (Windows), else unknown.
fn user_from(var: impl Fn(&str) -> Option<String>) -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .filter_map(&var)
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| UNKNOWN_USER.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn user_comes_first_then_logname_then_username() {
        assert_eq!(
            user_from(env(&[("USER", "ada"), ("LOGNAME", "bob")])),
            "ada"
        );
        assert_eq!(user_from(env(&[("USER", " "), ("LOGNAME", "bob")])), "bob");
        assert_eq!(user_from(env(&[("USERNAME", "cy")])), "cy");
    }

    #[test]
    fn no_name_at_all_is_unknown() {
        assert_eq!(user_from(env(&[])), UNKNOWN_USER);
        assert_eq!(user_from(env(&[("USER", "")])), UNKNOWN_USER);
    }
}
