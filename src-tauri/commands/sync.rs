//! Syncing from the window: start one ("Sync now"), stop it, read the sync log, and manage
//! subscriptions. A sync runs on the async runtime, never on the UI's thread; it reports with
//! the `sync-progress` event (phase, documents) and ends with `sync-finished`.

use crate::error::WireError;
use crate::state::AppState;
use peerlib_store::Subscription;
use peerlib_sync::{Attempt, SyncLog, SyncOptions};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

pub const PROGRESS_EVENT: &str = "sync-progress";
pub const FINISHED_EVENT: &str = "sync-finished";

/// How a sync ended, sent as `sync-finished`: the attempt, or why none could be made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncFinished {
    pub attempt: Option<Attempt>,
    pub error: Option<WireErrorView>,
}

/// A wire error inside an event (the same `{code, message}` as a failed command).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WireErrorView {
    pub code: String,
    pub message: String,
}

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
    /// When the background loop syncs next (unix seconds); null while paused.
    #[ts(type = "number | null")]
    pub next_sync: Option<i64>,
    /// Documents in the library now (0: nothing to read until a sync brings some).
    #[ts(type = "number")]
    pub documents: u64,
}

/// Start a sync of every subscription; returns at once (`busy` if one is running).
#[tauri::command]
pub fn sync_now(app: AppHandle, state: State<'_, AppState>, allow_mass_delete: bool) -> Result<(), WireError> {
    start(&app, &state, allow_mass_delete)
}

/// Start a sync in the background and return at once.
pub fn start(app: &AppHandle, state: &AppState, allow_mass_delete: bool) -> Result<(), WireError> {
    // Refuse at once when one is running, so the caller is told `busy` now.
    if state.sync_running() {
        return Err(state.error("busy"));
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let _ = run(&app, allow_mass_delete).await;
    });
    Ok(())
}

/// Run one sync to its end: progress as events, the tray's state, `sync-finished`, and the "new
/// documents" notification. Shared by the window's "Sync now" and the background loop.
pub async fn run(app: &AppHandle, allow_mass_delete: bool) -> Result<Attempt, WireError> {
    let state = app.state::<AppState>();
    let network = state.network()?;
    let cancel = state.begin_sync()?;
    let had_synced_before = SyncLog::read(&state.dir).last_success().is_some();
    crate::background::set_tray(app, crate::background::TrayState::Syncing);
    // The attachment budget (user.db setting, megabytes; none = no limit).
    let budget = state.with_user(|u| u.setting(crate::background::SETTING_BUDGET)).ok().flatten().and_then(|v| v.parse::<u64>().ok());
    let options = SyncOptions { allow_mass_delete, attachment_budget: budget.map(|mb| mb * 1_000_000), ..Default::default() };
    let progress_app = app.clone();
    let on_progress = move |p: &peerlib_sync::Progress| {
        let _ = progress_app.emit(PROGRESS_EVENT, p);
    };
    let result = peerlib_sync::sync(&state.dir, &network, &options, &cancel, &on_progress).await;
    state.end_sync();
    match result {
        Ok(attempt) => {
            crate::background::after_sync(app, &attempt, had_synced_before);
            let _ = app.emit(FINISHED_EVENT, SyncFinished { attempt: Some(attempt.clone()), error: None });
            Ok(attempt)
        }
        Err(e) => {
            crate::background::set_tray(app, crate::background::TrayState::Error);
            let w = state.error(e.code());
            let view = WireErrorView { code: w.code.to_string(), message: w.message.clone() };
            let _ = app.emit(FINISHED_EVENT, SyncFinished { attempt: None, error: Some(view) });
            Err(w)
        }
    }
}

/// The notifications this run of the app has asked the OS to show (newest last).
#[tauri::command]
pub fn notifications_list(state: State<'_, AppState>) -> Vec<String> {
    state.notifications()
}

#[tauri::command]
pub fn sync_cancel(state: State<'_, AppState>) -> bool {
    state.cancel_sync()
}

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> SyncStatus {
    status(&state)
}

pub fn status(state: &AppState) -> SyncStatus {
    let log = SyncLog::read(&state.dir);
    SyncStatus {
        running: state.sync_running(),
        last_success: log.last_success().map(|a| a.finished_at),
        last_attempt: log.attempts.last().cloned(),
        failures: log.failures(),
        next_sync: state.next_sync(),
        documents: state.with_store(|s| s.document_count()).unwrap_or(0),
    }
}

#[tauri::command]
pub fn feeds_list(state: State<'_, AppState>) -> Result<Vec<Subscription>, WireError> {
    state.with_store(|s| s.subscriptions())
}

/// Follow a feed (`public_key` for a signed library); false when already followed.
#[tauri::command]
pub fn feed_add(state: State<'_, AppState>, url: String, public_key: Option<String>) -> Result<bool, WireError> {
    state.with_sync_store(|s| peerlib_sync::add_feed_to(s, &url, public_key.as_deref()))
}

/// Stop following a feed: the number of documents that left the library.
#[tauri::command]
pub fn feed_remove(state: State<'_, AppState>, url: String) -> Result<u64, WireError> {
    state.with_sync_store(|s| peerlib_sync::remove_feed_from(s, &url))
}
