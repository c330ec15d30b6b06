//! The user's own data about documents: bookmark, private note, read state and collections.
//! Stored in user.db only; it leaves the laptop only when the user takes it to another one
//! ("Take my data with me", #18: `personal_export` and `personal_import`), sealed with a
//! passphrase.

use crate::commands::share::{choose, FileKind};
use crate::error::WireError;
use crate::state::{unix_now as now, AppState};
use peerlib_code::ErrorCode;
use peerlib_store::personal::PersonalImported;
use peerlib_store::{Collection, LibraryEntry, StoreError};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use zeroize::Zeroizing;

/// What the user has said about one document.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Personal {
    pub bookmarked: bool,
    pub note: Option<String>,
    pub read: bool,
    /// The collections this document is in.
    #[ts(type = "Array<number>")]
    pub collections: Vec<i64>,
}

#[tauri::command]
pub async fn personal_get(state: State<'_, AppState>, id: String) -> Result<Personal, WireError> {
    state.with_user(|u| {
        Ok(Personal {
            bookmarked: u.is_bookmarked(&id)?,
            note: u.note(&id)?,
            read: u.is_read(&id)?,
            collections: u.collections()?.into_iter().filter(|c| c.documents.contains(&id)).map(|c| c.id).collect(),
        })
    })
}

/// Mark a document read (the reader does when it opens one) or unread again.
#[tauri::command]
pub async fn read_set(state: State<'_, AppState>, id: String, read: bool) -> Result<(), WireError> {
    state.with_user(|u| u.set_read(&id, read, now()))
}

#[tauri::command]
pub async fn collections_list(state: State<'_, AppState>) -> Result<Vec<Collection>, WireError> {
    state.with_user(|u| u.collections())
}

/// A new, empty collection; returns its id. A name of only spaces is refused.
#[tauri::command]
pub async fn collection_create(state: State<'_, AppState>, name: String) -> Result<i64, WireError> {
    state.with_user(|u| u.create_collection(&name, now()))
}

#[tauri::command]
pub async fn collection_rename(state: State<'_, AppState>, id: i64, name: String) -> Result<(), WireError> {
    state.with_user(|u| u.rename_collection(id, &name))
}

/// Delete a collection (its documents stay in the library).
#[tauri::command]
pub async fn collection_delete(state: State<'_, AppState>, id: i64) -> Result<(), WireError> {
    state.with_user(|u| u.delete_collection(id))
}

/// Put a document in a collection (`on`) or take it out.
#[tauri::command]
pub async fn collection_item_set(state: State<'_, AppState>, id: i64, document: String, on: bool) -> Result<(), WireError> {
    state.with_user(|u| if on { u.add_to_collection(id, &document) } else { u.remove_from_collection(id, &document) })
}

/// Put a collection's documents in this order.
#[tauri::command]
pub async fn collection_reorder(state: State<'_, AppState>, id: i64, order: Vec<String>) -> Result<(), WireError> {
    state.with_user(|u| u.reorder_collection(id, &order))
}

/// A collection's documents, in the user's order, as library lines.
#[tauri::command]
pub async fn collection_entries(state: State<'_, AppState>, id: i64) -> Result<Vec<LibraryEntry>, WireError> {
    let (collection, marks) = state.with_user(|u| {
        let c = u.collections()?.into_iter().find(|c| c.id == id).ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        Ok((c, u.marks()?))
    })?;
    state.with_store(|s| s.entries_for(&collection.documents, &marks))
}

#[tauri::command]
pub async fn bookmark_set(state: State<'_, AppState>, id: String, on: bool) -> Result<(), WireError> {
    state.with_user(|u| u.set_bookmark(&id, on, now()))
}

#[tauri::command]
pub async fn note_set(state: State<'_, AppState>, id: String, text: String) -> Result<(), WireError> {
    state.with_user(|u| u.set_note(&id, &text, now()))
}

