use std::fmt;

use zeroize::Zeroize;

/// A secret value: redacted in `Debug`, not `Serialize` (so it cannot reach IPC,
/// a file or a log through serde), and wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The only way to read the value; grep for it to audit every use.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(<redacted>)")
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A secret may come in (the user types a credential); it never goes out through serde.
impl<'de> serde::Deserialize<'de> for Sensitive<String> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl From<String> for Sensitive<String> {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Sensitive::new("hunter2-very-secret".to_string());
        let shown = format!("{secret:?} {:?}", Some(&secret));
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn expose_returns_the_value() {
        let secret = Sensitive::new("abc".to_string());
        assert_eq!(secret.expose(), "abc");
    }

    #[test]
    fn drop_zeroizes_the_value() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;

        struct Probe(Arc<AtomicBool>);
        impl Zeroize for Probe {
            fn zeroize(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }

        let wiped = Arc::new(AtomicBool::new(false));
        let secret = Sensitive::new(Probe(wiped.clone()));
        assert!(!wiped.load(Ordering::SeqCst));
        drop(secret);
        assert!(wiped.load(Ordering::SeqCst));
    }
}
