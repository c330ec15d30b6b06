//! The sync log: the last 100 attempts with their outcome (for `peerlib status` and the UI), and
//! the waits servers asked for. Kept in `sync-log.json` beside the databases, written whole to a
//! temporary file and renamed, so a sync that finds nothing new writes no database at all.
//!
//! The file names no feed (#18 item 7): each feed is there by a keyed hash of its address
//! ([`LogNames`], the key in user.db), with no address, title or error detail; the attempt a
//! sync returns has them all, for the window and the terminal that asked.

use peerlib_store::paths::DataDir;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const KEEP: usize = 100;

/// What one source's sync came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SourceOutcome {
    /// Documents were added, changed or removed.
    Updated,
    UpToDate,
    Failed,
    /// Held back: it would delete more than half the library (`--allow-mass-delete`).
    Held,
    /// Not asked: the server asked us to wait until `retry_at`.
    Waiting,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceReport {
    /// The feed's name in the sync log ([`LogNames::source`]); empty where none was given.
    #[serde(default)]
    pub source: String,
    /// The feed's address and title, and below the error's detail: in the attempt a sync
    /// returns, never in the sync log's file (empty, and no detail, in an attempt read from it).
    pub url: String,
    pub title: String,
    pub verified: bool,
    pub outcome: SourceOutcome,
    #[ts(type = "number")]
    pub added: u64,
    #[ts(type = "number")]
    pub changed: u64,
    #[ts(type = "number")]
    pub removed: u64,
    /// Attachments and images downloaded, and their bytes.
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Attachments that could not be downloaded this time (tried again next sync).
    #[ts(type = "number")]
    pub files_missing: u64,
    /// Of those, the ones left out because they would take the library past the attachment
    /// budget (Settings): not fetched while the budget stays as it is.
    #[ts(type = "number")]
    #[serde(default)]
    pub files_over_budget: u64,
    /// The signed manifest applied has expired: the publisher has not refreshed it.
    pub stale: bool,
    #[ts(type = "number | null")]
    pub seq: Option<i64>,
    /// The error code (`error-<code>` in resources/l10n) and its detail, when it failed.
    pub code: Option<peerlib_code::ErrorCode>,
    pub detail: Option<String>,
    /// Unix seconds: not before this time (a Retry-After).
    #[ts(type = "number | null")]
    pub retry_at: Option<i64>,
    /// The wait the server asked for, as this sync learnt it (for the background loop; not
    /// kept in the log, which has `retry_at`).
    #[serde(skip)]
    #[ts(skip)]
    pub wait: Option<std::time::Duration>,
}

impl SourceReport {
    pub fn new(url: &str, title: &str, verified: bool) -> SourceReport {
        SourceReport {
            source: String::new(),
            url: url.into(),
            title: title.into(),
            verified,
            outcome: SourceOutcome::UpToDate,
            added: 0,
            changed: 0,
            removed: 0,
            files: 0,
            bytes: 0,
            files_missing: 0,
            files_over_budget: 0,
            stale: false,
            seq: None,
            code: None,
            detail: None,
            retry_at: None,
            wait: None,
        }
    }
}

/// One sync attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Attempt {
    /// Unix seconds.
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number")]
    pub finished_at: i64,
    pub sources: Vec<SourceReport>,
}

impl Attempt {
    /// True when every source ended well (updated, up to date, or politely waiting).
    pub fn ok(&self) -> bool {
        self.sources.iter().all(|s| matches!(s.outcome, SourceOutcome::Updated | SourceOutcome::UpToDate | SourceOutcome::Waiting))
    }
    /// True when every source was brought up to date: a source left waiting was not, and an
    /// attempt that only waited never counts as the library's last update.
    pub fn up_to_date(&self) -> bool {
        self.sources.iter().all(|s| matches!(s.outcome, SourceOutcome::Updated | SourceOutcome::UpToDate))
    }

    pub fn added(&self) -> u64 {
        self.sources.iter().map(|s| s.added).sum()
    }
}

/// The longest a server may make a background sync leave its feed alone. Retry-After and Backoff
/// are honoured up to this: a real server's maintenance or rate limit needs minutes or hours,
/// while one answer asking for years (from the server, or whoever answers in its name) would
/// silently stop updates.
pub const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// A source the sync must leave alone for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wait {
    /// Unix seconds; the server's Retry-After or Backoff.
    pub not_before: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncLog {
    /// Newest last.
    pub attempts: Vec<Attempt>,
    #[serde(default)]
    pub waits: BTreeMap<String, Wait>,
}

fn path(dir: &DataDir) -> PathBuf {
    dir.root().join("sync-log.json")
}

/// The names feeds go by in the sync log: the first 16 bytes of SHA-256 over a random key kept in
/// user.db and the feed's address, in hex. Without user.db the log cannot be matched to a feed,
/// even by someone who guesses the addresses; with it, the addresses are there anyway.
#[derive(Clone)]
pub struct LogNames([u8; 32]);

