//! user.db and its backups encrypted at rest with a passphrase (#18 item 1): SQLCipher 4 pages
//! (AES-256 with an HMAC-SHA512 on every page), keyed with 32 bytes derived from the passphrase
//! by Argon2id. The passphrase and the key are never written anywhere; they live in a `Keyring`
//! in memory while the data is unlocked.
//!
//! Each encrypted file carries its own salt: the first 16 bytes of a SQLCipher file are the salt
//! it was created with, and the key of a file is Argon2id(passphrase, that salt). So a file and
//! a passphrase are all it takes to open it, and every rewrite (encrypt, decrypt, a new
//! passphrase) is one atomic rename per file: a crash at any point leaves each file either as it
//! was, opened with the passphrase that was current, or as it is now, opened with the new one.
//!
//! `user.encryption` beside user.db says that user.db is meant to be encrypted and with which
//! Argon2id parameters; it holds no key. Without it, a user.db that is not plain SQLite is
//! damaged (moved aside, a backup restored: user.rs); with it, such a file is locked, and a wrong
//! passphrase never moves, restores or erases anything. It is written before user.db is replaced
//! by its encrypted copy and removed after user.db is replaced by a plain one, so that a plain
//! user.db always opens and an encrypted one is never mistaken for a damaged one.
//!
//! The library (content.db) can be encrypted too (`encrypt_library`, `peerlib encrypt --all`),
//! with a key of its own: 32 random bytes kept in user.db (its `meta` row `library_key`), so
//! only a passphrase that opens user.db opens the library, a new passphrase rewrites user.db
//! alone, and a personal erase, which destroys user.db, leaves the library unreadable (the
//! erase then takes it too). The library's file carries its own salt as user.db does.
//!
//! With the library, its attachments and images are sealed one file at a time (files.rs) with a
//! third key, `files_key`, which a change of passphrase keeps.
//!
//! What this does not protect: content.db and attachments while only the personal data is
//! encrypted, an attachment's download cut short (its `.part` stays plain until the next sync
//! finishes it), the bytes a plain file left in the disk's free space before it was encrypted
//! (encrypt at the first start to have none), and anything read from the memory of the running,
//! unlocked app. docs/security.md says the same for staff.

use crate::paths::DataDir;
use crate::sealed;
use crate::StoreError;
use rusqlite::Connection;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use zeroize::Zeroizing;

/// The first 16 bytes of every plain SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";
const SALT: usize = 16;

/// The marker's name beside user.db (a `user.*` name, so a personal erase takes it too).
pub(crate) const MARKER: &str = "user.encryption";

/// Argon2id's parameters for a data folder, as `user.encryption` records them. New folders take
/// sealed.rs's (64 MiB, 3 passes, 4 lanes; measured in docs/benchmarks.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KdfParams {
    pub m_cost: u32,
    pub t_cost: u32,
    pub lanes: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams { m_cost: sealed::M_COST, t_cost: sealed::T_COST, lanes: sealed::LANES }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    version: u32,
    kdf: String,
    #[serde(flatten)]
    params: KdfParams,
}

type Salt = [u8; SALT];
type Key = Zeroizing<[u8; 32]>;

/// A passphrase held while the personal data is unlocked, with the keys derived from it (one per
/// salt met; usually one, since backups are written with user.db's key and salt). Wiped when
/// dropped: locking drops the last `Arc`.
pub struct Keyring {
    passphrase: Zeroizing<String>,
    params: KdfParams,
    keys: Mutex<Vec<(Salt, Key)>>,
    /// The library's key (content.db encrypted too), read from user.db when it is opened with
    /// this passphrase; None while the library is plain or user.db not yet opened.
    library: Mutex<Option<Zeroizing<[u8; 32]>>>,
    /// The key a change of passphrase was giving the library when it was cut short (user.db's
    /// `library_key_next`): content.db may already be written with it.
    library_next: Mutex<Option<Zeroizing<[u8; 32]>>>,
    /// The key the library's attachments are sealed with (files.rs; user.db's `files_key`).
    files: Mutex<Option<Zeroizing<[u8; 32]>>>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyring(..)")
    }
}

impl Keyring {
    /// A keyring for `passphrase` with the data folder's parameters (the defaults when it has none).
    pub fn new(dir: &DataDir, passphrase: &str) -> Arc<Keyring> {
        let params = read_marker(dir).unwrap_or_default();
        Self::with_params(passphrase, params)
    }

    pub fn with_params(passphrase: &str, params: KdfParams) -> Arc<Keyring> {
        Arc::new(Keyring { passphrase: Zeroizing::new(passphrase.to_string()), params, keys: Mutex::new(vec![]), library: Mutex::new(None), library_next: Mutex::new(None), files: Mutex::new(None) })
    }

