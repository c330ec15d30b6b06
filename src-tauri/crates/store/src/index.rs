//! The full-text index: one FTS5 row per document (rowid = documents.doc_no), holding the
//! stemmed, folded tokens of its title, summary, tags, publishers, body and attachments' text.

use crate::text::{html_text, index_text};
use crate::StoreError;
use rusqlite::{params, Connection};

/// (Re)index one document from what the database holds for it.
pub fn index_document(conn: &Connection, doc_no: i64) -> Result<(), StoreError> {
    let (id, language, title, summary, body_html): (String, String, String, String, String) = conn.query_row(
        "SELECT id, language, title, summary, body_html FROM documents WHERE doc_no = ?1",
        [doc_no],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let joined = |sql: &str| -> Result<String, StoreError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let parts = stmt.query_map([&id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(parts.join("\n"))
    };
    let tags = joined("SELECT tag FROM document_tags WHERE document_id = ?1")?;
    let publishers = joined("SELECT name FROM document_publishers WHERE document_id = ?1 ORDER BY position")?;
    let attachments = joined(
        "SELECT f.text FROM document_attachments a JOIN files f USING(sha256)
         WHERE a.document_id = ?1 AND f.text IS NOT NULL ORDER BY a.position",
    )?;
    let body = html_text(&body_html);
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?.execute([doc_no])?;
    conn.prepare_cached(
        "INSERT INTO search(rowid, title, summary, tags, publishers, body, attachments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        doc_no,
        index_text(&title, &language),
        index_text(&summary, &language),
        index_text(&tags, &language),
        index_text(&publishers, &language),
        index_text(&body, &language),
        index_text(&attachments, &language),
    ])?;
    Ok(())
}

/// Rebuild the whole index (after a schema upgrade).
pub fn reindex_all(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM search", [])?;
    let docs: Vec<i64> = conn
        .prepare("SELECT doc_no FROM documents")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for d in docs {
        index_document(conn, d)?;
    }
    Ok(())
}
