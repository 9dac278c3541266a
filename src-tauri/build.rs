// The app's commands come from the one list in keyturn-app. Declaring them makes
// an `allow-<command>` permission for each; the set written below grants them
// all, and capabilities/main-window.json grants the set, so a new command needs
// no line in either.
// A module, not `include!`: macros an `include!` defines cannot call each other by path.
#[path = "../crates/keyturn-app/src/commands/list.rs"]
#[macro_use]
mod list;

const COMMANDS: &[&str] = with_commands!(command_names);

const COMMAND_SET: &str = "permissions/generated/commands.toml";

fn main() {
    println!("cargo:rerun-if-changed=../crates/keyturn-app/src/commands/list.rs");
    write_command_set();
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}

/// The `main-window-commands` permission set: `allow-<command>` for every listed command.
fn write_command_set() {
    let allowed: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("  \"allow-{}\",\n", c.replace('_', "-")))
        .collect();
    let toml = format!(
        "# Written by build.rs from crates/keyturn-app/src/commands/list.rs; do not edit.\n\
         [[set]]\n\
         identifier = \"main-window-commands\"\n\
         description = \"Every Keyturn command, each listed once in with_commands!.\"\n\
         permissions = [\n{}]\n",
        allowed.concat()
    );
    let path = std::path::Path::new(COMMAND_SET);
    if std::fs::read_to_string(path).ok().as_deref() != Some(toml.as_str()) {
        std::fs::create_dir_all(path.parent().unwrap()).expect("permissions/generated/");
        std::fs::write(path, toml).expect("the command permission set is written");
    }
}
