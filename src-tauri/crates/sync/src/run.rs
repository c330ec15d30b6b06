//! One sync of every subscription of a data folder: the lock, the library, each source through
//! its pipeline (signed.rs, website.rs), progress, the sync log.

use crate::ctx::{unix_now, Ctx, Progress, SyncOptions};
use crate::http::{FetchError, Http, Route};
use crate::library::open_library_with;
use crate::lock::SyncLock;
use crate::log::{self, Attempt, LogNames, SourceOutcome, SourceReport, SyncLog, MAX_WAIT};
use crate::origin::Origin;
use crate::{signed, website, AttachmentError, Cancel, SyncError};
use peerlib_feed::manifest::PinnedKey;
use peerlib_feed::network::Network;
use peerlib_store::{paths::DataDir, ContentStore, SourceKind, Subscription};

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
    let (user, _) = peerlib_store::UserStore::open_in(dir, unix_now())?;
    let names = LogNames::of(&user)?;
    let (mut store, _) = open_library_with(dir, network, &user)?;
    drop(user);
    // The network's own feed, and the feeds the user follows; a feed of another network (during
    // a run for which PEERLIB_NETWORK names one, or in an app started before the user joined
    // another) is left as it is, never synced with this network's keys.
    let mut subscriptions: Vec<_> = store.subscriptions()?.into_iter().filter(|s| s.kind != SourceKind::Network || s.url == network.feed_url).collect();
    let http = match &options.from {
        // From a nearby laptop: the network's feed only, from that address only, directly.
        Some(from) => {
            crate::origin::base_url(from)?;
            subscriptions.retain(|s| s.kind == SourceKind::Network);
            let own = crate::address::OwnOrigins::of([from.as_str()]);
            Http::with_route(options.limits, options.connect_timeout, options.read_timeout, options.pace, own, Route::Direct)?
        }
        None => {
            let own = crate::address::OwnOrigins::of(subscriptions.iter().map(|s| s.url.as_str()));
            Http::with_timeouts(options.limits, options.connect_timeout, options.read_timeout, options.pace, own, options.proxy.as_deref())?
        }
    };
    let started_at = unix_now();
    let ctx = Ctx { dir, http: &http, cancel, options, on_progress, bytes: Default::default(), started_at, deadline: tokio::time::Instant::now() + options.deadline, network_name: &network.name };
    let mut log = SyncLog::read(dir);
    let mut reports = Vec::new();
    let mut subscriptions = subscriptions.into_iter();
    for sub in subscriptions.by_ref() {
        let mut report = SourceReport::new(&sub.url, &sub.title, sub.verified);
        report.source = names.source(&sub.url);
        // Each feed's wait is its own, capped at MAX_WAIT (a log written before the cap may hold
        // a longer one), and only a background sync honours it.
        let now = unix_now();
        let wait = log
            .waits
            .get(&report.source)
            .and_then(|w| w.not_before)
            .map(|t| t.min(now + MAX_WAIT.as_secs() as i64))
            .filter(|t| *t > now && options.background);
        let result = match wait {
            Some(until) => Err(SyncError::Waiting { until }),
            // The whole sync's deadline: a feed still going then fails with `timeout` (nothing
            // half-applied: a feed's documents are written in one transaction, never across an
            // await), and the lock is released when this function returns.
            None => match tokio::time::timeout_at(ctx.deadline, sync_source(&ctx, &mut store, &sub, network, &mut report)).await {
                Ok(r) => r,
                Err(_) => Err(FetchError::Timeout.into()),
            },
        };
        // Freshness is the held manifest's when none was applied (a failure, a wait; a 304 is
        // signed.rs's): an expired feed is said stale on every sync until a newer one is applied.
        if result.is_err() && sub.kind != SourceKind::Website {
            report.stale = sub.expires_at.as_deref().is_some_and(|e| signed::is_expired(e, now));
        }
        match &result {
            Ok(()) => {
                log.waits.remove(&report.source);
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
                // From a laptop nearby the detail would name its address on the room's network
                // (and the code in it): the sync log keeps only what went wrong.
                report.detail = if options.from.is_some() { None } else { Some(e.to_string()) };
                let asked = match e {
                    SyncError::Fetch(f) => f.retry_after().map(|d| d.min(MAX_WAIT)),
                    _ => None,
                };
                let not_before = asked.map(|d| unix_now() + d.as_secs() as i64);
                // A nearby laptop's "come back later" is not the feed's server's: it never
                // holds back the next sync from the network's home.
                if options.from.is_none() {
                    log.waits.insert(report.source.clone(), log::Wait { not_before });
                }
                report.retry_at = not_before;
                report.wait = asked;
            }
        }
        reports.push(report);
        if cancel.is_cancelled() {
            break;
        }
    }
    // The feeds a stop came before (the user's Stop, a lock, quitting): said as stopped, so that
    // the attempt never reads as a whole one, to the sync log's last success or the background
    // loop's plan (until 2026-12-07 they were left out, and a sync stopped between feeds read
    // as a success).
    for sub in subscriptions {
        let mut report = SourceReport::new(&sub.url, &sub.title, sub.verified);
        report.source = names.source(&sub.url);
        report.outcome = SourceOutcome::Cancelled;
        report.code = Some(SyncError::Fetch(FetchError::Cancelled).code());
        reports.push(report);
    }
    let attempt = Attempt { started_at, finished_at: unix_now(), sources: reports };
    log.push(attempt.clone());
    log.write(dir).map_err(AttachmentError::Io)?;
    Ok(attempt)
}

