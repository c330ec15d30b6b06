//! Bringing documents into the local library. Everything that enters the store comes through
//! here: verified, sanitised, attachments written by hash and checked before they are used.
//!
//! - [`open_library`]: the first run imports the embedded starter library (the network's signed
//!   feed at an early seq), verified like any download.
//! - [`sync`]: one sync of every subscription (the network's signed feed, other signed feeds,
//!   website feeds), one at a time per data folder, cancellable, reporting progress, logged.

mod attachments;
pub mod cancel;
mod extract;
pub mod http;
pub mod images;
mod ingest;
pub mod lock;
pub mod log;
pub mod plan;
pub mod schedule;
pub mod signed;
pub mod website;

pub use attachments::{openable_attachment, write_verified, AttachmentError};
pub use cancel::Cancel;
pub use peerlib_code::ErrorCode;
pub use extract::extract_text;
pub use ingest::to_new_document;
pub use log::{Attempt, SourceOutcome, SourceReport, SyncLog};

use http::{FetchError, Http, Limits};
use lock::{LockError, SyncLock};
use peerlib_feed::manifest::{verify_bytes, verify_manifest, FeedDocument, PinnedKey, VerifyError};
use peerlib_feed::network::Network;
use peerlib_feed::starter;
use peerlib_store::{paths::DataDir, ContentStore, FollowedFeed, SourceKind, SourceUpdate, StoreError, Subscription, UserStore};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("attachment: {0}")]
    Attachment(#[from] AttachmentError),
    #[error("the feed was refused: {0}")]
    Verify(#[from] VerifyError),
    #[error("{0} is listed in the manifest but could not be fetched")]
    Missing(String),
    #[error("resources/network.toml: {0}")]
    Network(String),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("the feed was refused: {0}")]
    Plan(#[from] plan::PlanError),
    #[error("the manifest names publisher key {found}, which is not pinned for this feed")]
    Publisher { found: String },
    #[error("the update would delete {delete} of {held} documents; held back until confirmed (--allow-mass-delete)")]
    MassDelete { delete: usize, held: usize },
    #[error("another sync is running")]
    Busy,
    #[error("the feed could not be read: {0}")]
    Unreadable(String),
    #[error("the server asked us to wait until {until} (unix time)")]
    Waiting { until: i64 },
    #[error("{0} is not a feed you follow")]
    NotSubscribed(String),
    #[error("not a usable public key: {0}")]
    BadKey(String),
}

impl From<LockError> for SyncError {
    fn from(e: LockError) -> Self {
        match e {
            LockError::Busy => SyncError::Busy,
            LockError::Io(e) => SyncError::Attachment(AttachmentError::Io(e)),
        }
    }
}

impl SyncError {
    /// The closed code at the boundary; see `StoreError::code`. Each has a message
    /// `error-<code>` in resources/l10n.
    pub fn code(&self) -> ErrorCode {
        match self {
            SyncError::Store(e) => e.code(),
            SyncError::Attachment(AttachmentError::Io(_)) => ErrorCode::Disk,
            SyncError::Verify(VerifyError::BadSignature | VerifyError::UnknownKey { .. } | VerifyError::BadSignatureFile) => ErrorCode::Signature,
            SyncError::Verify(_) | SyncError::Missing(_) => ErrorCode::Tampered,
            SyncError::Plan(plan::PlanError::DuplicateId(_)) => ErrorCode::Tampered,
            SyncError::Plan(plan::PlanError::Rollback { .. }) => ErrorCode::Rollback,
            SyncError::Publisher { .. } => ErrorCode::Publisher,
            SyncError::MassDelete { .. } => ErrorCode::MassDelete,
            SyncError::Fetch(e) => e.code(),
            SyncError::Busy => ErrorCode::Busy,
            SyncError::Unreadable(_) => ErrorCode::UnreadableFeed,
            SyncError::Waiting { .. } => ErrorCode::Waiting,
            SyncError::NotSubscribed(_) => ErrorCode::NotSubscribed,
            SyncError::BadKey(_) => ErrorCode::BadKey,
            SyncError::Attachment(_) | SyncError::Network(_) => ErrorCode::Internal,
        }
    }
}

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
    /// Most bytes of attachments to keep on disk; None = no limit (the default).
    pub attachment_budget: Option<u64>,
    /// Documents fetched at once.
    pub concurrency: usize,
    pub limits: Limits,
    pub connect_timeout: std::time::Duration,
    /// The longest silence allowed while waiting for or reading an answer.
    pub read_timeout: std::time::Duration,
    /// Tests only: fetch `https://127.0.0.1:…` images over plain http (a loopback test server
    /// has no certificate; the sanitiser keeps only https images).
    #[doc(hidden)]
    pub images_over_loopback_http: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            allow_mass_delete: false,
            attachment_budget: None,
            concurrency: 8,
            limits: Limits::default(),
            connect_timeout: std::time::Duration::from_secs(15),
            read_timeout: std::time::Duration::from_secs(30),
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
}

