//! Kayle's identifiers and secrets: version 4 UUIDs, `kk_` keys, session tokens, codes.

use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

pub(crate) const KEY_PREFIX: &str = "kk_";
pub(crate) const KEY_VALUE_CHARS: usize = 32;
const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A random version 4 UUID in lowercase.
pub(crate) fn new_uuid() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    uuid_from(bytes)
}

/// A version 4 UUID made from the first 16 bytes of `seed`'s SHA-256, so that the same
/// seed always gives the same id.
pub(crate) fn uuid_for(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid_from(bytes)
}

pub(crate) fn uuid_from(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// What Zod 4's `z.uuid()` accepts: versions 1 to 8 with the RFC variant, or the nil or
/// max UUID (the max only in lowercase).
pub(crate) fn is_uuid(text: &str) -> bool {
    if text == "00000000-0000-0000-0000-000000000000"
        || text == "ffffffff-ffff-ffff-ffff-ffffffffffff"
    {
        return true;
    }
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    let hex_at = |i: usize| bytes[i].is_ascii_hexdigit();
    let dashes = [8, 13, 18, 23];
    let shape = (0..36).all(|i| {
        if dashes.contains(&i) {
            bytes[i] == b'-'
        } else {
            hex_at(i)
        }
    });
    shape && (b'1'..=b'8').contains(&bytes[14]) && b"89abAB".contains(&bytes[19])
}

fn draw(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| alphabet[OsRng.gen_range(0..alphabet.len())] as char)
        .collect()
}

/// `kk_` and 32 characters of `[a-z0-9]`, from the operating system's CSPRNG.
pub(crate) fn new_key_value() -> String {
    format!("{KEY_PREFIX}{}", draw(LOWER_ALNUM, KEY_VALUE_CHARS))
}

/// The two halves of a session cookie's value: the token and its signature.
pub(crate) fn new_session_token() -> (String, String) {
    (draw(ALNUM, 32), format!("{}=", draw(ALNUM, 43)))
}

/// A 6-digit sign-in code.
pub(crate) fn new_code() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_uuids_pass_the_zod_check_and_differ() {
        let a = new_uuid();
        assert!(is_uuid(&a), "{a}");
        assert_eq!(&a[14..15], "4");
        assert_ne!(a, new_uuid());
        assert_eq!(uuid_for("x"), uuid_for("x"));
        assert!(is_uuid(&uuid_for("x")));
    }

    #[test]
    fn the_uuid_check_follows_zod() {
        assert!(is_uuid("A4F9ABA2-EA21-4A81-96B4-B389DA5B248B"));
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(!is_uuid("00000000-0000-0000-8000-000000000000"));
        assert!(!is_uuid("00000000-0000-4000-7000-000000000000"));
        assert!(!is_uuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"));
        assert!(!is_uuid("nope"));
    }

    #[test]
    fn key_values_are_kk_and_32_lowercase_alnum() {
        let key = new_key_value();
        assert_eq!(key.len(), 35);
        assert!(key[3..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        assert_eq!(new_code().len(), 6);
    }
}
