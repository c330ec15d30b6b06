//! Reading single things from content.db: a document with its translations, an attachment, an
//! image, a source's seq and held documents.

use crate::model::*;
use crate::open::ContentStore;
use crate::rows::{attachment_row, kind_column, publishers, strings};
use crate::StoreError;
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

impl ContentStore {
    /// Every document of a source with its version and content hash: what a sync diffs against.
    pub fn document_hashes(&self, source_url: &str) -> Result<BTreeMap<String, (i64, Option<String>)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.version, d.content_hash FROM documents d JOIN sources s ON s.id = d.source_id
             WHERE s.url = ?1",
        )?;
        let rows = stmt.query_map([source_url], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
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
                        d.body_html, d.published, d.updated, d.url, s.url, s.title, s.verified, s.kind
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
                        provenance: Source::provenance_of(
                            SourceKind::parse(&r.get::<_, String>(14)?).unwrap_or(SourceKind::Website),
                            &r.get::<_, String>(11)?,
                        ),
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
            "SELECT f.sha256, f.size, f.media_type, a.title, f.downloaded, f.text_status, f.real_type, f.open_as
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
                "SELECT f.sha256, f.size, f.media_type, a.title, f.downloaded, f.text_status, f.real_type, f.open_as
                 FROM files f JOIN document_attachments a USING(sha256) WHERE f.sha256 = ?1 LIMIT 1",
                [sha256],
                attachment_row,
            )
            .optional()?)
    }

}
