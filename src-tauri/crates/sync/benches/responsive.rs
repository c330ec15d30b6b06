//! Issue #8: the window's commands stay responsive while a 10,000-document sync runs. The app
//! answers commands on its own connection to content.db while the sync writes on another; this
//! measures the p95 latency of what the window asks most (the library list, a search, a document)
//! while a sync turns over all 10,000 documents, against the same calls when idle, in one run.
//!
//!   cargo bench -p peerlib-sync --bench responsive          (PEERLIB_BENCH_DOCS to change N)

// The sync tests' server and publisher; the bench uses a few of their helpers, not all.
#[allow(dead_code)]
#[path = "../tests/sync/common/mod.rs"]
mod common;

use peerlib_store::{paths::DataDir, ContentStore, SearchQuery, UserMarks};
use peerlib_sync::{Cancel, SyncOptions};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn p95(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[(v.len() * 95 / 100).min(v.len() - 1)]
}

/// One round of what the window asks: the library, a search as you type, a document.
fn commands(store: &ContentStore, i: usize) -> Duration {
    let t = Instant::now();
    let lib = store.library(&["en".into()]).unwrap();
    let q = SearchQuery { text: ["harm", "reduction", "community", "policy"][i % 4].into(), as_you_type: true, ..Default::default() };
    store.search(&q, &UserMarks::default()).unwrap();
    if let Some(e) = lib.get(i % lib.len().max(1)) {
        store.document(&e.id).unwrap();
    }
    t.elapsed()
}

fn main() {
    let n: usize = std::env::var("PEERLIB_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let p = common::Publisher::new();
    let words = "people who use drugs harm reduction health community services rights policy network support".split(' ').collect::<Vec<_>>();
    let body = |i: usize, round: usize| (0..300).map(|k| words[(i * 7 + k * 13 + round) % words.len()]).collect::<Vec<_>>().join(" ");
    for i in 0..n {
        p.write_doc(&format!("d{i:05}"), &format!("Document {i}"), &body(i, 1), None);
    }
    p.publish();
    let server = rt.block_on(common::Server::start(p.tmp.path()));
    let network = p.network(&server.url("feed/"));
    let data = tempfile::tempdir().unwrap();
    let dir = DataDir::new(data.path());
    let opts = SyncOptions::default();
    rt.block_on(peerlib_sync::sync(&dir, &network, &opts, &Cancel::new(), &|_| {})).unwrap();

    // The window's connection.
    let (app, _) = ContentStore::open_in(&dir).unwrap();
    assert_eq!(app.document_count().unwrap(), n as u64);
    let idle: Vec<Duration> = (0..200).map(|i| commands(&app, i)).collect();

    // seq 2 changes every document; sync it while the window keeps asking.
    for i in 0..n {
        p.write_doc(&format!("d{i:05}"), &format!("Document {i}"), &body(i, 2), None);
    }
    p.publish();
    let running = Arc::new(AtomicBool::new(true));
    let flag = running.clone();
    let syncing = std::thread::spawn(move || {
        let t = Instant::now();
        let a = rt.block_on(peerlib_sync::sync(&dir, &network, &opts, &Cancel::new(), &|_| {})).unwrap();
        flag.store(false, Ordering::SeqCst);
        (t.elapsed(), a.sources[0].changed)
    });
    let mut during = vec![];
    let mut i = 0;
    while running.load(Ordering::SeqCst) {
        during.push(commands(&app, i));
        i += 1;
    }
    let (took, changed) = syncing.join().unwrap();
    assert_eq!(changed as usize, n, "the sync turned over every document");
    let (pi, pd) = (p95(idle), p95(during.clone()));
    let worst = during.iter().max().copied().unwrap_or_default();
    println!("| figure | during a {n}-document sync ({:.1} s, {} samples) | idle (same run) | ratio | target |", took.as_secs_f64(), during.len());
    println!("|---|---|---|---|---|");
    println!(
        "| p95 latency of library + search + document | {:.1} ms (worst {:.0} ms) | {:.1} ms | {:.2}x idle | the UI never freezes |",
        pd.as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3,
        pi.as_secs_f64() * 1e3,
        pd.as_secs_f64() / pi.as_secs_f64()
    );
}
