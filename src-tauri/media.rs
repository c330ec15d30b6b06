//! `peerlib-media://localhost/<sha256>` (on Windows `http://peerlib-media.localhost/<sha256>`):
//! the images document bodies show, downloaded at sync time, served to the reader from the
//! attachments folder. Only hashes the library knows as images are served, with their recorded
//! media type; anything else is 404, so the scheme cannot be used to read other files.

use crate::state::AppState;
use tauri::http::{header, Response, StatusCode};

pub const SCHEME: &str = "peerlib-media";

pub fn respond(state: &AppState, path: &str) -> Response<Vec<u8>> {
    let sha = path.trim_start_matches('/');
    match state.image(sha) {
        Some((media_type, bytes)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, media_type)
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(bytes),
        None => Response::builder().status(StatusCode::NOT_FOUND).body(Vec::new()),
    }
    .unwrap_or_else(|_| Response::new(Vec::new()))
}
