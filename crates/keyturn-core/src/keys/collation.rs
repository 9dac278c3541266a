//! Text order as the UI's `Intl.Collator("en", { numeric: true, sensitivity:
//! "base" })` gives it, as a key computed once per value: case is ignored,
//! runs of digits compare by their number, and spaces, punctuation and symbols
//! come before digits, digits before letters (the Unicode root order).
//! Outside ASCII, letters compare by their lower-cased code point, so accents
//! are not folded as the UI's collator folds them.

/// Compared element by element, two keys order their texts as the collator does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey(Vec<u32>);

const SPACE: u32 = 1 << 24;
const PUNCTUATION: u32 = 2 << 24;
const DIGITS: u32 = 3 << 24;
const LETTER: u32 = 4 << 24;

/// ASCII punctuation and symbols in the Unicode root collation's order.
const PUNCTUATION_ORDER: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

impl CollationKey {
    pub fn of(text: &str) -> Self {
        let mut out = Vec::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                let mut digits = vec![c as u32 - '0' as u32];
                while let Some(&d) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    digits.push(d as u32 - '0' as u32);
                    chars.next();
                }
                // "007" is the number 7: the length of the number, then its digits.
                let first = digits
                    .iter()
                    .position(|&d| d != 0)
                    .unwrap_or(digits.len() - 1);
                let number = &digits[first..];
                out.push(DIGITS | number.len() as u32);
                out.extend(number.iter().map(|&d| DIGITS | d));
            } else if c.is_whitespace() {
                out.push(SPACE | c as u32);
            } else if let Some(at) = PUNCTUATION_ORDER.find(c) {
                out.push(PUNCTUATION | at as u32);
            } else if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    out.push(LETTER | lower as u32);
                }
            } else {
                // Other symbols, after the ASCII ones.
                out.push(PUNCTUATION | (0x100 + c as u32));
            }
        }
        Self(out)
    }
}

#[cfg(test)]
mod tests {
    use super::CollationKey;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut out: Vec<&str> = words.to_vec();
        out.sort_by_key(|w| CollationKey::of(w));
        out.into_iter().map(String::from).collect()
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(CollationKey::of("Payroll"), CollationKey::of("payroll"));
        assert_eq!(
            sorted(&["beta", "Alpha", "alpha2"]),
            ["Alpha", "alpha2", "beta"]
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(
            sorted(&["key 10", "key 9", "key 100", "key 09"]),
            ["key 9", "key 09", "key 10", "key 100"]
        );
        assert_eq!(CollationKey::of("k007"), CollationKey::of("k7"));
    }

    #[test]
    fn spaces_then_punctuation_then_digits_then_letters() {
        assert_eq!(
            sorted(&["a", "1", "-", " ", "_", "$"]),
            [" ", "_", "-", "$", "1", "a"]
        );
        assert_eq!(
            sorted(&["a:b", "a.b", "a b", "ab"]),
            ["a b", "a:b", "a.b", "ab"]
        );
    }

    #[test]
    fn a_prefix_sorts_first() {
        assert_eq!(sorted(&["prod-2", "prod"]), ["prod", "prod-2"]);
    }
}
