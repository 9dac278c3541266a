//! The tray icon: bring the window back, the rotations not finished (each
//! brings the window back at its wizard), clear the clipboard now, lock, and
//! quit the way every exit does (the secret off the clipboard first).

use std::sync::{Arc, Mutex};

use keyturn_app::app::{Tray, TrayRequest, TrayRotation};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

const SHOW: &str = "show";
const CLEAR: &str = "clear-clipboard";
const LOCK: &str = "lock";
const QUIT: &str = "quit";
/// A rotation's entry: `rotation:<connection id>:<rotation id>`.
const ROTATION: &str = "rotation:";
/// Where the rotations' entries start: after "Show Keyturn".
const ROTATIONS_AT: usize = 1;

pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let nothing = MenuItem::new(app, NO_ROTATION, false, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, SHOW, "Show Keyturn", true, None::<&str>)?,
            &nothing,
            &PredefinedMenuItem::separator(app)?,
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
    let state = app.state::<AppState>();
    state.set_tray(Arc::new(RotationsMenu {
        app: app.clone(),
        menu,
        shown: Mutex::new(vec![nothing]),
    }));
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        handle.state::<AppState>().show_rotations_in_tray().await;
    });
    Ok(())
}

/// The rotations' part of the tray menu.
struct RotationsMenu<R: Runtime> {
    app: AppHandle<R>,
    menu: Menu<R>,
    shown: Mutex<Vec<MenuItem<R>>>,
}

impl<R: Runtime> Tray for RotationsMenu<R> {
    fn show_rotations(&self, rotations: &[TrayRotation]) {
        let entries = if rotations.is_empty() {
            vec![Entry::Note(NO_ROTATION)]
        } else {
            rotations.iter().map(Entry::Rotation).collect()
        };
        self.show(&entries);
    }

    fn show_locked(&self) {
        self.show(&[Entry::Note(LOCKED)]);
    }
}

const NO_ROTATION: &str = "No rotation in progress";
const LOCKED: &str = "Locked: unlock Keyturn to see its rotations";

enum Entry<'a> {
    Note(&'static str),
    Rotation(&'a TrayRotation),
}

impl<R: Runtime> RotationsMenu<R> {
    fn show(&self, entries: &[Entry<'_>]) {
        let mut shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = self.replace(&mut shown, entries) {
            log::warn!("the tray's rotations not shown: {e}");
        }
    }

    fn replace(&self, shown: &mut Vec<MenuItem<R>>, entries: &[Entry<'_>]) -> tauri::Result<()> {
        for item in shown.drain(..) {
            self.menu.remove(&item)?;
        }
        for (at, entry) in entries.iter().enumerate() {
            let item = match entry {
                Entry::Note(text) => MenuItem::new(&self.app, *text, false, None::<&str>)?,
                Entry::Rotation(r) => {
                    let id = format!("{ROTATION}{}:{}", r.connection_id, r.rotation_id);
                    MenuItem::with_id(&self.app, id, &r.label, true, None::<&str>)?
                }
            };
            self.menu.insert(&item, ROTATIONS_AT + at)?;
            shown.push(item);
        }
        Ok(())
    }
}

fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn chosen<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if let Some(rest) = id.strip_prefix(ROTATION) {
        // Connection ids are Keyturn's own (no ':'); the rotation id is the rest.
        if let Some((connection_id, rotation_id)) = rest.split_once(':') {
            // The page takes it when the window gets focus (take_tray_request).
            app.state::<AppState>().open_from_tray(TrayRequest {
                connection_id: connection_id.to_owned(),
                rotation_id: rotation_id.to_owned(),
            });
            show_window(app);
        }
        return;
    }
    match id {
        SHOW => show_window(app),
        CLEAR => app.state::<AppState>().clear_clipboard_now(),
        LOCK => app.state::<AppState>().lock_app(),
        QUIT => crate::exit::quit(app),
        _ => {}
    }
}
