const COMMANDS: [&str; 31] = [
    "list_profiles",
    "list_vendors",
    "test_connection",
    "add_profile",
    "update_profile",
    "remove_profile",
    "select_profile",
    "reset_sandbox",
    "start_sign_in",
    "verify_sign_in_code",
    "finish_sign_in",
    "sign_out",
    "list_keys",
    "create_key",
    "delete_key",
    "set_key_enabled",
    "reset_keys",
    "forget_secret",
    "copy_secret",
    "copy_text",
    "quit_app",
    "get_settings",
    "set_settings",
    "export_keys",
    "list_audit",
    "export_audit",
    "start_rotation",
    "rotation_action",
    "poll_rotation",
    "open_rotations",
    "test_new_key",
];

fn main() {
    // Declaring the app's commands lets capabilities/ grant each one by name.
    let manifest = tauri_build::AppManifest::new().commands(&COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
