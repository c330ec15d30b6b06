//! What every step of a sync shares: its options, its context (data folder, HTTP client, cancel,
//! progress), the progress it reports, and the clock it reads once.

use crate::http::{Http, Limits};
use crate::Cancel;
use peerlib_store::paths::DataDir;
use serde::Serialize;

/// What a sync is doing now, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Phase {
    Checking,
    Documents,
    Attachments,
    Applying,
}

/// Sent as the `sync-progress` event while a sync runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub phase: Phase,
    pub source: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
    /// Bytes received so far in this sync (documents, attachments, images).
    #[ts(type = "number")]
    pub bytes: u64,
}

/// How a sync behaves.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Apply a manifest even when it deletes more than half of a feed's documents.
    pub allow_mass_delete: bool,
    /// A sync nobody asked for (the background loop): feeds whose server asked us to wait are
    /// left alone until then. A sync the user asked for ("Sync now", `peerlib sync`) asks
    /// every feed.
    pub background: bool,
    /// Most bytes of attachments to keep on disk; None = no limit (the default).
    pub attachment_budget: Option<u64>,
    /// Documents fetched at once.
    pub concurrency: usize,
    pub limits: Limits,
    pub connect_timeout: std::time::Duration,
    /// The longest silence allowed while waiting for or reading an answer.
    pub read_timeout: std::time::Duration,
    /// The proxy to go through (`Settings::proxy`: socks5h://, socks5://, http(s)://); None: the
    /// environment's, as curl reads it.
    pub proxy: Option<String>,
    /// What extracting one attachment's text may use (in a child process: `sandbox`).
    pub extraction: crate::ExtractLimits,
    /// The slowest a body may arrive (`http::Pace`).
    pub pace: crate::http::Pace,
    /// Sync the network's feed from this address only (a nearby laptop sharing its copy,
    /// `peerlib sync --from`): checked with the same pinned keys, no other feed synced, no other
    /// address asked, no proxy (the room's network), and no validators of that server kept.
    pub from: Option<String>,
    /// How long one sync may take in all. A feed still syncing then fails with `timeout` and
    /// the lock is released; attachments stop being fetched `ATTACHMENTS_STOP_BEFORE` earlier so
    /// that the documents are still applied (the rest come at the next sync, resumed).
    pub deadline: std::time::Duration,
    /// Tests only: fetch `https://127.0.0.1:…` images over plain http (a loopback test server
    /// has no certificate; the sanitiser keeps only https images).
    #[cfg(feature = "testing")]
    pub images_over_loopback_http: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            allow_mass_delete: false,
            background: false,
            attachment_budget: None,
            concurrency: 8,
            limits: Limits::default(),
            connect_timeout: std::time::Duration::from_secs(15),
            read_timeout: std::time::Duration::from_secs(30),
            extraction: crate::ExtractLimits::default(),
            proxy: None,
            from: None,
            pace: crate::http::Pace::default(),
            // Long enough for a first sync of a large library with its decks over a slow link
            // (resumed downloads carry on next time); short enough that nothing holds the lock
            // through a conference day.
            deadline: std::time::Duration::from_secs(30 * 60),
            #[cfg(feature = "testing")]
            images_over_loopback_http: false,
        }
    }
}

/// What every step of one sync shares.
pub struct Ctx<'a> {
    pub dir: &'a DataDir,
    pub http: &'a Http,
    pub cancel: &'a Cancel,
    pub options: &'a SyncOptions,
    pub on_progress: &'a (dyn Fn(&Progress) + Send + Sync),
    /// Bytes received so far, for progress.
    pub bytes: std::sync::atomic::AtomicU64,
    /// When this sync started: what it adds is marked as arrived then.
    pub started_at: i64,
    /// When this sync must end (`SyncOptions::deadline`).
    pub deadline: tokio::time::Instant,
    /// The network's name, which no unverified feed may take (website.rs).
    pub network_name: &'a str,
}

/// Attachments stop being fetched this long before a sync's deadline, so that the documents
/// fetched so far are applied in time.
pub const ATTACHMENTS_STOP_BEFORE: std::time::Duration = std::time::Duration::from_secs(60);

impl Ctx<'_> {
    pub(crate) fn progress(&self, phase: Phase, source: &str, done: u64, total: u64) {
        let bytes = self.bytes.load(std::sync::atomic::Ordering::Relaxed);
        (self.on_progress)(&Progress { phase, source: source.to_string(), done, total, bytes });
    }

    /// Whether there is still time to fetch attachments before the deadline.
    pub(crate) fn time_for_attachments(&self) -> bool {
        tokio::time::Instant::now() + ATTACHMENTS_STOP_BEFORE.min(self.options.deadline / 4) < self.deadline
    }

    pub(crate) fn received(&self, n: u64) {
        self.bytes.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

