use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new 32-character lowercase hex secret from the operating system's CSPRNG.
pub(crate) fn generate_value() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub(crate) fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
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
    fn hashes_equal_only_for_identical_hashes() {
        let h = sha256_hex("x");
        assert!(hashes_equal(&h, &sha256_hex("x")));
        assert!(!hashes_equal(&h, &sha256_hex("y")));
        assert!(!hashes_equal(&h, ""));
    }
}