impl Ctx<'_> {
    fn progress(&self, phase: Phase, source: &str, done: u64, total: u64) {
        let bytes = self.bytes.load(std::sync::atomic::Ordering::Relaxed);
        (self.on_progress)(&Progress { phase, source: source.to_string(), done, total, bytes });
    }

    fn received(&self, n: u64) {
        self.bytes.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Sync every subscription of a data folder, once. Takes the folder's sync lock (another sync
/// running is `SyncError::Busy`), opens its own connection to the library, and appends the
/// attempt to the sync log. A source's failure does not stop the others; each is reported.
pub async fn sync(
    dir: &DataDir,
    network: &Network,
    options: &SyncOptions,
    cancel: &Cancel,
    on_progress: &(dyn Fn(&Progress) + Send + Sync),
) -> Result<Attempt, SyncError> {
    let _lock = SyncLock::try_acquire(dir)?;
    let (mut store, _) = open_library(dir, network)?;
    let http = Http::with_timeouts(options.limits, options.connect_timeout, options.read_timeout);
    let started_at = unix_now();
    let ctx = Ctx { dir, http: &http, cancel, options, on_progress, bytes: Default::default(), started_at };
    let mut log = SyncLog::read(dir);
    let mut reports = Vec::new();
    for sub in store.subscriptions()? {
        let mut report = SourceReport::new(&sub.url, &sub.title, sub.verified);
        let wait = log.waits.get(&sub.url).and_then(|w| w.not_before).filter(|t| *t > unix_now());
        let result = match wait {
            Some(until) => Err(SyncError::Waiting { until }),
            None => sync_source(&ctx, &mut store, &sub, network, &mut report).await,
        };
        match &result {
            Ok(()) => {
                log.waits.remove(&sub.url);
            }
            Err(SyncError::Waiting { until }) => {
                report.outcome = SourceOutcome::Waiting;
                report.retry_at = Some(*until);
                report.wait = Some(std::time::Duration::from_secs((*until - unix_now()).max(0) as u64));
            }
            Err(e) => {
                if report.outcome != SourceOutcome::Held {
                    report.outcome = if matches!(e, SyncError::Fetch(FetchError::Cancelled)) { SourceOutcome::Cancelled } else { SourceOutcome::Failed };
                }
                report.code = Some(e.code());
                report.detail = Some(e.to_string());
                let asked = match e {
                    SyncError::Fetch(f) => f.retry_after(),
                    _ => None,
                };
                let not_before = asked.map(|d| unix_now() + d.as_secs() as i64);
                log.waits.insert(sub.url.clone(), log::Wait { not_before });
                report.retry_at = not_before;
                report.wait = asked;
            }
        }
        reports.push(report);
        if cancel.is_cancelled() {
            break;
        }
    }
    let attempt = Attempt { started_at, finished_at: unix_now(), sources: reports };
    log.push(attempt.clone());
    log.write(dir).map_err(AttachmentError::Io)?;
    Ok(attempt)
}

async fn sync_source(ctx: &Ctx<'_>, store: &mut ContentStore, sub: &Subscription, network: &Network, report: &mut SourceReport) -> Result<(), SyncError> {
    match sub.kind {
        SourceKind::Network => signed::sync(ctx, store, sub, &network.keys, report).await,
        SourceKind::Signed => {
            let key = sub.public_key.as_deref().and_then(PinnedKey::parse).ok_or_else(|| SyncError::BadKey(sub.url.clone()))?;
            signed::sync(ctx, store, sub, &[key], report).await
        }
        SourceKind::Website => website::sync(ctx, store, sub, report).await,
    }
}

/// Follow a feed: a signed one when a public key is given (its manifests must be signed by that
/// key), else a website feed. Returns false when it was already followed.
pub fn add_feed(dir: &DataDir, network: &Network, url: &str, public_key: Option<&str>) -> Result<bool, SyncError> {
    let (user, _) = UserStore::open_in(dir, unix_now())?;
    let (mut store, _) = open_library_with(dir, network, &user)?;
    add_feed_to(&mut store, &user, url, public_key)
}

/// [`add_feed`] on an open library: kept in user.db (with its key) first, then in the library.
pub fn add_feed_to(store: &mut ContentStore, user: &UserStore, url: &str, public_key: Option<&str>) -> Result<bool, SyncError> {
    let parsed = url::Url::parse(url.trim()).map_err(|_| FetchError::BadUrl(url.into()))?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl(url.into()).into());
    }
    let title = parsed.host_str().unwrap_or(url).to_string();
    let public_key = public_key.map(str::trim).filter(|k| !k.is_empty());
    if let Some(k) = public_key {
        PinnedKey::parse(k).ok_or_else(|| SyncError::BadKey(k.into()))?;
    }
    let kind = if public_key.is_some() { SourceKind::Signed } else { SourceKind::Website };
    if store.subscription(parsed.as_str())?.is_some() {
        return Ok(false);
    }
    let feed = FollowedFeed { url: parsed.to_string(), title, kind, public_key: public_key.map(str::to_string) };
    user.follow(&feed, unix_now())?;
    Ok(store.add_subscription(&feed.url, &feed.title, kind, feed.public_key.as_deref())?)
}

