//! The key-rotation wizard's core: a pure state machine (`machine`), the journal
//! that makes it survive a crash (`journal`, `resume`) and the driver that carries
//! out what the machine asks of a vendor (`driver`). Secrets never pass through
//! here: the driver hands a created key's secret straight back to its caller.

pub mod driver;
pub mod event;
pub mod journal;
pub mod machine;
pub mod refusal;
pub mod resume;
pub mod state;
pub mod verification;

pub use driver::{Applied, RotationDriver};
pub use event::{Effect, Event, RotationAction};
pub use journal::{open_rotations, OpenRotations, RotationJournal, RotationJournals};
pub use machine::{start, step};
pub use refusal::RotationError;
pub use resume::resume;
pub use state::{new_rotation_id, KeyRef, Rotation, RotationStep};
pub use verification::VerificationStatus;
