//! The IPC commands, declared once in `list.rs` (`with_commands!`), and what the
//! code made from that list needs: the types it names ([`types`]), how an `App`
//! method's answer becomes the command's ([`IntoCommandResult`]), and each
//! command's signature as text for the TypeScript client ([`SIGNATURES`]).

#[macro_use]
mod list;
pub mod types;

use crate::error::CommandError;

/// Every command's name, in the list's order.
pub const COMMANDS: &[&str] = crate::with_commands!(command_names);

/// One command as the list declares it, its types as written there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub name: &'static str,
    pub docs: &'static [&'static str],
    /// Needs Tauri: calls the shell's function of the same name.
    pub shell: bool,
    pub asynchronous: bool,
    /// `(name, Rust type)` in order.
    pub args: &'static [(&'static str, &'static str)],
    pub answer: &'static str,
}

macro_rules! signatures {
    ($({ [$($doc:literal)*] $place:ident $mode:ident $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty })*) => {
        &[$(Signature {
            name: stringify!($name),
            docs: &[$($doc),*],
            shell: signatures!(@shell $place),
            asynchronous: signatures!(@async $mode),
            args: &[$((stringify!($arg), stringify!($ty))),*],
            answer: stringify!($answer),
        }),*]
    };
    (@shell shell) => { true };
    (@shell app) => { false };
    (@async async) => { true };
    (@async sync) => { false };
}

/// Every command's signature, in the list's order.
pub const SIGNATURES: &[Signature] = crate::with_commands!(signatures);

/// What a command answers over IPC: an `App` method returning `T` always
/// succeeds; one returning `Result<T, CommandError>` passes it on.
pub trait IntoCommandResult<T> {
    fn into_command_result(self) -> Result<T, CommandError>;
}

impl<T> IntoCommandResult<T> for Result<T, CommandError> {
    fn into_command_result(self) -> Result<T, CommandError> {
        self
    }
}

impl<T> IntoCommandResult<T> for T {
    fn into_command_result(self) -> Result<T, CommandError> {
        Ok(self)
    }
}

/// The shell's thin commands, without Tauri: each listed `app` command calls its
/// `App` method with the listed arguments, so `cargo test` fails to compile when
/// the list and `App` disagree.
#[cfg(test)]
mod every_app_command_has_its_method {
    use super::types::*;
    use super::IntoCommandResult;
    use crate::clipboard_guard::Clipboard;
    use crate::{App, CommandError};

    macro_rules! calls {
        ($({ [$($doc:literal)*] $place:ident $mode:ident $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty })*) => {
            $(calls!(@ $place $mode $name ($($arg: $ty),*) -> $answer);)*
        };
        (@ app async $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
            #[allow(dead_code)]
            pub async fn $name<C: Clipboard + 'static>(app: &App<C>, $($arg: $ty),*) -> Result<$answer, CommandError> {
                IntoCommandResult::<$answer>::into_command_result(app.$name($($arg),*).await)
            }
        };
        (@ app sync $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {
            #[allow(dead_code)]
            pub fn $name<C: Clipboard + 'static>(app: &App<C>, $($arg: $ty),*) -> Result<$answer, CommandError> {
                IntoCommandResult::<$answer>::into_command_result(app.$name($($arg),*))
            }
        };
        (@ shell $mode:ident $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty) => {};
    }

    crate::with_commands!(calls);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_keep_the_list_as_written() {
        let export = SIGNATURES
            .iter()
            .find(|s| s.name == "export_keys")
            .expect("export_keys is listed");
        assert!(export.shell && export.asynchronous);
        assert_eq!(
            export.args,
            &[("connection_id", "String"), ("format", "ExportFormat")]
        );
        let forget = SIGNATURES
            .iter()
            .find(|s| s.name == "forget_secret")
            .expect("forget_secret is listed");
        assert!(!forget.shell && !forget.asynchronous);
        assert_eq!(forget.answer, "bool");
    }

    #[test]
    fn a_plain_answer_succeeds_and_a_result_passes_through() {
        assert_eq!(
            IntoCommandResult::<bool>::into_command_result(true),
            Ok(true)
        );
        let refused: Result<bool, CommandError> = Err(CommandError::SecretGone);
        assert_eq!(
            IntoCommandResult::<bool>::into_command_result(refused),
            Err(CommandError::SecretGone)
        );
    }
}
