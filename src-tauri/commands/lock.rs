//! Encrypted personal data in the window (#18 items 1-3): whether it is encrypted and locked,
//! unlocking it, locking it now, and turning encryption on or off or changing its passphrase
//! from Settings. The passphrase crosses IPC once, is kept in a wiped string here and in the
//! store's keyring only (never in a setting, a log or the window's state after the call).

use crate::error::WireError;
use crate::state::AppState;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use zeroize::Zeroizing;

/// The commands answered while the personal data is locked: the unlock prompt's, the panic
/// erase ("Forgot the passphrase?" offers it), and quitting. lib.rs refuses every other one.
pub const ANSWERED_LOCKED: &[&str] = &["lock_status", "unlock", "lock_now", "erase_now", "erase_asked", "app_info", "app_quit"];

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LockStatus {
    /// The personal data is encrypted on disk.
    pub encrypted: bool,
    /// ...and waits for its passphrase: the window shows only the unlock prompt.
    pub locked: bool,
    /// The library (content.db) is encrypted too.
    pub library: bool,
    /// While encrypted: the seconds the next passphrase waits before it is tried, after wrong ones
    /// (`AppState::unlock_wait`): the unlock prompt's, or Settings' check of the current one.
    /// Both say so, rather than seem stuck.
    pub wait_seconds: u32,
    /// While locked: a change of passphrase was finished as the app locked (the window left
    /// Settings before it could say so): the new passphrase opens the data.
    pub passphrase_changed: bool,
    /// Unlocked: the last lock came while the personal data was being rewritten and gave way
    /// once it was plain (a decryption, or an encryption that failed). The prompt it showed says
    /// so, and opens the library only when asked: someone who saw "Locked" and walked away does
    /// not leave the library on screen.
    pub nothing_locked: Option<crate::state::NothingLocked>,
}

fn status(state: &AppState) -> LockStatus {
    let locked = state.is_locked();
    let wait_seconds = if state.is_encrypted() { state.unlock_wait().as_secs() as u32 } else { 0 };
    LockStatus { encrypted: state.is_encrypted(), locked, library: state.is_library_encrypted(), wait_seconds, passphrase_changed: state.changed_as_locked(), nothing_locked: state.nothing_locked() }
}

/// The work off the async runtime (Argon2id takes a moment; a wrong passphrase waits longer).
async fn blocking<T: Send + 'static>(app: &AppHandle, f: impl FnOnce(&AppState) -> Result<T, WireError> + Send + 'static) -> Result<T, WireError> {
    let handle = app.clone();
    let out = tauri::async_runtime::spawn_blocking(move || f(&handle.state::<AppState>())).await;
    out.unwrap_or_else(|_| Err(app.state::<AppState>().error(peerlib_code::ErrorCode::Internal)))
}

