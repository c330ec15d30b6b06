//! Syncing from the window: start one ("Sync now"), stop it, read the sync log, and manage
//! subscriptions. A sync runs on the async runtime (session/), never on the UI's thread; it
//! reports with the `sync-progress` event and ends with `sync-finished` (events.rs).

use crate::error::WireError;
use crate::session::{self, SyncStatus};
use crate::state::AppState;
use peerlib_store::Subscription;
use tauri::{AppHandle, State};

/// Start a sync of every subscription; returns at once (`busy` if one is running).
#[tauri::command]
pub async fn sync_now(app: AppHandle, allow_mass_delete: bool) -> Result<(), WireError> {
    session::start(&app, allow_mass_delete)
}

#[tauri::command]
pub async fn sync_cancel(state: State<'_, AppState>) -> Result<bool, WireError> {
    Ok(state.cancel_sync())
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, WireError> {
    Ok(session::status(&state))
}

/// The notifications this run of the app has asked the OS to show (newest last).
#[tauri::command]
pub async fn notifications_list(state: State<'_, AppState>) -> Result<Vec<String>, WireError> {
    Ok(state.notifications())
}

#[tauri::command]
pub async fn feeds_list(state: State<'_, AppState>) -> Result<Vec<Subscription>, WireError> {
    state.with_store(|s| s.subscriptions())
}

/// Follow a feed (`public_key` for a signed library); false when already followed.
#[tauri::command]
pub async fn feed_add(state: State<'_, AppState>, url: String, public_key: Option<String>) -> Result<bool, WireError> {
    state.with_library(|s, u| peerlib_sync::add_feed_to(s, u, &url, public_key.as_deref()))
}

/// Stop following a feed: the number of documents that left the library.
#[tauri::command]
pub async fn feed_remove(state: State<'_, AppState>, url: String) -> Result<u64, WireError> {
    state.with_library(|s, u| peerlib_sync::remove_feed_from(s, u, &url))
}
