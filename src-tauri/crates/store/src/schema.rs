//! Schemas versioned by `PRAGMA user_version` (the application-services pattern): `init` builds
//! the current schema on an empty file, `upgrade_from(v)` steps v to v+1 inside one IMMEDIATE
//! transaction, and a file newer than this build is refused without being touched.
//!
//! To change content.db: add the step to `content_upgrade`, bump `CONTENT.current`, make
//! `CONTENT_V*` build the same result from scratch, and commit a fixture of the old version for
//! the upgrade test (tests/fixtures/content-v<N>.db).

use crate::StoreError;
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One versioned schema.
pub struct Schema {
    pub current: i64,
    pub init: fn(&Transaction) -> Result<(), StoreError>,
    pub upgrade_from: fn(&Transaction, i64) -> Result<(), StoreError>,
}

pub const CURRENT: i64 = 7;

pub const CONTENT: Schema = Schema { current: CURRENT, init: content_init, upgrade_from: content_upgrade };

/// Refuse a database newer than `schema` before anything writes to it.
pub fn check_not_newer(conn: &Connection, schema: &Schema) -> Result<i64, StoreError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > schema.current {
        return Err(StoreError::NewerDatabase { found, known: schema.current });
    }
    Ok(found)
}

/// Bring a connection's schema to `schema.current`. Foreign keys must be off (they are turned
/// on after migrating): a table rebuild drops the old table, which must not cascade.
pub fn migrate(conn: &mut Connection, schema: &Schema) -> Result<(), StoreError> {
    let found = check_not_newer(conn, schema)?;
    if found == schema.current {
        return Ok(());
    }
    let empty: bool = conn.query_row("SELECT count(*) = 0 FROM sqlite_master", [], |r| r.get(0))?;
    if found == 0 && empty {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        (schema.init)(&tx)?;
        tx.pragma_update(None, "user_version", schema.current)?;
        return Ok(tx.commit()?);
    }
    for v in found..schema.current {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        (schema.upgrade_from)(&tx, v)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
    Ok(())
}

const SOURCES: &str = r#"
CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    url       TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    verified  INTEGER NOT NULL,
    seq       INTEGER,
    etag      TEXT,
    last_modified TEXT
);"#;

/// v2 documents: an explicit integer key, because FTS5 rows are tied to it and an implicit
/// rowid may change on VACUUM; the plain body text is derived from the HTML, not stored twice.
const DOCUMENTS_V2: &str = r#"
CREATE TABLE documents (
    doc_no      INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    language    TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    published   TEXT,
    updated     TEXT,
    url         TEXT
);"#;

const DOCUMENTS_INDEXES_V2: &str = r#"
CREATE INDEX documents_group ON documents(group_id);
CREATE INDEX documents_source ON documents(source_id);
CREATE INDEX documents_published ON documents(published);"#;

const CHILDREN: &str = r#"
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
CREATE INDEX document_tags_tag ON document_tags(tag);"#;

const FILES_V1: &str = r#"
CREATE TABLE files (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    downloaded  INTEGER NOT NULL DEFAULT 0
);"#;

