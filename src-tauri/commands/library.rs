use crate::error::WireError;
use peerlib_code::ErrorCode;
use crate::state::AppState;
use peerlib_store::{Document, LibraryFacets, LibraryPage, LibraryQuery, SearchQuery, SearchResults};
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;

/// Lines `offset..offset + limit` of the library, filtered and sorted (no query: everything,
/// newest first), each translation group in the user's best content language, with the user's
/// read and bookmarked marks, and how many lines there are: the window asks for the lines it
/// shows as the user scrolls (#21 item 4). At most `PAGE_LIMIT` lines a call.
// The library's read commands are async: Tauri runs them on its thread pool, not on the thread
// that draws the window, so a long list or a search never holds up a frame.
#[tauri::command]
pub async fn library_page(state: State<'_, AppState>, query: Option<LibraryQuery>, offset: u32, limit: u32) -> Result<LibraryPage, WireError> {
    library_lines(&state, &query.unwrap_or_default(), offset, limit)
}

/// The most lines one `library_page` call returns.
pub const PAGE_LIMIT: u32 = 1000;

/// The library's lines for `query`, in the user's languages, with the user's marks.
pub fn library_lines(state: &AppState, query: &LibraryQuery, offset: u32, limit: u32) -> Result<LibraryPage, WireError> {
    let marks = state.with_user(|u| u.marks())?;
    let prefs = state.content_languages();
    state.with_store(|s| s.library_page(&prefs, query, &marks, offset, limit.min(PAGE_LIMIT)))
}

/// What the library's filters can be set to.
#[tauri::command]
pub async fn library_facets(state: State<'_, AppState>) -> Result<LibraryFacets, WireError> {
    state.with_store(|s| s.facets())
}

/// Search as the user types, with the same filters as the library.
#[tauri::command]
pub async fn library_search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults, WireError> {
    let marks = if query.filters.bookmarked || query.filters.unread { state.with_user(|u| u.marks())? } else { Default::default() };
    state.with_store(|s| s.search(&query, &marks))
}

#[tauri::command]
pub async fn document_get(state: State<'_, AppState>, id: String) -> Result<Document, WireError> {
    state.with_store(|s| s.document(&id))
}

/// Open an attachment in the system's program for its type. Only files inside the attachments
/// folder, named by a hash the library knows, can be opened.
#[tauri::command]
pub async fn attachment_open(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    sha256: String,
) -> Result<(), WireError> {
    let since = state.locks();
    let path = state.attachment_for_opening(&sha256)?;
    // Locked while a large file was copied out: not opened, and this copy goes as the lock's
    // did (a link to the library's file is only unlinked: `erase_one`).
    if let Err(locked) = state.unlocked_since(since) {
        let _ = peerlib_store::erase::erase_one(&path);
        return Err(locked);
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|_| state.error(ErrorCode::Internal))
}

/// Save a copy of an attachment to the Downloads folder (named after its title, never
/// overwriting); returns where, for the window to say so. Async: a large deck is copied off the
/// thread that draws the window.
#[tauri::command]
pub async fn attachment_save(app: tauri::AppHandle, state: State<'_, AppState>, sha256: String) -> Result<String, WireError> {
    let folder = app.path().download_dir().or_else(|_| app.path().home_dir()).map_err(|_| state.error(ErrorCode::Disk))?;
    let path = state.save_attachment_copy(&sha256, &folder)?;
    Ok(path.display().to_string())
}
