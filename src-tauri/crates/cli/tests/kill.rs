//! `peerlib sync` killed with SIGKILL at random moments of a large sync, 200 times (issue #5).
//! After every kill the database passes `PRAGMA integrity_check` and holds exactly the old
//! seq's documents or exactly the new seq's: never a mixture, never a loss.

// The cli tests' helpers; this binary uses only some of them.
#[path = "cli/common/mod.rs"]
#[allow(dead_code)]
mod common;
use common::{dir_arg, peerlib, start, Network};
// The store tests' document builder.
#[path = "../../store/tests/store/common.rs"]
#[allow(dead_code)]
mod store_common;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 600;
const KILLS: usize = 200;

fn body(i: usize, round: usize) -> String {
    format!("Round {round} of document {i}. ").repeat(60)
}

fn docs(dir: &Path) -> BTreeMap<String, Option<String>> {
    let c = rusqlite::Connection::open(dir.join("content.db")).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "integrity_check in {}", dir.display());
    let mut s = c.prepare("SELECT id, content_hash FROM documents").unwrap();
    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let st = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(st.success());
}

/// A small deterministic generator (xorshift), seeded from the clock and printed, so that a
/// failing run can be repeated with PEERLIB_KILL_SEED.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The seed of this run: PEERLIB_KILL_SEED, else the clock (printed by each test).
fn seed() -> u64 {
    std::env::var("PEERLIB_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    })
}

/// `peerlib ARGS` (following the network in `toml`) killed with SIGKILL at a random moment within
/// 1.2 times `took`, the time it takes to run to the end.
fn kill_during(args: &[&str], toml: &str, took: Duration, rng: &mut Rng) {
    let window = (took.as_micros() as u64 * 12 / 10).max(1000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_peerlib"))
        .args(args)
        .env("PEERLIB_NETWORK", toml)
        .env_remove("PEERLIB_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_micros(rng.next() % window));
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_seq_or_the_new_one() {
    let net = Network::new();
    for i in 0..DOCS {
        net.write_doc(&format!("d{i:04}"), &format!("Document {i}"), &body(i, 1));
    }
    net.publish();
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    let work = tempfile::tempdir().unwrap();
    let template = work.path().join("template");
    let s = peerlib(&["--data-dir", &dir_arg(&template), "sync"], &env);
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    rusqlite::Connection::open(template.join("content.db")).unwrap().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    let old = docs(&template);
    assert_eq!(old.len(), DOCS);

    // seq 2 changes every document, withdraws 40 and adds 40: the whole library turns over.
    for i in 0..DOCS {
        net.write_doc(&format!("d{i:04}"), &format!("Document {i}"), &body(i, 2));
    }
    for i in 0..40 {
        std::fs::remove_file(net.tmp.path().join("src").join(format!("d{i:04}.md"))).unwrap();
        net.write_doc(&format!("n{i:04}"), &format!("New {i}"), &body(i, 2));
    }
    net.publish();
    let full = work.path().join("full");
    copy(&template, &full);
    let t0 = Instant::now();
    assert!(peerlib(&["--data-dir", &dir_arg(&full), "sync"], &env).status.success());
    let took = t0.elapsed();
    let new = docs(&full);
    assert_eq!(new.len(), DOCS);
    assert_ne!(old, new);

    let seed = seed();
    println!("seed {seed}; a full sync takes {took:?}");
    let mut rng = Rng(seed);
    let (mut saw_old, mut saw_new) = (0, 0);
    let victim = work.path().join("victim");
    for round in 0..KILLS {
        copy(&template, &victim);
        kill_during(&["--data-dir", &dir_arg(&victim), "sync"], &toml, took, &mut rng);
        let now = docs(&victim);
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!("round {round} (seed {seed}): a mixture of {} documents", now.len());
        }
        // Every few rounds: the killed library syncs to the end afterwards (the lock was freed,
        // .part files are resumed or replaced).
        if round % 25 == 0 {
            assert!(peerlib(&["--data-dir", &dir_arg(&victim), "sync"], &env).status.success(), "round {round}: the next sync recovers");
            assert_eq!(docs(&victim), new);
        }
    }
    println!("{KILLS} kills: {saw_old} left the old seq, {saw_new} the new one");
    assert!(saw_old > 0 && saw_new > 0, "the kills landed both before and after the commit ({saw_old}/{saw_new})");
}

/// `peerlib export` and `peerlib import` killed at random moments (#20): an export leaves the
/// complete bundle or no file at its name (a stick pulled out must not leave one that looks
/// whole), and the next export succeeds; an import leaves the old seq or the new one.
#[test]
fn sigkill_during_an_export_or_an_import_leaves_no_half_bundle_and_no_half_library() {
    const N: usize = 400;
    let net = Network::new();
    for i in 0..N {
        net.write_doc(&format!("d{i:04}"), &format!("Document {i}"), &body(i, 1));
    }
    net.publish();
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    let work = tempfile::tempdir().unwrap();
    let old_lib = work.path().join("old");
    assert!(peerlib(&["--data-dir", &dir_arg(&old_lib), "sync"], &env).status.success());
    let old = docs(&old_lib);
    for i in 0..N {
        net.write_doc(&format!("d{i:04}"), &format!("Document {i}"), &body(i, 2));
    }
    net.publish();
    let new_lib = work.path().join("new");
    copy(&old_lib, &new_lib);
    assert!(peerlib(&["--data-dir", &dir_arg(&new_lib), "sync"], &env).status.success());
    let new = docs(&new_lib);
    assert_ne!(old, new);

    let out = work.path().join("stick");
    std::fs::create_dir_all(&out).unwrap();
    let bundle = out.join("library.peerlib");
    let t0 = Instant::now();
    assert!(peerlib(&["--data-dir", &dir_arg(&new_lib), "export", &dir_arg(&bundle)], &env).status.success());
    let export_took = t0.elapsed();
    let whole = std::fs::read(&bundle).unwrap();
    std::fs::remove_file(&bundle).unwrap();

    let seed = seed();
    println!("seed {seed}; an export takes {export_took:?}");
    let mut rng = Rng(seed);
    let (mut none, mut complete) = (0, 0);
    for round in 0..60 {
        kill_during(&["--data-dir", &dir_arg(&new_lib), "export", &dir_arg(&bundle)], &toml, export_took, &mut rng);
        match std::fs::read(&bundle) {
            Ok(bytes) => {
                assert_eq!(bytes.len(), whole.len(), "round {round} (seed {seed}): a bundle of another size is at the target's name");
                complete += 1;
                std::fs::remove_file(&bundle).unwrap();
            }
            Err(_) => none += 1,
        }
        // Whatever was cut short is named as such.
        for e in std::fs::read_dir(&out).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            assert!(name.starts_with(".peerlib-") && name.ends_with(".partial"), "round {round}: {name}");
        }
    }
    println!("60 killed exports: {none} left no bundle, {complete} the whole one");
    assert!(none > 0, "the kills landed before the rename");
    assert!(peerlib(&["--data-dir", &dir_arg(&new_lib), "export", &dir_arg(&bundle)], &env).status.success(), "the next export succeeds");

    let victim = work.path().join("victim");
    copy(&old_lib, &victim);
    let t0 = Instant::now();
    assert!(peerlib(&["--data-dir", &dir_arg(&victim), "import", &dir_arg(&bundle)], &env).status.success());
    let import_took = t0.elapsed();
    assert_eq!(docs(&victim), new);
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..60 {
        copy(&old_lib, &victim);
        kill_during(&["--data-dir", &dir_arg(&victim), "import", &dir_arg(&bundle)], &toml, import_took, &mut rng);
        let now = docs(&victim);
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!("import round {round} (seed {seed}): a mixture of {} documents", now.len());
        }
        if round % 20 == 0 {
            assert!(peerlib(&["--data-dir", &dir_arg(&victim), "import", &dir_arg(&bundle)], &env).status.success(), "round {round}: the import is run again to the end");
            assert_eq!(docs(&victim), new);
        }
    }
    println!("60 killed imports: {saw_old} left the old seq, {saw_new} the new one");
    assert!(saw_old > 0, "the kills landed before the commit");
}

/// `peerlib encrypt` and `peerlib passphrase` killed at random moments (#18): the personal data
/// always opens, in the state before (plain, or with the old passphrase) or after (encrypted,
/// or with the new one), with every note in it; never with neither.
#[test]
fn sigkill_during_encryption_or_a_change_of_passphrase_leaves_the_old_state_or_the_new_one() {
    use peerlib_store::crypt::{self, Keyring};
    use peerlib_store::paths::DataDir;
    use peerlib_store::UserStore;
    use std::io::Write;
    const NOTES: usize = 3000;
    const OLD: &str = "the old passphrase";
    const NEW: &str = "the new passphrase";
    let work = tempfile::tempdir().unwrap();
    // Enough notes (6 MB) that the rewrite itself takes a good share of each run.
    let plain = work.path().join("plain");
    let (user, _) = UserStore::open_in(&DataDir::new(&plain), 0).unwrap();
    for i in 0..NOTES {
        user.set_note(&format!("d{i}"), &format!("note {i} ").repeat(250), 1).unwrap();
    }
    drop(user);
    let encrypted = work.path().join("encrypted");
    copy(&plain, &encrypted);
    crypt::encrypt(&DataDir::new(&encrypted), OLD).unwrap();

    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_peerlib")).args(args).env_remove("PEERLIB_DATA_DIR").stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        child
    };
    let timed = |from: &Path, args: &[&str], input: &str| {
        let victim = work.path().join("timed");
        copy(from, &victim);
        let mut full = vec!["--data-dir", victim.to_str().unwrap()];
        full.extend_from_slice(args);
        let t0 = Instant::now();
        assert!(run(&full, input).wait().unwrap().success());
        t0.elapsed()
    };
    let encrypt_took = timed(&plain, &["encrypt"], &format!("{OLD}\n"));
    let change_took = timed(&encrypted, &["passphrase"], &format!("{OLD}\n{NEW}\n"));
    // Which state a folder is in: 0 plain, 1 the old passphrase, 2 the new one; with every note.
    let state = |dir: &Path| -> usize {
        let d = DataDir::new(dir);
        let opened = if !crypt::is_encrypted(&d) {
            Some((0, UserStore::open_in(&d, 0)))
        } else {
            [(1, OLD), (2, NEW)].into_iter().map(|(n, p)| (n, UserStore::open_in(&d.with_keyring(Keyring::new(&d, p)), 0))).find(|(_, r)| r.is_ok())
        };
        let (n, user) = opened.expect("the personal data opens with the old passphrase or the new one");
        let (user, _) = user.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(user.note(&format!("d{}", NOTES - 1)).unwrap().unwrap(), format!("note {} ", NOTES - 1).repeat(250));
        n
    };

    let seed = seed();
    println!("seed {seed}; encrypting takes {encrypt_took:?}, a new passphrase {change_took:?}");
    let mut rng = Rng(seed);
    let mut seen = [[0; 3]; 2];
    let victim = work.path().join("victim");
    for round in 0..40 {
        let (from, args, input, took, kind) = if round % 2 == 0 {
            (&plain, "encrypt", format!("{OLD}\n"), encrypt_took, 0)
        } else {
            (&encrypted, "passphrase", format!("{OLD}\n{NEW}\n"), change_took, 1)
        };
        copy(from, &victim);
        let mut child = run(&["--data-dir", victim.to_str().unwrap(), args], &input);
        let window = (took.as_micros() as u64 * 12 / 10).max(1000);
        std::thread::sleep(Duration::from_micros(rng.next() % window));
        let _ = child.kill();
        let _ = child.wait();
        let s = state(&victim);
        assert!(if kind == 0 { s <= 1 } else { s >= 1 }, "round {round} (seed {seed}): state {s} after {args}");
        seen[kind][s] += 1;
        // Whatever was cut short, the folder works with its passphrase, and an encryption cut
        // before its end can be run again to its end.
        if round % 8 == 1 {
            let pass = if s == 1 { OLD } else { NEW };
            let mut again = run(&["--data-dir", victim.to_str().unwrap(), "list"], &format!("{pass}\n"));
            assert!(again.wait().unwrap().success(), "round {round}: the folder works after the kill");
        }
        if round % 8 == 0 && s == 0 {
            let mut again = run(&["--data-dir", victim.to_str().unwrap(), "encrypt"], &format!("{OLD}\n"));
            assert!(again.wait().unwrap().success(), "round {round}: encrypting again after the kill");
            assert_eq!(state(&victim), 1, "round {round}: encrypted with every note");
        }
    }
    println!("killed encryptions: {} plain, {} encrypted; killed changes: {} old, {} new", seen[0][0], seen[0][1], seen[1][1], seen[1][2]);
    assert!(seen[0][0] > 0 && seen[1][1] > 0, "the kills landed before the rewrites ({seen:?})");
}