    /// The library's key, once user.db was opened with this passphrase and holds one.
    pub(crate) fn library_key(&self) -> Option<Zeroizing<[u8; 32]>> {
        self.library.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set_library_key(&self, key: Option<Zeroizing<[u8; 32]>>) {
        *self.library.lock().unwrap_or_else(|p| p.into_inner()) = key;
    }

    pub(crate) fn files_key(&self) -> Option<Zeroizing<[u8; 32]>> {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set_files_key(&self, key: Option<Zeroizing<[u8; 32]>>) {
        *self.files.lock().unwrap_or_else(|p| p.into_inner()) = key;
    }

    pub(crate) fn library_next_key(&self) -> Option<Zeroizing<[u8; 32]>> {
        self.library_next.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set_library_next_key(&self, key: Option<Zeroizing<[u8; 32]>>) {
        *self.library_next.lock().unwrap_or_else(|p| p.into_inner()) = key;
    }

    /// The key of files made with `salt`: derived once, then kept.
    pub(crate) fn key(&self, salt: &[u8; SALT]) -> Result<FileKey, StoreError> {
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, k)) = keys.iter().find(|(s, _)| s == salt) {
            return Ok(FileKey { key: k.clone(), salt: *salt, page_size: PERSONAL_PAGE });
        }
        let p = self.params;
        let key = sealed::derive(&self.passphrase, salt, p.m_cost, p.t_cost, p.lanes).map_err(|_| StoreError::WrongPassphrase)?;
        keys.push((*salt, key.clone()));
        Ok(FileKey { key, salt: *salt, page_size: PERSONAL_PAGE })
    }

    /// The key for a new file, with a fresh random salt.
    pub(crate) fn fresh_key(&self) -> Result<FileKey, StoreError> {
        let mut salt = [0u8; SALT];
        getrandom::getrandom(&mut salt).expect("the system's random source");
        self.key(&salt)
    }
}

/// One file's key and salt, as SQLCipher takes them: `x'<key><salt>'`.
#[derive(Clone)]
pub(crate) struct FileKey {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; SALT],
    /// SQLCipher's page size for the file: its default for user.db, content.db's own for the
    /// library (open.rs: a document row fits an 8 KiB page whole).
    page_size: u32,
}

/// SQLCipher's default page size, which user.db and its backups have.
const PERSONAL_PAGE: u32 = 4096;
/// content.db's page size, plain or encrypted.
const LIBRARY_PAGE: u32 = 8192;

impl FileKey {
    /// The raw key and salt as SQLCipher's key string.
    fn sql_value(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(4 + 2 * (32 + SALT)));
        s.push_str("x'");
        for b in self.key.iter().chain(self.salt.iter()) {
            s.push_str(&format!("{b:02x}"));
        }
        s.push('\'');
        s
    }

    /// Key a connection just opened: the first thing done on it.
    pub(crate) fn apply(&self, conn: &Connection) -> Result<(), StoreError> {
        let v = self.sql_value();
        // SQLCipher writes its errors ("hmac check failed", after a wrong passphrase) to the
        // standard error by default: nothing of ours prints what it was not asked to. Its build
        // has that default off (.cargo/config.toml); the level is set after the key too, since
        // SQLCipher sets its default when the first key is given.
        let sql = Zeroizing::new(format!("PRAGMA key = \"{}\"; PRAGMA cipher_log_level = NONE; PRAGMA cipher_page_size = {};", v.as_str(), self.page_size));
        conn.execute_batch(&sql)?;
        Ok(())
    }
}

/// What a database file is, by its first bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileState {
    Missing,
    Plain,
    /// Not plain SQLite: encrypted with this salt, or damaged.
    Opaque([u8; SALT]),
}

pub(crate) fn file_state(path: &Path) -> Result<FileState, StoreError> {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; SALT];
    let mut got = 0;
    while got < SALT {
        match f.read(&mut head[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(match got {
        0 => FileState::Missing,
        _ if &head == PLAIN_HEADER => FileState::Plain,
        _ => FileState::Opaque(head),
    })
}

fn marker_path(dir: &DataDir) -> PathBuf {
    dir.root().join(MARKER)
}

/// The data folder's Argon2id parameters, when its personal data is meant to be encrypted.
fn read_marker(dir: &DataDir) -> Option<KdfParams> {
    // A few dozen bytes of ours; a larger file is not one (read no more than 4 KiB of it).
    let mut text = String::new();
    std::fs::File::open(marker_path(dir)).ok()?.take(4096).read_to_string(&mut text).ok()?;
    let m: Marker = serde_json::from_str(&text).ok()?;
    let p = m.params;
    // A marker asking for more work than any file of ours is refused, as sealed files are.
    let sane = m.version == 1 && m.kdf == "argon2id" && p.lanes >= 1 && p.lanes <= 16 && p.m_cost >= 8 * p.lanes && p.m_cost <= 256 * 1024 && (1..=12).contains(&p.t_cost);
    sane.then_some(p)
}

/// Whether the personal data in `dir` is encrypted: user.db exists, is not plain SQLite, and the
/// folder says it is meant to be encrypted. Asks for no passphrase.
pub fn is_encrypted(dir: &DataDir) -> bool {
    marker_path(dir).exists() && matches!(file_state(&dir.user_db()), Ok(FileState::Opaque(_)))
}

/// The key that opens user.db as it is on disk (None: plain or missing), or `Locked` when it is
/// encrypted and no passphrase was given.
pub(crate) fn key_for_file(dir: &DataDir, path: &Path) -> Result<Option<FileKey>, StoreError> {
    match file_state(path)? {
        FileState::Opaque(salt) if marker_path(dir).exists() => {
            let ring = dir.keyring().ok_or(StoreError::Locked)?;
            Ok(Some(ring.key(&salt)?))
        }
        _ => Ok(None),
    }
}

/// Write `bytes` to `path` through a temporary file of this process's own beside it, created anew
/// (a link left in its place is removed, never written through), flushed and renamed, then flush
/// the folder: `path` is the old file or the new one. The temporary file goes if anything fails.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.part", std::process::id()));
    let tmp = path.with_file_name(name);
    let _ = std::fs::remove_file(&tmp);
    let written = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    sync_folder(path);
    Ok(())
}

/// How long a temporary file of `write_atomically` is left alone: one a process is writing now
/// is renamed within moments, so one older than this was left by a process killed before.
const STALE_PART: std::time::Duration = std::time::Duration::from_secs(600);

/// Remove the temporary files `write_atomically` leaves beside the personal files when a process
/// is killed between writing one and renaming it (`user.encryption.<pid>.part`,
/// `user.wrong-passphrases.<pid>.part`), once they are stale and, on Unix, their process is gone
/// (a clock set forward makes a live one look old). They hold nothing the passphrase guards
/// (the key derivation's parameters, a count of wrong passphrases), but they are litter a
/// folder should not keep until a panic erase. Returns how many went.
pub(crate) fn remove_stale_parts(dir: &DataDir) -> usize {
    let pid_of = |name: &str| -> Option<u32> {
        let rest = name.strip_prefix("user.encryption.").or_else(|| name.strip_prefix("user.wrong-passphrases."))?;
        let pid = rest.strip_suffix(".part")?;
        pid.bytes().all(|b| b.is_ascii_digit()).then(|| pid.parse().ok()).flatten()
    };
    let mut n = 0;
    for e in std::fs::read_dir(dir.root()).into_iter().flatten().flatten() {
        let Some(pid) = pid_of(&e.file_name().to_string_lossy()) else { continue };
        let stale = e.metadata().ok().filter(|m| m.is_file()).and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok()).is_some_and(|age| age > STALE_PART);
        if stale && !process_alive(pid) && std::fs::remove_file(e.path()).is_ok() {
            n += 1;
        }
    }
    n
}

