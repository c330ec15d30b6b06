//! The full-text indexes: one row per document in `search` and in `search_head` (rowid =
//! documents.doc_no), holding the stemmed, folded tokens of its fields (text.rs).

use crate::model::{NewDocument, PreparedIndex};
use crate::rows::{publishers, strings};
use crate::text::{html_text, index_text};
use crate::StoreError;
use rusqlite::{params, Connection};

/// The fields of one document, as text, in the document's language.
pub struct IndexFields<'a> {
    pub language: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub publishers: &'a [String],
    pub body_html: &'a str,
    pub attachments: &'a [String],
}

impl PreparedIndex {
    pub fn of(d: &NewDocument) -> PreparedIndex {
        Self::from_fields(&d.language, &d.title, &d.summary, &d.tags, &d.publishers, &d.body_html)
    }

    fn from_fields(lang: &str, title: &str, summary: &str, tags: &[String], publishers: &[String], body_html: &str) -> PreparedIndex {
        PreparedIndex {
            title: index_text(title, lang),
            summary: index_text(summary, lang),
            tags: index_text(&tags.join("\n"), lang),
            publishers: index_text(&publishers.join("\n"), lang),
            body: index_text(&html_text(body_html), lang),
        }
    }
}

/// Write a document's rows in both indexes, replacing any it had.
pub fn write_index(conn: &Connection, doc_no: i64, f: &IndexFields) -> Result<(), StoreError> {
    let p = PreparedIndex::from_fields(f.language, f.title, f.summary, f.tags, f.publishers, f.body_html);
    write_prepared(conn, doc_no, &p, &index_text(&f.attachments.join("\n"), f.language))
}

/// Write prepared index text, with the attachments' column, in both indexes.
pub fn write_prepared(conn: &Connection, doc_no: i64, p: &PreparedIndex, attachments: &str) -> Result<(), StoreError> {
    write_full(conn, doc_no, p, attachments)?;
    write_head(conn, doc_no, p)
}

/// A document's row of the full index (every field), written anew.
pub(crate) fn write_full(conn: &Connection, doc_no: i64, p: &PreparedIndex, attachments: &str) -> Result<(), StoreError> {
    let PreparedIndex { title, summary, tags, publishers, body } = p;
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?.execute([doc_no])?;
    conn.prepare_cached(
        "INSERT INTO search(rowid, title, summary, tags, publishers, body, attachments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![doc_no, title, summary, tags, publishers, body, attachments])?;
    Ok(())
}

/// A document's row of the short index (title, tags, publishers), written anew.
pub(crate) fn write_head(conn: &Connection, doc_no: i64, p: &PreparedIndex) -> Result<(), StoreError> {
    let PreparedIndex { title, tags, publishers, .. } = p;
    conn.prepare_cached("DELETE FROM search_head WHERE rowid = ?1")?.execute([doc_no])?;
    conn.prepare_cached(
        "INSERT INTO search_head(rowid, title, tags, publishers) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![doc_no, title, tags, publishers])?;
    Ok(())
}

/// Remove a document's rows from both indexes.
pub fn unindex(conn: &Connection, doc_no: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?.execute([doc_no])?;
    conn.prepare_cached("DELETE FROM search_head WHERE rowid = ?1")?.execute([doc_no])?;
    Ok(())
}

/// The extracted text of a document's attachments, in order.
pub fn attachment_texts(conn: &Connection, document_id: &str) -> Result<Vec<String>, StoreError> {
    strings(
        conn,
        "SELECT f.text FROM document_attachments a JOIN files f USING(sha256)
         WHERE a.document_id = ?1 AND f.text IS NOT NULL ORDER BY a.position",
        document_id,
    )
}

/// (Re)index one document from what the database holds for it.
pub fn index_document(conn: &Connection, doc_no: i64) -> Result<(), StoreError> {
    let (id, language, title, summary, body_html): (String, String, String, String, String) = conn.query_row(
        "SELECT id, language, title, summary, body_html FROM documents WHERE doc_no = ?1",
        [doc_no],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let tags = strings(conn, "SELECT tag FROM document_tags WHERE document_id = ?1", &id)?;
    let publishers = publishers(conn, &id)?;
    let attachments = attachment_texts(conn, &id)?;
    write_index(
        conn,
        doc_no,
        &IndexFields { language: &language, title: &title, summary: &summary, tags: &tags, publishers: &publishers, body_html: &body_html, attachments: &attachments },
    )
}

/// Rebuild both indexes (after a schema upgrade).
pub fn reindex_all(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM search", [])?;
    conn.execute("DELETE FROM search_head", [])?;
    let docs: Vec<i64> = conn
        .prepare("SELECT doc_no FROM documents")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for d in docs {
        index_document(conn, d)?;
    }
    Ok(())
}
