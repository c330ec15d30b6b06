//! Writing what a sync brings: one source's documents applied in ONE transaction, attachments'
//! text recorded, files marked as held.

use crate::model::*;
use crate::open::ContentStore;
use crate::rows::{DELETE_ORPHAN_FILES, DELETE_ORPHAN_SIGNED};
use crate::StoreError;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;

impl ContentStore {
    /// Tests only: replace every document of one source with `docs`, in ONE transaction:
    /// afterwards the library holds exactly this source's new set, or (on any error) exactly its
    /// old one.
    #[cfg(feature = "testing")]
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
    #[cfg(feature = "testing")]
    pub fn replace_all(&mut self, source: &SourceUpdate, docs: &[NewDocument]) -> Result<(), StoreError> {
        let keep: std::collections::HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        let deletes: Vec<String> =
            self.document_hashes(&source.url)?.into_keys().filter(|id| !keep.contains(id.as_str())).collect();
        self.apply_changes(source, docs, &deletes)
    }

    /// Apply one sync of a source in ONE transaction: write the source's state (seq, HTTP
    /// validators), insert or replace `upserts`, delete `deletes`. Afterwards the library holds
    /// exactly the new state, or (on any error) exactly the old one. A document id another
    /// source already holds is refused: one feed cannot overwrite another's documents, except
    /// that the network's own feed wins over every other (#17 item 9: a library the user added
    /// claimed an id the network published later, and every network update failed). Translation
    /// groups are scoped to their source: only the network's are shared as named.
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
        let source_id = write_source(&tx, source)?;
        let network = source.kind.unwrap_or(SourceKind::Network) == SourceKind::Network;
        let in_place = remove_replaced(&tx, source_id, network, upserts, deletes)?;
        insert_documents(&tx, source_id, network, source.arrived_at, upserts, &in_place)?;
        if let Some(signed) = &source.signed {
            write_signed(&tx, source_id, signed)?;
        }
        if !deletes.is_empty() || !upserts.is_empty() {
            tx.execute(DELETE_ORPHAN_FILES, [])?;
            tx.execute(DELETE_ORPHAN_SIGNED, [])?;
        }
        Ok(tx.commit()?)
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

    /// Record what a held file's bytes really are (`real_type`, '' for none we can name) and
    /// the allowlisted type it may be opened as (None: save only). Checked by the sync from the
    /// verified bytes (peerlib_feed::filetype).
    pub fn record_file_type(&mut self, sha256: &str, real_type: Option<&str>, open_as: Option<&str>) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE files SET real_type = ?2, open_as = ?3 WHERE sha256 = ?1",
            params![sha256, real_type.unwrap_or(""), open_as],
        )?;
        Ok(())
    }

    /// Held files of a source whose type has not been checked yet (kept from before content
    /// schema 5): sha256 and the media type the feed named.
    pub fn files_unchecked(&self, source_url: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            // As `files_to_download`: from the unchecked files, never the source's documents.
            "SELECT f.sha256, f.media_type FROM files f
             WHERE f.downloaded AND f.real_type IS NULL AND EXISTS (
                 SELECT 1 FROM document_attachments a JOIN documents d ON d.id = a.document_id
                 JOIN sources s ON s.id = d.source_id WHERE a.sha256 = f.sha256 AND s.url = ?1)
             ORDER BY f.sha256",
        )?;
        let v = stmt.query_map([source_url], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Why an attachment has no searchable text, if it has none ("ok" when it has).
    /// A file whose text no extraction read (its child could not be started or limit itself):
    /// held, its text pending, so that a later sync extracts it (`file_text_status`).
    pub fn record_file_pending(&mut self, sha256: &str, size: u64, media_type: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO files(sha256, size, media_type, downloaded, text, text_status) VALUES (?1, ?2, ?3, 0, NULL, 'pending')
             ON CONFLICT(sha256) DO UPDATE SET text = NULL, text_status = 'pending'",
            params![sha256, size as i64, media_type],
        )?;
        Ok(())
    }

    pub fn file_text_status(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT text_status FROM files WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?)
    }

    /// Tests only: make this connection see a disk that is full `extra_pages` pages from now
    /// (SQLite's real SQLITE_FULL path, without filling a real disk).
    #[cfg(feature = "testing")]
    pub fn simulate_full_disk_after(&self, extra_pages: i64) -> Result<(), StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "max_page_count", pages + extra_pages)?;
        Ok(())
    }
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