const ATTACHMENTS: &str = r#"
CREATE TABLE document_attachments (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    title       TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX document_attachments_file ON document_attachments(sha256);"#;

/// v2: attachments' extracted text (and why there is none), and the full-text index.
const FILES_TEXT_V2: &str = r#"
ALTER TABLE files ADD COLUMN text TEXT;
ALTER TABLE files ADD COLUMN text_status TEXT NOT NULL DEFAULT 'pending';"#;

/// Two contentless indexes (the text lives in `documents` and `files`, so each adds only its
/// postings). `search` holds every field and decides what matches; `search_head` holds the
/// short fields (title, tags, publishers) and ranks the first tier of results, so a
/// common word is ranked over a small index instead of the bodies of tens of thousands of
/// documents (search.rs). Prefix indexes (search as you type) are kept on the small one only;
/// as you type 3 or 4 letters, a plain term or a tagged one (`fr_` + 3 or 4 = 6 or 7).
/// Columns hold stemmed, folded, language-tagged tokens (text.rs), so `_` is a token character.
const SEARCH_V2: &str = r#"
CREATE VIRTUAL TABLE search USING fts5(
    title, summary, tags, publishers, body, attachments,
    content='', contentless_delete=1,
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE VIRTUAL TABLE search_head USING fts5(
    title, tags, publishers,
    content='', contentless_delete=1, prefix='3 4 6 7',
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);"#;

/// v3: subscriptions (what kind of feed a source is, the key a user pinned for a signed feed,
/// the hash of a website feed's last body, when a signed manifest expires) and the hash of each
/// document's bytes, so that a sync fetches only what changed; the images a document's body shows,
/// downloaded at sync time and kept like attachments (by hash).
const SYNC_V3: &str = r#"
ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'network';
ALTER TABLE sources ADD COLUMN public_key TEXT;
ALTER TABLE sources ADD COLUMN body_hash TEXT;
ALTER TABLE sources ADD COLUMN expires_at TEXT;
ALTER TABLE documents ADD COLUMN content_hash TEXT;
CREATE TABLE document_images (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    PRIMARY KEY (document_id, sha256)
);
CREATE INDEX document_images_file ON document_images(sha256);"#;

/// v4: when a document first arrived by a sync (unix seconds; the run's start, so one sync's
/// documents share it), for the "new since the last sync" view. NULL for the starter library and
/// for documents kept from before v4.
const ARRIVED_V4: &str = r#"
ALTER TABLE documents ADD COLUMN arrived_at INTEGER;
CREATE INDEX documents_arrived ON documents(arrived_at);"#;

/// v5: what a held file really is, read from its bytes at sync (#17 item 5): `real_type`, a
/// short name of its type ("PDF", "HTML"; '' when the bytes show none we know; NULL not yet
/// checked), and `open_as`, the allowlisted media type under which it may be handed to another
/// program (NULL: it can only be saved). Translation groups of feeds other than the network's are
/// scoped to their source (`group@source_id`, apply.rs) so that no other feed joins the
/// network's groups (#17 item 9).
const FILE_TYPE_V5: &str = r#"
ALTER TABLE files ADD COLUMN real_type TEXT;
ALTER TABLE files ADD COLUMN open_as TEXT;"#;
/// v5 too: the key statement a signed feed's clients hold (keys.json, #17 item 13), as JSON with
/// every key ever revoked.
const KEYS_V5: &str = r#"
ALTER TABLE sources ADD COLUMN keys TEXT;"#;
const SCOPED_GROUPS_V5: &str = r#"
UPDATE documents SET group_id = group_id || '@' || source_id
WHERE source_id IN (SELECT id FROM sources WHERE kind != 'network') AND group_id NOT LIKE '%@' || source_id;"#;

/// What a signed feed's publisher signed, kept byte for byte so that a bundle or a nearby laptop
/// can hand on the publisher's own files (#20): the manifest last applied with its signature, the
/// key statement with its signature, and every document file by its sha256 (the
/// `content_hash` of the documents made from it).
const SIGNED_V6: &str = r#"
CREATE TABLE signed_manifests (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    manifest  BLOB NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE signed_documents (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
ALTER TABLE sources ADD COLUMN keys_file BLOB;
ALTER TABLE sources ADD COLUMN keys_signature TEXT;"#;
/// A library from before v6 holds no signed bytes: its signed feeds' next sync asks for the
/// manifest again (no "not modified") and fetches each document once more (signed.rs: a held
/// document without its bytes counts as changed).
const SIGNED_REFETCH_V6: &str = r#"
UPDATE sources SET etag = NULL, last_modified = NULL WHERE kind != 'website';"#;

/// v7: every column the library list's order is built from, in one index (#21 item 4), so that
/// building it reads this index (about 150 bytes a document) instead of every page of the
/// documents table (their whole text: 2 KB to 100 KB a document). Grouped by translation group.
/// And the groups of the newest sync's documents (the "new" view's count) from the arrivals'
/// index alone, which read every such document's row (all of them after a first sync).
/// documents_group(group_id) goes: documents_lines begins with it.
const LINES_V7: &str = r#"
CREATE INDEX documents_lines ON documents(group_id, language, published, title, id, kind, arrived_at);
DROP INDEX documents_group;
DROP INDEX documents_arrived;
CREATE INDEX documents_arrived ON documents(arrived_at, group_id);"#;

fn content_init(tx: &Transaction) -> Result<(), StoreError> {
    for sql in [SOURCES, DOCUMENTS_V2, DOCUMENTS_INDEXES_V2, CHILDREN, FILES_V1, ATTACHMENTS, FILES_TEXT_V2, SEARCH_V2, SYNC_V3, ARRIVED_V4, FILE_TYPE_V5, KEYS_V5, SIGNED_V6, LINES_V7] {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

fn content_upgrade(tx: &Transaction, from: i64) -> Result<(), StoreError> {
    match from {
        // A v0 file with tables in it predates versioning; nothing of ours was ever like that.
        0 => Err(StoreError::Storage("the database is not a Peer Library database".into())),
        1 => {
            // Rebuild `documents` with an integer key, in the order SQLite documents for table
            // changes (https://sqlite.org/lang_altertable.html#otheralter): create the new
            // table, copy, drop the old, rename the new. Renaming the old one instead would make
            // SQLite >= 3.26 repoint the children's foreign keys at it.
            tx.execute_batch(&DOCUMENTS_V2.replace("CREATE TABLE documents (", "CREATE TABLE documents_new ("))?;
            tx.execute_batch(
                "INSERT INTO documents_new(id, source_id, version, kind, language, group_id, title,
                                           summary, body_html, published, updated, url)
                 SELECT id, source_id, version, kind, language, group_id, title, summary,
                        body_html, published, updated, url FROM documents ORDER BY rowid;
                 DROP TABLE documents;
                 ALTER TABLE documents_new RENAME TO documents;",
            )?;
            tx.execute_batch(DOCUMENTS_INDEXES_V2)?;
            tx.execute_batch(FILES_TEXT_V2)?;
            tx.execute_batch(SEARCH_V2)?;
            let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if broken > 0 {
                return Err(StoreError::Storage(format!("{broken} rows lost their document in the upgrade")));
            }
            crate::index::reindex_all(tx)
        }
        2 => Ok(tx.execute_batch(SYNC_V3)?),
        3 => Ok(tx.execute_batch(ARRIVED_V4)?),
        4 => {
            tx.execute_batch(FILE_TYPE_V5)?;
            tx.execute_batch(KEYS_V5)?;
            Ok(tx.execute_batch(SCOPED_GROUPS_V5)?)
        }
        5 => {
            tx.execute_batch(SIGNED_V6)?;
            Ok(tx.execute_batch(SIGNED_REFETCH_V6)?)
        }
        6 => Ok(tx.execute_batch(LINES_V7)?),
        _ => unreachable!("upgrade_from is only called below the current version"),
    }
}
