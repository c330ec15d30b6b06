//! The fuzz targets' invariants (src-tauri/fuzz/checks.rs) replayed on the stable toolchain, as
//! part of `cargo test`: every committed seed of each target, then FUZZ_REPLAY_RUNS (3,000 unless
//! set) inputs made from the seeds by a fixed sequence of mutations (bit flips, interesting bytes,
//! inserted, deleted, duplicated and truncated runs, splices of two seeds, tokens each format
//! cares about). The sequence depends only on the target's name and the seeds, so the same tree
//! always runs the same inputs, and a failure here fails the same way again. The guided search
//! (libFuzzer, the nightly toolchain) is `make fuzz`; what it finds is added to the seeds.
//!
//! A failing input is written under the target directory's tmp folder (its path is in the
//! failure), ready for `cargo +nightly fuzz run <target> <file>`.

#[path = "../../../fuzz/checks.rs"]
mod checks;

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus");

/// splitmix64: small, fixed, and the same on every platform.
struct Rng(u64);
impl Rng {
    fn new(name: &str) -> Self {
        // Each target has its own fixed sequence.
        Rng::new_from(name.as_bytes())
    }
    /// Seeded by the FNV-1a hash of `bytes`.
    fn new_from(bytes: &[u8]) -> Self {
        Rng(bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens the formats care about: structure, escapes, encodings, the sanitiser's enemies.
const TOKENS: &[&[u8]] = &[
    b"<", b">", b"</", b"/>", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?xml version=\"1.0\" encoding=\"windows-1251\"?>",
    b"<script>", b"<svg onload=", b"javascript:", b"<a href=\"", b"<img src=\"", b"<style>", b"<iframe", b"&#x", b"&lt;",
    b"&amp;", b"&#0;", b"\"", b"'", b"{", b"}", b"[", b"]", b":", b",", b"\\u0000", b"\\ud800", b"null", b"1e999", b"-0",
    b"+++\n", b"---\n", b"\n[[attachments]]\n", b"title = \"", b"\"id\": \"", b"\"sha256\": \"", b"\"seq\": ", b"\"documents\": [",
    b"<rss version=\"2.0\"><channel>", b"<item>", b"<entry>", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xff", b"\x80", b"\xe2\x80\xae", b"PK\x03\x04", b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.7\n", b"\r\n", b"\t", b" ",
];
const INTERESTING: &[u8] = &[0, 1, 0x7f, 0x80, 0xff, b'<', b'>', b'"', b'&', b'{', b'\n', b'0', b'9'];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], mut data: Vec<u8>) -> Vec<u8> {
    const MAX_LEN: usize = 256 * 1024;
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(10) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, bytes);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(512));
                data.drain(i..i + n);
            }
            4 if len > 0 => {
                // A run repeated: deep nesting, long lines, many items.
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                let run = data[i..i + n].to_vec();
                for _ in 0..1 + rng.below(64) {
                    data.splice(i..i, run.iter().copied());
                }
            }
            5 => data.truncate(rng.below(len + 1)),
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                let at = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            7 | 8 => {
                let i = rng.below(len + 1);
                data.splice(i..i, TOKENS[rng.below(TOKENS.len())].iter().copied());
            }
            _ if len > 1 => {
                // Two positions swapped: a closing tag before its opening, a quote moved.
                let (a, b) = (rng.below(len), rng.below(len));
                data.swap(a, b);
            }
            _ => data.push(rng.next() as u8),
        }
        data.truncate(MAX_LEN);
    }
    data
}

thread_local! {
    static IN_CHECK: Cell<bool> = const { Cell::new(false) };
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Panics inside a check are recorded, not printed: feed-rs panics on some inputs, and `parse`
/// catches that as the app does; only a panic that leaves a check is a failure, reported with its
/// message. Any other panic (the replay's own report) goes to the usual hook.
fn quiet_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let usual = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CHECK.with(Cell::get) {
                return usual(info);
            }
            let at = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{at}")));
        }))
    });
}

