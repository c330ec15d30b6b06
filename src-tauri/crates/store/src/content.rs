//! content.db: everything a sync can fetch again.

use crate::model::*;
use crate::paths::DataDir;
use crate::schema;
use crate::StoreError;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The single writer connection to content.db (WAL; readers may open their own).
pub struct ContentStore {
    conn: Connection,
    /// The last library view built (library.rs), kept until anything is written.
    pub(crate) last_view: std::cell::RefCell<Option<crate::library::CachedView>>,
}

impl ContentStore {
    /// Open (creating if needed) the content database of a data folder. A damaged file is moved
    /// aside, never deleted, and a new empty library is created in its place (the content can be
    /// downloaded again); the second value names the file that was moved aside.
    pub fn open_in(dir: &DataDir) -> Result<(ContentStore, Option<PathBuf>), StoreError> {
        dir.create()?;
        let path = dir.content_db();
        match Self::open(&path) {
            Err(e) if e.is_damaged() => {
                let moved = move_aside(&path)?;
                Ok((Self::open(&path)?, Some(moved)))
            }
            other => other.map(|s| (s, None)),
        }
    }

    /// Open a database file at a path, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<ContentStore, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::setup(conn)
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
        Ok(ContentStore { conn, last_view: Default::default() })
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

    /// Replace every document of one source with `docs`, in ONE transaction: afterwards the
    /// library holds exactly this source's new set, or (on any error) exactly its old one.
    pub fn replace_source(
        &mut self,
        source: &Source,
        seq: Option<i64>,
        docs: &[NewDocument],
    ) -> Result<(), StoreError> {
        let kind = if source.verified { SourceKind::Network } else { SourceKind::Website };
        let update = SourceUpdate { url: source.url.clone(), title: source.title.clone(), kind: Some(kind), seq, ..Default::default() };
        self.replace_all(&update, docs)
    }

    /// [`apply_changes`](Self::apply_changes) with `docs` as the source's complete set: what it
    /// holds and `docs` does not name is deleted, in the same transaction.
    pub fn replace_all(&mut self, source: &SourceUpdate, docs: &[NewDocument]) -> Result<(), StoreError> {
        let keep: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let deletes: Vec<String> =
            self.document_hashes(&source.url)?.into_keys().filter(|id| !keep.contains(id.as_str())).collect();
        self.apply_changes(source, docs, &deletes)
    }

