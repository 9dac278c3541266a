use rand::distributions::Alphanumeric;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// A new 32-character lowercase hex secret from the operating system's CSPRNG.
pub(crate) fn generate_value() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `prefix` followed by `len` characters of `[A-Za-z0-9]` from the operating system's CSPRNG.
pub(crate) fn generate_alnum(prefix: &str, len: usize) -> String {
    let mut value = String::with_capacity(prefix.len() + len);
    value.push_str(prefix);
    value.extend(OsRng.sample_iter(Alphanumeric).take(len).map(char::from));
    value
}

/// `prefix` followed by `hex_len` random lowercase hex digits; for ids, not secrets.
pub(crate) fn random_id(prefix: &str, hex_len: usize) -> String {
    let mut bytes = vec![0u8; hex_len.div_ceil(2)];
    rand::thread_rng().fill_bytes(&mut bytes);
    let mut id = hex::encode(bytes);
    id.truncate(hex_len);
    format!("{prefix}{id}")
}

pub(crate) fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub(crate) fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Compares two hashes without an early exit, so timing does not reveal where they differ.
pub(crate) fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_values_are_32_lowercase_hex_and_differ() {
        let a = generate_value();
        let b = generate_value();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')));
        assert_ne!(a, b);
    }

    #[test]
    fn alnum_values_have_the_prefix_and_length() {
        let value = generate_alnum("sk_", 40);
        assert_eq!(value.len(), 43);
        assert!(value.starts_with("sk_"));
        assert!(value[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(value, generate_alnum("sk_", 40));
    }

    #[test]
    fn random_ids_have_the_prefix_and_hex_length() {
        let id = random_id("key_", 24);
        assert_eq!(id.len(), 28);
        assert!(id[4..].bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn hashes_equal_only_for_identical_hashes() {
        let h = sha256_hex("x");
        assert!(is_sha256_hex(&h));
        assert!(hashes_equal(&h, &sha256_hex("x")));
        assert!(!hashes_equal(&h, &sha256_hex("y")));
        assert!(!hashes_equal(&h, ""));
    }
}
