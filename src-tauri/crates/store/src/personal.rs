//! "Take my data with me" (#18 item 6): a person's notes, bookmarks, read marks, collections and
//! settings, taken out of user.db as one sealed file (sealed.rs: never in the clear) and merged
//! into another laptop's user.db.
//!
//! The merge loses nothing:
//! - a note on a document that has none here arrives as it is; on a document that has a
//!   different note here, both are kept in one note: this laptop's text, then a line, then the
//!   imported text (unless this laptop's note already holds it: importing twice adds nothing);
//! - bookmarks and read marks are added (the earlier time is kept);
//! - a collection of a name this laptop has gets the documents it lacks, at its end; another is
//!   created at the end of the list;
//! - a setting arrives only where this laptop still has the default (it never changed it).
//!
//! All of it in one transaction: a failure (a full disk) leaves user.db as it was.

use crate::sealed::{self, SealError};
use crate::{StoreError, UserStore};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "peer-library-personal/1";

/// The largest personal-data file read (a person's notes are a few megabytes at most).
pub const MAX_FILE: u64 = 64 << 20;

/// What separates this laptop's note from an imported one kept beside it.
pub const NOTE_SEPARATOR: &str = "\n\n———\n\n";

/// The plain content of a personal-data file (JSON, then sealed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Personal {
    pub format: String,
    pub notes: Vec<Note>,
    pub bookmarks: Vec<Mark>,
    pub read: Vec<Mark>,
    pub collections: Vec<PersonalCollection>,
    /// user.db's settings rows of the keys `settings.rs` knows (values as stored).
    pub settings: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub document: String,
    pub body: String,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub document: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalCollection {
    pub name: String,
    pub documents: Vec<String>,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PersonalImported {
    /// Notes on documents that had none here.
    #[ts(type = "number")]
    pub notes: u64,
    /// Notes kept beside a different note this laptop had on the same document.
    #[ts(type = "number")]
    pub notes_merged: u64,
    #[ts(type = "number")]
    pub bookmarks: u64,
    #[ts(type = "number")]
    pub read: u64,
    /// Collections created.
    #[ts(type = "number")]
    pub collections: u64,
    /// Documents added to collections (new or of a name this laptop had).
    #[ts(type = "number")]
    pub collection_items: u64,
    #[ts(type = "number")]
    pub settings: u64,
}

/// Why a personal-data file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum PersonalError {
    #[error(transparent)]
    Sealed(#[from] SealError),
    /// It opened, but does not hold personal data of a format this version knows.
    #[error("not personal data of a known format")]
    Format,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A personal-data file's bytes: a file over `MAX_FILE` (or not a sealed one) is refused before
/// more than its size is read, since the user may have chosen any file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, PersonalError> {
    use std::io::Read;
    // A regular file before it is opened (a named pipe would hold the reader) and on the handle
    // read (a file swapped in between is seen); never more than the cap read, whatever its size.
    let regular = |m: std::fs::Metadata| m.is_file() && m.len() <= MAX_FILE;
    if !std::fs::metadata(path).is_ok_and(regular) {
        return Err(PersonalError::Format);
    }
    let file = std::fs::File::open(path).map_err(|_| PersonalError::Format)?;
    if !file.metadata().is_ok_and(regular) {
        return Err(PersonalError::Format);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes).map_err(|_| PersonalError::Format)?;
    if bytes.len() as u64 > MAX_FILE || !sealed::is_sealed(&bytes) {
        return Err(PersonalError::Format);
    }
    Ok(bytes)
}

/// The personal data in a sealed file, opened with `passphrase` and checked to be of this format.
pub fn open(passphrase: &str, bytes: &[u8]) -> Result<Personal, PersonalError> {
    let plain = sealed::open(passphrase, bytes)?;
    let p: Personal = serde_json::from_slice(&plain).map_err(|_| PersonalError::Format)?;
    if p.format != FORMAT {
        return Err(PersonalError::Format);
    }
    Ok(p)
}

impl PersonalError {
    pub fn code(&self) -> peerlib_code::ErrorCode {
        use peerlib_code::ErrorCode;
        match self {
            PersonalError::Sealed(SealError::WrongPassphrase) => ErrorCode::WrongPassphrase,
            PersonalError::Sealed(SealError::ShortPassphrase) => ErrorCode::ShortPassphrase,
            PersonalError::Sealed(SealError::NotSealed) | PersonalError::Format => ErrorCode::NotPersonalFile,
            PersonalError::Store(e) => e.code(),
        }
    }
}

impl UserStore {
    /// Everything personal, as a file's content.
    pub fn personal(&self) -> Result<Personal, StoreError> {
        let notes = self
            .conn
            .prepare("SELECT document_id, body, updated_at FROM notes ORDER BY document_id")?
            .query_map([], |r| Ok(Note { document: r.get(0)?, body: r.get(1)?, updated_at: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        let marks = |sql: &str| -> Result<Vec<Mark>, StoreError> {
            Ok(self.conn.prepare(sql)?.query_map([], |r| Ok(Mark { document: r.get(0)?, at: r.get(1)? }))?.collect::<Result<_, _>>()?)
        };
        let bookmarks = marks("SELECT document_id, created_at FROM bookmarks ORDER BY document_id")?;
        let read = marks("SELECT document_id, read_at FROM read_state ORDER BY document_id")?;
        let collections = self.collections()?.into_iter().map(|c| PersonalCollection { name: c.name, documents: c.documents }).collect();
        let mut settings = Vec::new();
        for (key, _) in crate::settings::rows(&crate::Settings::default()) {
            if let Some(v) = self.setting(key)? {
                settings.push((key.to_string(), v));
            }
        }
        Ok(Personal { format: FORMAT.into(), notes, bookmarks, read, collections, settings })
    }

    /// Everything personal, sealed with `passphrase`.
    pub fn personal_sealed(&self, passphrase: &str) -> Result<Vec<u8>, PersonalError> {
        let json = zeroize::Zeroizing::new(serde_json::to_vec(&self.personal()?).map_err(|_| PersonalError::Format)?);
        Ok(sealed::seal(passphrase, &json)?)
    }

    /// Merge a sealed personal-data file into this user.db (the rules are in the module's
    /// header). Nothing is written unless the whole file opens and parses.
    pub fn import_personal_sealed(&mut self, passphrase: &str, bytes: &[u8], now: i64) -> Result<PersonalImported, PersonalError> {
        Ok(self.import_personal(&open(passphrase, bytes)?, now)?)
    }

    pub fn import_personal(&mut self, p: &Personal, now: i64) -> Result<PersonalImported, StoreError> {
        let mut done = PersonalImported::default();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for n in &p.notes {
            if n.body.trim().is_empty() {
                continue;
            }
            let here: Option<String> = tx.query_row("SELECT body FROM notes WHERE document_id = ?1", [&n.document], |r| r.get(0)).optional()?;
            match here {
                None => {
                    tx.execute("INSERT INTO notes(document_id, body, updated_at) VALUES (?1, ?2, ?3)", params![n.document, n.body, n.updated_at])?;
                    done.notes += 1;
                }
                Some(h) => {
                    // Compared part by part (a note merged before is parts joined by the
                    // separator): a part this laptop has is not added again, so carrying notes
                    // back and forth does not multiply them, and a short note that merely
                    // occurs inside a longer one is still kept.
                    // A set: a crafted file's note of many parts against a long note here was
                    // compared part by part with each (quadratic) until 2026-12-07.
                    let mut mine: std::collections::HashSet<&str> = h.split(NOTE_SEPARATOR).collect();
                    let new: Vec<&str> = n.body.split(NOTE_SEPARATOR).filter(|p| !p.trim().is_empty() && mine.insert(p)).collect();
                    if !new.is_empty() {
                        let merged = std::iter::once(h.as_str()).chain(new).collect::<Vec<_>>().join(NOTE_SEPARATOR);
                        tx.execute("UPDATE notes SET body = ?2, updated_at = ?3 WHERE document_id = ?1", params![n.document, merged, now])?;
                        done.notes_merged += 1;
                    }
                }
            }
        }
        let mut added = [0u64; 2];
        for (i, (table, column, marks)) in [("bookmarks", "created_at", &p.bookmarks), ("read_state", "read_at", &p.read)].into_iter().enumerate() {
            for m in marks {
                let here = tx.query_row(&format!("SELECT 1 FROM {table} WHERE document_id = ?1"), [&m.document], |_| Ok(())).optional()?.is_some();
                if here {
                    tx.execute(&format!("UPDATE {table} SET {column} = min({column}, ?2) WHERE document_id = ?1"), params![m.document, m.at])?;
                } else {
                    tx.execute(&format!("INSERT INTO {table}(document_id, {column}) VALUES (?1, ?2)"), params![m.document, m.at])?;
                    added[i] += 1;
                }
            }
        }
        (done.bookmarks, done.read) = (added[0], added[1]);
        for c in &p.collections {
            let name = c.name.trim();
            if name.is_empty() {
                continue;
            }
            let id: i64 = match tx.query_row("SELECT id FROM collections WHERE name = ?1 ORDER BY position, id LIMIT 1", [name], |r| r.get(0)).optional()? {
                Some(id) => id,
                None => {
                    tx.execute("INSERT INTO collections(name, position, created_at) VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM collections), ?2)", params![name, now])?;
                    done.collections += 1;
                    tx.last_insert_rowid()
                }
            };
            // The next position read once: a collection of 20,000 items costs 20,000 inserts, not
            // 20,000 scans of the collection.
            let mut next: i64 = tx.query_row("SELECT coalesce(max(position), -1) + 1 FROM collection_items WHERE collection_id = ?1", [id], |r| r.get(0))?;
            let mut insert = tx.prepare("INSERT OR IGNORE INTO collection_items(collection_id, document_id, position) VALUES (?1, ?2, ?3)")?;
            for d in &c.documents {
                let added = insert.execute(params![id, d, next])? as u64;
                next += added as i64;
                done.collection_items += added;
            }
        }
        // A setting this laptop still has at its default (or never wrote) takes the imported value,
        // read as this version reads settings (a value it cannot use is its default, not kept).
        let defaults = crate::settings::rows(&crate::Settings::default());
        let scratch = UserStore::open_in_memory()?;
        for (key, value) in &p.settings {
            if defaults.iter().any(|(k, _)| k == key) {
                scratch.set_setting(key, value)?;
            }
        }
        let imported = crate::settings::rows(&scratch.settings()?);
        for (key, value) in imported.iter().filter(|(k, _)| p.settings.iter().any(|(pk, _)| pk == k)) {
            let Some((_, default)) = defaults.iter().find(|(k, _)| k == key) else { continue };
            let here: Option<String> = tx.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
            if here.as_ref().is_none_or(|h| h == default) && here.as_ref() != Some(value) && value != default {
                tx.execute("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", params![key, value])?;
                done.settings += 1;
            }
        }
        tx.commit()?;
        Ok(done)
    }
}
