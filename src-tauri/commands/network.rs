//! Which network this laptop follows, and joining another from an invitation (#19 item 6): a
//! `.peerlib-network` file (chosen, or dropped on the window) or its text or https link pasted in
//! Settings. An invitation is checked as strictly as network.toml and shown (name, feed address,
//! key ids) before the user joins; joining writes it to the data folder and restarts the app,
//! which then follows that network (the old network's documents leave the library; notes stay).

use crate::commands::share::{choose, FileKind};
use crate::error::WireError;
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_feed::network::{Network, NetworkSource, INVITATION_EXTENSION, MAX_INVITATION};
use peerlib_sync::Cancel;
use serde::Serialize;
use tauri::{AppHandle, State};

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

#[tauri::command]
pub async fn network_get(state: State<'_, AppState>) -> Result<NetworkInfo, WireError> {
    let (n, source) = Network::configured_in(state.dir.root()).map_err(|_| state.error(ErrorCode::NetworkConfig))?;
    Ok(info(&n, source.as_str()))
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
        let proxy = state.settings().proxy;
        peerlib_sync::invitation::fetch(pasted, proxy.as_deref(), &Cancel::new()).await.map_err(|e| state.error(e.code()))?
    } else {
        pasted.to_string()
    };
    checked(&state, text)
}

/// An invitation file: the one dropped on the window (`path`), else one chosen in the system's
/// dialog (None when the user cancelled). Only a `.peerlib-network` file is read, at most 16 KiB.
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
    let invitation = path.extension().is_some_and(|e| e == INVITATION_EXTENSION);
    let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_INVITATION as u64);
    if !invitation || !small {
        return Err(state.error(ErrorCode::Invitation));
    }
    let text = std::fs::read_to_string(&path).map_err(|_| state.error(ErrorCode::Invitation))?;
    checked(&state, text).map(Some)
}

/// Join the network of an invitation the user saw (checked again), then restart to follow it.
#[tauri::command]
pub async fn network_join(app: AppHandle, state: State<'_, AppState>, invitation: String) -> Result<(), WireError> {
    Network::join(state.dir.root(), &invitation).map_err(|_| state.error(ErrorCode::Invitation))?;
    crate::background::restart(&app);
    Ok(())
}

/// Leave the joined network for the machine's or the built-in one, then restart.
#[tauri::command]
pub async fn network_leave(app: AppHandle, state: State<'_, AppState>) -> Result<(), WireError> {
    let (_, source) = Network::configured_in(state.dir.root()).map_err(|_| state.error(ErrorCode::NetworkConfig))?;
    if source != NetworkSource::Joined {
        return Err(state.error(ErrorCode::InvalidArgument));
    }
    Network::leave(state.dir.root()).map_err(|_| state.error(ErrorCode::Disk))?;
    crate::background::restart(&app);
    Ok(())
}