/// user.db's key for [`LogNames`].
const LOG_KEY: &str = "sync-log-key";

impl LogNames {
    pub fn of(user: &peerlib_store::UserStore) -> Result<LogNames, peerlib_store::StoreError> {
        user.secret(LOG_KEY).map(LogNames)
    }

    /// The names of a data folder (opening its user.db).
    pub fn in_folder(dir: &DataDir) -> Result<LogNames, peerlib_store::StoreError> {
        let (user, _) = peerlib_store::UserStore::open_in(dir, crate::ctx::unix_now())?;
        LogNames::of(&user)
    }

    /// A feed's name in the log.
    pub fn source(&self, url: &str) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new().chain_update(self.0).chain_update(url.as_bytes()).finalize();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether a key of the log's waits is such a name (a log written before 2026-12-05 keyed
    /// them by address: those are dropped when it is written again).
    fn is_name(s: &str) -> bool {
        s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }
}

impl SyncLog {
    /// The log of a data folder; an unreadable log is started afresh (it is history, not data).
    pub fn read(dir: &DataDir) -> SyncLog {
        std::fs::read(path(dir)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    /// Writes the log with every feed's address, title and error detail left out (attempts read
    /// from an older log included), and only the waits kept by name.
    pub fn write(&self, dir: &DataDir) -> std::io::Result<()> {
        let mut kept = self.clone();
        for s in kept.attempts.iter_mut().flat_map(|a| a.sources.iter_mut()) {
            s.url.clear();
            s.title.clear();
            s.detail = None;
        }
        kept.waits.retain(|name, _| LogNames::is_name(name));
        let p = path(dir);
        let tmp = p.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(&kept).map_err(std::io::Error::other)?)?;
        std::fs::rename(tmp, p)
    }

    pub fn push(&mut self, a: Attempt) {
        self.attempts.push(a);
        let extra = self.attempts.len().saturating_sub(KEEP);
        self.attempts.drain(..extra);
    }

    /// The last attempt that brought every source up to date (not one that only waited).
    pub fn last_success(&self) -> Option<&Attempt> {
        self.attempts.iter().rev().find(|a| a.up_to_date())
    }

    /// Consecutive failed attempts at the end of the log.
    pub fn failures(&self) -> u32 {
        self.attempts.iter().rev().take_while(|a| !a.ok()).count() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_last_hundred_attempts_and_survives_damage() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        let mut log = SyncLog::read(&dir);
        for i in 0..130 {
            let mut s = SourceReport::new("u", "t", true);
            if i % 2 == 1 {
                s.outcome = SourceOutcome::Failed;
            }
            log.push(Attempt { started_at: i, finished_at: i, sources: vec![s] });
        }
        log.write(&dir).unwrap();
        let back = SyncLog::read(&dir);
        assert_eq!(back.attempts.len(), KEEP);
        assert_eq!(back.attempts[0].started_at, 30);
        assert_eq!(back.last_success().unwrap().started_at, 128);
        assert_eq!(back.failures(), 1);
        std::fs::write(tmp.path().join("sync-log.json"), b"{not json").unwrap();
        assert_eq!(SyncLog::read(&dir), SyncLog::default());
    }

    /// #18 item 7: the file names no feed: no address, title or error detail, and waits only by
    /// a name that cannot be made without user.db's key.
    #[test]
    fn the_log_file_names_no_feed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        let names = LogNames::in_folder(&dir).unwrap();
        let url = "https://feed-marker-4471.example/feed/";
        let mut s = SourceReport::new(url, "Title-marker-4471", true);
        s.source = names.source(url);
        s.outcome = SourceOutcome::Failed;
        s.detail = Some(format!("HTTP 503 from {url}"));
        let mut log = SyncLog::default();
        log.push(Attempt { started_at: 1, finished_at: 2, sources: vec![s.clone()] });
        log.waits.insert(s.source.clone(), Wait { not_before: Some(10) });
        // A log written before 2026-12-05 kept waits by address.
        log.waits.insert(url.into(), Wait { not_before: Some(10) });
        log.write(&dir).unwrap();

        let bytes = std::fs::read_to_string(tmp.path().join("sync-log.json")).unwrap();
        assert!(!bytes.contains("marker-4471"), "{bytes}");
        let back = SyncLog::read(&dir);
        assert_eq!(back.attempts[0].sources[0].source, s.source);
        assert_eq!((back.attempts[0].sources[0].url.as_str(), back.attempts[0].sources[0].detail.as_deref()), ("", None));
        assert_eq!(back.waits.keys().collect::<Vec<_>>(), [&s.source]);
        // The name is the same from the same user.db, and another data folder's names differ.
        assert_eq!(LogNames::in_folder(&dir).unwrap().source(url), s.source);
        let other = tempfile::tempdir().unwrap();
        assert_ne!(LogNames::in_folder(&DataDir::new(other.path())).unwrap().source(url), s.source);
        assert!(LogNames::is_name(&s.source), "{}", s.source);
    }
}