/// Whether process `pid` runs (Unix: a signal 0 it could be sent, or one refused it); elsewhere
/// not known, and counted as gone.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: kill with signal 0 sends nothing; it only checks that the process exists.
        pid > 0 && (unsafe { libc::kill(pid, 0) } == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Flush a folder's entries (a rename is durable only then). Not possible on Windows, where
/// the rename itself is.
pub(crate) fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        if let Ok(d) = std::fs::File::open(parent) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Copy the database `src` (opened with `from`, None for plain) to a new file `dst` encrypted with
/// `to` (None: plain), flushed to disk. `dst` must not exist. SQLCipher's `sqlcipher_export`
/// copies every table, index and row; the schema version is copied by hand.
fn export(src: &Path, from: Option<&FileKey>, dst: &Path, to: Option<&FileKey>) -> Result<(), StoreError> {
    export_from(&open_keyed(src, from)?, dst, to)
}

/// The database at `path` opened with `key` (None: plain).
fn open_keyed(path: &Path, key: Option<&FileKey>) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    if let Some(k) = key {
        k.apply(&conn)?;
    }
    Ok(conn)
}

/// An encrypted user.db (or backup) opened with `key` to change its keys, deleted rows
/// overwritten with zeros (secure_delete: a key removed leaves nothing of itself).
fn open_for_keys(path: &Path, key: &FileKey) -> Result<Connection, StoreError> {
    let conn = open_keyed(path, Some(key))?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(conn)
}

/// `dir`'s encrypted user.db, opened with its keyring to change its keys.
fn open_user(dir: &DataDir) -> Result<Connection, StoreError> {
    let key = key_for_file(dir, &dir.user_db())?.ok_or(StoreError::NotEncrypted)?;
    open_for_keys(&dir.user_db(), &key)
}

/// Copy the database open on `conn` to a new file `dst` encrypted with `to` (None: plain),
/// flushed to disk.
pub(crate) fn export_from(conn: &Connection, dst: &Path, to: Option<&FileKey>) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let key = to.map(FileKey::sql_value).unwrap_or_else(|| Zeroizing::new(String::new()));
    conn.execute("ATTACH DATABASE ?1 AS rewritten KEY ?2", rusqlite::params![dst.to_string_lossy(), key.as_str()])?;
    // The new file's page size: the key's, or for a plain copy the page size it is copied from.
    let page_size = match to {
        Some(k) => k.page_size,
        // SQLCipher answers for a keyed connection with its cipher_page_size, as text.
        None => match conn.query_row("PRAGMA main.page_size", [], |r| r.get::<_, rusqlite::types::Value>(0))? {
            rusqlite::types::Value::Integer(n) => n as u32,
            rusqlite::types::Value::Text(t) => t.parse().unwrap_or(PERSONAL_PAGE),
            _ => PERSONAL_PAGE,
        },
    };
    let pragma = if to.is_some() { "cipher_page_size" } else { "page_size" };
    conn.execute_batch(&format!("PRAGMA rewritten.{pragma} = {page_size};"))?;
    conn.query_row("SELECT sqlcipher_export('rewritten')", [], |_| Ok(()))?;
    conn.execute_batch(&format!("PRAGMA rewritten.user_version = {version}; DETACH DATABASE rewritten;"))?;
    std::fs::File::options().read(true).write(true).open(dst)?.sync_all()?;
    Ok(())
}

/// Rewrite one database file in place with another key (or none), by an atomic rename: read
/// with `from`, written with `to`. The caller has closed every connection to it.
fn rewrite(path: &Path, from: Option<&FileKey>, to: Option<&FileKey>) -> Result<(), StoreError> {
    rewrite_then(path, from, to, || Ok(()))
}