/// Keep a signed feed's files as verified (the manifest replaces the one held).
fn write_signed(tx: &Transaction, source_id: i64, signed: &SignedFiles) -> Result<(), StoreError> {
    if let Some((manifest, signature)) = &signed.manifest {
        tx.execute(
            "INSERT INTO signed_manifests(source_id, manifest, signature) VALUES (?1, ?2, ?3)
             ON CONFLICT(source_id) DO UPDATE SET manifest = excluded.manifest, signature = excluded.signature",
            params![source_id, manifest, signature],
        )?;
    }
    let mut put = tx.prepare_cached("INSERT OR IGNORE INTO signed_documents(sha256, bytes) VALUES (?1, ?2)")?;
    for (sha, bytes) in &signed.documents {
        put.execute(params![sha, bytes])?;
    }
    Ok(())
}

/// Write a source's state (seq, HTTP validators, expiry); its row id.
fn write_source(tx: &Transaction, source: &SourceUpdate) -> Result<i64, StoreError> {
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
    Ok(tx.query_row("SELECT id FROM sources WHERE url = ?1", [&source.url], |r| r.get(0))?)
}

/// Take out the documents deleted (rows and index). A document id another source holds is
/// refused as an upsert (unless `network` is applying and the holder is not the network: the
/// network's documents win, and the other's copy is taken out), and left alone as a delete.
/// Returns the documents this source already holds that are upserted: each is updated where it
/// is (`update_in_place`), keeping its number and when it first arrived.
fn remove_replaced(
    tx: &Transaction,
    source_id: i64,
    network: bool,
    upserts: &[NewDocument],
    deletes: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    let mut in_place = HashMap::new();
    let mut find = tx.prepare_cached(
        "SELECT d.doc_no, d.source_id, s.kind = 'network' FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?1",
    )?;
    let mut del = tx.prepare_cached("DELETE FROM documents WHERE doc_no = ?1")?;
    let targets = deletes.iter().map(|id| (id.as_str(), false)).chain(upserts.iter().map(|d| (d.id.as_str(), true)));
    for (id, upsert) in targets {
        let found: Option<(i64, i64, bool)> = find.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
        match found {
            Some((doc_no, owner, owner_is_network)) if owner != source_id => {
                if upsert && network && !owner_is_network {
                    // The network's document takes the id; the other feed's copy goes (its
                    // next sync is refused that id, above).
                    crate::index::unindex(tx, doc_no)?;
                    del.execute([doc_no])?;
                } else if upsert {
                    return Err(StoreError::InvalidDocument { id: id.to_string(), reason: "another feed already holds a document with this id".into() });
                }
            }
            Some((doc_no, _, _)) if upsert => {
                in_place.insert(id.to_string(), doc_no);
            }
            Some((doc_no, _, _)) => {
                crate::index::unindex(tx, doc_no)?;
                del.execute([doc_no])?;
            }
            None => {}
        }
    }
    Ok(in_place)
}

/// A translation group of a feed other than the network's, as stored.
pub(crate) fn scoped_group(group: &str, source_id: i64) -> String {
    format!("{group}@{source_id}")
}

