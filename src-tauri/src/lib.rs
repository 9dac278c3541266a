//! The desktop shell: Tauri wiring only. Each command, made from keyturn-app's
//! one list, calls one method of `keyturn_app::App`; the domain is keyturn-core.

mod clipboard;
mod commands;
mod exit;
mod instance;
mod menu;
mod notifications;
#[cfg(target_os = "linux")]
mod screen_lock;
mod state;
mod tray;
mod webview;

use std::sync::Arc;

use keyturn_app::locale::OsLocale;
use keyturn_core::{KeyringStore, SecretStore};

use crate::clipboard::SystemClipboard;
use tauri::{Builder, Manager, Runtime};

pub use state::AppState;

pub fn run() {
    let context = tauri::generate_context!();
    if let Err(error) = KeyringStore::check_backend() {
        log::error!("{error}");
        eprintln!("Keyturn: {error}");
    }
    // The keychain service is the app's identifier, so a dev build keeps its entries apart.
    let store: Arc<dyn SecretStore> = Arc::new(KeyringStore::new(&context.config().identifier));
    let builder = Builder::default()
        .plugin(instance::single_instance())
        .plugin(instance::data_dir_lock())
        .plugin(exit::plugin())
        .plugin(tauri_plugin_window_state::Builder::default().build());
    app_builder(builder, store)
        // Not in app_builder: the mock runtime of the tests has no menus.
        .menu(menu::build)
        .on_menu_event(|app, event| menu::chosen(app, event.id().as_ref()))
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .build(),
        )
        .build(context)
        .expect("Keyturn could not start its window")
        .run(|app, event| match event {
            tauri::RunEvent::Ready => {
                // Not in app_builder: the mock runtime of the tests has no menus.
                // Without a tray the app works as before: only the log says so.
                if let Err(e) = tray::install(app) {
                    log::warn!("no tray icon: {e}");
                }
            }
            tauri::RunEvent::Exit => app.state::<AppState>().wipe_secrets(),
            _ => {}
        });
}

/// Everything but the runtime and context, so tests can build it on the mock runtime.
pub fn app_builder<R: Runtime>(builder: Builder<R>, store: Arc<dyn SecretStore>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(os_locale())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            let config_dir = app.path().app_config_dir()?;
            let state = AppState::new(store, data_dir, config_dir, SystemClipboard::new());
            state.set_notifier(Arc::new(notifications::DesktopNotifier::new(
                app.handle().clone(),
            )));
            app.manage(state);
            webview::tune(app.handle());
            #[cfg(target_os = "linux")]
            screen_lock::watch(app.handle());
            let handle = app.handle().clone();
            // Start the sandbox and list the first connection while the window
            // loads; commands wait for them.
            tauri::async_runtime::spawn(async move {
                handle.state::<AppState>().list_first_connection().await;
            });
            Ok(())
        })
        .invoke_handler(commands::handler())
}

/// Dates and numbers in the page follow the OS locale (see `keyturn_app::locale`).
fn os_locale<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("keyturn-locale")
        .js_init_script(OsLocale::from_env().init_script())
        .build()
}
