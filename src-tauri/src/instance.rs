//! One Keyturn per user data directory. The single-instance plugin hands a second
//! launch in the same desktop session to the first (which comes to the front);
//! the lock file catches the rest (another session, no session bus) before
//! anything is read or written.

use keyturn_core::storage::instance_lock::InstanceLock;
use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{AppHandle, Manager, Runtime};

pub fn single_instance<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_single_instance::init(|app: &AppHandle<R>, _argv, _cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    })
}

/// Held in the app's state until the process ends.
pub struct HeldLock {
    _lock: InstanceLock,
}

pub fn data_dir_lock<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new("keyturn-instance-lock")
        .setup(|app, _api| {
            let data_dir = app.path().app_data_dir()?;
            match InstanceLock::acquire(&data_dir) {
                Ok(lock) => {
                    app.manage(HeldLock { _lock: lock });
                    Ok(())
                }
                Err(error) => {
                    eprintln!("Keyturn: {error}");
                    log::error!("{error}");
                    std::process::exit(1);
                }
            }
        })
        .build()
}
