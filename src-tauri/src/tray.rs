//! The tray icon: bring the window back, clear the clipboard now, lock, and
//! quit the way every exit does (the secret off the clipboard first).

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

const SHOW: &str = "show";
const CLEAR: &str = "clear-clipboard";
const LOCK: &str = "lock";
const QUIT: &str = "quit";

pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let menu = Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, SHOW, "Show Keyturn", true, None::<&str>)?,
            &MenuItem::with_id(app, CLEAR, "Clear clipboard now", true, None::<&str>)?,
            &MenuItem::with_id(app, LOCK, "Lock", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, QUIT, "Quit (clears the clipboard)", true, None::<&str>)?,
        ],
    )?;
    let mut tray = TrayIconBuilder::with_id("keyturn")
        .tooltip("Keyturn")
        .menu(&menu)
        .on_menu_event(|app, event| chosen(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn chosen<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        SHOW => {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }
        CLEAR => app.state::<AppState>().clear_clipboard_now(),
        LOCK => app.state::<AppState>().lock_app(),
        QUIT => crate::exit::quit(app),
        _ => {}
    }
}
