//! Attachments on disk: named by sha256 only, verified, then written beside their place and
//! renamed into it (sealed when the library is encrypted: peerlib_store::files), so a crash or a
//! full disk never leaves a wrong file under a valid name.

use peerlib_feed::{filetype, sha256_hex};
use peerlib_store::files::Files;
use peerlib_store::paths::{is_sha256_hex, DataDir};
use peerlib_store::Attachment;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("{0:?} is not a sha256 name")]
    BadName(String),
    #[error("content does not match its sha256 {expected} (got {actual})")]
    HashMismatch { expected: String, actual: String },
    #[error("could not write the attachment: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a document type that may be opened in another program")]
    NotOpenable,
    #[error(transparent)]
    Store(#[from] peerlib_store::StoreError),
}

/// Keep `bytes` as the file named `sha256` in `files`, after checking they hash to that name.
/// A file already held is kept (content addressing makes it identical).
pub fn write_verified(files: &Files, sha256: &str, bytes: &[u8]) -> Result<(), AttachmentError> {
    if !is_sha256_hex(sha256) {
        return Err(AttachmentError::BadName(sha256.to_string()));
    }
    let actual = sha256_hex(bytes);
    if actual != sha256 {
        return Err(AttachmentError::HashMismatch { expected: sha256.to_string(), actual });
    }
    Ok(files.put(sha256, bytes)?)
}

/// A path the system opener can use for a held attachment: `attachments/open/<sha256>.<ext>`,
/// a hard link (or copy) of the verified file; a plain copy when the library is encrypted (the
/// folder is removed on lock and quit: the app's state.rs). Only an allowlisted document type whose bytes are
/// that type is ever handed out (`peerlib_feed::filetype`, checked again here from the bytes on
/// disk, whatever the library recorded), and its extension comes from that allowlist: never from
/// the feed, so a "PDF" that is a batch file or an HTML application is `NotOpenable` (#17 item 5).
pub fn openable_attachment(dir: &DataDir, a: &Attachment) -> Result<PathBuf, AttachmentError> {
    if !is_sha256_hex(&a.sha256) {
        return Err(AttachmentError::BadName(a.sha256.clone()));
    }
    let files = dir.files()?;
    let bytes = files.read(&a.sha256)?;
    let open_as = filetype::open_as(&a.media_type, &bytes).ok_or(AttachmentError::NotOpenable)?;
    let ext = filetype::extension(open_as).ok_or(AttachmentError::NotOpenable)?;
    // Which documents were opened is read state: the folder is its user's alone (0700 on Unix),
    // and with encrypted personal data it is removed on lock and quit (the app's state.rs).
    let open_dir = dir.attachments().join("open");
    peerlib_store::paths::private_dir(&open_dir)?;
    let target = open_dir.join(format!("{}.{ext}", a.sha256));
    if !target.exists() {
        files.copy_read_to(&a.sha256, &bytes, &target)?;
    }
    Ok(target)
}

/// The extension a saved copy of a held attachment gets: its allowlisted one when it may be
/// opened, else one that names what its bytes are only when they are the type the feed named and
/// that type runs nothing (video, audio, raster images, archives); else `bin`, so that a saved
/// copy is never a double-click away from running.
pub fn save_extension(a: &Attachment, bytes: &[u8]) -> &'static str {
    if let Some(ext) = filetype::open_as(&a.media_type, bytes).and_then(filetype::extension) {
        return ext;
    }
    let inert = ["video/", "audio/", "image/png", "image/jpeg", "image/gif", "image/webp", "application/zip"];
    match filetype::sniff(bytes) {
        Some(real) if real == a.media_type && inert.iter().any(|t| real.starts_with(t)) => {
            mime_guess::get_mime_extensions_str(real).and_then(|e| e.first()).copied().unwrap_or("bin")
        }
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_only_under_its_own_hash() {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::plain(dir.path());
        let h = sha256_hex(b"deck");
        write_verified(&files, &h, b"deck").unwrap();
        assert_eq!(std::fs::read(dir.path().join(&h)).unwrap(), b"deck");
        assert!(!dir.path().join(format!("{h}.part")).exists(), "no .part file is left behind");
        let wrong = write_verified(&files, &sha256_hex(b"other"), b"deck");
        assert!(matches!(wrong, Err(AttachmentError::HashMismatch { .. })), "tampered bytes are refused");
        assert!(matches!(write_verified(&files, "../x", b""), Err(AttachmentError::BadName(_))));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else was written");
    }
}
