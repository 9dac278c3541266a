// The one declaration of the IPC commands. A command is one line here (its name,
// arguments and answer, as the UI sees them) and its method on `App`. From this
// list come the shell's thin commands and its handler (src-tauri/src/commands/),
// build.rs's app manifest and permission set, and the UI's client
// (ui/src/lib/commands.ts, `./x bindings`).
//
// - `async fn` runs on the async runtime, `fn` on the main thread, as Tauri does.
// - Every command answers `Result<T, CommandError>` over IPC, `T` the type written
//   here; the `App` method may return `T` or `Result<T, CommandError>`.
// - `#[shell]`: the command needs Tauri (a dialog, plain copies, quitting), so it
//   calls the function of the same name in src-tauri/src/commands/shell.rs.
// - Argument names are the UI's, snake_case here and camelCase in TypeScript.
// - Types are named as `commands::types` exports them.
//
// src-tauri/build.rs compiles this file as a module of its own, so it holds
// nothing but macros (and plain comments) and names no item of this crate.

/// Calls `$callback! { { [docs] place mode name (arg: Type, ...) -> Answer } ... }`
/// with every IPC command, in the list's order: `place` is `app` or `shell`,
/// `mode` is `async` or `sync`.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $crate::__command_entries! { $callback []
            // Connections
            async fn list_connections() -> ConnectionsView;
            async fn test_connection(draft: ConnectionDraft) -> ConnectionCheck;
            async fn add_connection(draft: ConnectionDraft) -> ConnectionSummary;
            /// `draft.credential` null keeps the stored credential.
            async fn update_connection(connection_id: String, draft: ConnectionDraft) -> ConnectionSummary;
            async fn remove_connection(connection_id: String) -> RemovedConnection;
            /// Remembers the connection as the one to open next time.
            async fn select_connection(connection_id: String) -> ();
            /// The built-in sandbox back to its first-start keys.
            async fn reset_sandbox() -> ();
            /// Sign-in for session vendors: the vendor emails a code to the address.
            async fn start_sign_in(start: SignInStart) -> SignInStarted;
            /// The code from the email; the organizations the user may manage come back.
            async fn verify_sign_in_code(sign_in_id: String, code: Sensitive<String>) -> Vec<OrganizationChoice>;
            /// Saves the connection (`draft` for a new one; null when signing one in again).
            async fn finish_sign_in(sign_in_id: String, organization_id: String, draft: Option<ConnectionDraft>) -> ConnectionSummary;
            async fn sign_out(connection_id: String) -> ConnectionSummary;
            // Keys
            /// Lists the keys from the vendor; Rust holds them and answers the first `limit` matching `query`.
            async fn list_keys(connection_id: String, query: KeyQuery, limit: u32) -> KeyPage;
            /// A window of the keys last listed that match `query`, without asking the vendor.
            fn query_keys(connection_id: String, query: KeyQuery, offset: u32, limit: u32) -> KeyPage;
            /// One key as last listed; null when the listing does not hold it.
            fn get_key(connection_id: String, key_id: String) -> Option<ApiKey>;
            /// One search over every connection's keys last listed (id, prefix, name, IP, client), grouped by connection; no vendor is asked.
            async fn lookup_keys(search: String, limit: u32) -> KeyLookup;
            async fn create_key(connection_id: String, draft: KeyDraft) -> RevealedKey;
            async fn revoke_key(connection_id: String, key_id: String) -> ();
            async fn set_key_enabled(connection_id: String, key_id: String, enabled: bool) -> ApiKey;
            async fn reset_keys(connection_id: String) -> Vec<RevealedKey>;
            /// The reveal closed: Rust zeroizes the held secret; true when it still held one.
            fn forget_secret(reveal_id: String) -> bool;
            /// Rust puts the secret on the clipboard, marked as a password, and clears it later.
            async fn copy_secret(reveal_id: String) -> CopyReceipt;
            /// A plain copy of something that is not a secret (an id, a prefix).
            #[shell]
            fn copy_text(text: String) -> ();
            // The app
            /// Quits the way every exit does (Ctrl+Q): the secret off the clipboard first.
            #[shell]
            fn quit_app() -> ();
            // The lock
            /// Locks now: nothing that shows or changes keys runs until unlocked; revealed secrets are forgotten, the clipboard cleared.
            fn lock_app() -> ();
            /// Unlocks once the operating system confirms the user: `password`, the account's, or (null) the desktop's authentication agent.
            async fn unlock_app(password: Option<Sensitive<String>>) -> ();
            fn is_locked() -> bool;
            /// What the user last chose in the tray's menu (a rotation to open), once; asked when the window gets focus.
            fn take_tray_request() -> Option<TrayRequest>;
            /// Confirms the user as unlocking does, for a revoke or reset on a live connection that answered `confirmNeeded`.
            async fn confirm_user(password: Option<Sensitive<String>>) -> ();
            /// The window's title names what it shows: a connection, or "Needs attention".
            #[shell]
            fn name_window(shown: String) -> ();
            /// Keyturn's version and where it keeps its files, for About.
            #[shell]
            fn about() -> About;
            fn get_settings() -> Settings;
            fn set_settings(settings: Settings) -> Settings;
            /// Asks where to save and writes the key inventory (no secrets): the path, or null if cancelled.
            #[shell]
            async fn export_keys(connection_id: String, format: ExportFormat) -> Option<String>;
            /// Asks where to save and writes every connection's keys in one report (no secrets): the path, or null if cancelled.
            #[shell]
            async fn export_inventory(format: ExportFormat) -> Option<String>;
            /// `limit` of the entries `filter` matches from `offset` on, newest first; how many match; the connections the log names; the lines that could not be read.
            async fn list_audit(filter: AuditFilter, offset: u32, limit: u32) -> AuditPage;
            /// Asks where to save and writes every entry `filter` matches as CSV: the path, or null if cancelled.
            #[shell]
            async fn export_audit(filter: AuditFilter) -> Option<String>;
            // Rotation: each command answers with the rotation as it now stands. A
            // create answers with the new key's secret in `revealed`, once; the
            // wizard hands it to forget_secret as soon as the user has stored it.
            async fn start_rotation(connection_id: String) -> RotationView;
            async fn rotation_action(rotation_id: String, action: RotationAction) -> RotationView;
            /// One look at the keys' last use while verifying.
            async fn poll_rotation(rotation_id: String) -> RotationView;
            /// Unfinished rotations to resume, and the journal files skipped with why.
            async fn open_rotations() -> OpenRotationsView;
            /// One real call made with the new key, while its secret is still held for the reveal.
            async fn test_new_key(connection_id: String, reveal_id: String) -> ();
            // Attention
            /// What needs attention across every connection. A connection not listed this run, or listed too long ago, is listed now; `relist` lists every one again.
            async fn attention(relist: bool) -> AttentionSummary;
            /// Hides the item until `until` (at most the snooze limit ahead); `reason` is required. Answers the new summary.
            async fn snooze_item(item_id: String, until: DateTime<Utc>, reason: String) -> AttentionSummary;
            /// The connection's "rotate every N days"; `everyDays` null is off.
            fn get_rotation_policy(connection_id: String) -> RotationPolicy;
            fn set_rotation_policy(connection_id: String, policy: RotationPolicy) -> RotationPolicy;
            /// Shows a snoozed item again. Answers the new summary.
            async fn unsnooze_item(item_id: String) -> AttentionSummary;
        }
    };
}

