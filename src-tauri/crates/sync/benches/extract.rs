//! Issue #17 item 1: what extracting an attachment's text in a child process (with its limits)
//! costs against extracting it in the app's own process, as the sync did before. Every PDF and
//! PowerPoint deck of the starter library, each extracted `ROUNDS` times both ways, alternating;
//! prints the median per attachment of each way and their ratio.
//!
//!   cargo bench -p peerlib-sync --bench extract

use peerlib_sync::{extract_in_child, extract_text, sandbox, ExtractLimits};
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    sandbox::use_program(env!("CARGO_BIN_EXE_peerlib-extract-child").into());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let files: Vec<(String, std::path::PathBuf, usize)> = peerlib_feed::starter::documents()
        .unwrap()
        .into_iter()
        .flat_map(|d| d.attachments)
        .enumerate()
        .map(|(i, a)| {
            let path = tmp.path().join(format!("{i}"));
            std::fs::write(&path, &a.bytes).unwrap();
            (a.media_type, path, a.bytes.len())
        })
        .collect();
    let limits = ExtractLimits::default();
    let (mut inproc, mut child) = (vec![], vec![]);
    for _ in 0..ROUNDS {
        for (media_type, path, size) in &files {
            let t = Instant::now();
            let bytes = std::fs::read(path).unwrap();
            let a = extract_text(media_type, &bytes);
            inproc.push(t.elapsed());
            let t = Instant::now();
            let b = rt.block_on(extract_in_child(media_type, path, *size as u64, &limits)).expect("a child read the file");
            child.push(t.elapsed());
            assert_eq!(a, b, "both ways read the same words");
        }
    }
    let (i, c) = (median(inproc), median(child));
    println!(
        "| text of one attachment ({} starter PDFs and decks, median of {} each) | child process {:.1} ms | in-process {:.1} ms | {:.2}x |",
        files.len(),
        ROUNDS * files.len(),
        c.as_secs_f64() * 1e3,
        i.as_secs_f64() * 1e3,
        c.as_secs_f64() / i.as_secs_f64()
    );
}
