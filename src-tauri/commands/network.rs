//! Which network this laptop follows, and joining another from an invitation (#19 item 6): a
//! `.peerlib-network` file (chosen, or dropped on the window) or its text or https link pasted in
//! Settings. An invitation is checked as strictly as network.toml and shown (name, feed address,
//! key ids) before the user joins; joining writes it to the data folder and restarts the app,
//! which then follows that network (the old network's documents leave the library; notes stay).

use crate::commands::share::{choose, FileKind};
use crate::error::WireError;
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_feed::network::{Network, NetworkSource, INVITATION_EXTENSION};
use peerlib_sync::Cancel;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

/// A network as the window shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NetworkInfo {
    pub name: String,
    pub feed_url: String,
    /// The ids of the keys that may sign its feed.
    pub keys: Vec<String>,
    /// Who named it: "environment", "joined", "system" (the machine's administrator), "shipped"
    /// (built in); "invitation" for one not joined yet.
    pub source: String,
}

/// An invitation, checked: what it names and its text, to be given back to `network_join`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Invitation {
    pub network: NetworkInfo,
    pub text: String,
}

fn info(n: &Network, source: &str) -> NetworkInfo {
    NetworkInfo { name: n.name.clone(), feed_url: n.feed_url.clone(), keys: n.keys.iter().map(|k| k.id().to_string()).collect(), source: source.to_string() }
}

/// The network section of Settings: what this run follows, what the files say now when that
/// differs, and whether a joined network can be left, also one whose file no longer reads.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NetworkShown {
    /// The network this run follows; None when its settings were not valid as the app started.
    pub running: Option<NetworkInfo>,
    /// What the settings say now, when that is not what this run follows (joined or left with
    /// `peerlib network`, or set by the administrator, since the app started): followed from the
    /// next start.
    pub next: Option<NetworkInfo>,
    /// Where the settings that are not valid now are ("environment", "joined", "system",
    /// "shipped"); None when they are valid.
    pub invalid: Option<String>,
    /// A network joined from an invitation is there to leave, its file valid or not.
    pub can_leave: bool,
}

#[tauri::command]
pub async fn network_get(state: State<'_, AppState>) -> Result<NetworkShown, WireError> {
    shown(&state).await
}

/// What the network section shows: the network this run follows, and the files read now.
async fn shown(state: &AppState) -> Result<NetworkShown, WireError> {
    let root = state.dir().root().to_path_buf();
    let (running, running_source) = state.network_followed();
    let (source, now) = tauri::async_runtime::spawn_blocking({
        let root = root.clone();
        move || Network::followed_in(&root)
    })
    .await
    .map_err(|_| state.error(ErrorCode::Internal))?;
    let next = match (&now, &running) {
        (Ok(n), Some(r)) if n.same_as(r) && source == running_source => None,
        (Ok(n), _) => Some(info(n, source.as_str())),
        (Err(_), _) => None,
    };
    Ok(NetworkShown {
        running: running.map(|n| info(&n, running_source.as_str())),
        next,
        invalid: now.is_err().then(|| source.as_str().to_string()),
        can_leave: Network::can_leave(&root),
    })
}

/// Restart the app, to follow the network the settings name now (`NetworkShown::next`); refused
/// when that is the one followed already, so a page cannot restart the app at will.
#[tauri::command]
pub async fn network_restart(app: AppHandle, state: State<'_, AppState>) -> Result<(), WireError> {
    if shown(&state).await?.next.is_none() {
        return Err(state.error(ErrorCode::InvalidArgument));
    }
    crate::background::restart(&app);
    Ok(())
}

fn checked(state: &AppState, text: String) -> Result<Invitation, WireError> {
    let n = Network::parse_invitation(&text).map_err(|_| state.error(ErrorCode::Invitation))?;
    Ok(Invitation { network: info(&n, "invitation"), text })
}

/// An invitation pasted in Settings: its text, or an https link to it (fetched).
#[tauri::command]
pub async fn network_preview(state: State<'_, AppState>, invitation: String) -> Result<Invitation, WireError> {
    let pasted = invitation.trim();
    let text = if pasted.starts_with("https://") || pasted.starts_with("http://") {
        let proxy = state.settings_to_connect()?.proxy;
        peerlib_sync::invitation::fetch(pasted, proxy.as_deref(), &Cancel::new()).await.map_err(|e| state.error(e.code()))?
    } else {
        pasted.to_string()
    };
    checked(&state, text)
}