/// Milliseconds since the desktop's last keyboard or pointer input, where the OS says
/// (background/idle.rs), for the window's idle lock; null where it does not.
#[tauri::command]
pub async fn idle_time() -> Result<Option<u64>, WireError> {
    Ok(crate::background::idle::system_idle().await.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
}

#[tauri::command]
pub async fn lock_status(state: State<'_, AppState>) -> Result<LockStatus, WireError> {
    let status = status(&state);
    // The unlock prompt asks as it mounts: a lock before sleep waits for that.
    if status.locked {
        state.prompt_shown.notify_waiters();
    }
    Ok(status)
}

/// Unlock with the passphrase; the tray and the window title name the app again (unless in
/// discreet mode).
#[tauri::command]
pub async fn unlock(app: AppHandle, passphrase: String) -> Result<LockStatus, WireError> {
    let pass = Zeroizing::new(passphrase);
    blocking(&app, move |s| s.unlock(&pass)).await?;
    // The interface language saved in Settings could not be read while locked.
    app.state::<AppState>().apply_saved_language();
    crate::background::tray::relabel(&app);
    Ok(status(&app.state::<AppState>()))
}

/// "Open the library" on the prompt of a lock that gave way (`LockStatus::nothing_locked`): until
/// then the tray, the window's title and notifications stay neutral as while locked
/// (`AppState::discreet`), so that neither the tray and title (the app's name) nor a notification
/// (new documents' titles) speaks to whoever passes while the prompt says that nothing was locked.
#[tauri::command]
pub async fn nothing_locked_seen(app: AppHandle) -> Result<(), WireError> {
    app.state::<AppState>().nothing_locked_seen();
    crate::background::tray::relabel(&app);
    Ok(())
}

/// "Lock now" (the window's button and shortcut; the tray's item calls `lock_app`).
#[tauri::command]
pub async fn lock_now(app: AppHandle) -> Result<LockStatus, WireError> {
    let handle = app.clone();
    // A lock that failed is said: the window stays unlocked and shows the error.
    blocking(&app, move |_| lock_app(&handle)).await?;
    Ok(status(&app.state::<AppState>()))
}

/// Lock, and show it as soon as it counts: the window switches to the unlock prompt and the tray
/// and title go neutral before the sync has stopped and the files closed (`AppState::lock_then`).
/// A lock that failed (an in-memory SQLite that could not open) did nothing: the app stays
/// unlocked, and the error is returned. Told whenever it is locked now, also when it already was.
pub fn lock_app(app: &AppHandle) -> Result<(), WireError> {
    let state = app.state::<AppState>();
    let show = || {
        crate::events::emit(app, crate::events::ShowView::Locked);
        crate::background::tray::relabel(app);
    };
    let mut shown = false;
    let locked = state.lock_then(|| {
        show();
        shown = true;
    });
    if state.is_locked() {
        if shown {
            // The sync it waited for has stopped: the tray's icon says so.
            crate::background::tray::relabel(app);
            // A change of passphrase it waited for was finished: the prompt, shown before, asks
            // again and says that the new passphrase opens.
            if state.changed_as_locked() {
                crate::events::emit(app, crate::events::ShowView::Locked);
            }
        } else {
            show();
        }
    } else if shown {
        // The data was decrypted as the lock came: nothing is locked, the prompt goes.
        crate::events::emit(app, crate::events::ShowView::Unlocked);
        crate::background::tray::relabel(app);
    }
    locked
}

/// Encrypt the personal data (`current` None, `new` the passphrase), change its passphrase (both),
/// or decrypt it (`new` None). The window says before that a forgotten passphrase cannot be
/// recovered.
#[tauri::command]
pub async fn encryption_set(app: AppHandle, current: Option<String>, new: Option<String>) -> Result<LockStatus, WireError> {
    let (current, new) = (current.map(Zeroizing::new), new.map(Zeroizing::new));
    let encrypting = current.is_none();
    let done = blocking(&app, move |s| s.set_encryption(current.as_deref().map(|c| c.as_str()), new.as_deref().map(|n| n.as_str()))).await;
    crate::background::tray::relabel(&app);
    // A failure that left no passphrase opening the data locks the app, and so does an
    // encryption that a lock was asked for before it began (`set_encryption`): the window shows
    // it. (A lock that came during the rewrite shows itself, or gives way again: `lock_app`.)
    if (done.is_err() || encrypting) && app.state::<AppState>().is_locked() {
        crate::events::emit(&app, crate::events::ShowView::Locked);
    }
    done?;
    Ok(status(&app.state::<AppState>()))
}

/// Encrypt the library too (`on`), or make it plain again; the personal data must be encrypted
/// and unlocked (its passphrase keeps the library's key).
#[tauri::command]
pub async fn library_encryption_set(app: AppHandle, on: bool) -> Result<LockStatus, WireError> {
    blocking(&app, move |s| s.set_library_encryption(on)).await?;
    Ok(status(&app.state::<AppState>()))
}
