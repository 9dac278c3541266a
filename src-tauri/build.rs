fn main() {
    // Declaring the app's commands lets capabilities/ grant each one by name.
    let manifest = tauri_build::AppManifest::new().commands(&["list_profiles", "list_keys"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
