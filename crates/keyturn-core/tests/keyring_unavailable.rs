//! With no Secret Service on the bus, the store says so instead of failing obscurely.

use keyturn_core::{KeyringStore, SecretStore, StoreError};

#[test]
fn no_secret_service_is_reported_as_unavailable() {
    // The only test in this binary, so no other thread reads the environment.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/keyturn-test-bus",
    );
    let store = KeyringStore::new("io.keyturn.tests");
    match store.get("anything") {
        Err(StoreError::Unavailable(detail)) => assert!(!detail.is_empty()),
        other => panic!("expected Unavailable, got {other:?}"),
    }
    let message = store.get("anything").unwrap_err().to_string();
    assert!(
        message.contains("unlock"),
        "the error says what to do: {message}"
    );
}
