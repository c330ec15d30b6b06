//! Erasing a folder of many small files (#18: a sharing's plain copies of an encrypted library,
//! one file per document): `erase::erase_one`, which overwrites every file and then flushes them
//! all at once (one `syncfs` on Linux), against the same zeros written and flushed file by file
//! (each file overwritten, `sync_all`, removed), in the same run, on the disk of the target
//! folder (`CARGO_TARGET_DIR`'s). Median of 3 runs each.
//!   cargo bench -p peerlib-store --bench erase
//! PEERLIB_BENCH_FILES sets how many files (2,000 by default, of 3 KB: a document's JSON).

mod common;

use common::{ms, times as x};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

fn fill(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    let body = vec![b'a'; 3000];
    for i in 0..n {
        std::fs::write(dir.join("documents").join(format!("{i:06}.json")), &body).unwrap();
    }
}

/// The baseline: each file overwritten, flushed and removed on its own.
fn one_by_one(dir: &Path) {
    for e in std::fs::read_dir(dir.join("documents")).unwrap() {
        let path = e.unwrap().path();
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.write_all(&vec![0u8; len]).unwrap();
        f.sync_all().unwrap();
        std::fs::remove_file(&path).unwrap();
    }
    std::fs::remove_dir_all(dir).unwrap();
}

fn main() {
    let n: usize = std::env::var("PEERLIB_BENCH_FILES").ok().and_then(|s| s.parse().ok()).unwrap_or(2000);
    // On the disk the build is on, not a tmpfs /tmp: a flush there costs nothing.
    let base = std::env::var("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| std::env::current_dir().unwrap().join("target"));
    std::fs::create_dir_all(&base).unwrap();
    let root = tempfile::tempdir_in(&base).unwrap();
    let dir = root.path().join("share-bench");
    // Each timed run erases a folder filled, and flushed by `sync`, just before it.
    let run = |erase: &dyn Fn(&Path)| -> Duration {
        let mut v: Vec<Duration> = (0..3)
            .map(|_| {
                fill(&dir, n);
                std::process::Command::new("sync").status().unwrap();
                let t = Instant::now();
                erase(&dir);
                t.elapsed()
            })
            .collect();
        v.sort();
        v[1]
    };
    let ours = run(&|d: &Path| peerlib_store::erase::erase_one(d).unwrap());
    let base_t = run(&|d: &Path| one_by_one(d));
    println!("| What | erase_one (one flush) | Baseline (same run) | Ratio |");
    println!("|---|---|---|---|");
    println!("| a folder of {n} files of 3 KB erased | {} | each overwritten, flushed and removed on its own: {} | {} |", ms(ours), ms(base_t), x(ours, base_t));
}