/// `rewrite`, running `between` once the new file is written and flushed and before it takes
/// the old one's place (the library's key is stored then: never for a file that was not
/// written). A plain file replaced by an encrypted one is overwritten with zeros once replaced
/// (through a link kept to it, `<name>.old`), so that its bytes do not stay readable in the
/// disk's free space (on a plain hard disk; see erase.rs for flash).
fn rewrite_then(path: &Path, from: Option<&FileKey>, to: Option<&FileKey>, between: impl FnOnce() -> Result<(), StoreError>) -> Result<(), StoreError> {
    fold_wal(path, from)?;
    let tmp = path.with_extension("db.rewrite");
    let _ = std::fs::remove_file(&tmp);
    if let Err(e) = export(path, from, &tmp, to).and_then(|_| between()) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let old = path.with_extension("db.old");
    let keep_old = from.is_none() && to.is_some() && { let _ = std::fs::remove_file(&old); std::fs::hard_link(path, &old).is_ok() };
    std::fs::rename(&tmp, path)?;
    sync_folder(path);
    if keep_old {
        erase_file(&old);
    }
    Ok(())
}

/// Fold a file's WAL into it and remove the WAL, so that the file alone is the database before
/// another file takes its name.
fn fold_wal(path: &Path, key: Option<&FileKey>) -> Result<(), StoreError> {
    let conn = open_keyed(path, key)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    drop(conn);
    for ext in ["db-wal", "db-shm"] {
        let side = path.with_extension(ext);
        if side.exists() {
            let _ = std::fs::remove_file(&side);
        }
    }
    Ok(())
}

/// The backups of user.db that exist, newest first.
fn backups(dir: &DataDir) -> Vec<PathBuf> {
    (1..=crate::user::BACKUPS).map(|n| dir.user_backup(n)).filter(|p| p.exists()).collect()
}

/// Held by a running app for as long as it has user.db open: a shared OS lock on `user.lock`
/// (a `user.*` name: a personal erase removes it). Encrypting, decrypting or changing the
/// passphrase from the command line needs it exclusively, so never happens under the app's feet.
pub struct InUse {
    _file: std::fs::File,
}

impl InUse {
    fn file(dir: &DataDir) -> Result<std::fs::File, StoreError> {
        dir.create()?;
        Ok(std::fs::File::options().create(true).truncate(false).write(true).open(dir.root().join("user.lock"))?)
    }

    /// The app's shared hold (None when the OS has no file locks to give).
    pub fn shared(dir: &DataDir) -> Option<InUse> {
        let f = Self::file(dir).ok()?;
        f.try_lock_shared().ok()?;
        Some(InUse { _file: f })
    }

