//! Row helpers shared by the readers and writers of content.db.

use crate::model::*;
use crate::StoreError;
use rusqlite::Connection;

/// Files no document names any more, as attachment or image, are forgotten (their bytes are
/// collected separately).
pub(crate) const DELETE_ORPHAN_FILES: &str = "DELETE FROM files WHERE sha256 NOT IN (SELECT sha256 FROM document_attachments)
     AND sha256 NOT IN (SELECT sha256 FROM document_images)";

/// Signed document files no document is made from any more.
pub(crate) const DELETE_ORPHAN_SIGNED: &str =
    "DELETE FROM signed_documents WHERE sha256 NOT IN (SELECT content_hash FROM documents WHERE content_hash IS NOT NULL)";

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

pub(crate) fn attachment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        sha256: r.get(0)?,
        size: r.get::<_, i64>(1)? as u64,
        media_type: r.get(2)?,
        title: r.get(3)?,
        downloaded: r.get(4)?,
        text: TextState::parse(&r.get::<_, String>(5)?),
        real_type: r.get::<_, Option<String>>(6)?.filter(|t| !t.is_empty()),
        // Not checked yet (held from before content schema 5, or not downloaded): the open
        // command reads the bytes and decides; checked: only an allowlisted type.
        openable: r.get::<_, Option<String>>(7)?.is_some() || r.get::<_, Option<String>>(6)?.is_none(),
    })
}

pub(crate) fn kind_column(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Kind> {
    let s: String = r.get(i)?;
    Kind::parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, s.into())
    })
}