/// [`sync`] on threads of its own, below the priority of the process's other threads (#21 item
/// 5: the window's commands take the cores first while a sync fetches, parses, sanitises and
/// indexes; the sync takes what they leave). A runtime with as many workers as the machine has
/// cores, each of its threads (workers, blocking pool, and the extraction children they start)
/// at the lowest priority a process may give its own threads without privileges: on Linux nice
/// 19, which is per thread there. Elsewhere the threads keep the normal priority (not yet done
/// for Windows and macOS). Otherwise it is `sync`: the same lock, log, cancel and result; and,
/// as with `sync`, dropping the future stops the sync (through `cancel`).
pub async fn sync_yielding(
    dir: DataDir,
    network: std::sync::Arc<Network>,
    options: SyncOptions,
    cancel: Cancel,
    on_progress: Box<dyn Fn(&Progress) + Send + Sync>,
) -> Result<Attempt, SyncError> {
    let (done, result) = tokio::sync::oneshot::channel();
    /// Cancels the sync if the caller stops waiting for it (an app quitting after its grace).
    struct CancelOnDrop(Option<Cancel>);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            if let Some(c) = self.0.take() {
                c.cancel();
            }
        }
    }
    let mut guard = CancelOnDrop(Some(cancel.clone()));
    std::thread::Builder::new()
        .name("peerlib-sync".into())
        .spawn(move || {
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(workers)
                .thread_name("peerlib-sync-worker")
                .on_thread_start(lower_this_threads_priority)
                .enable_all()
                .build();
            lower_this_threads_priority();
            match runtime {
                Ok(rt) => {
                    let attempt = rt.block_on(sync(&dir, &network, &options, &cancel, &*on_progress));
                    // The answer first: a blocking task still running (a name lookup, a child
                    // being reaped) is not waited for.
                    let _ = done.send(attempt);
                    rt.shutdown_background();
                }
                Err(e) => {
                    let _ = done.send(Err(SyncError::Threads(e.to_string())));
                }
            }
        })
        .map_err(|e| SyncError::Threads(e.to_string()))?;
    let attempt = result.await.map_err(|_| SyncError::Threads("the sync's thread ended without an answer".into()))?;
    guard.0 = None;
    attempt
}

/// The niceness [`sync_yielding`]'s threads run at, where a thread has one of its own (Linux).
pub const SYNC_NICENESS: i32 = 19;

/// Puts the calling thread below the process's others (see [`sync_yielding`]). Best effort: a
/// system that refuses leaves the sync at the normal priority, which is only slower for the
/// window.
pub fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on this thread's own id, with no pointer.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, SYNC_NICENESS);
    }
}

async fn sync_source(ctx: &Ctx<'_>, store: &mut ContentStore, sub: &Subscription, network: &Network, report: &mut SourceReport) -> Result<(), SyncError> {
    match sub.kind {
        SourceKind::Network => {
            let from = ctx.options.from.as_deref().unwrap_or(&sub.url);
            signed::sync(ctx, store, sub, &network.keys, &Origin::http(ctx.http, from)?, report).await
        }
        SourceKind::Signed => {
            let key = sub.public_key.as_deref().and_then(PinnedKey::parse).ok_or_else(|| SyncError::BadKey(sub.url.clone()))?;
            signed::sync(ctx, store, sub, &[key], &Origin::http(ctx.http, &sub.url)?, report).await
        }
        SourceKind::Website => website::sync(ctx, store, sub, report).await,
    }
}

