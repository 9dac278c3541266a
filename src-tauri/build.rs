// The app's commands come from the one list in keyturn-app; declaring them lets
// capabilities/ grant each one by name (`allow-<command>`).
include!("../crates/keyturn-app/src/commands.rs");

fn main() {
    println!("cargo:rerun-if-changed=../crates/keyturn-app/src/commands.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
