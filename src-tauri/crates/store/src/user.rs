//! user.db: what only this laptop has and nothing automatic may delete: bookmarks, private
//! notes, read state, collections and settings. Kept in its own file, apart from the content a
//! sync replaces, with rotating backups; a damaged file is moved aside and the newest good
//! backup restored, never silently emptied.

use crate::crypt;
use crate::paths::DataDir;
use crate::schema::{self, Schema};
use crate::filters::UserMarks;
use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;
use ts_rs::TS;

pub(crate) const BACKUPS: usize = 3;
/// A new backup when the newest is older than this.
const BACKUP_EVERY_SECS: i64 = 24 * 3600;

const USER: Schema = Schema { current: 2, init: user_init, upgrade_from: user_upgrade };

const USER_V1: &str = r#"
CREATE TABLE bookmarks (document_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE notes (document_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE read_state (document_id TEXT PRIMARY KEY, read_at INTEGER NOT NULL);
CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE collection_items (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (collection_id, document_id)
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"#;

/// v2: the feeds the user chose to follow, with their pinned keys (before, only in content.db,
/// which a damaged-file rebuild replaces). The network's own feed is not listed: it comes from
/// network.toml.
const USER_V2: &str = r#"
CREATE TABLE followed_feeds (
    url        TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('signed', 'website')),
    public_key TEXT,
    added_at   INTEGER NOT NULL
);
"#;

fn user_init(tx: &Transaction) -> Result<(), StoreError> {
    tx.execute_batch(USER_V1)?;
    Ok(tx.execute_batch(USER_V2)?)
}

fn user_upgrade(tx: &Transaction, from: i64) -> Result<(), StoreError> {
    match from {
        0 => Err(StoreError::Storage("the user database is not a Peer Library database".into())),
        1 => Ok(tx.execute_batch(USER_V2)?),
        _ => unreachable!("user schema {from} has no upgrade step"),
    }
}

/// A collection the user built, with its documents in the user's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Collection {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub documents: Vec<String>,
}

/// What opening user.db found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct UserOpenReport {
    /// The damaged file, moved aside.
    pub moved_aside: Option<PathBuf>,
    /// The backup the data was restored from (None with `moved_aside` set: nothing to restore).
    pub restored_from: Option<PathBuf>,
    pub backed_up: bool,
}

pub struct UserStore {
    pub(crate) conn: Connection,
    /// The key the file is encrypted with (crypt.rs); None for a plain file. Backups are written
    /// with the same key.
    key: Option<crate::crypt::FileKey>,
}

impl UserStore {
    /// Open the user data of a data folder at time `now` (seconds since the epoch; passed in so
    /// that tests control it). Backs up first when the last backup is a day old.
    pub fn open_in(dir: &DataDir, now: i64) -> Result<(UserStore, UserOpenReport), StoreError> {
        dir.create()?;
        let path = dir.user_db();
        let mut report = UserOpenReport::default();
        // Encrypted and gone (deleted, or left empty by a crash): its passphrase is needed to
        // restore the newest backup that it opens; without one nothing is touched.
        if crypt::marked(dir) && crypt::is_missing(&path) && crypt::has_encrypted_backup(dir) {
            let ring = dir.keyring().ok_or(StoreError::Locked)?;
            let backup = crypt::backup_opened_by(dir, ring, None).ok_or(StoreError::WrongPassphrase)?;
            crypt::copy_atomically(&backup, &path)?;
            report.restored_from = Some(backup);
        }
        // Locked (no passphrase given) when the file is encrypted: nothing is touched.
        let key = crypt::key_for_file(dir, &path)?;
        let store = match Self::open_keyed(&path, key.clone()) {
            Ok(s) => s,
            Err(e) if e.is_damaged() => match (key.is_some(), dir.keyring()) {
                // A wrong passphrase and a damaged encrypted file look the same to SQLCipher: only
                // a backup that this passphrase opens says that the file, not the passphrase, is
                // wrong. Otherwise nothing is moved, restored or erased.
                (true, Some(ring)) => {
                    let Some(backup) = crypt::backup_opened_by(dir, ring, crypt::salt_of(&path)) else { return Err(StoreError::WrongPassphrase) };
                    report.moved_aside = Some(crate::paths::move_aside(&path)?);
                    crypt::copy_atomically(&backup, &path)?;
                    report.restored_from = Some(backup);
                    Self::open_keyed(&path, crypt::key_for_file(dir, &path)?)?
                }
                _ => {
                    let moved = crate::paths::move_aside(&path)?;
                    report.moved_aside = Some(moved);
                    report.restored_from = restore_newest_backup(dir, &path)?;
                    Self::open(&path)?
                }
            },
            Err(e) => return Err(e),
        };
        if let (Some(k), Some(ring)) = (&store.key, dir.keyring()) {
            crypt::tidy_backups(dir, k, ring);
        }
        // The library's key, when the library is encrypted too: it opens content.db next. A
        // plain user.db holds none, whatever a keyring kept from before.
        if let Some(ring) = dir.keyring() {
            let encrypted = store.key.is_some();
            ring.set_library_key(if encrypted { crypt::stored_library_key(&store.conn)? } else { None });
            ring.set_library_next_key(if encrypted { crypt::stored_library_next_key(&store.conn)? } else { None });
            ring.set_files_key(if encrypted { crypt::stored_files_key(&store.conn)? } else { None });
        }
        report.backed_up = store.backup_if_due(dir, now)?;
        // Only once opened: a locked or refused open changes no file.
        crypt::remove_stale_parts(dir);
        Ok((store, report))
    }

