//! Desktop notifications through the Tauri notification plugin (on Linux, the
//! freedesktop notification service on the session bus).

use keyturn_app::app::Notifier;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

pub struct DesktopNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> DesktopNotifier<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> Notifier for DesktopNotifier<R> {
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        self.app
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| e.to_string())
    }
}
