//! Updates of the app itself (#19): the version and "Check for updates" in Settings, an update
//! found by the background sync at most once a day ("Version X is ready to install", with its
//! notes in the interface language), installed on the user's click and the app restarted, from
//! the network's host or from an update file on a USB stick. peerlib-sync's update.rs checks the
//! signature, the version and the package before anything reaches the system's installer.

use crate::commands::share::{choose, FileKind};
use crate::error::WireError;
use crate::events::{self, Event, EventName};
use crate::state::{unix_now, AppState};
use peerlib_code::ErrorCode;
use peerlib_sync::update::{self, Offer};
use peerlib_sync::Cancel;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

/// The version and what is waiting to be installed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UpdateStatus {
    /// The version running.
    pub version: String,
    /// A verified newer version waiting in the data folder.
    pub ready: Option<UpdateReady>,
    /// Whether this copy can install updates (it was installed from a package).
    pub can_install: bool,
    /// Whether an update is finished by the person rather than installed for them (macOS: the
    /// disk image opens in the Finder, to drag the app into Applications).
    pub by_hand: bool,
}

/// A newer version, verified and downloaded, sent as `update-ready` when the background finds it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UpdateReady {
    pub version: String,
    /// YYYY-MM-DD.
    pub released: String,
    /// The release notes in the interface language (English when there are none in it).
    pub notes: String,
}

impl Event for UpdateReady {
    const NAME: EventName = EventName::UpdateReady;
}

fn ready_of(offer: &Offer, locale: &str) -> UpdateReady {
    UpdateReady { version: offer.version.clone(), released: offer.released.clone(), notes: offer.notes_in(locale) }
}

/// The installed version and the update waiting, if any. Checking the waiting package reads and
/// hashes all of it (tens of megabytes), so it runs on a blocking thread, never the async runtime.
async fn status(state: &AppState) -> Result<UpdateStatus, WireError> {
    let platform = update::platform();
    let dir = state.dir().root().to_path_buf();
    let wanted = platform.clone();
    let ready = tauri::async_runtime::spawn_blocking(move || wanted.as_deref().and_then(|p| update::ready(&dir, &update::release_keys(), update::installed_version(), p)))
        .await
        .map_err(|_| state.error(ErrorCode::Internal))?;
    let by_hand = platform.as_deref().is_some_and(update::finished_by_hand);
    Ok(UpdateStatus { version: update::installed_version().to_string(), ready: ready.map(|(o, _)| ready_of(&o, state.l10n().locale())), can_install: platform.is_some(), by_hand })
}

#[tauri::command]
pub async fn update_status(state: State<'_, AppState>) -> Result<UpdateStatus, WireError> {
    status(&state).await
}

/// The update folder's turn ([`update::Turn`]), waited for off the async threads.
async fn turn(state: &AppState) -> Result<update::Turn, ErrorCode> {
    let dir = state.dir().root().to_path_buf();
    tauri::async_runtime::spawn_blocking(move || update::Turn::take(&dir)).await.map_err(|_| ErrorCode::Internal)?.map_err(|_| ErrorCode::Disk)
}

/// Ask the network's host now and download a newer version if there is one. `wait`: for the
/// update folder's turn when another holds it (a click), else nothing more is done (the daily
/// check, run by the sync loop, which must not wait on an install's password prompt).
async fn check_now(state: &AppState, wait: bool) -> Result<Option<Offer>, ErrorCode> {
    let platform = update::platform().ok_or(ErrorCode::UpdateNotInstalled)?;
    let network = state.network().map_err(|e| e.code)?;
    let proxy = state.settings_to_connect().map_err(|e| e.code)?.proxy;
    let http = update::http_for(&network.feed_url, proxy.as_deref()).map_err(|e| e.code())?;
    let cancel = Cancel::new();
    let _ = update::set_last_check(state.dir().root(), unix_now());
    let offer = update::check(&http, &network.feed_url, &update::release_keys(), update::installed_version(), &platform, &cancel).await.map_err(|e| e.code())?;
    // One download at a time (a click on "Check for updates" during the daily check waits for
    // it, then finds the package there and checked).
    let _turn = match offer {
        Some(_) if wait => Some(turn(state).await?),
        Some(_) => match update::Turn::try_take(state.dir().root()) {
            Ok(Some(t)) => Some(t),
            _ => return Ok(None),
        },
        None => None,
    };
    match offer {
        // A newer version already waits (from a USB stick): the host's older one is not taken.
        Some(offer) if update::superseded(state.dir().root(), &offer, &update::release_keys(), update::installed_version(), &platform).is_some() => Ok(None),
        Some(offer) => {
            update::download(&http, &network.feed_url, &offer, state.dir().root(), &cancel).await.map_err(|e| e.code())?;
            Ok(Some(offer))
        }
        None => Ok(None),
    }
}

