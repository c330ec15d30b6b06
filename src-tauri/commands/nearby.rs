//! Sharing with laptops nearby from the window (#20, docs/sharing.md): "Share with people nearby"
//! serves this laptop's copy of the network's signed feed on the room's network (peerlib-serve's
//! `nearby`) while its panel is open, for at most the chosen minutes; "Get the library from a
//! nearby laptop" finds sharings announced on the network, or takes a typed address and code, and
//! syncs from that address only (`SyncOptions::from`), verified with this laptop's pinned keys.

use crate::error::WireError;
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_serve::nearby::{self, Found, Taken};
use serde::Serialize;
use std::net::SocketAddr;
use tauri::{AppHandle, Manager, State};

/// A sharing as its panel shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NearbyShared {
    /// What to type on the other laptop, one per network this laptop is on (empty: on none).
    pub addresses: Vec<String>,
    /// The code, as it is read aloud (`ABCD-EFGH`).
    pub code: String,
    /// The whole address of the first network, with its code, for the QR code.
    pub url: Option<String>,
    /// The QR code of `url`: rows of dark (true) and light modules.
    pub qr: Option<Vec<Vec<bool>>>,
    /// The neutral name announced on the network, when it was announced.
    pub announced: Option<String>,
    /// When sharing stops by itself (unix seconds).
    #[ts(type = "number")]
    pub until: i64,
    #[ts(type = "number")]
    pub documents: u64,
    #[ts(type = "number")]
    pub files: u64,
}

/// What the laptops nearby took so far (never who).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NearbyTaken {
    #[ts(type = "number")]
    pub laptops: u64,
    #[ts(type = "number")]
    pub documents: u64,
    #[ts(type = "number")]
    pub files: u64,
}

impl From<Taken> for NearbyTaken {
    fn from(t: Taken) -> NearbyTaken {
        NearbyTaken { laptops: t.laptops, documents: t.documents, files: t.files }
    }
}

/// A laptop nearby that announces a sharing.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NearbyFound {
    pub name: String,
    /// `IP:PORT`, to use with the code its screen shows.
    pub address: String,
}

impl From<Found> for NearbyFound {
    fn from(f: Found) -> NearbyFound {
        NearbyFound { name: f.name, address: f.address.to_string() }
    }
}

/// Where a sharing listens: every network of this laptop on the easy-to-type port (another when
/// it is taken). In debug builds a test may name the address in PEERLIB_TEST_SHARE_ADDR (the
/// tests share on 127.0.0.1 only); a sharing on a loopback address is never announced.
fn listen_on() -> SocketAddr {
    #[cfg(debug_assertions)]
    if let Some(a) = std::env::var("PEERLIB_TEST_SHARE_ADDR").ok().and_then(|a| a.parse().ok()) {
        return a;
    }
    SocketAddr::from(([0, 0, 0, 0], nearby::DEFAULT_PORT))
}

/// The longest a sharing runs, whatever is asked: the panel offers 15 minutes to 4 hours.
const MAX_MINUTES: u32 = 4 * 60;

/// Start sharing for at most `minutes` (it also stops when the panel closes or the window is
/// hidden), announced on the network when `announce`. A sharing already running is replaced.
#[tauri::command]
pub async fn nearby_share_start(app: AppHandle, state: State<'_, AppState>, minutes: u32, announce: bool) -> Result<NearbyShared, WireError> {
    let network = state.network()?;
    let stops = state.sharing_stops();
    // Laying the feed out reads the library and writes thousands of files: off the runtime.
    let handle = app.clone();
    let folder = tauri::async_runtime::spawn_blocking(move || {
        let state = handle.state::<AppState>();
        let dir = state.dir().clone();
        state.with_sync_store(|s| nearby::lay_out(&dir, s, &network.feed_url))
    })
    .await
    .map_err(|_| state.error(ErrorCode::Internal))??;
    let (documents, files) = (folder.documents, folder.files);
    let addr = listen_on();
    // Never announced in discreet mode (#18), nor from a test's loopback address.
    let announce = announce && !state.discreet() && !addr.ip().is_loopback();
    let limits = peerlib_serve::Limits::default();
    let sharing = nearby::start(folder, addr, true, limits, announce).await.map_err(|_| state.error(ErrorCode::ShareCannotListen))?;
    let minutes = minutes.clamp(1, MAX_MINUTES);
    let until = crate::state::unix_now() + i64::from(minutes) * 60;
    let urls = sharing.urls();
    let url = urls.first().cloned();
    let shared = NearbyShared {
        addresses: urls.iter().map(|u| u.trim_start_matches("http://").split('/').next().unwrap_or_default().to_string()).collect(),
        code: nearby::shown(&sharing.code),
        qr: url.as_deref().and_then(nearby::qr),
        url,
        announced: sharing.announced.clone(),
        until,
        documents,
        files,
    };
    let generation = match state.put_sharing(stops, sharing) {
        Ok((generation, replaced)) => {
            if let Some(old) = replaced {
                old.stop().await;
            }
            generation
        }
        // The panel was closed (or the window hidden) while this one started: it is not kept.
        Err(unwanted) => {
            unwanted.stop().await;
            return Err(state.error(ErrorCode::Cancelled));
        }
    };
    // It stops by itself when its time is up (unless stopped or replaced before).
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(u64::from(minutes) * 60)).await;
        if let Some(s) = app.state::<AppState>().take_sharing(Some(generation)) {
            s.stop().await;
        }
    });
    Ok(shared)
}

/// What was taken so far; null when nothing is shared (it stopped, or its time was up).
#[tauri::command]
pub async fn nearby_share_status(state: State<'_, AppState>) -> Result<Option<NearbyTaken>, WireError> {
    Ok(state.sharing_taken().map(NearbyTaken::from))
}

/// Stop sharing: what was taken (null when nothing was shared).
#[tauri::command]
pub async fn nearby_share_stop(state: State<'_, AppState>) -> Result<Option<NearbyTaken>, WireError> {
    Ok(match state.take_sharing(None) {
        Some(s) => Some(s.stop().await.into()),
        None => None,
    })
}

/// The laptops announcing a sharing on this laptop's networks (listened for three seconds).
#[tauri::command]
pub async fn nearby_find(state: State<'_, AppState>) -> Result<Vec<NearbyFound>, WireError> {
    // In discreet mode (#18) nothing is sent to the network to look: the address is typed. A
    // test on loopback (PEERLIB_TEST_SHARE_ADDR) sends nothing to the machine's real networks.
    if state.discreet() || listen_on().ip().is_loopback() {
        return Ok(Vec::new());
    }
    let found = tauri::async_runtime::spawn_blocking(|| nearby::browse(std::time::Duration::from_secs(3))).await.map_err(|_| state.error(ErrorCode::Internal))?;
    Ok(found.into_iter().map(NearbyFound::from).collect())
}

/// Sync from a laptop nearby (`address` as typed or found, `code` as its screen shows it): the
/// network's feed only, from that address only. Returns at once; progress and the end come as a
/// sync's do (`sync-progress`, `sync-finished`).
#[tauri::command]
pub async fn nearby_get(app: AppHandle, state: State<'_, AppState>, address: String, code: String) -> Result<(), WireError> {
    let from = nearby::typed_address(&address, &code).ok_or_else(|| state.error(ErrorCode::NearbyAddress))?;
    crate::session::start_from(&app, Some(from))
}
