//! Panic erase (#18 item 5): the files that hold a person's own data, or everything in the data
//! folder, overwritten and removed, so that the app starts as if new.
//!
//! Personal: user.db with its journal files and every copy of it set aside (`user.*`), its backups
//! (`backups/`), and the sync log (which feeds were followed and when they were synced). All: every
//! file and folder in the data folder.
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

/// Erase `what` in `dir`. Goes on past a file it cannot erase (one still open elsewhere on
/// Windows, say) and returns the first error at the end, having erased all it could.
pub fn erase(dir: &DataDir, what: Erase) -> std::io::Result<Erased> {
    let mut done = Erased::default();
    let mut first_error = None;
    let root = dir.root();
    let Ok(entries) = std::fs::read_dir(root) else { return Ok(done) };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let personal = name.starts_with("user.") || name == "backups" || name == "sync-log.json";
        if what == Erase::All || personal {
            if let Err(err) = erase_path(&e.path(), &mut done) {
                first_error.get_or_insert(err);
            }
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

fn erase_path(path: &Path, done: &mut Erased) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.is_dir() {
        for e in std::fs::read_dir(path)?.flatten() {
            erase_path(&e.path(), done)?;
        }
        return std::fs::remove_dir(path);
    }
    if meta.is_file() && meta.len() > 0 {
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