/// "Check for updates": asked by the user, so even when the daily check is off or done.
#[tauri::command]
pub async fn update_check(state: State<'_, AppState>) -> Result<UpdateStatus, WireError> {
    check_now(&state, true).await.map_err(|c| state.error(c))?;
    status(&state).await
}

/// After a background sync: at most once a day, never when the user turned it off, never from a
/// nearby laptop or in a copy that cannot install. A failure is silent (the next day tries
/// again); a newer version is announced to the window.
pub async fn check_in_background(app: &AppHandle) {
    let state = app.state::<AppState>();
    let Ok(settings) = state.settings_to_connect() else { return };
    if !settings.check_updates || update::platform().is_none() || !update::check_due(state.dir().root(), unix_now()) {
        return;
    }
    if let Ok(Some(offer)) = check_now(&state, false).await {
        let ready = ready_of(&offer, state.l10n().locale());
        events::emit(app, ready);
    }
}

/// "Install an update from a file…": the file the user opened (`path`: double-clicked, or dropped
/// on the window), else one chosen in the system's dialog; checked exactly as a download.
#[tauri::command]
pub async fn update_from_file(app: AppHandle, state: State<'_, AppState>, path: Option<String>) -> Result<UpdateStatus, WireError> {
    let platform = update::platform().ok_or_else(|| state.error(ErrorCode::UpdateNotInstalled))?;
    let chooser = app.clone();
    let path = match path {
        Some(p) => std::path::PathBuf::from(p),
        None => match tauri::async_runtime::spawn_blocking(move || choose(&chooser, None, FileKind::Update)).await.map_err(|_| state.error(ErrorCode::Internal))? {
            Some(p) => p,
            None => return status(&state).await,
        },
    };
    let dir = state.dir().root().to_path_buf();
    let _turn = turn(&state).await.map_err(|c| state.error(c))?;
    tauri::async_runtime::spawn_blocking(move || update::open_file(&path, &dir, &update::release_keys(), update::installed_version(), &platform))
        .await
        .map_err(|_| state.error(ErrorCode::Internal))?
        .map_err(|e| state.error(e.code()))?;
    status(&state).await
}

/// Install the waiting version (checked once more), then restart into it. The library, notes and
/// settings are in the data folder, which no installer touches. True when the person finishes it
/// (`finished_by_hand`, macOS): the disk image is open in the Finder, and neither removed nor the
/// app restarted, since the new version is not in place until they have dragged it there; once
/// it runs, the waiting package is cleared as not newer.
#[tauri::command]
pub async fn update_install(app: AppHandle, state: State<'_, AppState>) -> Result<bool, WireError> {
    let platform = update::platform().ok_or_else(|| state.error(ErrorCode::UpdateNotInstalled))?;
    let dir = state.dir().root().to_path_buf();
    let installer = platform.clone();
    let by_hand = update::finished_by_hand(&platform);
    // Until installed and cleared: no download or file replaces the package meanwhile.
    let _turn = turn(&state).await.map_err(|c| state.error(c))?;
    let ready = tauri::async_runtime::spawn_blocking(move || update::ready(&dir, &update::release_keys(), update::installed_version(), &installer)).await.map_err(|_| state.error(ErrorCode::Internal))?;
    let (offer, package) = ready.ok_or_else(|| state.error(ErrorCode::UpdateDamaged))?;
    tauri::async_runtime::spawn_blocking(move || update::install(&package, &platform, &offer.package))
        .await
        .map_err(|_| state.error(ErrorCode::Internal))?
        .map_err(|e| state.error(e.code()))?;
    if by_hand {
        return Ok(true);
    }
    update::clear(state.dir().root());
    // The installer has put the new version in place; the running one makes way for it.
    crate::background::restart(&app);
    Ok(false)
}