    /// The app's shared hold, waiting up to `patience` while a command holds the folder alone
    /// (rewriting user.db); after that, or without file locks, the app goes on without one.
    pub fn shared_waiting(dir: &DataDir, patience: std::time::Duration) -> Option<InUse> {
        let f = Self::file(dir).ok()?;
        let start = std::time::Instant::now();
        loop {
            match f.try_lock_shared() {
                Ok(()) => return Some(InUse { _file: f }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < patience => std::thread::sleep(std::time::Duration::from_millis(100)),
                Err(_) => return None,
            }
        }
    }

    /// The sole hold, or `InUse` while the app runs on this folder.
    pub fn exclusive(dir: &DataDir) -> Result<InUse, StoreError> {
        let f = Self::file(dir)?;
        match f.try_lock() {
            Ok(()) => Ok(InUse { _file: f }),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse),
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// Encrypt the personal data of `dir` (user.db and its backups) with `passphrase`. user.db must
/// be plain; nothing may have it open. The passphrase must have at least
/// `sealed::MIN_PASSPHRASE` characters.
pub fn encrypt(dir: &DataDir, passphrase: &str) -> Result<Arc<Keyring>, StoreError> {
    short(passphrase)?;
    let path = dir.user_db();
    if file_state(&path)? != FileState::Plain && file_state(&path)? != FileState::Missing {
        return Err(StoreError::AlreadyEncrypted);
    }
    // A folder with no user.db yet gets one, so there is something to encrypt.
    if file_state(&path)? == FileState::Missing {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        drop(crate::UserStore::open_in(&dir.without_keyring(), now)?);
    }
    // Plain copies that would outlive the encryption: damaged files set aside before (with their
    // journals), and half-written backups or rewrites. Overwritten, then removed.
    for old in leftover_plain_copies(dir) {
        erase_file(&old);
    }
    let params = KdfParams::default();
    let ring = Keyring::with_params(passphrase, params);
    let key = ring.fresh_key()?;
    // The marker first: from here an encrypted user.db is read as locked, never as damaged.
    let marker = Marker { version: 1, kdf: "argon2id".into(), params };
    write_atomically(&marker_path(dir), serde_json::to_string_pretty(&marker).expect("plain data").as_bytes())?;
    // The backups before user.db: once user.db is encrypted, no plain copy of it is left, even
    // if this is cut short (and an encryption cut short before is simply run again).
    for b in backups(dir) {
        if file_state(&b)? == FileState::Plain {
            rewrite(&b, None, Some(&key))?;
        }
    }
    rewrite(&path, None, Some(&key))?;
    // Wrong passphrases counted for an earlier encryption are not this one's.
    crate::tries::clear(dir);
    Ok(ring)
}

/// Plain copies of personal data beside user.db that encrypting must not leave behind: damaged
/// copies moved aside (`user.db.corrupt-<n>` and their journals), temporary rewrites and backups.
fn leftover_plain_copies(dir: &DataDir) -> Vec<PathBuf> {
    let mut out = vec![];
    let named = |folder: &Path, keep: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>| {
        if let Ok(entries) = std::fs::read_dir(folder) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if keep(&name) && e.path().is_file() {
                    out.push(e.path());
                }
            }
        }
    };
    named(dir.root(), &|n: &str| n.starts_with("user.db.") || n.starts_with("user.db-wal-") || n.starts_with("user.db-shm-"), &mut out);
    named(&dir.backups(), &|n: &str| n.ends_with(".part") || n.ends_with(".rewrite"), &mut out);
    out
}

/// Decrypt the personal data of `dir` with the passphrase in `ring`: a wrong one changes nothing.
pub fn decrypt(dir: &DataDir, ring: &Keyring) -> Result<(), StoreError> {
    let path = dir.user_db();
    let from = opening_key(dir, ring)?;
    // The library first, while its key is still sealed in user.db; then the key goes from
    // user.db, before user.db is written plain.
    {
        let conn = open_for_keys(&path, &from)?;
        unseal_files(dir, stored_files_key(&conn)?)?;
        if let (Some(key), FileState::Opaque(salt)) = (stored_library_key(&conn)?, file_state(&dir.content_db())?) {
            rewrite(&dir.content_db(), Some(&FileKey { key, salt, page_size: LIBRARY_PAGE }), None)?;
        }
        store_library_key(&conn, None)?;
    }
    rewrite(&path, Some(&from), None)?;
    for b in backups(dir) {
        if let FileState::Opaque(salt) = file_state(&b)? {
            let k = ring.key(&salt)?;
            match try_open(&b, Some(&k))? {
                true => {
                    // The library's key, of no use now that the library is plain, is removed
                    // while the backup is still encrypted: no plain file ever holds it.
                    store_library_key(&open_for_keys(&b, &k)?, None)?;
                    rewrite(&b, Some(&k), None)?;
                }
                // A backup the passphrase does not open (left by an interrupted change of
                // passphrase) is of no use to anyone: it goes.
                false => erase_file(&b),
            }
        }
    }
    std::fs::remove_file(marker_path(dir))?;
    sync_folder(&marker_path(dir));
    crate::tries::clear(dir);
    ring.set_library_key(None);
    ring.set_files_key(None);
    Ok(())
}

/// Change the passphrase of `dir`'s personal data from the one in `old` to `new`.
pub fn change_passphrase(dir: &DataDir, old: &Keyring, new: &str) -> Result<Arc<Keyring>, StoreError> {
    short(new)?;
    let from = opening_key(dir, old)?;
    let ring = Keyring::with_params(new, old.params);
    let to = ring.fresh_key()?;
    // The library a new key first, under the old passphrase (a library that cannot be read
    // keeps its key: the change of passphrase goes on).
    let rekeyed = rekey_library(dir, &from).is_ok();
    rewrite(&dir.user_db(), Some(&from), Some(&to))?;
    for b in backups(dir) {
        if let FileState::Opaque(salt) = file_state(&b)? {
            let k = old.key(&salt)?;
            match try_open(&b, Some(&k))? {
                true => rewrite(&b, Some(&k), Some(&to))?,
                false => erase_file(&b),
            }
        }
    }
    // A backup that opens the library as it now is (the older ones hold its old key).
    if rekeyed && library_encrypted(dir) {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let (user, _) = crate::UserStore::open_in(&dir.with_keyring(ring.clone()), now)?;
        user.backup(dir, now)?;
    }
    Ok(ring)
}

/// After user.db opened with `ring`: backups left by an interrupted rewrite are put right. A
/// plain backup (an encryption cut short) is encrypted; one the passphrase does not open (a
/// change of passphrase cut short: only the old passphrase opens it) is erased; temporary
/// copies are removed.
pub(crate) fn tidy_backups(dir: &DataDir, key: &FileKey, ring: &Keyring) {
    // A rewrite cut short (it may be plain: a decryption's); one being written now by another
    // process is younger than this.
    let stale = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > std::time::Duration::from_secs(600));
    let mut rewrites = vec![dir.user_db().with_extension("db.rewrite")];
    rewrites.extend(backups(dir).iter().map(|b| b.with_extension("db.rewrite")));
    for r in rewrites.into_iter().filter(|r| stale(r)) {
        erase_file(&r);
    }
    for b in backups(dir) {
        match file_state(&b) {
            Ok(FileState::Plain) => {
                let _ = rewrite(&b, None, Some(key));
            }
            // Erased only when SQLCipher says the key is not this file's (never on a disk
            // error, a busy file or anything else that may pass).
            Ok(FileState::Opaque(salt)) => {
                if let Ok(k) = ring.key(&salt) {
                    if matches!(try_open(&b, Some(&k)), Ok(false)) {
                        erase_file(&b);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether `path` opens with `key` and reads as a sound database.
pub(crate) fn opens(path: &Path, key: Option<&FileKey>) -> bool {
    matches!(try_open(path, key), Ok(true))
}

/// Ok(true): `path` opens with `key` and passes a quick check; Ok(false): SQLCipher says it is
/// not a database with this key (a wrong key, or damaged pages); Err: anything else (the disk,
/// a lock), which says nothing about the key.
fn try_open(path: &Path, key: Option<&FileKey>) -> Result<bool, StoreError> {
    let conn = open_keyed(path, key)?;
    match conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
        Ok(s) => Ok(s == "ok"),
        Err(e) => {
            let e = StoreError::from(e);
            if e.is_damaged() {
                Ok(false)
            } else {
                Err(e)
            }
        }
    }
}

/// The newest backup that `ring`'s passphrase opens, among those made with `salt` (None: any
/// salt). Backups are written with user.db's key and salt, so one with user.db's salt that opens
/// where user.db does not says that user.db, not the passphrase, is wrong. A backup with another
/// salt proves nothing: after a change of passphrase cut short it may be one the old passphrase
/// opens, and restoring it would bring back older data under a passphrase no longer current.
pub(crate) fn backup_opened_by(dir: &DataDir, ring: &Keyring, salt: Option<[u8; SALT]>) -> Option<PathBuf> {
    backups(dir).into_iter().find(|b| match file_state(b) {
        Ok(FileState::Opaque(s)) if salt.is_none_or(|want| want == s) => ring.key(&s).ok().is_some_and(|k| opens(b, Some(&k))),
        _ => false,
    })
}

/// The salt user.db was made with, when it is encrypted (or damaged).
pub(crate) fn salt_of(path: &Path) -> Option<[u8; SALT]> {
    match file_state(path) {
        Ok(FileState::Opaque(salt)) => Some(salt),
        _ => None,
    }
}

/// Whether the file is missing or empty.
pub(crate) fn is_missing(path: &Path) -> bool {
    matches!(file_state(path), Ok(FileState::Missing))
}

/// Whether the folder means its personal data to be encrypted (its marker is there).
pub(crate) fn marked(dir: &DataDir) -> bool {
    marker_path(dir).exists()
}

/// Whether any backup is encrypted.
pub(crate) fn has_encrypted_backup(dir: &DataDir) -> bool {
    backups(dir).iter().any(|b| matches!(file_state(b), Ok(FileState::Opaque(_))))
}

/// Copy `from` to `to` through a temporary file, flushed, then renamed: `to` is never half a
/// file, even if this is cut short.
pub(crate) fn copy_atomically(from: &Path, to: &Path) -> Result<(), StoreError> {
    let tmp = to.with_extension("db.restore");
    std::fs::copy(from, &tmp)?;
    std::fs::File::options().read(true).write(true).open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, to)?;
    sync_folder(to);
    Ok(())
}

/// The key that opens user.db, or `WrongPassphrase`.
fn opening_key(dir: &DataDir, ring: &Keyring) -> Result<FileKey, StoreError> {
    let path = dir.user_db();
    let FileState::Opaque(salt) = file_state(&path)? else { return Err(StoreError::NotEncrypted) };
    let key = ring.key(&salt)?;
    if !opens(&path, Some(&key)) {
        return Err(StoreError::WrongPassphrase);
    }
    Ok(key)
}

fn short(passphrase: &str) -> Result<(), StoreError> {
    if passphrase.chars().count() < sealed::MIN_PASSPHRASE {
        return Err(StoreError::ShortPassphrase);
    }
    Ok(())
}

/// Overwrite a file with zeros, flush it and remove it (erase.rs), whatever fails on the way.
pub(crate) fn erase_file(path: &Path) {
    if crate::erase::erase_one(path).is_err() {
        let _ = std::fs::remove_file(path);
    }
}

/// user.db's `meta` row holding the library's key (a 32-byte BLOB) while the library is encrypted.
const LIBRARY_KEY_ROW: &str = "library_key";
/// ...and the key a change of passphrase is giving the library, until content.db has it.
const LIBRARY_NEXT_ROW: &str = "library_key_next";
/// ...and the key its attachments are sealed with (files.rs), kept across changes of passphrase.
const FILES_KEY_ROW: &str = "files_key";

/// The library's key stored in the user.db open on `conn`, if any.
pub(crate) fn stored_library_key(conn: &Connection) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    stored_key(conn, LIBRARY_KEY_ROW)
}

/// The library's next key (a change of passphrase cut short), if any.
pub(crate) fn stored_library_next_key(conn: &Connection) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    stored_key(conn, LIBRARY_NEXT_ROW)
}

/// The key the library's attachments are sealed with, if any.
pub(crate) fn stored_files_key(conn: &Connection) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    stored_key(conn, FILES_KEY_ROW)
}

fn stored_key(conn: &Connection, row: &str) -> Result<Option<Zeroizing<[u8; 32]>>, StoreError> {
    use rusqlite::OptionalExtension;
    let blob: Option<Vec<u8>> = conn.query_row("SELECT value FROM meta WHERE key = ?1 AND typeof(value) = 'blob'", [row], |r| r.get(0)).optional()?;
    Ok(blob.map(Zeroizing::new).and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok()).map(Zeroizing::new))
}

