//! Schema of content.db, versioned by `PRAGMA user_version` (the application-services pattern):
//! `init` builds the current schema on an empty file, `upgrade_from(v)` steps v to v+1 inside one
//! IMMEDIATE transaction, and a file newer than this build is refused without being touched.

use crate::StoreError;
use rusqlite::{Connection, TransactionBehavior};

pub const CURRENT: i64 = 1;

const V1: &str = r#"
CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    url       TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    verified  INTEGER NOT NULL,
    seq       INTEGER,
    etag      TEXT,
    last_modified TEXT
);
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    language    TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    published   TEXT,
    updated     TEXT,
    url         TEXT
);
CREATE INDEX documents_group ON documents(group_id);
CREATE INDEX documents_source ON documents(source_id);
CREATE TABLE document_publishers (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE document_tags (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (document_id, tag)
);
CREATE INDEX document_tags_tag ON document_tags(tag);
-- Files are content-addressed: one row per distinct sha256, shared by every document naming it.
CREATE TABLE files (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    downloaded  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE document_attachments (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    title       TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX document_attachments_file ON document_attachments(sha256);
"#;

/// Bring a connection's schema to CURRENT. An empty database is built with `init`; an older one
/// is stepped up one version at a time; a newer one is refused untouched.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > CURRENT {
        return Err(StoreError::NewerDatabase { found, known: CURRENT });
    }
    if found == CURRENT {
        return Ok(());
    }
    if found == 0 && is_empty(conn)? {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        init(&tx)?;
        tx.pragma_update(None, "user_version", CURRENT)?;
        return Ok(tx.commit()?);
    }
    for v in found..CURRENT {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        upgrade_from(&tx, v)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) = 0 FROM sqlite_master", [], |r| r.get(0))
}

/// Build the current schema from nothing.
fn init(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(V1)
}

/// Step a database at version `v` to `v + 1`.
fn upgrade_from(conn: &Connection, v: i64) -> rusqlite::Result<()> {
    match v {
        // Version 0 with tables in it is not ours: build on top would be unsafe, so treat it as
        // an empty v0 only when it is empty (handled in `migrate`); otherwise create v1 tables.
        0 => conn.execute_batch(V1),
        _ => unreachable!("upgrade_from is only called for versions below CURRENT"),
    }
}
