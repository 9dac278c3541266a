use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

use crate::connections::ConnectionKill;

/// Long enough for the first half to reach the client before the connection closes.
const PAUSE_BEFORE_CLOSING: Duration = Duration::from_millis(50);

/// A body that announces the full length but delivers only its first half, then fails,
/// which makes the server close the connection mid-body.
pub(crate) struct TruncatedBody {
    first_half: Option<Bytes>,
    full_len: u64,
    pause: Option<Pin<Box<Sleep>>>,
    kill: Option<ConnectionKill>,
}

impl TruncatedBody {
    pub fn new(full: Bytes, kill: Option<ConnectionKill>) -> Self {
        Self {
            full_len: full.len() as u64,
            first_half: Some(full.slice(..full.len() / 2)),
            pause: None,
            kill,
        }
    }
}

impl Body for TruncatedBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(half) = self.first_half.take() {
            return Poll::Ready(Some(Ok(Frame::data(half))));
        }
        let pause = self
            .pause
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(PAUSE_BEFORE_CLOSING)));
        ready!(pause.as_mut().poll(cx));
        if let Some(kill) = self.kill.take() {
            kill.fire();
        }
        Poll::Ready(Some(Err(io::Error::other(
            "the body was truncated by a sandbox fault",
        ))))
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.full_len)
    }
}