/// Store the library's key in user.db (None removes it and the attachments' key, their bytes
/// overwritten: secure_delete).
pub(crate) fn store_library_key(conn: &Connection, key: Option<&[u8; 32]>) -> Result<(), StoreError> {
    store_key(conn, LIBRARY_KEY_ROW, key)?;
    if key.is_none() {
        store_key(conn, FILES_KEY_ROW, None)?;
    }
    store_key(conn, LIBRARY_NEXT_ROW, None)
}

/// The key `dir`'s attachments are sealed with: None while its library is plain; `Locked` when
/// the library is encrypted and its personal data was not unlocked. A library encrypted before
/// its attachments were (content schema 7 without `files_key`) is given one now.
pub(crate) fn files_key(dir: &DataDir) -> Result<Option<crate::files::FilesKey>, StoreError> {
    let ring = dir.keyring();
    if let Some(k) = ring.and_then(Keyring::files_key) {
        return Ok(Some(crate::files::FilesKey::from_master(&k)));
    }
    match ring {
        Some(ring) if ring.library_key().is_some() => {
            let conn = open_user(dir)?;
            if stored_files_key(&conn)?.is_none() {
                // Another process may be giving it one at this moment: the first key written
                // stays, and both read it back. Sealed files left without their key (a user.db put
                // back from before they were sealed) can never be read: they go.
                // (A row that is not a key, damaged, is replaced.)
                let given = conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE typeof(meta.value) != 'blob' OR length(meta.value) != 32",
                    rusqlite::params![FILES_KEY_ROW, &random_key()[..]],
                )?;
                if given == 1 {
                    let _ = std::fs::remove_dir_all(dir.attachments().join(crate::files::SEALED));
                }
            }
            let master = stored_files_key(&conn)?.ok_or(StoreError::NotEncrypted)?;
            ring.set_files_key(Some(master.clone()));
            Ok(Some(crate::files::FilesKey::from_master(&master)))
        }
        _ if library_encrypted(dir) => Err(StoreError::Locked),
        _ => Ok(None),
    }
}

