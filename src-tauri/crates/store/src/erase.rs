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
        // The attachments only the unfollowed feeds had, and what a sync left of them: a
        // download to be resumed (`.part`) and the copies text extraction reads (`.extract`).
        for e in std::fs::read_dir(dir.attachments()).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let sha = [".extract.part", ".extract", ".part"].iter().find_map(|end| name.strip_suffix(end)).unwrap_or(&name);
            if crate::paths::is_sha256_hex(sha) && !keep.contains(sha) {
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

/// Erase a file or a folder: every file overwritten with zeros first, then all of them flushed
/// at once, then removed. Flushing is what puts the zeros on the disk (the pages of a file removed
/// before they are written are dropped, and its old bytes stay); flushing each file on its own
/// is a wait on the disk per file (a sharing of a large library lays out 100,000 documents), so
/// on Linux one `syncfs` flushes them all. Goes on past a file it cannot overwrite; removes
/// nothing when the flush fails.
fn erase_path(path: &Path, done: &mut Erased) -> std::io::Result<()> {
    let mut first = None;
    let mut overwritten = vec![];
    overwrite(path, done, &mut overwritten, &mut first);
    flush(&overwritten)?;
    remove(path, done, &mut first);
    first.map_or(Ok(()), Err)
}

/// Zeros over every file under `path` that is its own (see below), not flushed; those written
/// are added to `overwritten`.
fn overwrite(path: &Path, done: &mut Erased, overwritten: &mut Vec<std::path::PathBuf>, first: &mut Option<std::io::Error>) {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) => return keep_first(first, Err(e)),
    };
    if meta.is_dir() {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                for e in entries.flatten() {
                    overwrite(&e.path(), done, overwritten, first);
                }
            }
            Err(e) => keep_first(first, Err(e)),
        }
        return;
    }
    // A symbolic link is removed, never followed: what it points to is not ours to erase. A file
    // with another name (a copy of an attachment opened in another program, or one laid out for
    // sharing, is a hard link to the library's own file) is only unlinked: zeroing it would zero
    // the library's attachment, and its bytes are not freed anyway.
    #[cfg(unix)]
    let shared = std::os::unix::fs::MetadataExt::nlink(&meta) > 1;
    #[cfg(not(unix))]
    let shared = false;
    if meta.is_file() && meta.len() > 0 && !shared {
        let written = (|| -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            // No larger than the file: a folder of small files costs no 1 MiB buffer each.
            let zeros = vec![0u8; meta.len().min(1 << 20) as usize];
            let mut left = meta.len();
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                f.write_all(&zeros[..n])?;
                left -= n as u64;
            }
            Ok(())
        })();
        if written.is_ok() {
            done.bytes += meta.len();
            overwritten.push(path.to_path_buf());
        }
        keep_first(first, written);
    }
}

fn keep_first(first: &mut Option<std::io::Error>, r: std::io::Result<()>) {
    if let Err(e) = r {
        first.get_or_insert(e);
    }
}

/// Put the zeros written over `files` on the disk.
fn flush(files: &[std::path::PathBuf]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if files.len() > 1 {
        use std::os::fd::AsRawFd;
        let f = std::fs::File::open(&files[0])?;
        // SAFETY: `f` is an open descriptor for the length of the call.
        if unsafe { libc::syncfs(f.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    for f in files {
        std::fs::OpenOptions::new().write(true).open(f)?.sync_all()?;
    }
    Ok(())
}

/// Remove `path` and everything under it (links unlinked, never followed), going on past what
/// cannot be removed.
fn remove(path: &Path, done: &mut Erased, first: &mut Option<std::io::Error>) {
    let removed = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            for e in std::fs::read_dir(path).into_iter().flatten().flatten() {
                remove(&e.path(), done, first);
            }
            std::fs::remove_dir(path)
        }
        Ok(_) => std::fs::remove_file(path).map(|()| done.files += 1),
        Err(e) => Err(e),
    };
    keep_first(first, removed);
}
