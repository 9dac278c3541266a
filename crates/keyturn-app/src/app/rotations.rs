//! The rotation wizard: start, act, look again, resume after a restart.

use keyturn_core::rotation::RotationAction;

use super::App;
use crate::clipboard_guard::Clipboard;
use crate::error::CommandError;
use crate::lock::Destructive;
use crate::rotations::{OpenRotationsView, RotationView};

impl<C: Clipboard + 'static> App<C> {
    pub async fn start_rotation(
        &self,
        connection_id: String,
    ) -> Result<RotationView, CommandError> {
        let keyturn = self.keyturn().await?;
        let started = keyturn
            .rotations
            .start(&keyturn.workspace, &self.reveals, &connection_id)
            .await;
        self.tell_tray(keyturn).await;
        started
    }

    pub async fn rotation_action(
        &self,
        rotation_id: String,
        action: RotationAction,
    ) -> Result<RotationView, CommandError> {
        let keyturn = self.keyturn().await?;
        if matches!(
            action,
            RotationAction::Revoke { .. } | RotationAction::RevokeOrphan { .. }
        ) {
            let open = keyturn.rotations.open(&keyturn.workspace).await?;
            if let Some(view) = open.rotations.iter().find(|v| v.rotation.id == rotation_id) {
                let connection = view.rotation.connection_id.clone();
                self.confirmed_for(&connection, Destructive::Revoke).await?;
            }
        }
        let acted = keyturn
            .rotations
            .act(
                &keyturn.workspace,
                &self.reveals,
                &rotation_id,
                Some(action),
            )
            .await;
        self.tell_tray(keyturn).await;
        acted
    }

    /// One look at both keys' last use, for the live verification panel.
    pub async fn poll_rotation(&self, rotation_id: String) -> Result<RotationView, CommandError> {
        let keyturn = self.keyturn().await?;
        keyturn
            .rotations
            .act(&keyturn.workspace, &self.reveals, &rotation_id, None)
            .await
    }

    /// Unfinished rotations, resumed from their journals after a crash or restart.
    pub async fn open_rotations(&self) -> Result<OpenRotationsView, CommandError> {
        let keyturn = self.keyturn().await?;
        keyturn.rotations.open(&keyturn.workspace).await
    }
}
