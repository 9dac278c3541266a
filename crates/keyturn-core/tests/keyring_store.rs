//! The real OS keychain. Needs a Secret Service (gnome-keyring, unlocked) on the
//! session bus, so it runs through `./x test`, which starts one in `dbus-run-session`.

use keyturn_core::{KeyringStore, SecretStore, Sensitive};

fn unique(name: &str) -> String {
    format!("test/{name}/{}", std::process::id())
}

#[test]
#[ignore = "needs a Secret Service session: run `./x test`"]
fn round_trips_a_credential_through_the_keychain() {
    let store = KeyringStore::new("io.keyturn.tests");
    let entry = unique("round-trip");
    assert!(store.get(&entry).unwrap().is_none(), "starts absent");

    store
        .set(&entry, &Sensitive::new("first-secret".into()))
        .unwrap();
    assert_eq!(store.get(&entry).unwrap().unwrap().expose(), "first-secret");

    store
        .set(&entry, &Sensitive::new("second-secret".into()))
        .unwrap();
    assert_eq!(
        store.get(&entry).unwrap().unwrap().expose(),
        "second-secret",
        "set replaces"
    );

    // A second store instance reads what the first wrote: it is in the keychain, not in memory.
    let other = KeyringStore::new("io.keyturn.tests");
    assert_eq!(
        other.get(&entry).unwrap().unwrap().expose(),
        "second-secret"
    );

    store.delete(&entry).unwrap();
    assert!(other.get(&entry).unwrap().is_none(), "deleted");
    store
        .delete(&entry)
        .expect("revoking an absent entry is not an error");
}

#[test]
#[ignore = "needs a Secret Service session: run `./x test`"]
fn entries_of_two_names_do_not_collide() {
    let store = KeyringStore::new("io.keyturn.tests");
    let (a, b) = (unique("connection-a"), unique("connection-b"));
    store.set(&a, &Sensitive::new("alpha".into())).unwrap();
    store.set(&b, &Sensitive::new("beta".into())).unwrap();
    assert_eq!(store.get(&a).unwrap().unwrap().expose(), "alpha");
    assert_eq!(store.get(&b).unwrap().unwrap().expose(), "beta");
    store.delete(&a).unwrap();
    assert_eq!(store.get(&b).unwrap().unwrap().expose(), "beta");
    store.delete(&b).unwrap();
}
