//! Panic erase (#18 item 5): the files that hold a person's own data, or everything in the data
//! folder, overwritten and removed, so that the app starts as if new.
//!
//! Personal: what `is_personal` names (user.db and its copies and backups, the sync log, copies of
//! the library set aside, sharing folders, attachments opened in other programs) and the
//! attachment files of feeds the caller unfollowed. All: every file and folder in the data folder,
//! the personal ones first.
//!
//! Each file is overwritten with zeros and flushed before it is removed, so that its bytes do
//! not stay readable in the free space of a plain hard disk. On SSDs and flash (wear levelling)
//! and on copy-on-write filesystems the old blocks may survive anyway: docs/security.md says so.
//! Once the library is encrypted (#18 item 1), destroying its key comes first and makes this the
//! second line.
//!
//! The caller closes its connections to the databases first (the app swaps its stores for ones
//! in memory; `peerlib erase` opens none).

use crate::paths::DataDir;
use std::io::Write;
use std::path::Path;

/// What to erase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Erase {
    /// Notes, bookmarks, read marks, collections, settings, followed feeds, the sync log.
    Personal,
    /// Everything in the data folder: the library too.
    All,
}

/// Files and folders erased.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub files: u64,
    pub bytes: u64,
}

/// Whether a name at the top of the data folder holds personal data: user.db, its journals and
/// every copy set aside (`user.*`), its backups, the sync log and its temporary file, copies of
/// the library set aside (`content.db.corrupt-*`: they may hold followed feeds), the folders a
/// sharing left, and the copies of attachments opened in other programs (`attachments/open`,
/// handled by `erase`).
fn is_personal(name: &str) -> bool {
    name.starts_with("user.") || name == "backups" || name.starts_with("sync-log") || name.starts_with("content.db.corrupt") || name.starts_with("share-")
}

/// Erase `what` in `dir`: personal files first (they matter most if the erase is cut short), then
/// with `All` the rest. Goes on past anything it cannot erase (a file still open elsewhere on
/// Windows, say) and returns the first error at the end, having erased all it could.
/// `referenced`: the attachment files the library still refers to after a personal erase (the
/// rest, downloaded for feeds just unfollowed, go too); None keeps every attachment.
pub fn erase(dir: &DataDir, what: Erase) -> std::io::Result<Erased> {
    erase_keeping(dir, what, None)
}

pub fn erase_keeping(dir: &DataDir, what: Erase, referenced: Option<&std::collections::HashSet<String>>) -> std::io::Result<Erased> {
    let mut done = Erased::default();
    let mut first_error = None;
    let root = dir.root();
    // An encrypted library's key is in user.db: erased with it, the library cannot be read again
    // and goes too (after the personal files), with its attachments, which name what it held.
    let library_goes = crate::crypt::library_encrypted(dir);
    let Ok(entries) = std::fs::read_dir(root) else { return Ok(done) };
    let (mut personal, mut rest): (Vec<_>, Vec<_>) = entries.flatten().map(|e| e.path()).partition(|p| p.file_name().is_some_and(|n| is_personal(&n.to_string_lossy())));
    personal.sort();
    if library_goes && what == Erase::Personal {
        let (library, others): (Vec<_>, Vec<_>) = rest.into_iter().partition(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("content.db") || p == &dir.attachments()));
        personal.extend(library);
        rest = others;
    }
    // Copies of attachments opened in another program say which documents were read.
    personal.push(dir.attachments().join("open"));
    if let (Erase::Personal, Some(keep)) = (what, referenced) {
        for e in std::fs::read_dir(dir.attachments()).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if crate::paths::is_sha256_hex(&name) && !keep.contains(&name) {
                personal.push(e.path());
            }
        }
    }
    rest.sort();
    let targets = if what == Erase::All { personal.into_iter().chain(rest).collect::<Vec<_>>() } else { personal };
    for path in targets {
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        if let Err(err) = erase_path(&path, &mut done) {
            first_error.get_or_insert(err);
        }
    }
    if let Ok(d) = std::fs::File::open(root) {
        let _ = d.sync_all();
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(done),
    }
}

/// One file (or folder) overwritten with zeros, flushed and removed, as `erase` does; for the
/// leftover copies encryption removes (crypt.rs) and the copies of attachments opened in other
/// programs (the app, on lock, quit and start).
pub fn erase_one(path: &Path) -> std::io::Result<()> {
    erase_path(path, &mut Erased::default())
}

fn erase_path(path: &Path, done: &mut Erased) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.is_dir() {
        // Everything it can inside, whatever fails on the way.
        let mut first = None;
        for e in std::fs::read_dir(path)?.flatten() {
            if let Err(err) = erase_path(&e.path(), done) {
                first.get_or_insert(err);
            }
        }
        return match first {
            Some(e) => Err(e),
            None => std::fs::remove_dir(path),
        };
    }
    // A symbolic link is removed, never followed: what it points to is not ours to erase.
    if meta.file_type().is_symlink() {
        std::fs::remove_file(path)?;
        done.files += 1;
        return Ok(());
    }
    // A file with another name (a copy of an attachment opened in another program, or one laid
    // out for sharing, is a hard link to the library's own file) is only unlinked: zeroing it
    // would zero the library's attachment, and its bytes are not freed anyway.
    #[cfg(unix)]
    let shared = std::os::unix::fs::MetadataExt::nlink(&meta) > 1;
    #[cfg(not(unix))]
    let shared = false;
    if meta.is_file() && meta.len() > 0 && !shared {
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        let zeros = vec![0u8; 1 << 20];
        let mut left = meta.len();
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            f.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        f.sync_all()?;
        done.bytes += meta.len();
    }
    std::fs::remove_file(path)?;
    done.files += 1;
    Ok(())
}