/// Stop following a feed; its documents leave the library (notes and bookmarks stay). The
/// network's own feed cannot be removed.
pub fn remove_feed(dir: &DataDir, network: &Network, url: &str) -> Result<u64, SyncError> {
    let (user, _) = UserStore::open_in(dir, unix_now())?;
    let (mut store, _) = open_library_with(dir, network, &user)?;
    remove_feed_from(&mut store, &user, url)
}

/// [`remove_feed`] on an open library: out of the library first (one transaction), then out of
/// user.db. Stopped between the two, the next open follows it again: nothing is lost.
pub fn remove_feed_from(store: &mut ContentStore, user: &UserStore, url: &str) -> Result<u64, SyncError> {
    // As typed, or as `add_feed` normalised it (`https://x.example` -> `https://x.example/`).
    let normalised = url::Url::parse(url.trim()).map(|u| u.to_string()).unwrap_or_default();
    let found = match store.subscription(url)? {
        Some(s) => Some(s),
        None => store.subscription(&normalised)?,
    };
    let url = found.as_ref().map(|s| s.url.clone()).unwrap_or_else(|| url.to_string());
    match found {
        Some(s) if s.kind == SourceKind::Network => Err(SyncError::NotSubscribed(url)),
        Some(_) => {
            let removed = store.remove_subscription(&url)?.unwrap_or(0);
            user.unfollow(&url)?;
            Ok(removed)
        }
        None => Err(SyncError::NotSubscribed(url)),
    }
}

/// What opening the library found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Documents imported from the starter library on this open (0 when it was already there).
    pub imported: usize,
    /// A damaged content database that was moved aside and rebuilt.
    pub moved_aside: Option<PathBuf>,
}

/// Open the library in a data folder; on the very first run (no source ever applied) apply the
/// embedded starter library, the network's signed feed at an early seq, so the app is useful
/// with no network. It is verified with the keys in network.toml like any download.
///
/// The starter library belongs to the network this build ships with: a data folder following
/// another network (`PEERLIB_NETWORK`, tests) starts empty.
///
/// The feeds the user follows are kept in user.db; each open puts back any the library lacks
/// (a rebuilt content.db), see [`peerlib_store::restore_followed`].
pub fn open_library(dir: &DataDir, network: &Network) -> Result<(ContentStore, OpenReport), SyncError> {
    let (user, _) = UserStore::open_in(dir, unix_now())?;
    open_library_with(dir, network, &user)
}

