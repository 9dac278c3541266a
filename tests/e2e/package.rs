//! The .deb as users install it. `./x test` bundles the built app, installs the
//! package with dpkg and points KEYTURN_APP_BINARY at /usr/bin/keyturn; these
//! tests check what the package put on the machine and start the installed app.

use std::process::Command;

use keyturn_e2e::{App, Dialect, Dirs, SandboxApi};

const PACKAGE: &str = "keyturn";
const HICOLOR: &str = "/usr/share/icons/hicolor/";
const STANDARD_ICON_SIZES: [u32; 11] = [16, 22, 24, 32, 48, 64, 96, 128, 192, 256, 512];

fn dpkg_query(args: &[&str]) -> String {
    let output = Command::new("dpkg-query")
        .args(args)
        .output()
        .expect("dpkg-query runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn installed_field(field: &str) -> String {
    dpkg_query(&["-W", &format!("-f=${{{field}}}"), PACKAGE])
}

fn installed_files() -> Vec<String> {
    dpkg_query(&["-L", PACKAGE])
        .lines()
        .map(str::to_owned)
        .collect()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
#[ignore = "needs the package installed: run `./x test`"]
fn the_package_names_a_keychain_and_describes_the_app() {
    let depends = installed_field("Depends");
    assert!(
        depends
            .split(", ")
            .any(|d| d == "gnome-keyring | keepassxc | kwalletmanager"),
        "a Secret Service provider among the dependencies: {depends}"
    );
    assert!(depends.contains("libwebkit2gtk-4.1-0"), "{depends}");
    let description = installed_field("Description");
    let (summary, long) = description.split_once('\n').expect("a long description");
    assert_eq!(summary, "Manage the API keys your SaaS vendors issue you");
    assert!(long.contains("keychain"), "{long}");
    let maintainer = installed_field("Maintainer");
    assert!(
        maintainer.contains('<') && maintainer.ends_with('>') && maintainer.contains('@'),
        "a maintainer with an email address, as Debian policy asks: {maintainer}"
    );
}

#[test]
#[ignore = "needs the package installed: run `./x test`"]
fn the_package_installs_a_desktop_entry_and_icons_in_standard_folders() {
    let files = installed_files();
    let entry = files
        .iter()
        .find(|f| f.starts_with("/usr/share/applications/") && f.ends_with(".desktop"))
        .unwrap_or_else(|| panic!("a desktop entry among {files:#?}"));
    let entry = std::fs::read_to_string(entry).unwrap();
    assert!(entry.lines().any(|l| l == "Exec=keyturn"), "{entry}");
    assert!(entry.lines().any(|l| l == "Icon=keyturn"), "{entry}");

    let icons: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("/usr/share/icons/") && f.ends_with(".png"))
        .collect();
    let standard: Vec<String> = STANDARD_ICON_SIZES
        .iter()
        .map(|n| format!("{HICOLOR}{n}x{n}/apps/keyturn.png"))
        .collect();
    for icon in &icons {
        assert!(
            standard.contains(icon),
            "{icon} is not in a standard hicolor folder"
        );
    }
    for size in [32, 128, 256, 512] {
        let icon = format!("{HICOLOR}{size}x{size}/apps/keyturn.png");
        assert!(icons.contains(&&icon), "{icon} among {icons:#?}");
    }
}

#[test]
#[ignore = "needs the package installed: run `./x test`"]
fn the_package_installs_the_polkit_action_that_unlocks_keyturn() {
    let policy = "/usr/share/polkit-1/actions/io.keyturn.desktop.policy";
    assert!(
        installed_files().iter().any(|f| f == policy),
        "{policy} not installed"
    );
    let text = std::fs::read_to_string(policy).unwrap();
    assert!(
        text.contains("<action id=\"io.keyturn.desktop.unlock\">"),
        "{text}"
    );
    assert!(
        text.contains("<allow_active>auth_self</allow_active>"),
        "the user's own password: {text}"
    );
}

#[tokio::test]
#[ignore = "needs the package installed: run `./x test`"]
async fn the_installed_app_starts_and_lists_the_sandbox_keys() {
    let binary = std::env::var("KEYTURN_APP_BINARY").unwrap();
    let owner = dpkg_query(&["-S", &binary]);
    assert_eq!(
        owner.trim(),
        format!("{PACKAGE}: {binary}"),
        "the binary under test is the installed one"
    );

    let dirs = Dirs::new();
    let app = App::launch(&dirs).await;
    app.wait_for("[data-testid=key-row]").await;
    assert_eq!(
        app.text_of("[data-testid=connection-info-name]").await,
        Dialect::Veryfi.connection_name()
    );
    let base_url = app.text_of("[data-testid=connection-info-base-url]").await;
    let sandbox = SandboxApi::from_keychain(&base_url);
    let on_server = sandbox.key_ids(Dialect::Veryfi).await;
    assert!(!on_server.is_empty(), "the sandbox has keys");
    assert_eq!(sorted(app.shown_key_ids().await), sorted(on_server));
    app.save_screenshot("installed-package").await;
    app.quit().await;
}
