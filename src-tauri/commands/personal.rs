//! The user's own data about a document: bookmark and private note. Stored in user.db only;
//! nothing here ever leaves the laptop.

use crate::error::WireError;
use crate::state::{unix_now as now, AppState};
use serde::Serialize;
use tauri::State;

/// What the user has said about one document.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Personal {
    pub bookmarked: bool,
    pub note: Option<String>,
}

#[tauri::command]
pub fn personal_get(state: State<'_, AppState>, id: String) -> Result<Personal, WireError> {
    state.with_user(|u| Ok(Personal { bookmarked: u.is_bookmarked(&id)?, note: u.note(&id)? }))
}

#[tauri::command]
pub fn bookmark_set(state: State<'_, AppState>, id: String, on: bool) -> Result<(), WireError> {
    state.with_user(|u| u.set_bookmark(&id, on, now()))
}

#[tauri::command]
pub fn note_set(state: State<'_, AppState>, id: String, text: String) -> Result<(), WireError> {
    state.with_user(|u| u.set_note(&id, &text, now()))
}
