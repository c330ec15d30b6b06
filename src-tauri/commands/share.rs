//! Passing the library on from the window (#20, docs/sharing.md): a bundle of the library, a
//! collection or a document saved where the user chooses (its size said first, its progress
//! sent as `share-progress`), and a bundle opened from a file or dropped on the window: checked
//! whole and shown (what it adds, updates and removes, from which publisher) before the user
//! applies it (progress as `import-progress`).

use crate::error::WireError;
use crate::events::{emit, ImportProgress, ShareProgress};
use crate::state::AppState;
use peerlib_code::ErrorCode;
use peerlib_sync::bundle::{self, Preview, Selection};
use peerlib_sync::SyncOptions;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};

/// What to share.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum ShareWhat {
    Library,
    Collection {
        #[ts(type = "number")]
        id: i64,
    },
    Document {
        id: String,
    },
}

/// A bundle's size before it is made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ShareSize {
    #[ts(type = "number")]
    pub documents: u64,
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What an import brought, over every feed of the bundle.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportDone {
    #[ts(type = "number")]
    pub added: u64,
    #[ts(type = "number")]
    pub changed: u64,
    #[ts(type = "number")]
    pub removed: u64,
    /// Attachments the bundle did not hold: the next sync from the web fetches them.
    #[ts(type = "number")]
    pub files_missing: u64,
    /// Attachments it held but left out: they would take the library past the budget.
    #[ts(type = "number")]
    pub files_over_budget: u64,
}

fn selection(state: &AppState, what: &ShareWhat) -> Result<Selection, WireError> {
    Ok(match what {
        ShareWhat::Library => Selection::Library,
        ShareWhat::Document { id } => Selection::Documents(vec![id.clone()]),
        ShareWhat::Collection { id } => {
            let c = state.with_user(|u| u.collections())?.into_iter().find(|c| c.id == *id).ok_or_else(|| state.error(ErrorCode::NotFound))?;
            Selection::Documents(c.documents)
        }
    })
}

fn plan(state: &AppState, what: &ShareWhat) -> Result<bundle::ExportPlan, WireError> {
    let sel = selection(state, what)?;
    state.with_sync_store(|s| bundle::plan_export(&state.dir(), s, &sel, None))
}

#[tauri::command]
pub async fn share_size(state: State<'_, AppState>, what: ShareWhat) -> Result<ShareSize, WireError> {
    let p = plan(&state, &what)?;
    Ok(ShareSize { documents: p.documents, files: p.files, bytes: p.bytes })
}

/// The kinds of file the system's dialog is asked for.
#[derive(Clone, Copy)]
pub(crate) enum FileKind {
    /// A bundle of the library (`.peerlib`).
    Bundle,
    /// Personal data sealed with a passphrase (`.peerlib-personal`, commands/personal.rs).
    Personal,
    /// An update of the app (`.peerlib-update`, commands/update.rs).
    Update,
    /// An invitation to join a network (`.peerlib-network`, commands/network.rs).
    Network,
}

/// The file the user chose in the system's dialog (None: cancelled). In debug builds a test may
/// name it in PEERLIB_TEST_FILE_CHOICE instead: WebDriver cannot reach a native dialog.
pub(crate) fn choose(app: &AppHandle, save_as: Option<&str>, kind: FileKind) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Ok(p) = std::env::var("PEERLIB_TEST_FILE_CHOICE") {
        return Some(PathBuf::from(p));
    }
    use tauri_plugin_dialog::DialogExt;
    let (name, ext) = match kind {
        FileKind::Bundle => ("share-file-kind", "peerlib"),
        FileKind::Personal => ("personal-file-kind", "peerlib-personal"),
        FileKind::Update => ("update-file-kind", "peerlib-update"),
        FileKind::Network => ("network-file-kind", "peerlib-network"),
    };
    let state = app.state::<AppState>();
    let since = state.locks();
    let l = state.l10n().tr(name);
    let dialog = app.dialog().file().add_filter(l, &[ext]);
    let chosen = match save_as {
        Some(name) => dialog.set_file_name(name).blocking_save_file(),
        None => dialog.blocking_pick_file(),
    };
    // A dialog left open stays over the unlock prompt after a lock: what is chosen there then
    // counts as cancelled, and nothing is written or read.
    state.unlocked_since(since).ok()?;
    chosen.and_then(|f| f.into_path().ok())
}

/// Save a bundle where the user chooses; the path written, or None when the user cancelled.
#[tauri::command]
pub async fn share_save(app: AppHandle, state: State<'_, AppState>, what: ShareWhat) -> Result<Option<String>, WireError> {
    let p = plan(&state, &what)?;
    let name = format!("peer-library-{}.peerlib", chrono::Utc::now().format("%Y-%m-%d"));
    let chooser = app.clone();
    let Some(target) = tauri::async_runtime::spawn_blocking(move || choose(&chooser, Some(&name), FileKind::Bundle)).await.map_err(|_| state.error(ErrorCode::Internal))? else {
        return Ok(None);
    };
    let dir = state.dir().clone();
    let (total_files, total_bytes) = (p.documents + p.files, p.bytes);
    let progress_app = app.clone();
    let written = target.clone();
    tauri::async_runtime::spawn_blocking(move || {
        bundle::write_export(&dir, &p, &written, &|files, bytes| emit(&progress_app, ShareProgress { files, bytes, total_files, total_bytes }))
    })
    .await
    .map_err(|_| state.error(ErrorCode::Internal))?
    .map_err(|e| state.error(e.code()))?;
    Ok(Some(target.display().to_string()))
}

/// A bundle file chosen in the system's dialog (None: cancelled).
#[tauri::command]
pub async fn import_choose(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, WireError> {
    let chooser = app.clone();
    let chosen = tauri::async_runtime::spawn_blocking(move || choose(&chooser, None, FileKind::Bundle)).await.map_err(|_| state.error(ErrorCode::Internal))?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Check a bundle whole and say what importing it would do; nothing is written.
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, path: String) -> Result<Preview, WireError> {
    let network = state.network()?;
    let dir = state.dir().clone();
    tauri::async_runtime::spawn_blocking(move || bundle::preview(&dir, &network, std::path::Path::new(&path), &SyncOptions::default()))
        .await
        .map_err(|_| state.error(ErrorCode::Internal))?
        .map_err(|e| state.error(e.code()))
}

/// Apply a bundle (checked whole again first). One sync or import at a time.
#[tauri::command]
pub async fn import_apply(app: AppHandle, state: State<'_, AppState>, path: String) -> Result<ImportDone, WireError> {
    let network = state.network()?;
    let cancel = state.begin_sync()?;
    let progress_app = app.clone();
    let on_progress = move |p: &peerlib_sync::Progress| emit(&progress_app, ImportProgress(p.clone()));
    // The attachment budget chosen in Settings holds as for a sync: a whole library from a stick
    // does not fill the disk past it (what is left out is said, `files_missing`).
    let options = SyncOptions { attachment_budget: state.settings().attachment_budget_bytes(), ..Default::default() };
    let result = bundle::import(&state.dir(), &network, std::path::Path::new(&path), &options, &cancel, &on_progress).await;
    state.end_sync();
    let report = result.map_err(|e| state.error(e.code()))?;
    let sum = |f: fn(&peerlib_sync::SourceReport) -> u64| report.sources.iter().map(f).sum::<u64>();
    let over_budget = sum(|s| s.files_over_budget);
    Ok(ImportDone { added: sum(|s| s.added), changed: sum(|s| s.changed), removed: sum(|s| s.removed), files_missing: sum(|s| s.files_missing) - over_budget, files_over_budget: over_budget })
}
