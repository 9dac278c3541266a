//! Query-string values shared by the paginated dialects.

pub(crate) const DEFAULT_LIMIT: usize = 20;
pub(crate) const MAX_LIMIT: usize = 100;

/// The last value given for `name`, if any.
pub(crate) fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// `limit`: an integer from 1 to 100, 20 when absent.
pub(crate) fn limit(params: &[(String, String)]) -> Result<usize, ()> {
    match param(params, "limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => non_negative(text)
            .filter(|limit| (1..=MAX_LIMIT).contains(limit))
            .ok_or(()),
    }
}

/// Digits only: no sign, no spaces, no fraction.
pub(crate) fn non_negative(text: &str) -> Option<usize> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn limit_is_1_to_100_with_a_default_of_20() {
        assert_eq!(limit(&params(&[])), Ok(20));
        assert_eq!(limit(&params(&[("limit", "1")])), Ok(1));
        assert_eq!(limit(&params(&[("limit", "100")])), Ok(100));
        for bad in ["0", "101", "-1", "1.5", "", "ten", " 5"] {
            assert_eq!(limit(&params(&[("limit", bad)])), Err(()), "{bad:?}");
        }
    }
}
