//! The tray's rotations: the shell gives `App` a `Tray`, and every summary of
//! what needs attention and every rotation step tells it which rotations are
//! not finished, so its menu can show them with Keyturn's window closed.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use keyturn_core::attention::rules::rotations::step_words;
use keyturn_core::rotation::state::Rotation;
use keyturn_core::ConnectionSummary;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::keyturn::Keyturn;

/// The tray icon's menu, as far as `App` changes it.
pub trait Tray: Send + Sync {
    /// Replaces the rotations shown; an empty list says none is in progress.
    fn show_rotations(&self, rotations: &[TrayRotation]);
    /// While Keyturn is locked: no connection named.
    fn show_locked(&self);
}

/// One unfinished rotation as the tray lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayRotation {
    pub rotation_id: String,
    pub connection_id: String,
    /// "Rotating “Payroll”: rolling out and verifying".
    pub label: String,
}

/// A rotation chosen in the tray's menu, for the page to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayRequest {
    pub connection_id: String,
    pub rotation_id: String,
}

impl TrayRotation {
    pub fn of(rotation: &Rotation, connections: &[ConnectionSummary]) -> Self {
        let name = connections
            .iter()
            .find(|c| c.id == rotation.connection_id)
            .map_or(rotation.connection_id.as_str(), |c| c.name.as_str());
        let stopped = if rotation.problem.is_some() {
            " (stopped)"
        } else {
            ""
        };
        Self {
            rotation_id: rotation.id.clone(),
            connection_id: rotation.connection_id.clone(),
            label: format!(
                "Rotating “{}”: {}{stopped}",
                menu_text(name),
                step_words(&rotation.state)
            ),
        }
    }
}

/// A vendor's or user's name as menu text: one line, no control or
/// direction-changing characters, not so long the menu grows off screen.
fn menu_text(name: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !is_bidi_control(*c))
        .take(MAX_CHARS + 1)
        .collect();
    if out.chars().count() > MAX_CHARS {
        out = out.chars().take(MAX_CHARS - 1).collect::<String>() + "…";
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl<C: Clipboard + 'static> App<C> {
    /// From the shell once its tray exists; without one, nothing is told.
    pub fn set_tray(&self, tray: Arc<dyn Tray>) {
        let _ = self.tray.set(tray);
    }

    /// The shell, when a rotation's entry is chosen: kept until the page takes it.
    pub fn open_from_tray(&self, request: TrayRequest) {
        *self.tray_request.lock().unwrap_or_else(|p| p.into_inner()) = Some(request);
    }

    pub fn take_tray_request(&self) -> Option<TrayRequest> {
        self.tray_request
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }

    /// The unfinished rotations, from their journals, to the tray.
    pub async fn show_rotations_in_tray(&self) {
        if self.tray.get().is_none() {
            return;
        }
        let Ok(keyturn) = self.keyturn().await else {
            return;
        };
        self.tell_tray(keyturn).await;
    }

    pub(super) async fn tell_tray(&self, keyturn: &Keyturn) {
        if self.tray.get().is_none() {
            return;
        }
        match keyturn.rotations.open(&keyturn.workspace).await {
            Ok(open) => {
                let rotations: Vec<Rotation> =
                    open.rotations.into_iter().map(|v| v.rotation).collect();
                self.tell_tray_of(&rotations, &keyturn.workspace.connections());
            }
            Err(e) => log::warn!("open rotations for the tray: {e:?}"),
        }
    }

    pub(super) fn tell_tray_of(&self, rotations: &[Rotation], connections: &[ConnectionSummary]) {
        let Some(tray) = self.tray.get() else {
            return;
        };
        if self.is_locked() {
            tray.show_locked();
        } else {
            let shown: Vec<TrayRotation> = rotations
                .iter()
                .map(|r| TrayRotation::of(r, connections))
                .collect();
            tray.show_rotations(&shown);
        }
    }

    pub(super) fn tell_tray_locked(&self) {
        if let Some(tray) = self.tray.get() {
            tray.show_locked();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_text_is_one_short_line_without_direction_changes() {
        assert_eq!(menu_text("Pay\nroll\u{202e}"), "Pay roll");
        let long = "x".repeat(60);
        let shown = menu_text(&long);
        assert_eq!(shown.chars().count(), 40);
        assert!(shown.ends_with('…'));
        assert_eq!(menu_text("Payroll"), "Payroll");
    }
}
