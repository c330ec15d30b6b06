//! The settings the window shows and changes (the feeds have their own commands in sync.rs).
//! The settings themselves are `peerlib_store::Settings`, kept in user.db and validated there;
//! the view adds what the window shows beside them.

use crate::background::{self, tray, INTERVAL_ENV};
use crate::error::WireError;
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_store::Settings;
use peerlib_sync::schedule::Signal;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

/// What the Settings view shows: the saved settings and the state around them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SettingsView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub settings: Settings,
    /// Start in the tray at login (the OS's autostart entry, not a row in user.db).
    pub start_at_login: bool,
    /// Where the library is kept (shown, not changed here: use --data-dir or PEERLIB_DATA_DIR).
    pub data_dir: String,
    /// True when PEERLIB_SYNC_INTERVAL overrides the interval.
    pub interval_from_environment: bool,
    /// The interface language in use now (one of `languages`).
    pub language: String,
    pub languages: Vec<String>,
}

#[tauri::command]
pub async fn settings_get(app: AppHandle, state: State<'_, AppState>) -> Result<SettingsView, WireError> {
    Ok(SettingsView {
        settings: state.with_user(|u| u.settings())?,
        start_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        data_dir: state.dir().root().display().to_string(),
        interval_from_environment: std::env::var_os(INTERVAL_ENV).is_some(),
        language: state.l10n().locale().to_string(),
        languages: peerlib_l10n::selectable().iter().map(|s| s.to_string()).collect(),
    })
}

/// Save the settings; the interface language (`language`, one that ships) is switched at once,
/// the loop told of a new interval, and the autostart entry written or removed.
#[tauri::command]
pub async fn settings_set(app: AppHandle, state: State<'_, AppState>, settings: SettingsView) -> Result<(), WireError> {
    if !peerlib_l10n::selectable().contains(&settings.language.as_str()) {
        return Err(state.error(ErrorCode::InvalidArgument));
    }
    let saved = Settings { interface_language: Some(settings.language.clone()), ..settings.settings };
    let before = state.settings();
    state.with_user(|u| u.set_settings(&saved))?;
    if state.l10n().locale() != settings.language {
        state.set_locale(&settings.language);
        tray::relabel(&app);
    } else if before.discreet != saved.discreet || before.panic_erase != saved.panic_erase {
        tray::relabel(&app);
    }
    if std::env::var_os(INTERVAL_ENV).is_none() {
        background::signal(&app, Signal::Interval(Duration::from_secs(u64::from(saved.sync_interval_minutes) * 60)));
    }
    let autostart = app.autolaunch();
    if autostart.is_enabled().unwrap_or(false) != settings.start_at_login {
        let r = if settings.start_at_login { autostart.enable() } else { autostart.disable() };
        r.map_err(|_| state.error(ErrorCode::Disk))?;
    }
    Ok(())
}
