//! content.db: everything a sync can fetch again. Opening (and migrating, schema.rs) the one
//! writer connection; the rest of `ContentStore`'s methods are in read.rs, apply.rs,
//! sources.rs, library.rs and search.rs.

use crate::model::LibraryQuery;
use crate::paths::{move_aside, DataDir};
use crate::schema;
use crate::crypt;
use crate::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The single writer connection to content.db (WAL; readers may open their own).
pub struct ContentStore {
    pub(crate) conn: Connection,
    /// The order of the last library view built (library.rs), kept until anything is written.
    pub(crate) last_view: std::cell::RefCell<Option<CachedOrder>>,
    /// Orders built so far (from a number that differs from one open to the next).
    pub(crate) orders_built: std::cell::Cell<u32>,
}

/// The order of a library view as last built (library.rs): the document shown on each line,
/// with everything it was built from. The next page asked for with the same query and languages
/// (and the same marks, when the query filters on them), with nothing written since, is read from
/// this one.
pub(crate) struct CachedOrder {
    pub prefs: Vec<String>,
    pub query: LibraryQuery,
    /// (bookmarked, read), when the query filters on them.
    pub marks: Option<(Vec<String>, Vec<String>)>,
    pub stamp: (u64, i64),
    /// Which build of an order this is (`LibraryPage::order`).
    pub build: u32,
    pub lines: Vec<i64>,
}

impl ContentStore {
    /// Open (creating if needed) the content database of a data folder. A damaged file is moved
    /// aside, never deleted, and a new empty library is created in its place (the content can be
    /// downloaded again); the second value names the file that was moved aside.
    ///
    /// An encrypted library (crypt.rs) opens with the library key `dir`'s keyring read from
    /// user.db: `Locked` without one while the personal data is encrypted; a file that key does
    /// not open is moved aside as damaged (it was encrypted, so nothing is readable in it). A
    /// plain file while the library is to be encrypted (an encryption cut short) is encrypted now.
    pub fn open_in(dir: &DataDir) -> Result<(ContentStore, Option<PathBuf>), StoreError> {
        dir.create()?;
        let path = dir.content_db();
        crypt::tidy_library(dir);
        // An encryption cut short is finished now; if it cannot be (a full disk), the library
        // opens as it is, plain, and the next open tries again.
        let _ = crypt::finish_library_encryption(dir);
        let (head, opened) = Self::open_as_it_is(dir);
        let opened = match opened {
            // Read as plain an instant before another process put an encrypted file in its place
            // (or the reverse): opened again as the file is now, never set aside for that.
            Err(e) if e.is_damaged() && crypt::content_head(dir) != head => Self::open_as_it_is(dir).1,
            other => other,
        };
        // Not opened by the library's key, but by the next one a change of passphrase cut short
        // was giving it: that one is the library's now.
        if opened.as_ref().is_err_and(StoreError::is_damaged) {
            if let Some(next) = crypt::next_content_key(dir) {
                if let Ok(store) = Self::open_keyed(&path, next) {
                    crypt::promote_library_key(dir)?;
                    return Ok((store, None));
                }
            }
        }
        match opened {
            Err(e) if e.is_damaged() => {
                let moved = move_aside(&path)?;
                Ok((Self::open_keyed(&path, crypt::content_key(dir)?)?, Some(moved)))
            }
            other => other.map(|s| (s, None)),
        }
    }

    /// content.db's first bytes, read before it is opened with the key they call for.
    fn open_as_it_is(dir: &DataDir) -> (Option<crypt::FileState>, Result<ContentStore, StoreError>) {
        let head = crypt::content_head(dir);
        let opened = crypt::content_key(dir).and_then(|key| match key {
            crypt::ContentKey::Unreadable => Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB), None))),
            key => Self::open_keyed(&dir.content_db(), key),
        });
        (head, opened)
    }

    /// Open a database file at a path, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<ContentStore, StoreError> {
        Self::open_keyed(path, crypt::ContentKey::Plain)
    }

    fn open_keyed(path: &Path, key: crypt::ContentKey) -> Result<ContentStore, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if let crypt::ContentKey::Keyed(k) = key {
            k.apply(&conn)?;
        }
        Self::setup(conn)
    }

    /// From now on, on this connection, deleted rows are overwritten with zeros (panic erase,
    /// #18: the feeds a person followed, unfollowed before the erase, leave no text behind).
    pub fn secure_delete(&self) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        Ok(())
    }

    /// Rebuild the file from what is live, so nothing deleted stays in it, and fold the WAL in.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }

    /// Every attachment file the library refers to (by sha256), to remove the rest.
    pub fn file_hashes(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM files")?;
        let hashes = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(hashes)
    }

    /// An in-memory store, for unit tests.
    pub fn open_in_memory() -> Result<ContentStore, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<ContentStore, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Check the version before anything writes to the file: a newer database stays untouched.
        schema::check_not_newer(&conn, &schema::CONTENT)?;
        // 8 KiB pages hold a typical document row (~2-3 KB) whole; with 4 KiB pages SQLite
        // spills it into a half-empty overflow page and the file grows by half again. Only
        // takes effect on a new file, so it is set before anything is written.
        conn.pragma_update(None, "page_size", 8192)?;
        // A 64 MiB page cache: FTS5 merges and common-word queries touch many index pages.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Foreign keys go on after migrating: a table rebuild must not cascade (schema.rs).
        schema::migrate(&mut conn, &schema::CONTENT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        crate::rank::register(&conn)?;
        let start = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        Ok(ContentStore { conn, last_view: Default::default(), orders_built: std::cell::Cell::new(start) })
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// How many sources (the starter library, feeds) have ever been applied.
    pub fn source_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM sources", [], |r| r.get(0))?)
    }

    pub fn document_count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Changes when anything is written to the library: by this connection (its count of changed
    /// rows) or committed by another one (SQLite's data_version).
    pub(crate) fn write_stamp(&self) -> Result<(u64, i64), StoreError> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((self.conn.total_changes(), version))
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

}