/// Set (None: remove) the `meta` row `row` of `dir`'s encrypted user.db to any bytes, and forget
/// the attachments' key `dir`'s keyring holds: for tests of a library encrypted before its
/// attachments were sealed (no `files_key`) and of rows that are not keys.
#[cfg(feature = "testing")]
pub fn set_key_row(dir: &DataDir, row: &str, value: Option<&[u8]>) -> Result<(), StoreError> {
    let conn = open_user(dir)?;
    match value {
        Some(v) => conn.execute("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", rusqlite::params![row, v])?,
        None => conn.execute("DELETE FROM meta WHERE key = ?1", [row])?,
    };
    if let Some(ring) = dir.keyring() {
        ring.set_files_key(None);
    }
    Ok(())
}

fn random_key() -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(&mut key[..]).expect("the system's random source");
    key
}

fn store_key(conn: &Connection, row: &str, key: Option<&[u8; 32]>) -> Result<(), StoreError> {
    match key {
        Some(k) => conn.execute("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", rusqlite::params![row, &k[..]])?,
        None => conn.execute("DELETE FROM meta WHERE key = ?1", [row])?,
    };
    Ok(())
}

/// Give the library a new key (a change of passphrase: the old passphrase, with an old copy of
/// user.db, must not open the library as it is from now on). The new key is kept in user.db as
/// the next one, content.db is written anew with it and renamed into place, then the new key
/// becomes the library's. Cut short between the last two, the library opens with the next key and
/// that open makes it the library's (`promote_library_key`). `from` opens user.db.
fn rekey_library(dir: &DataDir, from: &FileKey) -> Result<(), StoreError> {
    let FileState::Opaque(salt) = file_state(&dir.content_db())? else { return Ok(()) };
    let conn = open_for_keys(&dir.user_db(), from)?;
    let Some(current) = stored_library_key(&conn)? else { return Ok(()) };
    let next = random_key();
    store_key(&conn, LIBRARY_NEXT_ROW, Some(&next))?;
    rewrite(&dir.content_db(), Some(&FileKey { key: current, salt, page_size: LIBRARY_PAGE }), Some(&library_file_key(next.clone())))?;
    store_library_key(&conn, Some(&next))
}

/// content.db opened with the library's next key (a change of passphrase cut short after
/// content.db took it): that key becomes the library's, in user.db and in `dir`'s keyring.
pub(crate) fn promote_library_key(dir: &DataDir) -> Result<(), StoreError> {
    let Some(ring) = dir.keyring() else { return Ok(()) };
    let Some(next) = ring.library_next_key() else { return Ok(()) };
    store_library_key(&open_user(dir)?, Some(&next))?;
    ring.set_library_key(Some(next));
    ring.set_library_next_key(None);
    Ok(())
}

/// The library's next key with `salt` (the file's), to try when its key does not open it.
pub(crate) fn next_content_key(dir: &DataDir) -> Option<ContentKey> {
    let next = dir.keyring()?.library_next_key()?;
    let FileState::Opaque(salt) = file_state(&dir.content_db()).ok()? else { return None };
    Some(ContentKey::Keyed(FileKey { key: next, salt, page_size: LIBRARY_PAGE }))
}

/// How content.db is to be opened.
pub(crate) enum ContentKey {
    /// Plain SQLite (or a new file, while the library is not encrypted).
    Plain,
    /// With the library's key and the file's salt (a new file: a fresh salt).
    Keyed(FileKey),
    /// Not plain SQLite, and no library key to try: damaged, or encrypted with a key that is
    /// gone (a user.db restored from before the library was encrypted). It cannot be read.
    Unreadable,
}

/// The key content.db opens with, by its first bytes and the library key `dir`'s keyring holds;
/// `Locked` when it is encrypted and the personal data was not unlocked.
pub(crate) fn content_key(dir: &DataDir) -> Result<ContentKey, StoreError> {
    let library = dir.keyring().and_then(Keyring::library_key);
    Ok(match (file_state(&dir.content_db())?, library) {
        (FileState::Opaque(salt), Some(key)) => ContentKey::Keyed(FileKey { key, salt, page_size: LIBRARY_PAGE }),
        (FileState::Opaque(_), None) if marked(dir) && dir.keyring().is_none() => return Err(StoreError::Locked),
        (FileState::Opaque(_), None) => ContentKey::Unreadable,
        (FileState::Missing, Some(key)) => ContentKey::Keyed(library_file_key(key)),
        (FileState::Missing | FileState::Plain, _) => ContentKey::Plain,
    })
}

/// The library's key with a fresh salt, for a new content.db.
fn library_file_key(key: Zeroizing<[u8; 32]>) -> FileKey {
    let mut salt = [0u8; SALT];
    getrandom::getrandom(&mut salt).expect("the system's random source");
    FileKey { key, salt, page_size: LIBRARY_PAGE }
}