    /// Apply one sync of a source in ONE transaction: write the source's state (seq, HTTP
    /// validators), insert or replace `upserts`, delete `deletes`. Afterwards the library holds
    /// exactly the new state, or (on any error) exactly the old one. A document id another
    /// source already holds is refused: one feed cannot overwrite another's documents.
    pub fn apply_changes(
        &mut self,
        source: &SourceUpdate,
        upserts: &[NewDocument],
        deletes: &[String],
    ) -> Result<(), StoreError> {
        for d in upserts {
            validate(d)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kind = source.kind.unwrap_or(SourceKind::Network);
        tx.execute(
            "INSERT INTO sources(url, title, verified, kind, seq, etag, last_modified, body_hash, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(url) DO UPDATE SET title = excluded.title, seq = excluded.seq,
                 etag = excluded.etag, last_modified = excluded.last_modified,
                 body_hash = excluded.body_hash, expires_at = excluded.expires_at",
            params![
                source.url,
                source.title,
                kind.verified(),
                kind.as_str(),
                source.seq,
                source.etag,
                source.last_modified,
                source.body_hash,
                source.expires_at
            ],
        )?;
        let source_id: i64 =
            tx.query_row("SELECT id FROM sources WHERE url = ?1", [&source.url], |r| r.get(0))?;
        // A document that was already here keeps when it first arrived.
        let mut kept_arrival: std::collections::HashMap<String, Option<i64>> = Default::default();
        {
            let mut find = tx.prepare_cached("SELECT doc_no, source_id, arrived_at FROM documents WHERE id = ?1")?;
            let mut del = tx.prepare_cached("DELETE FROM documents WHERE doc_no = ?1")?;
            let mut remove = |id: &str, upsert: bool| -> Result<(), StoreError> {
                let found: Option<(i64, i64, Option<i64>)> =
                    find.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
                match found {
                    Some((_, owner, _)) if owner != source_id => {
                        if upsert {
                            return Err(StoreError::InvalidDocument {
                                id: id.to_string(),
                                reason: "another feed already holds a document with this id".into(),
                            });
                        }
                        Ok(())
                    }
                    Some((doc_no, _, arrived)) => {
                        if upsert {
                            kept_arrival.insert(id.to_string(), arrived);
                        }
                        crate::index::unindex(&tx, doc_no)?;
                        del.execute([doc_no])?;
                        Ok(())
                    }
                    None => Ok(()),
                }
            };
            for id in deletes {
                remove(id, false)?;
            }
            for d in upserts {
                remove(&d.id, true)?;
            }
        }
        {
            let mut ins_doc = tx.prepare(
                "INSERT INTO documents(id, source_id, version, kind, language, group_id, title,
                     summary, body_html, published, updated, url, content_hash, arrived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut ins_pub = tx.prepare(
                "INSERT INTO document_publishers(document_id, position, name) VALUES (?1, ?2, ?3)",
            )?;
            let mut ins_tag =
                tx.prepare("INSERT OR IGNORE INTO document_tags(document_id, tag) VALUES (?1, ?2)")?;
            let mut ins_file = tx.prepare(
                "INSERT INTO files(sha256, size, media_type, downloaded) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(sha256) DO UPDATE SET downloaded = max(downloaded, excluded.downloaded)",
            )?;
            let mut ins_att = tx.prepare(
                "INSERT INTO document_attachments(document_id, position, sha256, title)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut ins_img = tx.prepare(
                "INSERT OR IGNORE INTO document_images(document_id, sha256) VALUES (?1, ?2)",
            )?;
            for d in upserts {
                ins_doc.execute(params![
                    d.id,
                    source_id,
                    d.version,
                    d.kind.as_str(),
                    d.language,
                    d.group,
                    d.title,
                    d.summary,
                    d.body_html,
                    d.published,
                    d.updated,
                    d.url,
                    d.content_hash,
                    kept_arrival.get(&d.id).copied().unwrap_or(source.arrived_at)
                ])?;
                let doc_no = tx.last_insert_rowid();
                for (i, p) in d.publishers.iter().enumerate() {
                    ins_pub.execute(params![d.id, i as i64, p])?;
                }
                for t in &d.tags {
                    ins_tag.execute(params![d.id, t])?;
                }
                for (i, a) in d.attachments.iter().enumerate() {
                    ins_file.execute(params![a.sha256, a.size as i64, a.media_type, a.downloaded])?;
                    ins_att.execute(params![d.id, i as i64, a.sha256, a.title])?;
                }
                for img in &d.images {
                    ins_file.execute(params![img.sha256, img.size as i64, img.media_type, true])?;
                    ins_img.execute(params![d.id, img.sha256])?;
                }
                let attachments = if d.attachments.is_empty() {
                    vec![]
                } else {
                    crate::index::attachment_texts(&tx, &d.id)?
                };
                let attachments = crate::text::index_text(&attachments.join("\n"), &d.language);
                match &d.prepared {
                    Some(p) => crate::index::write_prepared(&tx, doc_no, p, &attachments)?,
                    None => crate::index::write_prepared(&tx, doc_no, &crate::PreparedIndex::of(d), &attachments)?,
                }
            }
        }
        // Files no document names any more are forgotten (their bytes are collected separately).
        if !deletes.is_empty() || !upserts.is_empty() {
            tx.execute(
                crate::content::DELETE_ORPHAN_FILES,
                [],
            )?;
        }
        Ok(tx.commit()?)
    }

    /// Every document of a source with its version and content hash: what a sync diffs against.
    pub fn document_hashes(&self, source_url: &str) -> Result<BTreeMap<String, (i64, Option<String>)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.version, d.content_hash FROM documents d JOIN sources s ON s.id = d.source_id
             WHERE s.url = ?1",
        )?;
        let rows = stmt.query_map([source_url], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Record the text extracted from an attachment (or why there is none), before the
    /// documents naming it are applied; documents already naming it are re-indexed.
    pub fn record_file_text(
        &mut self,
        sha256: &str,
        size: u64,
        media_type: &str,
        extracted: &ExtractedText,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO files(sha256, size, media_type, downloaded, text, text_status)
             VALUES (?1, ?2, ?3, 0, ?4, ?5)
             ON CONFLICT(sha256) DO UPDATE SET text = excluded.text, text_status = excluded.text_status",
            params![sha256, size as i64, media_type, extracted.text(), extracted.status()],
        )?;
        let docs: Vec<i64> = tx
            .prepare("SELECT d.doc_no FROM documents d JOIN document_attachments a ON a.document_id = d.id WHERE a.sha256 = ?1")?
            .query_map([sha256], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for d in docs {
            crate::index::index_document(&tx, d)?;
        }
        Ok(tx.commit()?)
    }

    /// Why an attachment has no searchable text, if it has none ("ok" when it has).
    pub fn file_text_status(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT text_status FROM files WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?)
    }

    /// Tests only: make this connection see a disk that is full `extra_pages` pages from now
    /// (SQLite's real SQLITE_FULL path, without filling a real disk).
    #[doc(hidden)]
    pub fn simulate_full_disk_after(&self, extra_pages: i64) -> Result<(), StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "max_page_count", pages + extra_pages)?;
        Ok(())
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

