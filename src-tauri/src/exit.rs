//! Every exit Keyturn can catch goes one way: the secret off the clipboard if it
//! is still there, revealed secrets forgotten, then out. SIGTERM (logout, `kill`),
//! SIGINT (Ctrl+C in a terminal), SIGHUP, the Quit shortcut and a normal close
//! all take it; a panic clears before the default hook reports it.

use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// Registered first, so the hooks are in place before any state exists.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new("keyturn-exit")
        .setup(|app, _api| {
            install_panic_hook(app.clone());
            listen_for_signals(app.clone())?;
            Ok(())
        })
        .build()
}

/// Wipes, then asks Tauri to exit (which runs `RunEvent::Exit`, wiping again: a no-op).
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    if let Some(state) = app.try_state::<AppState>() {
        state.wipe_secrets();
    }
    app.exit(0);
}

fn install_panic_hook<R: Runtime>(app: AppHandle<R>) {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(state) = app.try_state::<AppState>() {
            state.wipe_secrets_after_panic();
        }
        default_hook(info);
    }));
}

#[cfg(unix)]
fn listen_for_signals<R: Runtime>(app: AppHandle<R>) -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};

    // Registered now, not in the task, so no signal meets the default action first.
    let _runtime = tauri::async_runtime::handle().inner().enter();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut hangup = signal(SignalKind::hangup())?;
    tauri::async_runtime::spawn(async move {
        let mut received = 0;
        loop {
            let name = tokio::select! {
                _ = terminate.recv() => "SIGTERM",
                _ = interrupt.recv() => "SIGINT",
                _ = hangup.recv() => "SIGHUP",
            };
            received += 1;
            log::info!("{name}: quitting");
            if received == 1 {
                quit(&app);
            } else {
                // The event loop did not end after the first: leave now, wiped.
                if let Some(state) = app.try_state::<AppState>() {
                    state.wipe_secrets();
                }
                std::process::exit(1);
            }
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn listen_for_signals<R: Runtime>(app: AppHandle<R>) -> std::io::Result<()> {
    tauri::async_runtime::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            log::info!("Ctrl+C: quitting");
            quit(&app);
        }
    });
    Ok(())
}
