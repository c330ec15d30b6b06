//! What the app shows and keeps outside the page: the tray (`tray`), the window (`window`) and
//! OS notifications (`notifications`), and the handle of the background sync loop. It knows
//! nothing of how a sync runs: `session/` tells it what to show. It imports neither `session`
//! nor `commands` (docs/architecture.md).

pub mod idle;
pub mod lock_key;
pub mod notifications;
pub mod session_watch;
pub mod tray;
pub mod window;

use crate::state::AppState;
use peerlib_sync::schedule::{self, Signal};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tokio::sync::{mpsc, oneshot};

/// The environment variable that overrides the sync interval, in seconds.
pub const INTERVAL_ENV: &str = "PEERLIB_SYNC_INTERVAL";

/// The background loop's mailbox, and how to know it has ended.
pub struct BackgroundLoop {
    tx: mpsc::Sender<Signal>,
    done: Mutex<Option<oneshot::Receiver<()>>>,
}

impl BackgroundLoop {
    pub fn new(tx: mpsc::Sender<Signal>, done: oneshot::Receiver<()>) -> Self {
        BackgroundLoop { tx, done: Mutex::new(Some(done)) }
    }
}

/// Tell the loop something ("Sync now", pause, a new interval); nothing when it is not running.
pub fn signal(app: &AppHandle, s: Signal) {
    if let Some(l) = app.try_state::<BackgroundLoop>() {
        let _ = l.tx.try_send(s);
    }
}

/// Quit: stop the loop (cancelling a running sync, bounded), then exit.
pub fn quit(app: &AppHandle) {
    end(app, false);
}

/// Restart into the version an update installed: as quit, then start the program again.
pub fn restart(app: &AppHandle) {
    end(app, true);
}

fn end(app: &AppHandle, again: bool) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        // A sharing with laptops nearby ends first: its folder removed, its announcement withdrawn.
        if let Some(s) = app.try_state::<AppState>().and_then(|st| st.take_sharing(None)) {
            s.stop().await;
        }
        if let Some(l) = app.try_state::<BackgroundLoop>() {
            let done = l.done.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(done) = done {
                schedule::stop(&l.tx, async { let _ = done.await; }, Duration::from_secs(4)).await;
            }
        }
        // Encrypted personal data (#18 item 7): the copies of attachments opened in other
        // programs, which tell what was read, go with the app.
        if let Some(st) = app.try_state::<AppState>() {
            st.forget_opened(None);
        }
        if again {
            app.restart();
        }
        app.exit(0);
    });
}
