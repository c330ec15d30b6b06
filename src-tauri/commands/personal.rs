//! The user's own data about documents: bookmark, private note, read state and collections.
//! Stored in user.db only; nothing here ever leaves the laptop.

use crate::error::WireError;
use crate::state::{unix_now as now, AppState};
use peerlib_store::{Collection, LibraryEntry, StoreError};
use serde::Serialize;
use tauri::State;

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