    /// The seq last applied from a source, if any.
    pub fn source_seq(&self, url: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT seq FROM sources WHERE url = ?1", [url], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// One whole document with its translations and attachments.
    pub fn document(&self, id: &str) -> Result<Document, StoreError> {
        let doc = self
            .conn
            .query_row(
                "SELECT d.id, d.version, d.kind, d.language, d.group_id, d.title, d.summary,
                        d.body_html, d.published, d.updated, d.url, s.url, s.title, s.verified
                 FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?1",
                [id],
                |r| {
                    Ok(Document {
                        id: r.get(0)?,
                        version: r.get(1)?,
                        kind: kind_column(r, 2)?,
                        language: r.get(3)?,
                        group: r.get(4)?,
                        title: r.get(5)?,
                        summary: r.get(6)?,
                        body_html: r.get(7)?,
                        published: r.get(8)?,
                        updated: r.get(9)?,
                        url: r.get(10)?,
                        source: Source { url: r.get(11)?, title: r.get(12)?, verified: r.get(13)? },
                        publishers: vec![],
                        tags: vec![],
                        translations: vec![],
                        attachments: vec![],
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let publishers = publishers(&self.conn, id)?;
        let tags = strings(&self.conn, "SELECT tag FROM document_tags WHERE document_id = ?1 ORDER BY tag", id)?;
        let mut stmt = self.conn.prepare(
            "SELECT id, language, title FROM documents WHERE group_id = ?1 AND id != ?2
             ORDER BY language",
        )?;
        let translations = stmt
            .query_map(params![doc.group, doc.id], |r| {
                Ok(Translation { id: r.get(0)?, language: r.get(1)?, title: r.get(2)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = self.conn.prepare(
            "SELECT f.sha256, f.size, f.media_type, a.title, f.downloaded, f.text_status
             FROM document_attachments a JOIN files f USING(sha256)
             WHERE a.document_id = ?1 ORDER BY a.position",
        )?;
        let attachments = stmt
            .query_map([id], attachment_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Document { publishers, tags, translations, attachments, ..doc })
    }

    /// The media type of an image some document's body shows, if this hash is one.
    pub fn image(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT f.media_type FROM files f JOIN document_images i USING(sha256) WHERE f.sha256 = ?1 LIMIT 1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The attachment with this hash, if a document in the library names it.
    pub fn attachment(&self, sha256: &str) -> Result<Option<Attachment>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT f.sha256, f.size, f.media_type, a.title, f.downloaded, f.text_status
                 FROM files f JOIN document_attachments a USING(sha256) WHERE f.sha256 = ?1 LIMIT 1",
                [sha256],
                attachment_row,
            )
            .optional()?)
    }

}

/// Files no document names any more, as attachment or image, are forgotten (their bytes are
/// collected separately).
pub(crate) const DELETE_ORPHAN_FILES: &str = "DELETE FROM files WHERE sha256 NOT IN (SELECT sha256 FROM document_attachments)
     AND sha256 NOT IN (SELECT sha256 FROM document_images)";

/// One text column of every row `sql` selects for a document id.
pub(crate) fn strings(conn: &Connection, sql: &str, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let v = stmt.query_map([id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(v)
}

/// A document's publishers, in the order the feed gave them.
pub(crate) fn publishers(conn: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    strings(conn, "SELECT name FROM document_publishers WHERE document_id = ?1 ORDER BY position", id)
}

fn attachment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        sha256: r.get(0)?,
        size: r.get::<_, i64>(1)? as u64,
        media_type: r.get(2)?,
        title: r.get(3)?,
        downloaded: r.get(4)?,
        text: TextState::parse(&r.get::<_, String>(5)?),
    })
}

pub(crate) fn kind_column(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Kind> {
    let s: String = r.get(i)?;
    Kind::parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into())
    })
}

fn validate(d: &NewDocument) -> Result<(), StoreError> {
    let bad = |reason: &str| StoreError::InvalidDocument { id: d.id.clone(), reason: reason.into() };
    if d.id.trim().is_empty() {
        return Err(bad("empty id"));
    }
    if d.title.trim().is_empty() {
        return Err(bad("empty title"));
    }
    if let Some(a) = d.attachments.iter().find(|a| !crate::paths::is_sha256_hex(&a.sha256)) {
        return Err(bad(&format!("attachment hash {} is not a sha256", a.sha256)));
    }
    Ok(())
}

/// Move a damaged database (and its WAL files) aside under a unique name; never delete it.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let mut n = 0;
    let target = loop {
        let candidate = path.with_extension(format!("db.corrupt-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &target)?;
    for ext in ["db-wal", "db-shm"] {
        let side = path.with_extension(ext);
        if side.exists() {
            std::fs::rename(&side, target.with_extension(format!("{ext}-{n}")))?;
        }
    }
    Ok(target)
}
