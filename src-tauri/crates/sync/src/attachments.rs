//! Attachments on disk: named by sha256 only, written as `<sha256>.part`, verified, then renamed
//! into place, so a crash or a full disk never leaves a wrong file under a valid name.

use peerlib_feed::sha256_hex;
use peerlib_store::paths::{is_sha256_hex, DataDir};
use peerlib_store::Attachment;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("{0:?} is not a sha256 name")]
    BadName(String),
    #[error("content does not match its sha256 {expected} (got {actual})")]
    HashMismatch { expected: String, actual: String },
    #[error("could not write the attachment: {0}")]
    Io(#[from] std::io::Error),
}

/// Write `bytes` as the file named `sha256` in `dir`, after checking they hash to that name.
/// A file already in place with the right name is kept (content addressing makes it identical).
pub fn write_verified(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<PathBuf, AttachmentError> {
    if !is_sha256_hex(sha256) {
        return Err(AttachmentError::BadName(sha256.to_string()));
    }
    let actual = sha256_hex(bytes);
    if actual != sha256 {
        return Err(AttachmentError::HashMismatch { expected: sha256.to_string(), actual });
    }
    std::fs::create_dir_all(dir)?;
    let target = dir.join(sha256);
    if target.metadata().is_ok_and(|m| m.len() == bytes.len() as u64) {
        return Ok(target);
    }
    let part = dir.join(format!("{sha256}.part"));
    let result = (|| {
        let mut f = std::fs::File::create(&part)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&part, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&part);
        return Err(e.into());
    }
    Ok(target)
}

/// A path the system opener can use for a held attachment: `attachments/open/<sha256>.<ext>`,
/// a hard link (or copy) of the verified file with an extension from its media type, so the OS
/// picks the right program. The name comes from the hash and media type only, never the network.
pub fn openable_attachment(dir: &DataDir, a: &Attachment) -> Result<PathBuf, AttachmentError> {
    let source = dir.attachment(&a.sha256).ok_or_else(|| AttachmentError::BadName(a.sha256.clone()))?;
    let ext = mime_guess::get_mime_extensions_str(&a.media_type)
        .and_then(|exts| exts.iter().find(|e| e.len() <= 4).or(exts.first()))
        .copied()
        .unwrap_or("bin");
    let open_dir = dir.attachments().join("open");
    std::fs::create_dir_all(&open_dir)?;
    let target = open_dir.join(format!("{}.{ext}", a.sha256));
    if !target.exists() {
        if std::fs::hard_link(&source, &target).is_err() {
            std::fs::copy(&source, &target)?;
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_only_under_its_own_hash() {
        let dir = tempfile::tempdir().unwrap();
        let h = sha256_hex(b"deck");
        let p = write_verified(dir.path(), &h, b"deck").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"deck");
        assert!(!dir.path().join(format!("{h}.part")).exists(), "no .part file is left behind");
        let wrong = write_verified(dir.path(), &sha256_hex(b"other"), b"deck");
        assert!(matches!(wrong, Err(AttachmentError::HashMismatch { .. })), "tampered bytes are refused");
        assert!(matches!(write_verified(dir.path(), "../x", b""), Err(AttachmentError::BadName(_))));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else was written");
    }
}
