// The one list of IPC commands. Adding a command means a line here, a method on
// `App` and a thin command in src-tauri/src/commands/. From this list come the
// shell's handler (`tauri::generate_handler!`), build.rs's app manifest (which
// makes an `allow-<command>` permission per command) and the checks in
// tests/command_list.rs that the capability file grants exactly these and that
// ui/src calls exactly these.
//
// src-tauri/build.rs `include!`s this file, so it holds nothing but the macro
// (and plain comments).

/// Calls `$callback! { name, name, ... }` with every IPC command's name.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            // Connections
            list_connections,
            list_vendors,
            test_connection,
            add_connection,
            update_connection,
            remove_connection,
            select_connection,
            reset_sandbox,
            start_sign_in,
            verify_sign_in_code,
            finish_sign_in,
            sign_out,
            // Keys
            list_keys,
            query_keys,
            get_key,
            create_key,
            revoke_key,
            set_key_enabled,
            reset_keys,
            forget_secret,
            copy_secret,
            copy_text,
            // The app
            quit_app,
            get_settings,
            set_settings,
            export_keys,
            list_audit,
            export_audit,
            // Rotation
            start_rotation,
            rotation_action,
            poll_rotation,
            open_rotations,
            test_new_key,
        }
    };
}

/// Every command's name, in the list's order.
#[macro_export]
macro_rules! command_names {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

/// Every command's name, in the list's order.
pub const COMMANDS: &[&str] = with_commands!(command_names);
