//! Subscriptions: the sources a sync reads. The network's own feed is added by the first sync;
//! the user adds and removes the others (`peerlib feeds`, the settings view).

use crate::open::ContentStore;
use crate::rows::{DELETE_ORPHAN_FILES, DELETE_ORPHAN_SIGNED};
use crate::model::{SourceKind, Subscription};
use crate::StoreError;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

const SELECT: &str = "SELECT s.url, s.title, s.kind, s.verified, s.public_key, s.seq, s.etag,
        s.last_modified, s.body_hash, s.expires_at,
        (SELECT count(*) FROM documents d WHERE d.source_id = s.id)
    FROM sources s";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Subscription> {
    let kind: String = r.get(2)?;
    Ok(Subscription {
        url: r.get(0)?,
        title: r.get(1)?,
        kind: SourceKind::parse(&kind).unwrap_or(SourceKind::Website),
        verified: r.get(3)?,
        public_key: r.get(4)?,
        seq: r.get(5)?,
        etag: r.get(6)?,
        last_modified: r.get(7)?,
        body_hash: r.get(8)?,
        expires_at: r.get(9)?,
        documents: r.get(10)?,
    })
}

impl ContentStore {
    /// Every subscription, the network's first, then in the order they were added.
    pub fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        let mut stmt = self.conn().prepare(&format!("{SELECT} ORDER BY s.kind != 'network', s.id"))?;
        let v = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    pub fn subscription(&self, url: &str) -> Result<Option<Subscription>, StoreError> {
        Ok(self.conn().query_row(&format!("{SELECT} WHERE s.url = ?1"), [url], row).optional()?)
    }

    /// Subscribe to a feed. False when it is already there (nothing changes).
    pub fn add_subscription(
        &mut self,
        url: &str,
        title: &str,
        kind: SourceKind,
        public_key: Option<&str>,
    ) -> Result<bool, StoreError> {
        let n = self.conn().execute(
            "INSERT INTO sources(url, title, verified, kind, public_key) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(url) DO NOTHING",
            params![url, title, kind.verified(), kind.as_str(), public_key],
        )?;
        Ok(n == 1)
    }

    /// Unsubscribe: the feed and its documents leave the library in one transaction (the
    /// user's notes and bookmarks on them stay in user.db). None when there was no such feed.
    pub fn remove_subscription(&mut self, url: &str) -> Result<Option<u64>, StoreError> {
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(id): Option<i64> =
            tx.query_row("SELECT id FROM sources WHERE url = ?1", [url], |r| r.get(0)).optional()?
        else {
            return Ok(None);
        };
        let docs: Vec<i64> = tx
            .prepare("SELECT doc_no FROM documents WHERE source_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for doc_no in &docs {
            crate::index::unindex(&tx, *doc_no)?;
        }
        tx.execute("DELETE FROM documents WHERE source_id = ?1", [id])?;
        tx.execute("DELETE FROM sources WHERE id = ?1", [id])?;
        tx.execute(DELETE_ORPHAN_FILES, [])?;
        tx.execute(DELETE_ORPHAN_SIGNED, [])?;
        tx.commit()?;
        Ok(Some(docs.len() as u64))
    }

    /// Keep new HTTP validators for a website feed whose body did not change, so that the
    /// next request can be answered with a 304. Writes nothing when they are the same.
    pub fn update_validators(&mut self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sources SET etag = ?2, last_modified = ?3
             WHERE url = ?1 AND (etag IS NOT ?2 OR last_modified IS NOT ?3)",
            params![url, etag, last_modified],
        )?;
        Ok(())
    }

    /// How many changes this connection has written since it opened (tests and benchmarks use
    /// it to show that a sync with nothing new writes nothing).
    #[cfg(feature = "testing")]
    pub fn total_changes(&self) -> u64 {
        self.conn().total_changes()
    }

    /// The files a source's documents name whose bytes are not held yet (sha256, size, media
    /// type): what its next sync downloads.
    pub fn files_to_download(&self, source_url: &str) -> Result<Vec<(String, u64, String)>, StoreError> {
        let mut stmt = self.conn().prepare(
            // From the files not yet held (few), each looked up by its attachments: never a walk
            // of the source's documents, which cost 100 ms a sync at 100,000 (#21 item 3).
            "SELECT f.sha256, f.size, f.media_type FROM files f
             WHERE NOT f.downloaded AND EXISTS (
                 SELECT 1 FROM document_attachments a JOIN documents d ON d.id = a.document_id
                 JOIN sources s ON s.id = d.source_id WHERE a.sha256 = f.sha256 AND s.url = ?1)
             ORDER BY f.sha256",
        )?;
        let v = stmt
            .query_map([source_url], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// The key statement this feed's keys come from (keys.json as held, JSON), if one was taken.
    pub fn held_keys(&self, url: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn().query_row("SELECT keys FROM sources WHERE url = ?1", [url], |r| r.get(0)).optional()?.flatten())
    }

    /// Keep the key statement a feed's later manifests are checked with (`statement_json`, with
    /// every revocation ever seen) and the file it came from with its signature, as signed, to
    /// be passed on (#20).
    pub fn set_held_keys(&mut self, url: &str, statement_json: &str, file: &[u8], signature: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE sources SET keys = ?2, keys_file = ?3, keys_signature = ?4 WHERE url = ?1",
            params![url, statement_json, file, signature],
        )?;
        Ok(())
    }

    /// Mark a file's verified bytes as held in the attachments folder.
    pub fn mark_downloaded(&mut self, sha256: &str) -> Result<(), StoreError> {
        self.conn().execute("UPDATE files SET downloaded = 1 WHERE sha256 = ?1 AND NOT downloaded", [sha256])?;
        Ok(())
    }
}