/// Insert each document with its publishers, tags, attachments, images and index rows; those
/// in `in_place` (held by this source already, by number) are updated where they are instead.
fn insert_documents(
    tx: &Transaction,
    source_id: i64,
    network: bool,
    arrived_at: Option<i64>,
    upserts: &[NewDocument],
    in_place: &HashMap<String, i64>,
) -> Result<(), StoreError> {
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
         ON CONFLICT(sha256) DO UPDATE SET downloaded = excluded.downloaded WHERE files.downloaded < excluded.downloaded",
    )?;
    let mut ins_att = tx.prepare(
        "INSERT INTO document_attachments(document_id, position, sha256, title)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut ins_img = tx.prepare(
        "INSERT OR IGNORE INTO document_images(document_id, sha256) VALUES (?1, ?2)",
    )?;
    for d in upserts {
        // Another feed's group never joins the network's (its copy would become the group's
        // entry): it is scoped to its source.
        let group = if network { d.group.clone() } else { scoped_group(&d.group, source_id) };
        if let Some(&doc_no) = in_place.get(&d.id) {
            for a in &d.attachments {
                ins_file.execute(params![a.sha256, a.size as i64, a.media_type, a.downloaded])?;
            }
            for img in &d.images {
                ins_file.execute(params![img.sha256, img.size as i64, img.media_type, true])?;
            }
            update_in_place(tx, doc_no, d, &group)?;
            continue;
        }
        ins_doc.execute(params![
            d.id,
            source_id,
            d.version,
            d.kind.as_str(),
            d.language,
            group,
            d.title,
            d.summary,
            d.body_html,
            d.published,
            d.updated,
            d.url,
            d.content_hash,
            arrived_at
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
        let (p, attachments) = index_inputs(tx, d)?;
        crate::index::write_prepared(tx, doc_no, &p, &attachments)?;
    }
    Ok(())
}

/// Update a document this source already holds to `d`, writing only what differs: the columns
/// that changed (an index whose columns did not change is not touched), the publishers, tags,
/// attachments and images only if they changed, and the search indexes only if their text did
/// (the short index only if the title, tags or publishers did). Its number, and when it first
/// arrived, stay. Before 2026-12-06 a changed document was deleted and inserted anew: every
/// index of the library's tables took a page write for it (#21 item 3, docs/benchmarks.md).
fn update_in_place(tx: &Transaction, doc_no: i64, d: &NewDocument, group: &str) -> Result<(), StoreError> {
    use rusqlite::types::{ToSqlOutput, Value};
    use rusqlite::ToSql;
    const COLUMNS: [&str; 11] = ["version", "kind", "language", "group_id", "title", "summary", "body_html", "published", "updated", "url", "content_hash"];
    let new: [&dyn ToSql; 11] = [&d.version, &d.kind.as_str(), &d.language, &group, &d.title, &d.summary, &d.body_html, &d.published, &d.updated, &d.url, &d.content_hash];
    let old: Vec<Value> = tx.prepare_cached(
        "SELECT version, kind, language, group_id, title, summary, body_html, published, updated, url, content_hash FROM documents WHERE doc_no = ?1",
    )?
    .query_row([doc_no], |r| (0..COLUMNS.len()).map(|i| r.get::<_, Value>(i)).collect())?;
    let (mut set, mut values, mut changed) = (vec![], vec![], vec![]);
    for (i, column) in COLUMNS.iter().enumerate() {
        let value = match new[i].to_sql()? {
            ToSqlOutput::Borrowed(v) => Value::from(v),
            ToSqlOutput::Owned(v) => v,
            _ => return Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery)),
        };
        if value != old[i] {
            values.push(value);
            set.push(format!("{column} = ?{}", values.len()));
            changed.push(*column);
        }
    }
    let changed = |column: &str| changed.contains(&column);
    if !set.is_empty() {
        values.push(Value::Integer(doc_no));
        tx.execute(&format!("UPDATE documents SET {} WHERE doc_no = ?{}", set.join(", "), values.len()), rusqlite::params_from_iter(values))?;
    }
    let publishers = replace_if_changed(
        tx,
        "SELECT name FROM document_publishers WHERE document_id = ?1 ORDER BY position",
        "DELETE FROM document_publishers WHERE document_id = ?1",
        &d.id,
        d.publishers.iter().map(|p| vec![Value::Text(p.clone())]).collect(),
        |tx, i, row| tx.prepare_cached("INSERT INTO document_publishers(document_id, position, name) VALUES (?1, ?2, ?3)")?.execute(params![d.id, i as i64, row[0]]).map(|_| ()),
    )?;
    // Compared as the table holds them (sorted, once each): tags that only changed order or
    // lost a repeat leave the index text as it was written (their order and repeats weigh
    // only in ranking).
    let tags = replace_set_if_changed(tx, "document_tags", "tag", &d.id, d.tags.clone())?;
    let attachments = replace_if_changed(
        tx,
        "SELECT sha256, title FROM document_attachments WHERE document_id = ?1 ORDER BY position",
        "DELETE FROM document_attachments WHERE document_id = ?1",
        &d.id,
        d.attachments.iter().map(|a| vec![Value::Text(a.sha256.clone()), Value::Text(a.title.clone())]).collect(),
        |tx, i, row| {
            tx.prepare_cached("INSERT INTO document_attachments(document_id, position, sha256, title) VALUES (?1, ?2, ?3, ?4)")?.execute(params![d.id, i as i64, row[0], row[1]]).map(|_| ())
        },
    )?;
    replace_set_if_changed(tx, "document_images", "sha256", &d.id, d.images.iter().map(|i| i.sha256.clone()).collect())?;
    // The language stems every word of both indexes.
    let head = changed("title") || changed("language") || tags || publishers;
    let full = head || attachments || ["language", "summary", "body_html"].iter().any(|c| changed(c));
    if full {
        let (p, texts) = index_inputs(tx, d)?;
        crate::index::write_full(tx, doc_no, &p, &texts)?;
        if head {
            crate::index::write_head(tx, doc_no, &p)?;
        }
    }
    Ok(())
}

