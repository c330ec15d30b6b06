//! A signed feed's files as the publisher signed them (content schema 6), read back to be passed
//! on (#20): a bundle or a nearby laptop hands on these bytes, and the receiver verifies them
//! with its own pinned keys. Written by `apply_changes` (apply.rs) and `set_held_keys`.

use crate::open::ContentStore;
use crate::StoreError;
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;

/// A signed file and its detached minisign signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFile {
    pub bytes: Vec<u8>,
    pub signature: String,
}

impl ContentStore {
    /// The manifest last applied from a source, with its signature.
    pub fn signed_manifest(&self, url: &str) -> Result<Option<SignedFile>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT m.manifest, m.signature FROM signed_manifests m JOIN sources s ON s.id = m.source_id WHERE s.url = ?1",
                [url],
                |r| Ok(SignedFile { bytes: r.get(0)?, signature: r.get(1)? }),
            )
            .optional()?)
    }

    /// The key statement (`keys.json`) a source's keys were last taken from, with its signature.
    pub fn signed_key_statement(&self, url: &str) -> Result<Option<SignedFile>, StoreError> {
        let row: Option<(Option<Vec<u8>>, Option<String>)> = self
            .conn()
            .query_row("SELECT keys_file, keys_signature FROM sources WHERE url = ?1", [url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match row {
            Some((Some(bytes), Some(signature))) => Some(SignedFile { bytes, signature }),
            _ => None,
        })
    }

    /// A document file by its sha256, as signed.
    pub fn signed_document(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT bytes FROM signed_documents WHERE sha256 = ?1")?;
        Ok(stmt.query_row([sha256], |r| r.get(0)).optional()?)
    }

    /// Every document of a source with its version and the sha256 of its document file, that
    /// hash only when the file itself is held (a document kept from before content schema 6 has
    /// none: a signed sync fetches it again, so that it can be passed on).
    pub fn signed_document_hashes(&self, source_url: &str) -> Result<BTreeMap<String, (i64, Option<String>)>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT d.id, d.version, CASE WHEN EXISTS (SELECT 1 FROM signed_documents f WHERE f.sha256 = d.content_hash)
                                          THEN d.content_hash END
             FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.url = ?1",
        )?;
        let rows = stmt.query_map([source_url], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The attachments of a source's documents held on this laptop (sha256).
    pub fn held_files(&self, source_url: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare(
            "SELECT DISTINCT f.sha256 FROM files f JOIN document_attachments a USING(sha256)
             JOIN documents d ON d.id = a.document_id JOIN sources s ON s.id = d.source_id
             WHERE s.url = ?1 AND f.downloaded ORDER BY f.sha256",
        )?;
        let v = stmt.query_map([source_url], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(v)
    }

    /// The attachments (sha256) the documents `ids` name.
    pub fn attachment_hashes_of(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT sha256 FROM document_attachments WHERE document_id = ?1")?;
        let mut out = Vec::new();
        for id in ids {
            for sha in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                out.push(sha?);
            }
        }
        Ok(out)
    }

    /// The ids of documents and their translations (the same group), for a bundle of one
    /// document: (source url, document id, content hash) of each, held from a signed feed.
    pub fn documents_with_translations(&self, ids: &[String]) -> Result<Vec<(String, String, Option<String>)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.url, d.id, d.content_hash FROM documents d JOIN sources s ON s.id = d.source_id
             WHERE s.kind != 'website' AND d.group_id IN (SELECT g.group_id FROM documents g WHERE g.id = ?1)
             ORDER BY d.id",
        )?;
        let mut out = Vec::new();
        for id in ids {
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            for row in rows {
                let row = row?;
                if !out.contains(&row) {
                    out.push(row);
                }
            }
        }
        Ok(out)
    }
}