/// [`open_library`] with user.db already open (the app opens it first, to report its repairs).
pub fn open_library_with(dir: &DataDir, network: &Network, user: &UserStore) -> Result<(ContentStore, OpenReport), SyncError> {
    let (mut store, moved_aside) = ContentStore::open_in(dir)?;
    let mut report = OpenReport { moved_aside, ..Default::default() };
    // Only a first run reads the shipped network.toml (its keys verify the starter library).
    let shipped = match store.source_count()? {
        0 => Some(Network::shipped().map_err(|e| SyncError::Network(e.to_string()))?),
        _ => None,
    };
    if let Some(network) = shipped.filter(|s| s.feed_url == network.feed_url) {
        let manifest = starter::feed_file("manifest.json").unwrap_or_default();
        let signature = starter::feed_file("manifest.json.minisig").and_then(|s| std::str::from_utf8(s).ok()).unwrap_or_default();
        let fetch = |path: &str| starter::feed_file(path).map(<[u8]>::to_vec);
        report.imported = apply_feed(&mut store, dir, &network, manifest, signature, fetch)?;
    }
    // The network's feed is always followed, and listed from the first run.
    if store.subscription(&network.feed_url)?.is_none() {
        store.add_subscription(&network.feed_url, &network.name, SourceKind::Network, None)?;
    }
    peerlib_store::restore_followed(&mut store, user, unix_now())?;
    Ok((store, report))
}

/// Apply a signed feed: verify the manifest with the network's pinned keys; fetch every document
/// and attachment with `fetch` (by its feed path) and check it against the manifest's sha256 and
/// size; write attachments by hash; then replace the network's documents and seq in ONE
/// transaction. Any failure leaves the library exactly as it was.
pub fn apply_feed(
    store: &mut ContentStore,
    dir: &DataDir,
    network: &Network,
    manifest_bytes: &[u8],
    signature: &str,
    fetch: impl Fn(&str) -> Option<Vec<u8>>,
) -> Result<usize, SyncError> {
    let manifest = verify_manifest(manifest_bytes, signature, &network.keys)?;
    let get = |path: &str, sha256: &str, size: u64| -> Result<Vec<u8>, SyncError> {
        let bytes = fetch(path).ok_or_else(|| SyncError::Missing(path.to_string()))?;
        verify_bytes(path, &bytes, sha256, size)?;
        Ok(bytes)
    };
    let mut attachments = Vec::with_capacity(manifest.attachments.len());
    for a in &manifest.attachments {
        attachments.push((a, get(&a.path, &a.sha256, a.size)?));
    }
    let mut docs = Vec::with_capacity(manifest.documents.len());
    let mut hashes = Vec::with_capacity(manifest.documents.len());
    for d in &manifest.documents {
        let bytes = get(&d.path, &d.sha256, d.size)?;
        let doc: FeedDocument = serde_json::from_slice(&bytes).map_err(|e| VerifyError::BadManifest(format!("{}: {e}", d.path)))?;
        if doc.id != d.id {
            return Err(VerifyError::BadManifest(format!("{} holds document {}, not {}", d.path, doc.id, d.id)).into());
        }
        docs.push(doc);
        hashes.push(d.sha256.clone());
    }
    // Everything is verified: now write. Files first (by hash, idempotent), documents last.
    for (a, bytes) in &attachments {
        write_verified(&dir.attachments(), &a.sha256, bytes)?;
        store.record_file_text(&a.sha256, a.size, &a.media_type, &extract_text(&a.media_type, bytes))?;
    }
    let mut new_docs = Vec::with_capacity(docs.len());
    for (d, sha) in docs.iter().zip(hashes) {
        new_docs.push(peerlib_store::NewDocument { content_hash: Some(sha), ..to_new_document(d, |_| true)? });
    }
    let update = SourceUpdate {
        url: network.feed_url.clone(),
        title: network.name.clone(),
        kind: Some(SourceKind::Network),
        seq: Some(manifest.seq),
        expires_at: Some(manifest.expires_at.clone()),
        ..Default::default()
    };
    store.replace_all(&update, &new_docs)?;
    Ok(new_docs.len())
}
