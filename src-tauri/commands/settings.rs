//! The settings the window shows and changes (the feeds have their own commands in sync.rs).
//! Everything is kept in user.db, which nothing automatic deletes.

use crate::background::{Background, SETTING_BUDGET, SETTING_INTERVAL, SETTING_KEEP, SETTING_LANGUAGE, SETTING_NOTIFY};
use crate::error::WireError;
use crate::scheduler::Signal;
use crate::state::{AppState, SETTING_CONTENT_LANGUAGES};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_autostart::ManagerExt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Settings {
    /// Minutes between background syncs.
    pub sync_interval_minutes: u32,
    /// Most megabytes of attachments to keep; null = no limit.
    pub attachment_budget_mb: Option<u32>,
    /// "N new documents" notifications.
    pub notifications: bool,
    /// Closing the window keeps syncing from the tray.
    pub keep_in_background: bool,
    /// Start in the tray at login.
    pub start_at_login: bool,
    /// Where the library is kept (shown, not changed here: use --data-dir or PEERLIB_DATA_DIR).
    pub data_dir: String,
    /// True when PEERLIB_SYNC_INTERVAL overrides the interval.
    pub interval_from_environment: bool,
    /// The interface language (one of `languages`); changing it relabels everything at once.
    pub language: String,
    pub languages: Vec<String>,
    /// Document languages, most preferred first, for choosing which translation to show; empty
    /// means the interface language, then English.
    pub content_languages: Vec<String>,
}

fn on(v: Option<String>) -> bool {
    v.as_deref() != Some("off")
}

/// A BCP 47 tag as documents carry them ("ru", "pt-BR"): letters, digits and hyphens.
fn is_language_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 35 && s.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[tauri::command]
pub fn settings_get(app: AppHandle, state: State<'_, AppState>) -> Result<Settings, WireError> {
    let get = |k: &str| state.with_user(|u| u.setting(k));
    Ok(Settings {
        sync_interval_minutes: get(SETTING_INTERVAL)?.and_then(|v| v.parse().ok()).filter(|m| *m > 0).unwrap_or(30),
        attachment_budget_mb: get(SETTING_BUDGET)?.and_then(|v| v.parse().ok()),
        notifications: on(get(SETTING_NOTIFY)?),
        keep_in_background: on(get(SETTING_KEEP)?),
        start_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        data_dir: state.dir.root().display().to_string(),
        interval_from_environment: std::env::var_os(crate::background::INTERVAL_ENV).is_some(),
        language: state.l10n().locale().to_string(),
        languages: peerlib_l10n::selectable().iter().map(|s| s.to_string()).collect(),
        content_languages: state.chosen_content_languages(),
    })
}

#[tauri::command]
pub fn settings_set(app: AppHandle, state: State<'_, AppState>, settings: Settings) -> Result<(), WireError> {
    let known_language = peerlib_l10n::selectable().contains(&settings.language.as_str());
    let content_ok = settings.content_languages.len() <= 20 && settings.content_languages.iter().all(|l| is_language_tag(l));
    if !(5..=24 * 60).contains(&settings.sync_interval_minutes) || settings.attachment_budget_mb == Some(0) || !known_language || !content_ok {
        return Err(state.error("invalid-argument"));
    }
    let flag = |b: bool| if b { "on" } else { "off" };
    state.with_user(|u| {
        u.set_setting(SETTING_INTERVAL, &settings.sync_interval_minutes.to_string())?;
        match settings.attachment_budget_mb {
            Some(mb) => u.set_setting(SETTING_BUDGET, &mb.to_string())?,
            None => u.set_setting(SETTING_BUDGET, "")?,
        }
        u.set_setting(SETTING_NOTIFY, flag(settings.notifications))?;
        u.set_setting(SETTING_KEEP, flag(settings.keep_in_background))?;
        u.set_setting(SETTING_CONTENT_LANGUAGES, &settings.content_languages.join(","))?;
        u.set_setting(SETTING_LANGUAGE, &settings.language)
    })?;
    if state.l10n().locale() != settings.language {
        state.set_locale(&settings.language);
        crate::background::relabel(&app);
    }
    if std::env::var_os(crate::background::INTERVAL_ENV).is_none() {
        if let Some(bg) = app.try_state::<Background>() {
            bg.signal(Signal::Interval(Duration::from_secs(u64::from(settings.sync_interval_minutes) * 60)));
        }
    }
    let autostart = app.autolaunch();
    if autostart.is_enabled().unwrap_or(false) != settings.start_at_login {
        let r = if settings.start_at_login { autostart.enable() } else { autostart.disable() };
        r.map_err(|_| state.error("disk"))?;
    }
    Ok(())
}