/// `peerlib encrypt --all`, `peerlib decrypt` and `peerlib passphrase` (which gives the library
/// a new key too) on a library of some size, killed at random moments (#18 item 1): the personal
/// data is always plain or on the passphrase, the library always opens with what the personal
/// data holds, never set aside, with every document, attachment and note, and an encrypted
/// library keeps no attachment plain once opened.
/// Each of the two is, on its own, as it was or as it is to be; a kill between them leaves the
/// personal data encrypted and the library plain (an `encrypt --all` cut short there is finished
/// at the next unlock; a `decrypt`, run again).
#[test]
fn sigkill_during_the_encryption_of_the_whole_library_or_its_decryption_loses_nothing() {
    use peerlib_store::crypt::{self, Keyring};
    use peerlib_store::paths::DataDir;
    use peerlib_store::{ContentStore, Kind, NewDocument, SourceUpdate, UserStore};
    use std::io::Write;
    const DOCS: u64 = 2000;
    const PASS: &str = "the passphrase";
    const NEW: &str = "another passphrase";
    let work = tempfile::tempdir().unwrap();
    // 2,000 documents of 6 KB: a library of about 25 MB, whose rewrite takes a good share of a run.
    let plain = work.path().join("plain");
    let dir = DataDir::new(&plain);
    let (user, _) = UserStore::open_in(&dir, 0).unwrap();
    user.set_note("d0", "the note", 1).unwrap();
    drop(user);
    let (mut store, _) = ContentStore::open_in(&dir).unwrap();
    let docs: Vec<NewDocument> = (0..DOCS)
        .map(|i| {
            let mut d = store_common::doc(&format!("d{i}"));
            d.kind = Kind::Report;
            d.title = format!("Report {i}");
            d.body_html = format!("<p>{}</p>", format!("paragraph {i} of the report ").repeat(200));
            d
        })
        .collect();
    store.apply_changes(&SourceUpdate { url: "https://example.org/feed.json".into(), title: "Feed".into(), seq: Some(1), ..Default::default() }, &docs, &[]).unwrap();
    store.compact().unwrap();
    drop(store);
    // 24 attachments of 400 KB, sealed and made plain one by one.
    let attachments: Vec<(String, Vec<u8>)> = (0..24).map(|i| format!("deck {i} slide ").repeat(30_000).into_bytes()).map(|b| (peerlib_feed::sha256_hex(&b), b)).collect();
    for (sha, bytes) in &attachments {
        dir.files().unwrap().put(sha, bytes).unwrap();
    }
    let encrypted = work.path().join("encrypted");
    copy(&plain, &encrypted);
    let e = DataDir::new(&encrypted);
    let ring = crypt::encrypt(&e, PASS).unwrap();
    crypt::encrypt_library(&e.with_keyring(ring), 1).unwrap();

    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_peerlib")).args(args).env_remove("PEERLIB_DATA_DIR").stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        child
    };
    let timed = |from: &Path, args: &[&str]| {
        let victim = work.path().join("timed");
        copy(from, &victim);
        let mut full = vec!["--data-dir", victim.to_str().unwrap()];
        full.extend_from_slice(args);
        let t0 = Instant::now();
        assert!(run(&full, &format!("{PASS}\n{NEW}\n")).wait().unwrap().success());
        t0.elapsed()
    };
    let encrypt_took = timed(&plain, &["encrypt", "--all"]);
    let decrypt_took = timed(&encrypted, &["decrypt"]);
    let change_took = timed(&encrypted, &["passphrase"]);
    // (personal encrypted, library encrypted) once opened, with every document and the note.
    let state = |dir: &Path| -> (bool, bool) {
        let d = DataDir::new(dir);
        let (d, user) = if crypt::is_encrypted(&d) {
            // The old passphrase or the new one (a change of passphrase killed).
            [PASS, NEW].into_iter().map(|p| d.with_keyring(Keyring::new(&d, p))).find_map(|u| UserStore::open_in(&u, 0).ok().map(|(user, _)| (u, user))).expect("the personal data opens with one of the passphrases")
        } else {
            let user = UserStore::open_in(&d, 0).unwrap_or_else(|e| panic!("the personal data opens: {e}")).0;
            (d, user)
        };
        assert_eq!(user.note("d0").unwrap().as_deref(), Some("the note"));
        let (store, moved) = ContentStore::open_in(&d).unwrap_or_else(|e| panic!("the library opens: {e}"));
        assert_eq!(moved, None, "the library is never set aside");
        assert_eq!(store.document_count().unwrap(), DOCS);
        let files = d.files().unwrap_or_else(|e| panic!("the attachments open: {e}"));
        for (sha, bytes) in &attachments {
            assert!(files.read(sha).unwrap_or_else(|e| panic!("attachment {sha}: {e}")) == *bytes, "attachment {sha} as it was");
        }
        let plain_left = std::fs::read_dir(d.attachments()).unwrap().flatten().any(|e| attachments.iter().any(|(sha, _)| e.file_name().to_string_lossy() == *sha));
        assert!(!(crypt::library_encrypted(&d) && plain_left), "an encrypted library keeps an attachment plain");
        (crypt::is_encrypted(&d), crypt::library_encrypted(&d))
    };

    let seed = seed();
    println!("seed {seed}; encrypting everything takes {encrypt_took:?}, decrypting {decrypt_took:?}, a new passphrase {change_took:?}");
    let mut rng = Rng(seed);
    let mut seen = BTreeMap::new();
    let victim = work.path().join("victim");
    for round in 0..30 {
        let (from, args, took) = match round % 3 {
            0 => (&plain, &["encrypt", "--all"][..], encrypt_took),
            1 => (&encrypted, &["decrypt"][..], decrypt_took),
            _ => (&encrypted, &["passphrase"][..], change_took),
        };
        copy(from, &victim);
        let mut full = vec!["--data-dir", victim.to_str().unwrap()];
        full.extend_from_slice(args);
        let mut child = run(&full, &format!("{PASS}\n{NEW}\n"));
        // Half the encryptions are killed in their first third (the personal data and the
        // library's rewrite): sealing the attachments, at the end, would otherwise take most of
        // the kills (each file flushed twice), and the states before it go untested.
        let window = (took.as_micros() as u64 * 12 / 10 / if round % 6 == 0 { 3 } else { 1 }).max(1000);
        std::thread::sleep(Duration::from_micros(rng.next() % window));
        let _ = child.kill();
        let _ = child.wait();
        let s = state(&victim);
        assert!(s.0 || !s.1, "round {round} (seed {seed}): a library encrypted beside plain personal data");
        *seen.entry((args[0], s)).or_insert(0) += 1;
        // Whatever was cut short can be run again to its end.
        if round % 6 < 2 {
            let _ = run(&full, &format!("{PASS}\n")).wait_with_output();
            let end = state(&victim);
            assert_eq!(end, if round % 3 == 0 { (true, true) } else { (false, false) }, "round {round} (seed {seed}): run again to its end");
        }
        if round % 3 == 2 {
            assert_eq!(s, (true, true), "round {round} (seed {seed}): a change of passphrase keeps everything encrypted");
        }
    }
    // The rounds' kills fall at random within a window drawn from `took`: if none of the ten
    // encryptions was cut before its end (the rounds ran faster than when `took` was measured),
    // a few more are cut early in their run, so that the states before the end are always among
    // those checked.
    let landed = |seen: &BTreeMap<(&str, (bool, bool)), i32>| seen.keys().any(|(c, s)| *c == "encrypt" && *s != (true, true));
    for extra in 0..10 {
        if landed(&seen) {
            break;
        }
        copy(&plain, &victim);
        let mut child = run(&["--data-dir", victim.to_str().unwrap(), "encrypt", "--all"], &format!("{PASS}\n{NEW}\n"));
        std::thread::sleep(Duration::from_micros(rng.next() % (encrypt_took.as_micros() as u64 / 10).max(1000)));
        let _ = child.kill();
        let _ = child.wait();
        let s = state(&victim);
        assert!(s.0 || !s.1, "extra round {extra} (seed {seed}): a library encrypted beside plain personal data");
        *seen.entry(("encrypt", s)).or_insert(0) += 1;
    }
    println!("states after the kills (command, (personal, library)): {seen:?}");
    assert!(landed(&seen), "the kills landed before an encryption's end ({seen:?})");
}
