//! Opening the library: the first run's starter import, the network's subscription, the feeds
//! the user follows put back.

use crate::log::SourceReport;
use crate::origin::Origin;
use crate::ctx::{unix_now, Ctx, SyncOptions};
use crate::http::Http;
use crate::{signed, AttachmentError, Cancel, SyncError};
use peerlib_feed::network::Network;
use peerlib_store::{paths::DataDir, ContentStore, SourceKind, Subscription, UserStore};
use std::path::PathBuf;

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

/// Whether `network` is the one this data folder is configured to follow now, with no
/// environment naming one for this run.
fn is_followed_now(dir: &DataDir, network: &Network) -> bool {
    std::env::var_os(peerlib_feed::network::NETWORK_ENV).is_none()
        && Network::configured_in(dir.root()).is_ok_and(|(configured, _)| configured.feed_url == network.feed_url)
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
        report.imported = apply_feed(&mut store, dir, &network, &Origin::starter())?;
    }
    // The network's feed is always followed, and listed from the first run.
    if store.subscription(&network.feed_url)?.is_none() {
        store.add_subscription(&network.feed_url, &network.name, SourceKind::Network, None)?;
    }
    // A network this data folder no longer follows (the user joined another or left one, the
    // administrator changed the machine's, a run named another with PEERLIB_NETWORK) leaves the
    // library with its documents; the user's notes on them stay in user.db. Only an open with
    // the network the data folder is configured to follow does this: never a run for which
    // PEERLIB_NETWORK names a network, nor an app started before the configuration changed
    // (run.rs syncs only the network's own feed, so such a run leaves the others alone).
    if is_followed_now(dir, network) {
        for old in store.subscriptions()?.into_iter().filter(|s| s.kind == SourceKind::Network && s.url != network.feed_url) {
            store.remove_subscription(&old.url)?;
        }
    }
    peerlib_store::restore_followed(&mut store, user, unix_now())?;
    Ok((store, report))
}

/// Apply the network's signed feed from files (the starter feed built into the app; next, a
/// bundle) through the same pipeline as a sync from the web: the signature and publisher key
/// checked with the network's pinned keys, no rollback, every file checked against the manifest,
/// documents and seq applied in ONE transaction. Any failure leaves the library exactly as it
/// was. Makes no network request. Returns the documents added.
pub fn apply_feed(store: &mut ContentStore, dir: &DataDir, network: &Network, origin: &Origin) -> Result<usize, SyncError> {
    let options = SyncOptions::default();
    // Files only: no address is ever asked.
    let own = crate::address::OwnOrigins::default();
    let http = Http::with_timeouts(options.limits, options.connect_timeout, options.read_timeout, options.pace, own, options.proxy.as_deref())?;
    let cancel = Cancel::new();
    let ctx = Ctx { dir, http: &http, cancel: &cancel, options: &options, on_progress: &|_| {}, bytes: Default::default(), started_at: unix_now(), deadline: tokio::time::Instant::now() + options.deadline, network_name: &network.name };
    let sub = store.subscription(&network.feed_url)?.unwrap_or_else(|| Subscription {
        url: network.feed_url.clone(),
        title: network.name.clone(),
        kind: SourceKind::Network,
        verified: true,
        public_key: None,
        seq: None,
        etag: None,
        last_modified: None,
        body_hash: None,
        expires_at: None,
        documents: 0,
    });
    let mut report = SourceReport::new(&sub.url, &sub.title, true);
    // Callers are not async (opening the library); the pipeline runs on a runtime of its own,
    // on a thread of its own, so that it works whether or not the caller is inside one.
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(AttachmentError::Io)?;
                rt.block_on(signed::sync(&ctx, store, &sub, &network.keys, origin, &mut report))
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    Ok(report.added as usize)
}

