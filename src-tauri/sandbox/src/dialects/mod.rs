//! One module per vendor API the sandbox speaks.

pub(crate) mod veryfi;

use axum::Router;

use crate::app_state::AppState;

pub(crate) fn router() -> Router<AppState> {
    // Veryfi is the only dialect so far, so unknown paths answer in its error envelope.
    veryfi::router().fallback(veryfi::not_found)
}
