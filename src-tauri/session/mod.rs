//! One sync run, as the app lives it: started by "Sync now" or by the background loop, its
//! progress sent to the window as events, then the tray's state, `sync-finished` and the "new
//! documents" notification. `schedule` runs the sync crate's background loop with this run as
//! its [`Runner`](peerlib_sync::schedule::Runner).
//!
//! Imports go one way: `commands` -> `session` -> `background` (docs/architecture.md).

pub mod schedule;

use crate::background::{notifications, tray, tray::TrayState};
use crate::error::WireError;
use crate::events::{self, SyncFinished};
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_sync::{Attempt, SyncLog, SyncOptions};
use serde::Serialize;
use tauri::{AppHandle, Manager};

/// What the sync status view shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncStatus {
    pub running: bool,
    /// Unix seconds of the last attempt in which every feed synced.
    #[ts(type = "number | null")]
    pub last_success: Option<i64>,
    pub last_attempt: Option<Attempt>,
    /// Failed attempts since the last success.
    pub failures: u32,
    /// When the background loop syncs next (unix seconds); null while paused, and when the
    /// network's settings are not valid (no sync can run: the window says so above the list).
    #[ts(type = "number | null")]
    pub next_sync: Option<i64>,
    /// Documents in the library now (0: nothing to read until a sync brings some).
    #[ts(type = "number")]
    pub documents: u64,
}

pub fn status(state: &AppState) -> SyncStatus {
    let log = SyncLog::read(&state.dir());
    SyncStatus {
        running: state.sync_running(),
        last_success: log.last_success().map(|a| a.finished_at),
        last_attempt: log.attempts.last().cloned(),
        failures: log.failures(),
        next_sync: state.network().ok().and(state.next_sync()),
        documents: state.with_store(|s| s.document_count()).unwrap_or(0),
    }
}

/// Start a sync in the background and return at once (`busy` if one is running).
pub fn start(app: &AppHandle, allow_mass_delete: bool) -> Result<(), WireError> {
    start_with(app, allow_mass_delete, None)
}

/// Start a sync of the network's feed from a laptop nearby (`from`: its address with the code),
/// as `start` does.
pub fn start_from(app: &AppHandle, from: Option<String>) -> Result<(), WireError> {
    start_with(app, false, from)
}

fn start_with(app: &AppHandle, allow_mass_delete: bool, from: Option<String>) -> Result<(), WireError> {
    let state = app.state::<AppState>();
    // Refuse at once when one is running, so the caller is told `busy` now.
    if state.sync_running() {
        return Err(state.error(ErrorCode::Busy));
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let from_network = from.is_none();
        let ran = run(&app, allow_mass_delete, false, from).await;
        // The background loop plans its next sync from this one. Not from one stopped by the
        // user or a lock (a failure to it, which would bring the next one in a minute), nor from
        // one from a laptop nearby (that laptop's copy, not the network's).
        let stopped = |a: &Attempt| a.sources.iter().any(|s| s.outcome == peerlib_sync::SourceOutcome::Cancelled);
        if let Some(attempt) = ran.ok().filter(|a| from_network && !stopped(a)) {
            crate::background::signal(&app, peerlib_sync::schedule::Signal::Synced(peerlib_sync::schedule::Outcome::of(&attempt)));
        }
    });
    Ok(())
}

/// Run one sync to its end: progress as events, the tray's state, `sync-finished`, and the "new
/// documents" notification. Shared by the window's "Sync now" and the background loop
/// (`background`: feeds whose server asked us to wait are left alone), and by "Get the library
/// from a nearby laptop" (`from`). A sync that cannot start
/// (another is running, the network's settings are unusable) is only said by its error code.
pub async fn run(app: &AppHandle, allow_mass_delete: bool, background: bool, from: Option<String>) -> Result<Attempt, ErrorCode> {
    let state = app.state::<AppState>();
    let network = state.network().map_err(|e| e.code)?;
    // A lock stops the sync (`AppState::lock_then`) as the page reloads onto the prompt: from
    // then on nothing of it goes to the page (its progress and end name feeds), no notification
    // is shown, and no update check follows, which would read the settings as a locked app has
    // them (the defaults: no proxy, checks on).
    let since = state.locks();
    // Read unlocked, before the sync counts as running: a lock after this cancels it.
    let settings = state.settings_to_connect().map_err(|e| e.code)?;
    let cancel = state.begin_sync().map_err(|e| e.code)?;
    let had_synced_before = SyncLog::read(&state.dir()).last_success().is_some();
    tray::set(app, TrayState::Syncing);
    let options = SyncOptions {
        allow_mass_delete,
        background,
        attachment_budget: settings.attachment_budget_bytes(),
        // From a laptop nearby: directly, never through the proxy (run.rs's Route::Direct).
        proxy: if from.is_some() { None } else { settings.proxy.clone() },
        from,
        ..Default::default()
    };
    // The sync runs on threads of its own below the window's (#21 item 5: the commands answer
    // first). Its progress is handed over, the latest only, and sent to the window from here, so
    // that no low-priority thread ever holds the app's event machinery.
    let (progress_tx, mut progress_rx) = tokio::sync::watch::channel::<Option<peerlib_sync::Progress>>(None);
    let on_progress = Box::new(move |p: &peerlib_sync::Progress| {
        progress_tx.send_replace(Some(p.clone()));
    });
    let progress_app = app.clone();
    let forward = tauri::async_runtime::spawn(async move {
        while progress_rx.changed().await.is_ok() {
            let latest = progress_rx.borrow_and_update().clone();
            if let Some(p) = latest {
                if progress_app.state::<AppState>().unlocked_since(since).is_ok() {
                    events::emit(&progress_app, p);
                }
            }
        }
    });
    let result = peerlib_sync::sync_yielding(state.dir().clone(), network, options.clone(), cancel, on_progress).await;
    // The sender went with the sync: the forwarder sends what is left and ends.
    let _ = forward.await;
    state.end_sync();
    if state.unlocked_since(since).is_err() {
        // Stopped by the lock, which is no failure to show.
        tray::set(app, TrayState::Idle);
        return result.map_err(|e| e.code());
    }
    match result {
        Ok(attempt) => {
            tray::set(app, if attempt.ok() { TrayState::Idle } else { TrayState::Error });
            // "N new documents", unless it was the library's first sync, nothing is new, or the
            // user turned notifications off.
            if attempt.added() > 0 && had_synced_before && settings.notifications {
                notifications::new_documents(app, attempt.added());
            }
            events::emit(app, SyncFinished { attempt: Some(attempt.clone()), error: None });
            // A background sync also looks for a newer version of the app (at most daily).
            if background && options.from.is_none() {
                crate::commands::update::check_in_background(app).await;
            }
            Ok(attempt)
        }
        Err(e) => {
            tray::set(app, TrayState::Error);
            events::emit(app, SyncFinished { attempt: None, error: Some(state.error(e.code())) });
            Err(e.code())
        }
    }
}
