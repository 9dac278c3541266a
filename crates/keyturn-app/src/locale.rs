//! The OS locale the page writes dates and numbers in. The POSIX variables are
//! read as libc reads them (LC_ALL, then the category's own, then LANG) and
//! turned into the BCP 47 tags `Intl` takes; "C", "POSIX" and anything that is
//! not a plain language and region give `None`, and the page keeps its own.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OsLocale {
    /// From LC_TIME.
    pub dates: Option<String>,
    /// From LC_NUMERIC.
    pub numbers: Option<String>,
}

impl OsLocale {
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            dates: category(&var, "LC_TIME"),
            numbers: category(&var, "LC_NUMERIC"),
        }
    }

    /// The script the page runs before its own: `window.__KEYTURN_LOCALE__`.
    pub fn init_script(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned());
        format!("window.__KEYTURN_LOCALE__ = Object.freeze({json});")
    }
}

fn category(var: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    ["LC_ALL", name, "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .and_then(|value| bcp47(&value))
}

/// `de_DE.UTF-8` → `de-DE`, `sr_RS@latin` → `sr-Latn-RS`, `C.UTF-8` → `None`.
fn bcp47(posix: &str) -> Option<String> {
    let (rest, modifier) = match posix.split_once('@') {
        Some((rest, modifier)) => (rest, Some(modifier)),
        None => (posix, None),
    };
    let name = rest.split('.').next().unwrap_or(rest);
    let (language, region) = match name.split_once('_') {
        Some((language, region)) => (language, Some(region)),
        None => (name, None),
    };
    let letters = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    if !letters(language, 2..=3) || language.eq_ignore_ascii_case("c") {
        return None;
    }
    let mut tag = language.to_ascii_lowercase();
    if modifier == Some("latin") {
        tag.push_str("-Latn");
    }
    if let Some(region) = region {
        let digits = region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit());
        if !letters(region, 2..=2) && !digits {
            return None;
        }
        tag.push('-');
        tag.push_str(&region.to_ascii_uppercase());
    }
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: &[(&str, &str)]) -> OsLocale {
        OsLocale::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn lang_gives_both() {
        let l = locale(&[("LANG", "de_DE.UTF-8")]);
        assert_eq!(l.dates.as_deref(), Some("de-DE"));
        assert_eq!(l.numbers.as_deref(), Some("de-DE"));
    }

    #[test]
    fn each_category_is_its_own_and_lc_all_overrides_them() {
        let l = locale(&[
            ("LANG", "en_US.UTF-8"),
            ("LC_TIME", "en_GB.UTF-8"),
            ("LC_NUMERIC", "fr_FR.UTF-8"),
        ]);
        assert_eq!(l.dates.as_deref(), Some("en-GB"));
        assert_eq!(l.numbers.as_deref(), Some("fr-FR"));
        let l = locale(&[("LC_ALL", "pt_BR.utf8"), ("LC_TIME", "en_GB.UTF-8")]);
        assert_eq!(l.dates.as_deref(), Some("pt-BR"));
    }

    #[test]
    fn an_empty_variable_is_skipped() {
        let l = locale(&[("LC_ALL", ""), ("LANG", "nl_NL")]);
        assert_eq!(l.dates.as_deref(), Some("nl-NL"));
    }

    #[test]
    fn c_posix_and_unset_leave_the_page_its_own() {
        for value in ["C", "C.UTF-8", "POSIX"] {
            assert_eq!(locale(&[("LANG", value)]).dates, None, "{value}");
        }
        assert_eq!(
            locale(&[]),
            OsLocale {
                dates: None,
                numbers: None
            }
        );
    }

    #[test]
    fn modifiers_regions_and_odd_values() {
        assert_eq!(bcp47("sr_RS@latin").as_deref(), Some("sr-Latn-RS"));
        assert_eq!(bcp47("ca_ES@valencia").as_deref(), Some("ca-ES"));
        assert_eq!(bcp47("es_419.UTF-8").as_deref(), Some("es-419"));
        assert_eq!(bcp47("fi").as_deref(), Some("fi"));
        assert_eq!(bcp47("de_DE\"];alert(1)//"), None);
        assert_eq!(bcp47("toolong_XX"), None);
    }

    #[test]
    fn the_script_sets_only_json() {
        let script = locale(&[("LANG", "de_DE.UTF-8")]).init_script();
        assert_eq!(
            script,
            r#"window.__KEYTURN_LOCALE__ = Object.freeze({"dates":"de-DE","numbers":"de-DE"});"#
        );
    }
}
