//! The sync log: the last 100 attempts with their outcome (for `peerlib status` and the UI), and
//! the waits servers asked for. Kept in `sync-log.json` beside the databases, written whole to a
//! temporary file and renamed, so a sync that finds nothing new writes no database at all.

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

impl SyncLog {
    /// The log of a data folder; an unreadable log is started afresh (it is history, not data).
    pub fn read(dir: &DataDir) -> SyncLog {
        std::fs::read(path(dir)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    pub fn write(&self, dir: &DataDir) -> std::io::Result<()> {
        let p = path(dir);
        let tmp = p.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?)?;
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
}
