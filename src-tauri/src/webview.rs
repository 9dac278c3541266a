//! The web view as Keyturn uses it: one page from the app itself, never a site
//! to go back to, so WebKit keeps no memory cache or back-forward pages for
//! revisits (its "document viewer" cache model).

use tauri::{AppHandle, Manager, Runtime};

pub fn tune<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        let Some(window) = app.get_webview_window("main") else {
            log::warn!("no main window: the web view keeps WebKit's caches");
            return;
        };
        let tuned = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = tuned {
            log::warn!("the web view keeps WebKit's caches: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