    /// Whether this file is encrypted (and so are the backups it writes).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn open(path: &Path) -> Result<UserStore, StoreError> {
        Self::open_keyed(path, None)
    }

    fn open_keyed(path: &Path, key: Option<crypt::FileKey>) -> Result<UserStore, StoreError> {
        let mut conn = Connection::open(path)?;
        if let Some(k) = &key {
            k.apply(&conn)?;
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        schema::check_not_newer(&conn, &USER)?;
        // A damaged file can open fine and fail on first read: check it now.
        let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(ok),
            )));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // User data is small and precious: full fsync on commit.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A deleted note or collection is overwritten with zeros, not left in free pages (#18).
        conn.pragma_update(None, "secure_delete", "ON")?;
        schema::migrate(&mut conn, &USER)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(UserStore { conn, key })
    }

    /// Whether this store is a file on disk, not an empty one in memory (a locked app's).
    pub fn is_file(&self) -> bool {
        self.conn.path().is_some_and(|p| !p.is_empty())
    }

    pub fn open_in_memory() -> Result<UserStore, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn, &USER)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(UserStore { conn, key: None })
    }

    /// Copy the database to backups/user-1.db, shifting older copies up to BACKUPS, if the
    /// newest backup is older than a day. Uses SQLite's online backup, so the copy is consistent.
    pub fn backup_if_due(&self, dir: &DataDir, now: i64) -> Result<bool, StoreError> {
        let last: Option<i64> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'last_backup'", [], |r| r.get(0))
            .optional()?;
        if last.is_some_and(|l| now - l < BACKUP_EVERY_SECS && now >= l) && dir.user_backup(1).exists() {
            return Ok(false);
        }
        self.backup(dir, now)?;
        Ok(true)
    }

    /// Back up now, whatever the age of the newest backup (after the library's key is stored).
    pub(crate) fn backup(&self, dir: &DataDir, now: i64) -> Result<(), StoreError> {
        std::fs::create_dir_all(dir.backups())?;
        let tmp = dir.backups().join("user-new.db.part");
        let _ = std::fs::remove_file(&tmp);
        match &self.key {
            // An encrypted file's backups are encrypted with its key and salt.
            Some(k) => crypt::export_from(&self.conn, &tmp, Some(k))?,
            None => {
                let mut dst = Connection::open(&tmp)?;
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                backup.run_to_completion(256, Duration::ZERO, None)?;
            }
        }
        for n in (1..BACKUPS).rev() {
            if dir.user_backup(n).exists() {
                std::fs::rename(dir.user_backup(n), dir.user_backup(n + 1))?;
            }
        }
        std::fs::rename(&tmp, dir.user_backup(1))?;
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('last_backup', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [now],
        )?;
        Ok(())
    }

    pub fn set_bookmark(&self, document: &str, on: bool, now: i64) -> Result<(), StoreError> {
        if on {
            self.conn.execute("INSERT OR IGNORE INTO bookmarks(document_id, created_at) VALUES (?1, ?2)", params![document, now])?;
        } else {
            self.conn.execute("DELETE FROM bookmarks WHERE document_id = ?1", [document])?;
        }
        Ok(())
    }

    pub fn is_bookmarked(&self, document: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) > 0 FROM bookmarks WHERE document_id = ?1", [document], |r| r.get(0))?)
    }

    /// Save a private note; an empty note removes it.
    pub fn set_note(&self, document: &str, body: &str, now: i64) -> Result<(), StoreError> {
        if body.trim().is_empty() {
            self.conn.execute("DELETE FROM notes WHERE document_id = ?1", [document])?;
        } else {
            self.conn.execute(
                "INSERT INTO notes(document_id, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(document_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![document, body, now],
            )?;
        }
        Ok(())
    }

    pub fn note(&self, document: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT body FROM notes WHERE document_id = ?1", [document], |r| r.get(0)).optional()?)
    }

    pub fn set_read(&self, document: &str, read: bool, now: i64) -> Result<(), StoreError> {
        if read {
            self.conn.execute("INSERT OR IGNORE INTO read_state(document_id, read_at) VALUES (?1, ?2)", params![document, now])?;
        } else {
            self.conn.execute("DELETE FROM read_state WHERE document_id = ?1", [document])?;
        }
        Ok(())
    }

    pub fn is_read(&self, document: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM read_state WHERE document_id = ?1", [document], |r| r.get::<_, i64>(0))? > 0)
    }

    /// Bookmarked and read documents, for the search filters.
    pub fn marks(&self) -> Result<UserMarks, StoreError> {
        let ids = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut stmt = self.conn.prepare(sql)?;
            let v = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
            Ok(v)
        };
        Ok(UserMarks {
            bookmarked: ids("SELECT document_id FROM bookmarks ORDER BY created_at")?,
            read: ids("SELECT document_id FROM read_state")?,
        })
    }

    /// A new, empty collection at the end; a name of only spaces is refused.
    pub fn create_collection(&self, name: &str, now: i64) -> Result<i64, StoreError> {
        collection_name(name)?;
        self.conn.execute(
            "INSERT INTO collections(name, position, created_at)
             VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM collections), ?2)",
            params![name.trim(), now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn rename_collection(&self, id: i64, name: &str) -> Result<(), StoreError> {
        collection_name(name)?;
        self.changed(self.conn.execute("UPDATE collections SET name = ?2 WHERE id = ?1", params![id, name.trim()])?, id)
    }

    pub fn delete_collection(&self, id: i64) -> Result<(), StoreError> {
        self.changed(self.conn.execute("DELETE FROM collections WHERE id = ?1", [id])?, id)
    }

    /// Append a document to a collection (a document already in it stays where it is).
    pub fn add_to_collection(&self, id: i64, document: &str) -> Result<(), StoreError> {
        self.collection_exists(id)?;
        self.conn.execute(
            "INSERT OR IGNORE INTO collection_items(collection_id, document_id, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM collection_items WHERE collection_id = ?1))",
            params![id, document],
        )?;
        Ok(())
    }

    pub fn remove_from_collection(&self, id: i64, document: &str) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM collection_items WHERE collection_id = ?1 AND document_id = ?2", params![id, document])?;
        Ok(())
    }

    /// Put the collection's documents in this order (the UI's drag and drop or move up/down).
    /// Documents not named keep their relative order after the named ones.
    pub fn reorder_collection(&mut self, id: i64, order: &[String]) -> Result<(), StoreError> {
        self.collection_exists(id)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: Vec<String> = tx
            .prepare("SELECT document_id FROM collection_items WHERE collection_id = ?1 ORDER BY position")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut next: Vec<&String> = order.iter().filter(|d| current.contains(d)).collect();
        next.dedup();
        next.extend(current.iter().filter(|d| !order.contains(d)));
        for (pos, doc) in next.iter().enumerate() {
            tx.execute(
                "UPDATE collection_items SET position = ?3 WHERE collection_id = ?1 AND document_id = ?2",
                params![id, doc, pos as i64],
            )?;
        }
        Ok(tx.commit()?)
    }

    pub fn collections(&self) -> Result<Vec<Collection>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM collections ORDER BY position, id")?;
        let heads = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        let mut items = self.conn.prepare("SELECT document_id FROM collection_items WHERE collection_id = ?1 ORDER BY position")?;
        heads
            .into_iter()
            .map(|(id, name)| {
                let documents = items.query_map([id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
                Ok(Collection { id, name, documents })
            })
            .collect()
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// A random 32-byte key kept in user.db under `name`, made from the system's random source
    /// on first use (two processes asking at once get the same one). For keyed names that must
    /// not be guessable from outside user.db: the sync log's names of feeds (peerlib-sync's
    /// log.rs). Not a setting: a personal-data export takes only settings.rs's keys.
    pub fn secret(&self, name: &str) -> Result<[u8; 32], StoreError> {
        let parse = |hex: &str| -> Option<[u8; 32]> {
            let mut key = [0u8; 32];
            (hex.len() == 64).then_some(())?;
            for (i, b) in key.iter_mut().enumerate() {
                *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
            }
            Some(key)
        };
        let held = self.setting(name)?;
        if let Some(key) = held.as_deref().and_then(parse) {
            return Ok(key);
        }
        let mut fresh = [0u8; 32];
        getrandom::getrandom(&mut fresh).expect("the system's random source");
        let hex: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
        match held {
            // Damaged: replaced.
            Some(_) => self.set_setting(name, &hex)?,
            // New: one written meanwhile by another process is kept and read back.
            None => {
                self.conn.execute("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING", params![name, hex])?;
            }
        }
        Ok(self.setting(name)?.as_deref().and_then(parse).unwrap_or(fresh))
    }

    fn collection_exists(&self, id: i64) -> Result<(), StoreError> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM collections WHERE id = ?1", [id], |r| r.get(0))?;
        self.changed(n as usize, id)
    }

    fn changed(&self, rows: usize, id: i64) -> Result<(), StoreError> {
        if rows == 0 {
            Err(StoreError::NotFound(format!("collection {id}")))
        } else {
            Ok(())
        }
    }
}

/// A collection needs a name someone can see.
fn collection_name(name: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() {
        Err(StoreError::BlankCollectionName)
    } else {
        Ok(())
    }
}

/// Copy the newest backup that passes an integrity check into place.
fn restore_newest_backup(dir: &DataDir, path: &Path) -> Result<Option<PathBuf>, StoreError> {
    for n in 1..=BACKUPS {
        let b = dir.user_backup(n);
        let good = b.exists()
            && Connection::open(&b)
                .and_then(|c| c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)))
                .is_ok_and(|s| s == "ok");
        if good {
            std::fs::copy(&b, path)?;
            return Ok(Some(b));
        }
    }
    Ok(None)
}