/// What `d` puts in the search indexes: its fields as index text (prepared by the sync, or made
/// here) and its attachments' extracted text (from the files table: its attachment rows must be
/// written first).
fn index_inputs<'a>(tx: &Transaction, d: &'a NewDocument) -> Result<(std::borrow::Cow<'a, crate::PreparedIndex>, String), StoreError> {
    let texts = if d.attachments.is_empty() { vec![] } else { crate::index::attachment_texts(tx, &d.id)? };
    let prepared = match &d.prepared {
        Some(p) => std::borrow::Cow::Borrowed(p),
        None => std::borrow::Cow::Owned(crate::PreparedIndex::of(d)),
    };
    Ok((prepared, crate::text::index_text(&texts.join("\n"), &d.language)))
}

/// A document's rows in a child table of one column holding a set (its tags, its images),
/// replaced by `want` when they differ as sets: true if they did.
fn replace_set_if_changed(tx: &Transaction, table: &str, column: &str, id: &str, mut want: Vec<String>) -> Result<bool, StoreError> {
    want.sort();
    want.dedup();
    replace_if_changed(
        tx,
        &format!("SELECT {column} FROM {table} WHERE document_id = ?1 ORDER BY {column}"),
        &format!("DELETE FROM {table} WHERE document_id = ?1"),
        id,
        want.into_iter().map(|v| vec![rusqlite::types::Value::Text(v)]).collect(),
        |tx, _, row| tx.prepare_cached(&format!("INSERT INTO {table}(document_id, {column}) VALUES (?1, ?2)"))?.execute(params![id, row[0]]).map(|_| ()),
    )
}

/// A document's rows in a child table, replaced by `want` (in order) when they differ: true if
/// they did.
fn replace_if_changed(
    tx: &Transaction,
    select: &str,
    delete: &str,
    id: &str,
    want: Vec<Vec<rusqlite::types::Value>>,
    insert: impl Fn(&Transaction, usize, &[rusqlite::types::Value]) -> rusqlite::Result<()>,
) -> Result<bool, StoreError> {
    let mut stmt = tx.prepare_cached(select)?;
    let width = stmt.column_count();
    let have = stmt.query_map([id], |r| (0..width).map(|i| r.get(i)).collect::<rusqlite::Result<Vec<rusqlite::types::Value>>>())?.collect::<rusqlite::Result<Vec<_>>>()?;
    if have == want {
        return Ok(false);
    }
    tx.prepare_cached(delete)?.execute([id])?;
    for (i, row) in want.iter().enumerate() {
        insert(tx, i, row)?;
    }
    Ok(true)
}