/// Reads the list's entries one at a time into the form `with_commands!` hands on.
#[doc(hidden)]
#[macro_export]
macro_rules! __command_entries {
    ($callback:ident [$($done:tt)*]) => {
        $callback! { $($done)* }
    };
    ($callback:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* #[shell] async fn $name:ident ($($arg:ident: $ty:ty),* $(,)?) -> $answer:ty;
        $($rest:tt)*
    ) => {
        $crate::__command_entries! { $callback [$($done)* { [$($doc)*] shell async $name ($($arg: $ty),*) -> $answer }] $($rest)* }
    };
    ($callback:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* #[shell] fn $name:ident ($($arg:ident: $ty:ty),* $(,)?) -> $answer:ty;
        $($rest:tt)*
    ) => {
        $crate::__command_entries! { $callback [$($done)* { [$($doc)*] shell sync $name ($($arg: $ty),*) -> $answer }] $($rest)* }
    };
    ($callback:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* async fn $name:ident ($($arg:ident: $ty:ty),* $(,)?) -> $answer:ty;
        $($rest:tt)*
    ) => {
        $crate::__command_entries! { $callback [$($done)* { [$($doc)*] app async $name ($($arg: $ty),*) -> $answer }] $($rest)* }
    };
    ($callback:ident [$($done:tt)*]
        $(#[doc = $doc:literal])* fn $name:ident ($($arg:ident: $ty:ty),* $(,)?) -> $answer:ty;
        $($rest:tt)*
    ) => {
        $crate::__command_entries! { $callback [$($done)* { [$($doc)*] app sync $name ($($arg: $ty),*) -> $answer }] $($rest)* }
    };
}

/// `&[&str]`: every command's name, in the list's order.
#[macro_export]
macro_rules! command_names {
    ($({ [$($doc:literal)*] $place:ident $mode:ident $name:ident ($($arg:ident: $ty:ty),*) -> $answer:ty })*) => {
        &[$(stringify!($name)),*]
    };
}
