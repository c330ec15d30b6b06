//! Issue #8: the window's commands stay responsive while a 10,000-document sync runs. The app
//! answers commands on its own connection to content.db while the sync writes on another; this
//! measures the p95 latency of what the window asks most (the library list, a search, a document)
//! while a sync turns over all 10,000 documents, against the same calls when idle, in one run.
//!
//! The sync is measured both ways in one run, alternately: `sync` on threads of the window's
//! priority (the app until 2026-12-05) and `sync_yielding` (the app since), PEERLIB_BENCH_ROUNDS
//! times each (2 unless told).
//!
//!   cargo bench -p peerlib-sync --bench responsive          (PEERLIB_BENCH_DOCS to change N)
//!   python3 benches/make-realistic.py /tmp/real 10000 100 &&
//!   PEERLIB_BENCH_SOURCES=/tmp/real cargo bench -p peerlib-sync --bench responsive   (realistic text)

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

/// Copies a folder of sources (Markdown and `files/`) into the publisher's; the Markdown files.
fn copy_sources(from: &std::path::Path, to: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut md = vec![];
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_sources(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
            if path.extension().is_some_and(|e| e == "md") {
                md.push(target);
            }
        }
    }
    md
}

fn main() {
    // Attachments' text is extracted in a child process: the crate's own small program, not this
    // bench started again.
    peerlib_sync::sandbox::use_program(env!("CARGO_BIN_EXE_peerlib-extract-child").into());
    let n: usize = std::env::var("PEERLIB_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    // The loopback server stands for the network's host, another machine: its threads run at the
    // sync's low priority (nice 19 on Linux), so that it takes little of the cores from the
    // window, in both kinds of round. (Against the sync at the window's priority it is the one
    // held back, which slows that sync and so flatters its figure: the comparison leans against
    // `sync_yielding`.)
    let rt = tokio::runtime::Builder::new_multi_thread()
        .on_thread_start(peerlib_sync::lower_this_threads_priority)
        .enable_all()
        .build()
        .unwrap();
    let p = common::Publisher::new();
    let words = "people who use drugs harm reduction health community services rights policy network support".split(' ').collect::<Vec<_>>();
    let body = |i: usize, round: usize| (0..300).map(|k| words[(i * 7 + k * 13 + round) % words.len()]).collect::<Vec<_>>().join(" ");
    // Realistic text (benches/make-realistic.py's folder, #21 item 1) when PEERLIB_BENCH_SOURCES
    // names one; else the synthetic documents below.
    let realistic = std::env::var_os("PEERLIB_BENCH_SOURCES").map(std::path::PathBuf::from);
    let sources: Vec<std::path::PathBuf> = match &realistic {
        Some(from) => copy_sources(from, &p.src()),
        None => vec![],
    };
    let n = if realistic.is_some() { sources.len() } else { n };
    // Writes version `round` of every document: each one changes.
    let write_all = |round: usize| {
        if realistic.is_some() {
            for f in &sources {
                let text = std::fs::read_to_string(f).unwrap();
                let text = text.split("\n\nRevision ").next().unwrap().trim_end().to_string();
                std::fs::write(f, format!("{text}\n\nRevision {round}.\n")).unwrap();
            }
        } else {
            for i in 0..n {
                p.write_doc(&format!("d{i:05}"), &format!("Document {i}"), &body(i, round), None);
            }
        }
    };
    write_all(1);
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

    // Each round publishes a version that changes every document and syncs it while the window
    // keeps asking: once with `sync` on a runtime of the caller's priority (as the app synced
    // before 2026-12-05), once with `sync_yielding` (as the app syncs now), alternately.
    let network = std::sync::Arc::new(network);
    let rounds: usize = std::env::var("PEERLIB_BENCH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2);
    let mut rows = vec![];
    let mut version = 2;
    for _ in 0..rounds {
        for yielding in [false, true] {
            write_all(version);
            version += 1;
            p.publish();
            let running = Arc::new(AtomicBool::new(true));
            let (flag, dir, network) = (running.clone(), dir.clone(), network.clone());
            let syncing = std::thread::spawn(move || {
                let t = Instant::now();
                let a = if yielding {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                    rt.block_on(peerlib_sync::sync_yielding(dir, network, SyncOptions::default(), Cancel::new(), Box::new(|_| {}))).unwrap()
                } else {
                    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
                    rt.block_on(peerlib_sync::sync(&dir, &network, &SyncOptions::default(), &Cancel::new(), &|_| {})).unwrap()
                };
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
            rows.push((yielding, took, during));
        }
    }
    let pi = p95(idle);
    println!("idle (same run, 200 rounds): p95 {:.1} ms", pi.as_secs_f64() * 1e3);
    println!("| sync | its time | samples | p95 during | worst | p95 during / idle |");
    println!("|---|---|---|---|---|---|");
    for (yielding, took, during) in rows {
        let worst = during.iter().max().copied().unwrap_or_default();
        let pd = p95(during.clone());
        println!(
            "| {} | {:.1} s | {} | {:.1} ms | {:.0} ms | {:.2}x |",
            if yielding { "sync_yielding (the app since 2026-12-05)" } else { "sync, same priority" },
            took.as_secs_f64(),
            during.len(),
            pd.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            pd.as_secs_f64() / pi.as_secs_f64()
        );
    }
}