/// Bring a plain content.db to the library key `dir`'s keyring holds (an encryption cut short
/// before content.db was rewritten): rewritten in place, atomically. Nothing has it open.
pub(crate) fn finish_library_encryption(dir: &DataDir) -> Result<(), StoreError> {
    let Some(key) = dir.keyring().and_then(Keyring::library_key) else { return Ok(()) };
    if file_state(&dir.content_db())? == FileState::Plain {
        rewrite(&dir.content_db(), None, Some(&library_file_key(key)))?;
    }
    // Attachments an encryption cut short left plain (or a library encrypted before they were).
    dir.files()?.seal_all()?;
    Ok(())
}

/// Copies of content.db that a rewrite cut short left beside it: the old plain file kept to be
/// overwritten (`content.db.old`), and a new file half written more than ten minutes ago
/// (`content.db.rewrite`; a younger one may be another process's, being written). Overwritten
/// and removed.
pub(crate) fn tidy_library(dir: &DataDir) {
    let path = dir.content_db();
    let old = path.with_extension("db.old");
    if old.exists() {
        erase_file(&old);
    }
    let tmp = path.with_extension("db.rewrite");
    let stale = std::fs::metadata(&tmp).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > std::time::Duration::from_secs(600));
    if stale {
        erase_file(&tmp);
    }
}

/// The first bytes of content.db, to tell whether another process replaced it meanwhile.
pub(crate) fn content_head(dir: &DataDir) -> Option<FileState> {
    file_state(&dir.content_db()).ok()
}

/// Whether the library (content.db) is encrypted: the personal data is meant to be, and
/// content.db is not plain SQLite. Asks for no passphrase.
pub fn library_encrypted(dir: &DataDir) -> bool {
    marked(dir) && matches!(file_state(&dir.content_db()), Ok(FileState::Opaque(_)))
}

/// Encrypt the library (content.db) of `dir`, whose personal data is encrypted and unlocked by
/// `dir`'s keyring: a library key is drawn, content.db is written anew with it, the key is kept
/// in user.db (and in a backup made at once) once that copy is whole, and the copy takes
/// content.db's place by an atomic rename; the plain file is then overwritten. Cut short after
/// the key is kept, the next open with the passphrase finishes it. Nothing may have content.db
/// open.
pub fn encrypt_library(dir: &DataDir, now: i64) -> Result<(), StoreError> {
    let ring = dir.keyring().ok_or(StoreError::Locked)?;
    let (user, _) = crate::UserStore::open_in(dir, now)?;
    if !user.is_encrypted() {
        return Err(StoreError::NotEncrypted);
    }
    // Plain copies of the library set aside earlier (damaged files, rewrites cut short) go,
    // overwritten; encrypted ones stay (set aside, never deleted, and unreadable anyway).
    for old in set_aside(dir.root(), "content.db.") {
        if file_state(&old).is_ok_and(|s| s == FileState::Plain) {
            erase_file(&old);
        }
    }
    let key = ring.library_key().unwrap_or_else(random_key);
    let keep = |user: &crate::UserStore| -> Result<(), StoreError> {
        if ring.library_key().is_none() {
            let files = random_key();
            store_library_key(&user.conn, Some(&key))?;
            store_key(&user.conn, FILES_KEY_ROW, Some(&files))?;
            // A user.db put back from a backup must still open the library.
            user.backup(dir, now)?;
            ring.set_library_key(Some(key.clone()));
            ring.set_files_key(Some(files));
        }
        Ok(())
    };
    match file_state(&dir.content_db())? {
        FileState::Plain => rewrite_then(&dir.content_db(), None, Some(&library_file_key(key.clone())), || keep(&user))?,
        // No library yet: it is made encrypted at its first open. Already encrypted: nothing.
        _ => keep(&user)?,
    }
    // Then the attachments, one at a time: cut short, the next open seals the rest.
    dir.files()?.seal_all()?;
    Ok(())
}

/// Decrypt the library of `dir` (unlocked by its keyring): its attachments made plain, content.db
/// rewritten plain, then their keys removed from user.db. A library whose key is gone is left as
/// it is (it is moved aside at its next open: it cannot be read).
pub fn decrypt_library(dir: &DataDir, now: i64) -> Result<(), StoreError> {
    let ring = dir.keyring().ok_or(StoreError::Locked)?;
    let user = crate::UserStore::open_in(dir, now)?.0;
    unseal_files(dir, stored_files_key(&user.conn)?)?;
    if let (Some(key), FileState::Opaque(salt)) = (ring.library_key(), file_state(&dir.content_db())?) {
        rewrite(&dir.content_db(), Some(&FileKey { key, salt, page_size: LIBRARY_PAGE }), None)?;
    }
    store_library_key(&user.conn, None)?;
    ring.set_library_key(None);
    ring.set_files_key(None);
    Ok(())
}

/// Make `dir`'s sealed attachments plain with the files key `master` (while it is still kept:
/// cut short, the library is still encrypted and its next open seals them again).
fn unseal_files(dir: &DataDir, master: Option<Zeroizing<[u8; 32]>>) -> Result<(), StoreError> {
    if let Some(master) = master {
        crate::files::Files::new(dir.attachments(), Some(crate::files::FilesKey::from_master(&master))).unseal_all()?;
    }
    Ok(())
}

/// Files at the top of `folder` whose names start with `prefix`.
fn set_aside(folder: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix) && e.path().is_file())
        .map(|e| e.path())
        .collect()
}
