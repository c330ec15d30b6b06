use crate::error::WireError;
use crate::state::{AppState, Recovery};
use serde::Serialize;
use tauri::State;

/// What the UI needs to know about the app at start.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    /// The negotiated interface language (one of `available`).
    pub locale: String,
    pub available: Vec<String>,
    pub version: String,
    /// Damaged files found and set aside when the app opened.
    pub recovery: Recovery,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, WireError> {
    Ok(AppInfo {
        locale: state.l10n().locale().to_string(),
        available: peerlib_l10n::selectable().iter().map(|s| s.to_string()).collect(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        recovery: state.recovery_to_say(),
    })
}

/// Quit the app (as the tray's Quit does): stop background sync within a bounded time, then exit.
/// Closing the window only hides it while "keep syncing in the background" is on.
#[tauri::command]
pub async fn app_quit(app: tauri::AppHandle) -> Result<(), WireError> {
    crate::background::quit(&app);
    Ok(())
}
