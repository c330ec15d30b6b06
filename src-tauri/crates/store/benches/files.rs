//! The cost of sealed attachments (#18 item 1, files.rs): the same bytes kept, read and converted
//! in a library whose attachments are sealed against plain files written and read with std::fs,
//! in the same run. Median of 5 runs each.
//!   cargo bench -p peerlib-store --bench files
//! Prints a Markdown table for docs/benchmarks.md.

mod common;

use common::{ms, time, times as x};
use peerlib_store::crypt;
use peerlib_store::paths::DataDir;
use std::io::Write;
use std::time::Duration;

/// Bytes that do not compress (as a deck's images and a PDF's streams do not).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path().join("library"));
    let ring = crypt::encrypt(&dir, "a long walk to the ministry").unwrap();
    let dir = dir.with_keyring(ring);
    crypt::encrypt_library(&dir, 0).unwrap();
    let files = dir.files().unwrap();
    assert!(files.is_sealed());
    let plain_dir = tmp.path().join("plain");
    std::fs::create_dir_all(&plain_dir).unwrap();
    let runs = 5;

    // One deck of 100 MB: kept (written, flushed, renamed), then read whole.
    let deck = noise(100 << 20, 7);
    let deck_sha = sha(&deck);
    let keep_sealed = time(runs, || {
        let _ = std::fs::remove_dir_all(tmp.path().join("library/attachments/sealed"));
        files.put(&deck_sha, &deck).unwrap();
    });
    let keep_plain = time(runs, || {
        let path = plain_dir.join(&deck_sha);
        let _ = std::fs::remove_file(&path);
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(&deck).unwrap();
        f.sync_all().unwrap();
    });
    let read_sealed = time(runs, || assert_eq!(files.read(&deck_sha).unwrap().len(), deck.len()));
    let read_plain = time(runs, || assert_eq!(std::fs::read(plain_dir.join(&deck_sha)).unwrap().len(), deck.len()));

    // 500 images of 200 KB: made plain and sealed again (a library decrypted, then encrypted),
    // against copying the same folder.
    let images: Vec<Vec<u8>> = (0..500).map(|i| noise(200 << 10, 2 * i + 101)).collect();
    let _ = std::fs::remove_dir_all(tmp.path().join("library/attachments/sealed"));
    for b in &images {
        files.put(&sha(b), b).unwrap();
    }
    let folder = tmp.path().join("library/attachments");
    let (mut unseal, mut seal) = (vec![], vec![]);
    for _ in 0..runs {
        let t = std::time::Instant::now();
        assert_eq!(files.unseal_all().unwrap(), 500);
        unseal.push(t.elapsed());
        let t = std::time::Instant::now();
        assert_eq!(files.seal_all().unwrap(), 500);
        seal.push(t.elapsed());
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (unseal, seal) = (median(&mut unseal), median(&mut seal));
    let copy_to = tmp.path().join("copy");
    let copy = time(runs, || {
        let _ = std::fs::remove_dir_all(&copy_to);
        std::fs::create_dir_all(&copy_to).unwrap();
        for e in std::fs::read_dir(folder.join("sealed")).unwrap().flatten() {
            std::fs::copy(e.path(), copy_to.join(e.file_name())).unwrap();
            std::fs::File::open(copy_to.join(e.file_name())).unwrap().sync_all().unwrap();
        }
    });

    println!("| What (sealed) | Sealed | Baseline (same run) | Ratio |");
    println!("|---|---|---|---|");
    println!("| a 100 MB deck kept (sealed, flushed, renamed) | {} | written and flushed plain: {} | {} |", ms(keep_sealed), ms(keep_plain), x(keep_sealed, keep_plain));
    println!("| the same deck read whole (each chunk opened) | {} | read plain: {} | {} |", ms(read_sealed), ms(read_plain), x(read_sealed, read_plain));
    println!("| 500 images of 200 KB sealed (`seal_all`: plain ones overwritten and removed) | {} | copied and flushed: {} | {} |", ms(seal), ms(copy), x(seal, copy));
    println!("| the same made plain (`unseal_all`, each checked against its sha256) | {} | copied and flushed: {} | {} |", ms(unseal), ms(copy), x(unseal, copy));
}
