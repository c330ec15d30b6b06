//! Cancelling a sync: the UI's "stop" and the app quitting. Every network wait goes through
//! [`Cancel::run`], so a cancel takes effect at once, between two chunks of a download.

use std::future::Future;
use std::sync::Arc;
use tokio::sync::watch;

/// What a cancelled wait returns; the sync's errors take it in (`FetchError::Cancelled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

#[derive(Clone)]
pub struct Cancel {
    tx: Arc<watch::Sender<bool>>,
}

impl Default for Cancel {
    fn default() -> Self {
        Cancel { tx: Arc::new(watch::channel(false).0) }
    }
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.tx.send_replace(true);
    }

    pub fn is_cancelled(&self) -> bool {
        *self.tx.borrow()
    }

    /// Resolves when cancelled.
    pub async fn cancelled(&self) {
        let mut rx = self.tx.subscribe();
        let _ = rx.wait_for(|c| *c).await;
    }

    /// Run `f` unless the sync is cancelled first.
    pub async fn run<F: Future>(&self, f: F) -> Result<F::Output, Cancelled> {
        if self.is_cancelled() {
            return Err(Cancelled);
        }
        tokio::select! {
            out = f => Ok(out),
            _ = self.cancelled() => Err(Cancelled),
        }
    }

    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}
