use crate::error::WireError;
use crate::state::AppState;
use peerlib_store::{Document, LibraryEntry, SearchQuery, SearchResults, UserMarks};
use tauri::State;
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub fn library_list(state: State<'_, AppState>) -> Result<Vec<LibraryEntry>, WireError> {
    state.with_store(|s| s.library(&state.content_languages()))
}

/// Search as the user types. Bookmarked/unread filters arrive with the user-data UI.
#[tauri::command]
pub fn library_search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults, WireError> {
    state.with_store(|s| s.search(&query, &UserMarks::default()))
}

#[tauri::command]
pub fn document_get(state: State<'_, AppState>, id: String) -> Result<Document, WireError> {
    state.with_store(|s| s.document(&id))
}

/// Open an attachment in the system's program for its type. Only files inside the attachments
/// folder, named by a hash the library knows, can be opened.
#[tauri::command]
pub fn attachment_open(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    sha256: String,
) -> Result<(), WireError> {
    let path = state.attachment_for_opening(&sha256)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|_| state.error("internal"))
}
