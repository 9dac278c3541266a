//! The thin commands, made from keyturn-app's one list (`with_commands!`): each
//! takes its IPC arguments and calls the `App` method of the same name; a
//! `#[shell]` one calls the function of the same name in `shell.rs`, which
//! needs Tauri (the save dialog, plain copies, quitting). [`handler`] serves
//! them all.

mod shell;

use keyturn_app::commands::types::*;
use keyturn_app::commands::IntoCommandResult;
use keyturn_app::CommandError;
use tauri::ipc::Invoke;
use tauri::{AppHandle, Runtime, State};

use crate::AppState;

macro_rules! thin_commands {
    ($({ [$($doc:literal)*] $place:ident $mode:ident $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty })*) => {
        $(thin_commands!(@ [$($doc)*] $place $mode $name ($($arg: $ty),*) -> $answer);)*

        /// `tauri::generate_handler!` over every listed command.
        pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
    (@ [$($doc:literal)*] app async $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
        $(#[doc = $doc])*
        #[tauri::command]
        async fn $name(state: State<'_, AppState>, $($arg: $ty),*) -> Result<$answer, CommandError> {
            state.admit(stringify!($name))?;
            IntoCommandResult::<$answer>::into_command_result(state.$name($($arg),*).await)
        }
    };
    (@ [$($doc:literal)*] app sync $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
        $(#[doc = $doc])*
        #[tauri::command]
        fn $name(state: State<'_, AppState>, $($arg: $ty),*) -> Result<$answer, CommandError> {
            state.admit(stringify!($name))?;
            IntoCommandResult::<$answer>::into_command_result(state.$name($($arg),*))
        }
    };
    (@ [$($doc:literal)*] shell async $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
        $(#[doc = $doc])*
        #[tauri::command]
        async fn $name<R: Runtime>(
            app: AppHandle<R>,
            state: State<'_, AppState>,
            $($arg: $ty),*
        ) -> Result<$answer, CommandError> {
            state.admit(stringify!($name))?;
            IntoCommandResult::<$answer>::into_command_result(shell::$name(app, &state, $($arg),*).await)
        }
    };
    (@ [$($doc:literal)*] shell sync $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
        $(#[doc = $doc])*
        #[tauri::command]
        fn $name<R: Runtime>(
            app: AppHandle<R>,
            state: State<'_, AppState>,
            $($arg: $ty),*
        ) -> Result<$answer, CommandError> {
            state.admit(stringify!($name))?;
            IntoCommandResult::<$answer>::into_command_result(shell::$name(app, &state, $($arg),*))
        }
    };
}

keyturn_app::with_commands!(thin_commands);