/// An invitation file: the one dropped on the window (`path`), else one chosen in the system's
/// dialog (None when the user cancelled). Only a `.peerlib-network` file is read, at most 16 KiB
/// of it, through one handle.
#[tauri::command]
pub async fn network_preview_file(app: AppHandle, state: State<'_, AppState>, path: Option<String>) -> Result<Option<Invitation>, WireError> {
    let path = match path {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let chooser = app.clone();
            match tauri::async_runtime::spawn_blocking(move || choose(&chooser, None, FileKind::Network)).await.map_err(|_| state.error(ErrorCode::Internal))? {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    if path.extension().is_none_or(|e| e != INVITATION_EXTENSION) {
        return Err(state.error(ErrorCode::Invitation));
    }
    let read = tauri::async_runtime::spawn_blocking(move || Network::read_invitation(&path)).await.map_err(|_| state.error(ErrorCode::Internal))?;
    let text = read.ok().flatten().ok_or_else(|| state.error(ErrorCode::Invitation))?;
    checked(&state, text).map(Some)
}

/// Join the network of an invitation (checked again), then restart to follow it. The user says
/// yes in a dialog of the system's, not of the page: what the window shows could be made to lie
/// by a page that was not ours, the system's dialog cannot. Ok(false) when the user said no.
#[tauri::command]
pub async fn network_join(app: AppHandle, state: State<'_, AppState>, invitation: String) -> Result<bool, WireError> {
    let n = Network::parse_invitation(&invitation).map_err(|_| state.error(ErrorCode::Invitation))?;
    let asker = app.clone();
    let question = confirm_text(&state, &n);
    let yes = tauri::async_runtime::spawn_blocking(move || confirm(&asker, question)).await.map_err(|_| state.error(ErrorCode::Internal))?;
    if !yes {
        return Ok(false);
    }
    Network::join(state.dir().root(), &invitation).map_err(|e| match e {
        peerlib_feed::network::NetworkError::Unreadable { .. } => state.error(ErrorCode::Disk),
        _ => state.error(ErrorCode::Invitation),
    })?;
    crate::background::restart(&app);
    Ok(true)
}

/// The system dialog's title, text and buttons, in the interface language.
fn confirm_text(state: &AppState, n: &Network) -> [String; 4] {
    use peerlib_l10n::Value as V;
    let l = state.l10n();
    let keys = n.keys.iter().map(|k| k.id().to_string()).collect::<Vec<_>>().join(", ");
    let name = n.name.clone();
    [
        l.tr_args("network-confirm-title", &[("name", V::from(name.clone()))]),
        l.tr_args("network-confirm-body", &[("name", V::from(name)), ("address", V::from(n.feed_url.clone())), ("keys", V::from(keys))]),
        l.tr("network-confirm-join"),
        l.tr("network-cancel"),
    ]
}

/// Ask in the system's dialog; true for yes. A debug build, for the end-to-end tests (WebDriver
/// cannot reach a native dialog), answers instead what the file `PEERLIB_TEST_CONFIRM` holds
/// ("yes" or anything else), read at each question, and writes the question to that path plus
/// ".asked", so a test can read what the user was asked.
fn confirm(app: &AppHandle, [title, body, yes, no]: [String; 4]) -> bool {
    #[cfg(debug_assertions)]
    if let Some(answer) = std::env::var_os("PEERLIB_TEST_CONFIRM") {
        let mut asked = answer.clone();
        asked.push(".asked");
        let _ = std::fs::write(asked, format!("{title}\n{body}\n"));
        return std::fs::read_to_string(answer).is_ok_and(|a| a.trim() == "yes");
    }
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
    let state = app.state::<AppState>();
    let since = state.locks();
    let yes = app.dialog().message(body).title(title).kind(MessageDialogKind::Warning).buttons(MessageDialogButtons::OkCancelCustom(yes, no)).blocking_show();
    // Answered over the unlock prompt after a lock: a no.
    yes && state.unlocked_since(since).is_ok()
}

/// Leave the joined network for the machine's or the built-in one, then restart; asked in the
/// system's dialog as a join is. Ok(false) when the user said no.
#[tauri::command]
pub async fn network_leave(app: AppHandle, state: State<'_, AppState>) -> Result<bool, WireError> {
    let root = state.dir().root().to_path_buf();
    if !Network::can_leave(&root) {
        return Err(state.error(ErrorCode::InvalidArgument));
    }
    let question = {
        use peerlib_l10n::Value as V;
        let l = state.l10n();
        // A joined file that no longer reads has no name to say.
        match Network::configured_in(&root) {
            Ok((n, NetworkSource::Joined)) => [
                l.tr_args("network-leave-confirm-title", &[("name", V::from(n.name.clone()))]),
                l.tr_args("network-leave-confirm-body", &[("name", V::from(n.name))]),
                l.tr("network-leave"),
                l.tr("network-cancel"),
            ],
            _ => [l.tr("network-leave-invalid-confirm-title"), l.tr("network-leave-invalid-confirm-body"), l.tr("network-leave"), l.tr("network-cancel")],
        }
    };
    let asker = app.clone();
    if !tauri::async_runtime::spawn_blocking(move || confirm(&asker, question)).await.map_err(|_| state.error(ErrorCode::Internal))? {
        return Ok(false);
    }
    Network::leave(&root).map_err(|_| state.error(ErrorCode::Disk))?;
    crate::background::restart(&app);
    Ok(true)
}
