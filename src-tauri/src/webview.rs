//! The web view as Keyturn uses it.
//!
//! - One page from the app itself, never a site to go back to: WebKit keeps no
//!   memory cache or back-forward pages for revisits ("document viewer").
//! - Without a GPU (no DRM render node, as in most VMs and remote desktops),
//!   WebKit's GPU compositing runs on the CPU through Mesa's llvmpipe: every
//!   layer is kept as tiles in the page's memory and again as GL textures, and
//!   each frame is composited in software. Painting straight into the window is
//!   cheaper then, in memory (about 120 MB less for Keyturn's page) and in time.

use tauri::{AppHandle, Manager, Runtime};

pub fn tune<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        let Some(window) = app.get_webview_window("main") else {
            log::warn!("no main window: the web view keeps WebKit's defaults");
            return;
        };
        let software_only = !has_render_node();
        let tuned = window.with_webview(move |webview| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if software_only {
                if let Some(settings) = WebViewExt::settings(&view) {
                    settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            }
        });
        match tuned {
            Ok(()) if software_only => {
                log::info!("no GPU render node: WebKit paints without compositing")
            }
            Ok(()) => {}
            Err(e) => log::warn!("the web view keeps WebKit's defaults: {e}"),
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// A GPU the web process could composite on: `/dev/dri/renderD*`.
#[cfg(target_os = "linux")]
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}