/// Runs one input through a check; the panic that left it, if any.
fn run_check(check: fn(&[u8]), input: &[u8]) -> Result<(), String> {
    PANIC.with(|p| p.borrow_mut().take());
    IN_CHECK.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| check(input)));
    IN_CHECK.with(|c| c.set(false));
    result.map_err(|payload| {
        // The hook's record (with the place), else what the panic carried.
        PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| {
            payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default()
        })
    })
}

/// How long one input may take before the replay calls it a hang (libFuzzer's `-timeout` in
/// `make test-fuzz` was 10 s): only there so that a hang fails the test with its input written
/// out instead of holding CI until its own limit. Nothing is asserted about the time taken.
const HANG: Duration = Duration::from_secs(120);

fn seeds_of(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(SEEDS).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the seeds of {target} at {}: {e}", dir.display()))
        .map(|e| e.expect("a seed").path())
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("a seed's bytes"))).collect()
}

fn replay(target: &str, check: fn(&[u8])) {
    quiet_panics();
    let runs: usize = std::env::var("FUZZ_REPLAY_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    let seeds = seeds_of(target);
    assert!(!seeds.is_empty(), "{target} has seeds");
    let bytes: Vec<Vec<u8>> = seeds.iter().map(|(_, b)| b.clone()).collect();
    let mut rng = Rng::new(target);
    let inputs = seeds
        .iter()
        .map(|(p, b)| (p.display().to_string(), b.clone()))
        .chain((0..runs).map(|n| {
            let base = bytes[rng.below(bytes.len())].clone();
            (format!("mutation {n}"), mutate(&mut rng, &bytes, base))
        }));
    // The checks run on a thread of their own, so that a hang is caught (the thread is left
    // behind; the test fails).
    let (to_check, inbox) = mpsc::channel::<Vec<u8>>();
    let (outcome, results) = mpsc::channel::<Result<(), String>>();
    std::thread::spawn(move || {
        quiet_panics();
        for input in inbox {
            if outcome.send(run_check(check, &input)).is_err() {
                break;
            }
        }
    });
    let mut ran = 0;
    for (name, input) in inputs {
        to_check.send(input.clone()).expect("the checking thread is there");
        let failure = match results.recv_timeout(HANG) {
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(_) => Some(format!("no end after {} s (a hang)", HANG.as_secs())),
        };
        if let Some(why) = failure {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-replay").join(target);
            std::fs::create_dir_all(&dir).expect("a folder for the failing input");
            // Named by its bytes: two tests failing on different inputs never share a file.
            let file = dir.join(format!("failure-{:016x}", Rng::new_from(&input).next()));
            std::fs::write(&file, &input).expect("the failing input written");
            panic!("{target}: {name} fails: {why}\nits input: {}", file.display());
        }
        ran += 1;
    }
    assert_eq!(ran, seeds.len() + runs, "every input of {target} ran");
}

#[test]
fn manifest() {
    replay("manifest", checks::manifest);
}

#[test]
fn document() {
    replay("document", checks::document);
}

#[test]
fn website() {
    replay("website", checks::website);
}

#[test]
fn source() {
    replay("source", checks::source);
}

#[test]
fn sanitize() {
    replay("sanitize", checks::sanitize);
}

#[test]
fn office() {
    replay("office", checks::office);
}

/// The replay can fail: an input that breaks an invariant is caught, reported and written out.
#[test]
fn a_failing_check_is_reported_with_its_input() {
    quiet_panics();
    let result = catch_unwind(|| replay("sanitize", |data| assert!(!data.contains(&b'<'), "a tag")));
    let message = result.expect_err("a check that fails on the seeds fails the replay");
    let message = message.downcast_ref::<String>().expect("a message");
    assert!(message.contains("sanitize:") && message.contains("a tag") && message.contains("its input: "), "{message}");
    let path = message.rsplit("its input: ").next().unwrap();
    assert!(std::fs::read(path).expect("the input was written").contains(&b'<'));
}
