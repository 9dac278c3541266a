//! The window's menu as the page hears it. The shell builds the menu
//! (src-tauri/src/menu.rs) and owns its shortcuts; a choice it cannot carry out
//! itself reaches the page as the `menu` event with one of these, and the page
//! does what the same shortcut or button does.

use serde::Serialize;
use ts_rs::TS;

/// The event the page listens to.
pub const MENU_EVENT: &str = "menu";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MenuAction {
    /// File → Create key… (Ctrl+N)
    Create,
    /// File → Rotate key… (Ctrl+T)
    Rotate,
    /// File → Lock (Ctrl+L); the shell has locked already.
    Lock,
    /// View → Needs attention
    NeedsAttention,
    /// View → Search keys (Ctrl+F)
    Search,
    /// View → Refresh (Ctrl+R)
    Refresh,
    /// View → Audit log
    AuditLog,
    /// Help → About Keyturn
    About,
}

impl MenuAction {
    pub const ALL: [MenuAction; 8] = [
        MenuAction::Create,
        MenuAction::Rotate,
        MenuAction::Lock,
        MenuAction::NeedsAttention,
        MenuAction::Search,
        MenuAction::Refresh,
        MenuAction::AuditLog,
        MenuAction::About,
    ];

    /// Its name on the wire, which is also its menu item's id.
    pub fn name(self) -> &'static str {
        match self {
            MenuAction::Create => "create",
            MenuAction::Rotate => "rotate",
            MenuAction::Lock => "lock",
            MenuAction::NeedsAttention => "needsAttention",
            MenuAction::Search => "search",
            MenuAction::Refresh => "refresh",
            MenuAction::AuditLog => "auditLog",
            MenuAction::About => "about",
        }
    }

    pub fn named(name: &str) -> Option<MenuAction> {
        MenuAction::ALL.into_iter().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_what_serde_sends() {
        for action in MenuAction::ALL {
            let sent = serde_json::to_value(action).unwrap();
            assert_eq!(sent, serde_json::Value::from(action.name()));
            assert_eq!(MenuAction::named(action.name()), Some(action));
        }
        assert_eq!(MenuAction::named("quit"), None);
    }
}