/// Seal the personal data with `passphrase` and save it where the user chooses: the path, or
/// None when the dialog was cancelled. The sealing (Argon2id, about half a second) runs off the
/// runtime and outside user.db's lock.
#[tauri::command]
pub async fn personal_export(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Result<Option<String>, WireError> {
    let pass = Zeroizing::new(passphrase);
    if pass.chars().count() < peerlib_store::sealed::MIN_PASSPHRASE {
        return Err(state.error(ErrorCode::ShortPassphrase));
    }
    let data = state.with_user(|u| u.personal())?;
    let name = format!("peer-library-personal-{}.peerlib-personal", chrono::Utc::now().format("%Y-%m-%d"));
    let chooser = app.clone();
    let Some(target) = tauri::async_runtime::spawn_blocking(move || choose(&chooser, Some(&name), FileKind::Personal)).await.map_err(|_| state.error(ErrorCode::Internal))? else {
        return Ok(None);
    };
    let written = target.clone();
    tauri::async_runtime::spawn_blocking(move || -> Result<(), ErrorCode> {
        let json = Zeroizing::new(serde_json::to_vec(&data).map_err(|_| ErrorCode::Internal)?);
        let sealed = peerlib_store::sealed::seal(&pass, &json).map_err(|_| ErrorCode::ShortPassphrase)?;
        peerlib_sync::bundle::write_atomically(&written, |f| std::io::Write::write_all(f, &sealed)).map_err(|_| ErrorCode::Disk)
    })
    .await
    .map_err(|_| state.error(ErrorCode::Internal))?
    .map_err(|code| state.error(code))?;
    Ok(Some(target.display().to_string()))
}

/// Choose a personal-data file, open it with `passphrase` and merge it into this laptop's
/// (nothing here is lost: peerlib_store::personal). None when the dialog was cancelled.
#[tauri::command]
pub async fn personal_import(app: AppHandle, state: State<'_, AppState>, passphrase: String) -> Result<Option<PersonalImported>, WireError> {
    let pass = Zeroizing::new(passphrase);
    let chooser = app.clone();
    let Some(path) = tauri::async_runtime::spawn_blocking(move || choose(&chooser, None, FileKind::Personal)).await.map_err(|_| state.error(ErrorCode::Internal))? else {
        return Ok(None);
    };
    let opened = tauri::async_runtime::spawn_blocking(move || {
        let bytes = peerlib_store::personal::read_file(&path).map_err(|e| e.code())?;
        peerlib_store::personal::open(&pass, &bytes).map_err(|e| e.code())
    })
    .await
    .map_err(|_| state.error(ErrorCode::Internal))?
    .map_err(|code| state.error(code))?;
    let before = state.settings();
    let got = state.with_user(|u| u.import_personal(&opened, now()))?;
    // Settings that arrived take effect as if chosen in Settings: the language, discreet mode's
    // name and icon, the interval of the background sync.
    let after = state.settings();
    if let Some(tag) = after.interface_language.as_deref().filter(|t| before.interface_language.as_deref() != Some(*t)) {
        state.set_locale(tag);
    }
    crate::background::tray::relabel(&app);
    if after.sync_interval_minutes != before.sync_interval_minutes && std::env::var_os(crate::background::INTERVAL_ENV).is_none() {
        crate::background::signal(&app, peerlib_sync::schedule::Signal::Interval(std::time::Duration::from_secs(u64::from(after.sync_interval_minutes) * 60)));
    }
    Ok(Some(got))
}

/// Whether a panic erase's countdown is under way: asked from the tray ("Erase my personal
/// data…", which also sends `show-view erase`) or opened in the window, and neither cancelled
/// nor done since. A page asks (`set` None) once it listens and shows the countdown when it is:
/// a page reloading onto the unlock prompt (as a lock does) listens only a moment after it is
/// drawn, and the app's own lock (the tray's or the header's "Lock", Ctrl+L, `peerlib lock`)
/// landing during a countdown reloads the page under it; either way the countdown starts again
/// on the prompt rather than being lost. The countdown says when it opens (`set` true, with
/// `since`, when it was opened by the page's clock) and when it is cancelled (false);
/// `erase_now` clears it too, and so does a lock the desktop makes (session_watch.rs: its Cancel
/// could not be reached). A countdown opened before the desktop's last lock is not marked, even
/// if it says so only after the lock. Returns what it was before.
#[tauri::command]
pub async fn erase_asked(state: State<'_, AppState>, set: Option<bool>, since: Option<u64>) -> Result<bool, WireError> {
    use std::sync::atomic::Ordering::SeqCst;
    Ok(match set {
        Some(true) if since.is_some_and(|s| state.opened_before_desktop_lock(s)) => state.erase_asked.load(SeqCst),
        Some(under_way) => state.erase_asked.swap(under_way, SeqCst),
        None => state.erase_asked.load(SeqCst),
    })
}

/// Panic erase (#18): the window counted down five seconds that the user could cancel; now
/// `what` is erased and the app goes on as on a first run (the window reloads). Refused
/// (`cancelled`) when the countdown is no longer under way (cancelled, or a lock the desktop
/// made since it opened at `since`): its Cancel could not be reached behind the lock screen.
#[tauri::command]
pub async fn erase_now(app: AppHandle, state: State<'_, AppState>, what: peerlib_store::erase::Erase, since: u64) -> Result<(), WireError> {
    use std::sync::atomic::Ordering::SeqCst;
    // The countdown ended: a page mounted after this (the window reloads) shows none.
    let under_way = state.erase_asked.swap(false, SeqCst);
    if !under_way || state.opened_before_desktop_lock(since) {
        return Err(state.error(ErrorCode::Cancelled));
    }
    let handle = app.clone();
    let erased = tauri::async_runtime::spawn_blocking(move || handle.state::<AppState>().erase(what, now())).await.map_err(|_| state.error(ErrorCode::Internal))?;
    // Also after a failure: the app goes on with new stores and unlocked (state.rs), and the
    // tray must not go on offering Lock and Erase from before.
    crate::background::tray::relabel(&app);
    erased
}
