//! The window's menu: File, Edit, View and Help, with the shortcuts the page
//! documents. Quit and Lock are carried out here, so they work whatever the page
//! is doing; every other choice is sent to the page as a `MenuAction`.
//!
//! The menu's shortcuts are window accelerators: GTK gives a key press to the
//! menu before the page, so the page's own handler of these keys only sees them
//! where there is no menu (the tests' mock runtime, the browser in `./x dev`).

use keyturn_app::menu::{MenuAction, MENU_EVENT};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::AppState;

/// Window menu ids start with this; the tray's do not (both menus' events reach
/// every menu handler).
const PREFIX: &str = "menu:";
const QUIT: &str = "menu:quit";
#[cfg(target_os = "linux")]
const EDIT: &str = "menu:edit:";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let action = |action: MenuAction, text: &str, shortcut: Option<&str>| {
        MenuItem::with_id(
            app,
            format!("{PREFIX}{}", action.name()),
            text,
            true,
            shortcut,
        )
    };
    let file = Submenu::with_items(
        app,
        "&File",
        true,
        &[
            &action(MenuAction::Create, "&Create key…", Some("CmdOrCtrl+N"))?,
            &action(MenuAction::Rotate, "&Rotate key…", Some("CmdOrCtrl+T"))?,
            &PredefinedMenuItem::separator(app)?,
            &action(MenuAction::Lock, "&Lock", Some("CmdOrCtrl+L"))?,
            &MenuItem::with_id(
                app,
                QUIT,
                "&Quit (clears the clipboard)",
                true,
                Some("CmdOrCtrl+Q"),
            )?,
        ],
    )?;
    let edit = edit_menu(app)?;
    let view = Submenu::with_items(
        app,
        "&View",
        true,
        &[
            &action(MenuAction::NeedsAttention, "&Needs attention", None)?,
            &action(MenuAction::Search, "&Search keys", Some("CmdOrCtrl+F"))?,
            &action(MenuAction::Refresh, "&Refresh", Some("CmdOrCtrl+R"))?,
            &PredefinedMenuItem::separator(app)?,
            &action(MenuAction::AuditLog, "&Audit log", None)?,
        ],
    )?;
    let help = Submenu::with_items(
        app,
        "&Help",
        true,
        &[&action(MenuAction::About, "&About Keyturn", None)?],
    )?;
    Menu::with_items(app, &[&file, &edit, &view, &help])
}

/// GTK's predefined edit items do nothing in a web view unless xdo types their
/// keys; these ask WebKit to run the editing command itself. Their keys are the
/// page's own (no accelerator), as in any text field.
#[cfg(target_os = "linux")]
fn edit_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Submenu<R>> {
    let item = |command: &str, text: &str| {
        MenuItem::with_id(app, format!("{EDIT}{command}"), text, true, None::<&str>)
    };
    Submenu::with_items(
        app,
        "&Edit",
        true,
        &[
            &item("Undo", "&Undo")?,
            &item("Redo", "&Redo")?,
            &PredefinedMenuItem::separator(app)?,
            &item("Cut", "Cu&t")?,
            &item("Copy", "&Copy")?,
            &item("Paste", "&Paste")?,
            &PredefinedMenuItem::separator(app)?,
            &item("SelectAll", "Select &All")?,
        ],
    )
}

#[cfg(not(target_os = "linux"))]
fn edit_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Submenu<R>> {
    Submenu::with_items(
        app,
        "&Edit",
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )
}

/// Runs a WebKit editing command ("Copy", "SelectAll"…) in the page, on what it
/// has focused or selected.
#[cfg(target_os = "linux")]
fn edit<R: Runtime>(app: &AppHandle<R>, command: &str) {
    const COMMANDS: [&str; 6] = ["Undo", "Redo", "Cut", "Copy", "Paste", "SelectAll"];
    let Some(command) = COMMANDS.into_iter().find(|c| *c == command) else {
        return;
    };
    if let Some(window) = app.get_webview_window("main") {
        let ran = window.with_webview(move |webview| {
            use webkit2gtk::WebViewExt;
            webview.inner().execute_editing_command(command);
        });
        if let Err(e) = ran {
            log::warn!("Edit → {command} did not run: {e}");
        }
    }
}

pub fn chosen<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == QUIT {
        crate::exit::quit(app);
        return;
    }
    #[cfg(target_os = "linux")]
    if let Some(command) = id.strip_prefix(EDIT) {
        edit(app, command);
        return;
    }
    let Some(action) = id.strip_prefix(PREFIX).and_then(MenuAction::named) else {
        return;
    };
    if action == MenuAction::Lock {
        app.state::<AppState>().lock_app();
    }
    if let Err(e) = app.emit_to("main", MENU_EVENT, action) {
        log::warn!("the menu's {} did not reach the page: {e}", action.name());
    }
}
