//! user.db encrypted at rest (crypt.rs): nothing personal readable in any file of the data
//! folder, a wrong passphrase refused with nothing changed, and every rewrite (encrypt, decrypt,
//! a new passphrase) leaving each file openable.

use peerlib_store::crypt::{self, Keyring};
use peerlib_store::paths::DataDir;
use peerlib_store::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DAY: i64 = 24 * 3600;
const MARKERS: [&str; 3] = ["markernote4417", "markercollection8123", "markersetting3391"];

/// A data folder with a note, a collection and a setting holding marker words, and two backups.
fn folder_with_markers() -> (tempfile::TempDir, DataDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    let (u, _) = UserStore::open_in(&dir, 1_000).unwrap();
    u.set_note("doc-1", &format!("met {} at the ministry", MARKERS[0]), 1_000).unwrap();
    u.create_collection(MARKERS[1], 1_000).unwrap();
    u.set_setting("proxy-note", MARKERS[2]).unwrap();
    drop(u);
    drop(UserStore::open_in(&dir, 1_000 + DAY + 1).unwrap());
    assert!(dir.user_backup(2).exists(), "two backups to encrypt as well");
    (tmp, dir)
}

/// Every file under `root`, with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn assert_no_marker(root: &Path) {
    for (path, bytes) in files(root) {
        for m in MARKERS {
            assert!(!bytes.windows(m.len()).any(|w| w == m.as_bytes()), "{m} readable in {}", path.display());
        }
    }
}

fn assert_data_there(dir: &DataDir) {
    let (u, _) = UserStore::open_in(dir, 1_000 + DAY + 2).unwrap();
    assert!(u.note("doc-1").unwrap().unwrap().contains(MARKERS[0]));
    assert_eq!(u.collections().unwrap()[0].name, MARKERS[1]);
    assert_eq!(u.setting("proxy-note").unwrap().as_deref(), Some(MARKERS[2]));
}

#[test]
fn encrypted_personal_data_holds_no_marker_in_any_file_and_opens_only_with_its_passphrase() {
    let (tmp, dir) = folder_with_markers();
    // The markers are there to be found before: the test can see them.
    assert!(std::panic::catch_unwind(|| assert_no_marker(tmp.path())).is_err());
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    assert!(crypt::is_encrypted(&dir));
    assert_no_marker(tmp.path());

    // Open, written to (the WAL and a new backup), still nothing in the clear.
    let unlocked = dir.with_keyring(ring);
    {
        let (u, _) = UserStore::open_in(&unlocked, 1_000 + 3 * DAY).unwrap();
        assert!(u.is_encrypted());
        u.set_note("doc-2", &format!("second {}", MARKERS[0]), 2_000).unwrap();
        assert!(tmp.path().join("user.db-wal").exists(), "the WAL is checked too");
        assert_no_marker(tmp.path());
    }
    assert_no_marker(tmp.path());
    assert_data_there(&unlocked);

    // No passphrase: locked; a wrong one: refused; in both cases no file changed.
    let before = files(tmp.path());
    assert!(matches!(UserStore::open_in(&dir, 1_000 + 4 * DAY), Err(StoreError::Locked)));
    let wrong = dir.with_keyring(Keyring::new(&dir, "correct horse batterz"));
    assert!(matches!(UserStore::open_in(&wrong, 1_000 + 4 * DAY), Err(StoreError::WrongPassphrase)));
    assert_eq!(files(tmp.path()), before, "a wrong passphrase changed nothing");
    assert_eq!(StoreError::Locked.code(), ErrorCode::Locked);
}

#[test]
fn a_new_passphrase_opens_everything_and_the_old_one_nothing() {
    let (tmp, dir) = folder_with_markers();
    let old = crypt::encrypt(&dir, "first passphrase").unwrap();
    assert!(matches!(crypt::change_passphrase(&dir, &Keyring::new(&dir, "not the first one"), "second passphrase"), Err(StoreError::WrongPassphrase)));
    assert!(matches!(crypt::change_passphrase(&dir, &old, "short"), Err(StoreError::ShortPassphrase)));
    crypt::change_passphrase(&dir, &old, "second passphrase").unwrap();
    assert_no_marker(tmp.path());
    let old_dir = dir.with_keyring(Keyring::new(&dir, "first passphrase"));
    assert!(matches!(UserStore::open_in(&old_dir, 1_000 + 2 * DAY), Err(StoreError::WrongPassphrase)));
    let new_dir = dir.with_keyring(Keyring::new(&dir, "second passphrase"));
    assert_data_there(&new_dir);
    // Every backup opens with the new one: user.db damaged (its pages after the salt, which
    // SQLCipher writes once), the newest backup comes back.
    let mut bytes = std::fs::read(dir.user_db()).unwrap();
    bytes[16..].fill(0x5a);
    std::fs::write(dir.user_db(), &bytes).unwrap();
    let (u, report) = UserStore::open_in(&new_dir, 1_000 + 2 * DAY).unwrap();
    assert_eq!(report.restored_from.as_deref(), Some(dir.user_backup(1).as_path()));
    assert_eq!(u.collections().unwrap()[0].name, MARKERS[1]);
}

#[test]
fn a_damaged_encrypted_file_with_no_backup_to_tell_is_refused_and_left_as_it_is() {
    let (tmp, dir) = folder_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    for n in 1..=3 {
        let _ = std::fs::remove_file(dir.user_backup(n));
    }
    let mut bytes = std::fs::read(dir.user_db()).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(dir.user_db(), &bytes).unwrap();
    // No backup to tell a damaged file from a wrong passphrase: refused, nothing moved.
    let before = files(tmp.path());
    assert!(matches!(UserStore::open_in(&dir.with_keyring(ring), 0), Err(StoreError::WrongPassphrase)));
    assert_eq!(files(tmp.path()), before);
}

#[test]
fn decrypting_gives_back_plain_files_with_everything_in_them() {
    let (_tmp, dir) = folder_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    assert!(matches!(crypt::encrypt(&dir, "another passphrase"), Err(StoreError::AlreadyEncrypted)));
    assert!(matches!(crypt::decrypt(&dir, &Keyring::new(&dir, "wrong wrong wrong")), Err(StoreError::WrongPassphrase)));
    assert!(crypt::is_encrypted(&dir));
    crypt::decrypt(&dir, &ring).unwrap();
    assert!(!crypt::is_encrypted(&dir));
    assert!(!dir.root().join("user.encryption").exists());
    assert_data_there(&dir);
    for n in 1..=2 {
        let head = std::fs::read(dir.user_backup(n)).unwrap();
        assert!(head.starts_with(b"SQLite format 3\0"), "backup {n} plain again");
    }
    assert!(matches!(crypt::decrypt(&dir, &ring), Err(StoreError::NotEncrypted)));
}

#[test]
fn without_the_marker_an_unreadable_file_is_still_treated_as_damaged() {
    // The old behaviour stays for plain folders: the marker, not the bytes, says "encrypted".
    let (_tmp, dir) = folder_with_markers();
    std::fs::write(dir.user_db(), vec![0x5a; 8192]).unwrap();
    let (u, report) = UserStore::open_in(&dir, 1_000 + 2 * DAY).unwrap();
    assert!(report.moved_aside.is_some());
    assert_eq!(u.collections().unwrap()[0].name, MARKERS[1]);
}

#[test]
fn after_a_change_of_passphrase_cut_short_the_old_one_restores_nothing_and_the_new_one_tidies() {
    // user.db already on the new passphrase, the backups still on the old one: what a change
    // killed between user.db and its backups leaves.
    let (tmp, dir) = folder_with_markers();
    let old = crypt::encrypt(&dir, "first passphrase").unwrap();
    let old_backups: Vec<Vec<u8>> = (1..=2).map(|n| std::fs::read(dir.user_backup(n)).unwrap()).collect();
    crypt::change_passphrase(&dir, &old, "second passphrase").unwrap();
    for (n, bytes) in old_backups.iter().enumerate() {
        std::fs::write(dir.user_backup(n + 1), bytes).unwrap();
    }
    // The old passphrase opens those backups, but they are not user.db's: refused, nothing moved.
    let before = files(tmp.path());
    let old_dir = dir.with_keyring(Keyring::new(&dir, "first passphrase"));
    assert!(matches!(UserStore::open_in(&old_dir, 1_000 + DAY / 2), Err(StoreError::WrongPassphrase)));
    assert_eq!(files(tmp.path()), before, "no backup restored over the newer user.db");
    // The new one opens user.db with everything, and the backups only the old one opens go.
    let new_dir = dir.with_keyring(Keyring::new(&dir, "second passphrase"));
    let (u, report) = UserStore::open_in(&new_dir, 1_000 + DAY / 2).unwrap();
    assert_eq!(report.restored_from, None);
    assert_eq!(u.collections().unwrap()[0].name, MARKERS[1]);
    // The two backups on the old passphrase are erased; the one made now is on the new one.
    assert!(!dir.user_backup(2).exists(), "backups left on the old passphrase are erased");
    assert_ne!(std::fs::read(dir.user_backup(1)).unwrap(), old_backups[0]);
    assert_eq!(std::fs::read(dir.user_backup(1)).unwrap()[..16], std::fs::read(dir.user_db()).unwrap()[..16], "made with user.db's salt");
}

#[test]
fn an_encrypted_user_db_gone_is_restored_from_its_backup_only_with_the_passphrase() {
    let (tmp, dir) = folder_with_markers();
    crypt::encrypt(&dir, "correct horse battery").unwrap();
    std::fs::write(dir.user_db(), b"").unwrap(); // left empty, as by a crash mid-copy
    let before = files(tmp.path());
    assert!(matches!(UserStore::open_in(&dir, 1_000 + DAY / 2), Err(StoreError::Locked)), "no plain, empty user.db made in its place");
    let wrong = dir.with_keyring(Keyring::new(&dir, "not the passphrase"));
    assert!(matches!(UserStore::open_in(&wrong, 1_000 + DAY / 2), Err(StoreError::WrongPassphrase)));
    assert_eq!(files(tmp.path()), before);
    let right = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    let (u, report) = UserStore::open_in(&right, 1_000 + DAY / 2).unwrap();
    assert!(report.restored_from.is_some());
    assert!(u.is_encrypted());
    assert_eq!(u.collections().unwrap()[0].name, MARKERS[1]);
}

#[test]
fn encrypting_erases_the_plain_copies_set_aside_before() {
    let (tmp, dir) = folder_with_markers();
    // A damaged user.db moved aside earlier (it held the markers), and a half-written backup.
    std::fs::copy(dir.user_db(), tmp.path().join("user.db.corrupt-0")).unwrap();
    std::fs::copy(dir.user_db(), dir.backups().join("user-new.db.part")).unwrap();
    crypt::encrypt(&dir, "correct horse battery").unwrap();
    assert!(!tmp.path().join("user.db.corrupt-0").exists() && !dir.backups().join("user-new.db.part").exists());
    assert_no_marker(tmp.path());
}

/// A process killed between writing the marker or the count of wrong passphrases and renaming
/// it leaves `user.<file>.<pid>.part`: gone at the next open once stale and its process gone
/// (until 2026-12-07 it stayed until a panic erase). A recent one, or one of a process still
/// running (a clock set forward makes it look old), may be about to be renamed; files of other
/// names are not ours: all kept. A locked open changes no file.
#[test]
fn temporary_files_a_killed_process_left_beside_the_personal_data_go_once_stale() {
    let (tmp, dir) = folder_with_markers();
    crypt::encrypt(&dir, "correct horse battery").unwrap();
    // A process that has ended. (Elsewhere than on Unix no process is asked after, and every
    // stale one goes: there the running process's own file is not among those kept.)
    let dead = if cfg!(unix) {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let id = child.id();
        child.wait().unwrap();
        id
    } else {
        4_000_000
    };
    let stale = [format!("user.encryption.{dead}.part"), format!("user.wrong-passphrases.{dead}.part")];
    let recent = format!("user.encryption.{}.part", dead + 1);
    let mut kept = vec![recent.clone(), "user.encryption.part".into(), format!("user.db.{dead}.part"), format!("notes.{dead}.part"), "user.wrong-passphrases.x1.part".into()];
    if cfg!(unix) {
        kept.push(format!("user.wrong-passphrases.{}.part", std::process::id()));
    }
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in stale.iter().chain(&kept) {
        std::fs::write(tmp.path().join(name), b"3 1765000000\n").unwrap();
        if *name != recent {
            std::fs::File::options().write(true).open(tmp.path().join(name)).unwrap().set_modified(then).unwrap();
        }
    }
    assert!(matches!(UserStore::open_in(&dir, 1_000 + DAY / 2), Err(StoreError::Locked)));
    assert!(stale.iter().all(|name| tmp.path().join(name).exists()), "a locked open removed a file");
    let (_user, _) = UserStore::open_in(&dir.with_keyring(Keyring::new(&dir, "correct horse battery")), 1_000 + DAY / 2).unwrap();
    for name in &stale {
        assert!(!tmp.path().join(name).exists(), "{name} left");
    }
    for name in &kept {
        assert!(tmp.path().join(name).exists(), "{name} removed");
    }
}

#[test]
fn a_hostile_marker_costs_no_work_and_changes_nothing() {
    // `user.encryption` is a file anyone with the folder can rewrite: one asking Argon2id for
    // 4 GiB, or one too large to be ours, is not followed; the passphrase then opens nothing.
    let (tmp, dir) = folder_with_markers();
    crypt::encrypt(&dir, "correct horse battery").unwrap();
    let marker = tmp.path().join("user.encryption");
    for hostile in [
        r#"{"version":1,"kdf":"argon2id","m_cost":4194304,"t_cost":3,"lanes":4}"#.to_string(),
        format!("{{\"version\":1,\"kdf\":\"argon2id\",\"m_cost\":65536,\"t_cost\":3,\"lanes\":4,\"pad\":\"{}\"}}", "x".repeat(1 << 20)),
    ] {
        std::fs::write(&marker, &hostile).unwrap();
        let before = files(tmp.path());
        let d = dir.with_keyring(Keyring::new(&dir, "not the passphrase"));
        assert!(matches!(UserStore::open_in(&d, 1_000 + DAY / 2), Err(StoreError::WrongPassphrase)));
        assert_eq!(files(tmp.path()), before, "nothing changed");
    }
}

// ---- The whole library encrypted (content.db, `encrypt_library`) ----

const LIBRARY_MARKERS: [&str; 4] = ["markertitle5521", "markerbody6604", "markerfeed7730", "markerdeck2207"];

/// An attachment whose bytes hold a marker, 200 KB (a few sealed chunks).
fn marked_deck() -> (String, Vec<u8>) {
    let bytes = format!("%PDF-1.4 {} briefing ", LIBRARY_MARKERS[3]).repeat(7_000).into_bytes();
    (sha256_hex(&bytes), bytes)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn marked_document(id: &str) -> NewDocument {
    let mut d = crate::common::doc(id);
    d.title = format!("Consultation {}", LIBRARY_MARKERS[0]);
    d.body_html = format!("<p>The {} paragraph.</p>", LIBRARY_MARKERS[1]);
    d
}

fn marked_source(seq: i64) -> SourceUpdate {
    SourceUpdate { url: format!("https://{}.example/feed.json", LIBRARY_MARKERS[2]), title: "A feed".into(), seq: Some(seq), ..Default::default() }
}

/// `folder_with_markers` plus a library whose title, body and followed feed are markers.
fn library_with_markers() -> (tempfile::TempDir, DataDir) {
    let (tmp, dir) = folder_with_markers();
    let (mut s, _) = ContentStore::open_in(&dir).unwrap();
    s.apply_changes(&marked_source(1), &[marked_document("doc-1")], &[]).unwrap();
    drop(s);
    let (sha, bytes) = marked_deck();
    dir.files().unwrap().put(&sha, &bytes).unwrap();
    (tmp, dir)
}

fn assert_no_library_marker(root: &Path) {
    for (path, bytes) in files(root) {
        for m in MARKERS.iter().chain(LIBRARY_MARKERS.iter()) {
            assert!(!bytes.windows(m.len()).any(|w| w == m.as_bytes()), "{m} readable in {}", path.display());
        }
    }
}

fn found(store: &ContentStore, word: &str) -> Vec<String> {
    let q = SearchQuery { text: word.into(), limit: 10, ..Default::default() };
    store.search(&q, &UserMarks::default()).unwrap().hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn the_whole_library_encrypted_holds_no_marker_in_any_file_and_opens_only_unlocked() {
    let (tmp, dir) = library_with_markers();
    assert!(std::panic::catch_unwind(|| assert_no_library_marker(tmp.path())).is_err(), "the library's markers are there to be found before");
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    assert!(!crypt::library_encrypted(&dir), "the personal data alone");
    crypt::encrypt_library(&dir.with_keyring(ring), 2_000).unwrap();
    assert!(crypt::library_encrypted(&dir));
    assert_no_library_marker(tmp.path());

    // Without the passphrase the library does not open, and nothing is moved or changed.
    let before = files(tmp.path());
    assert!(matches!(ContentStore::open_in(&dir), Err(StoreError::Locked)));
    let wrong = dir.with_keyring(Keyring::new(&dir, "wrong wrong wrong"));
    assert!(matches!(UserStore::open_in(&wrong, 2_000), Err(StoreError::WrongPassphrase)));
    assert_eq!(files(tmp.path()), before);

    // With it (a new keyring, as at the next start): the library reads, searches and takes
    // writes, and still nothing is in the clear, the WAL included.
    let unlocked = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&unlocked, 2_000).unwrap();
    let (mut s, moved) = ContentStore::open_in(&unlocked).unwrap();
    assert_eq!(moved, None);
    assert!(s.document("doc-1").unwrap().title.contains(LIBRARY_MARKERS[0]));
    assert_eq!(found(&s, LIBRARY_MARKERS[1]), ["doc-1"]);
    s.apply_changes(&marked_source(2), &[marked_document("doc-2")], &[]).unwrap();
    assert!(tmp.path().join("content.db-wal").exists(), "the WAL is checked too");
    assert_no_library_marker(tmp.path());
    drop(s);
    assert_no_library_marker(tmp.path());
}

#[test]
fn a_new_passphrase_gives_the_library_a_new_key_that_an_old_copy_of_user_db_does_not_hold() {
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring.clone()), 2_000).unwrap();
    // An old copy of user.db, holding the library's key as it was (the backup made with it).
    let old_copy = std::fs::read(dir.user_backup(1)).unwrap();
    let library = std::fs::read(dir.content_db()).unwrap();
    crypt::change_passphrase(&dir, &ring, "a brand new passphrase").unwrap();
    assert_ne!(std::fs::read(dir.content_db()).unwrap(), library, "the library written anew with its new key");
    assert_no_library_marker(tmp.path());
    let old = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    assert!(matches!(UserStore::open_in(&old, 2_000), Err(StoreError::WrongPassphrase)));
    let new = dir.with_keyring(Keyring::new(&dir, "a brand new passphrase"));
    UserStore::open_in(&new, 2_000).unwrap();
    let (s, moved) = ContentStore::open_in(&new).unwrap();
    assert_eq!((moved, s.document_count().unwrap()), (None, 1));
    drop(s);
    let (sha, bytes) = marked_deck();
    assert_eq!(new.files().unwrap().read(&sha).unwrap(), bytes, "the attachments keep their key through a new passphrase");
    // A user.db beside the library as it is now: the newest backup with the new passphrase opens
    // it; the old copy with the old passphrase opens nothing of it.
    let beside = |user: &[u8], pass: &str| -> (Option<std::path::PathBuf>, u64) {
        let other = tempfile::tempdir().unwrap();
        std::fs::copy(dir.root().join("user.encryption"), other.path().join("user.encryption")).unwrap();
        std::fs::write(other.path().join("user.db"), user).unwrap();
        std::fs::copy(dir.content_db(), other.path().join("content.db")).unwrap();
        let o = DataDir::new(other.path());
        let o = o.with_keyring(Keyring::new(&o, pass));
        UserStore::open_in(&o, 2_000).unwrap();
        let (s, moved) = ContentStore::open_in(&o).unwrap();
        (moved, s.document_count().unwrap())
    };
    assert_eq!(beside(&std::fs::read(dir.user_backup(1)).unwrap(), "a brand new passphrase"), (None, 1));
    let (moved, count) = beside(&old_copy, "correct horse battery");
    assert!(moved.is_some() && count == 0, "the old key opens the library as it is now");
}

#[test]
fn decrypting_gives_back_a_plain_library_and_no_plain_file_keeps_its_key() {
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring.clone()), 2_000).unwrap();
    // A backup taken while the library is encrypted holds its key.
    drop(UserStore::open_in(&dir.with_keyring(ring.clone()), 1_000 + 5 * DAY).unwrap());
    crypt::decrypt(&dir, &Keyring::new(&dir, "correct horse battery")).unwrap();
    assert!(!crypt::library_encrypted(&dir));
    assert!(std::fs::read(dir.content_db()).unwrap().starts_with(b"SQLite format 3\0"));
    let page: i64 = rusqlite::Connection::open(dir.content_db()).unwrap().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    assert_eq!(page, 8192, "the library's page size kept through both rewrites");
    let (s, moved) = ContentStore::open_in(&dir).unwrap();
    assert_eq!(moved, None);
    assert_eq!(found(&s, LIBRARY_MARKERS[1]), ["doc-1"]);
    drop(s);
    let (sha, bytes) = marked_deck();
    assert_eq!(std::fs::read(dir.attachments().join(&sha)).unwrap(), bytes, "the attachment plain again, under its own name");
    assert!(!dir.attachments().join("sealed").exists());
    for file in [dir.user_db(), dir.user_backup(1), dir.user_backup(2)] {
        let c = rusqlite::Connection::open(&file).unwrap();
        let n: i64 = c.query_row("SELECT count(*) FROM meta WHERE key IN ('library_key', 'files_key')", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "no library key left in {}", file.display());
    }
    let _ = tmp;
}

#[test]
fn an_encryption_of_the_library_cut_short_is_finished_at_the_next_unlock() {
    // The key kept in user.db, content.db not yet replaced: what a kill between the two leaves.
    let (tmp, dir) = library_with_markers();
    let plain = std::fs::read(dir.content_db()).unwrap();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring), 2_000).unwrap();
    std::fs::write(dir.content_db(), &plain).unwrap();
    // Locked, the plain library is not touched.
    assert!(ContentStore::open_in(&dir).is_ok());
    assert!(!crypt::library_encrypted(&dir));
    let unlocked = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&unlocked, 2_000).unwrap();
    let (s, moved) = ContentStore::open_in(&unlocked).unwrap();
    assert_eq!(moved, None);
    assert!(crypt::library_encrypted(&dir));
    assert_eq!(found(&s, LIBRARY_MARKERS[1]), ["doc-1"]);
    drop(s);
    assert_no_library_marker(tmp.path());
}

#[test]
fn a_library_whose_key_is_gone_is_set_aside_unread_and_a_new_one_begins() {
    // user.db put back from before the library was encrypted: it holds no key for it.
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    let without_key = std::fs::read(dir.user_db()).unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring), 2_000).unwrap();
    let _ = std::fs::remove_file(tmp.path().join("user.db-wal"));
    let _ = std::fs::remove_file(tmp.path().join("user.db-shm"));
    std::fs::write(dir.user_db(), &without_key).unwrap();
    let unlocked = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&unlocked, 2_000).unwrap();
    let (s, moved) = ContentStore::open_in(&unlocked).unwrap();
    assert!(moved.is_some(), "set aside, never deleted");
    assert_eq!(s.document_count().unwrap(), 0);
    drop(s);
    assert_no_library_marker(tmp.path());
}

#[test]
fn a_personal_erase_takes_an_encrypted_library_with_its_key() {
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring), 2_000).unwrap();
    std::fs::create_dir_all(dir.attachments()).unwrap();
    std::fs::write(dir.attachments().join("a".repeat(64)), format!("deck {}", LIBRARY_MARKERS[1])).unwrap();
    peerlib_store::erase::erase(&dir, peerlib_store::erase::Erase::Personal).unwrap();
    assert!(!dir.content_db().exists());
    assert!(files(tmp.path()).is_empty(), "nothing left: {:?}", files(tmp.path()).keys().collect::<Vec<_>>());
    let (u, _) = UserStore::open_in(&dir, 3_000).unwrap();
    assert!(!u.is_encrypted());
    assert_eq!(ContentStore::open_in(&dir).unwrap().0.document_count().unwrap(), 0);
}

#[test]
fn the_plain_library_replaced_is_overwritten_and_a_backup_holds_the_key_at_once() {
    let (tmp, dir) = library_with_markers();
    // A handle held across the encryption reads the old plain file's blocks as they end up. On
    // Unix only: Windows replaces a file another handle holds only with POSIX rename semantics
    // (Windows 10 1607 and later; Wine, where `make test-windows` runs this, has none). Everywhere,
    // the old file is gone from the folder, and no file in it holds a marker.
    #[cfg(unix)]
    let mut held = std::fs::File::open(dir.content_db()).unwrap();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring), 1_000 + DAY / 2).unwrap();
    #[cfg(unix)]
    {
        let mut old = vec![];
        std::io::Read::read_to_end(&mut held, &mut old).unwrap();
        assert!(!old.is_empty() && old.iter().all(|b| *b == 0), "the plain library replaced is all zeros");
    }
    assert!(!tmp.path().join("content.db.old").exists());
    assert_no_library_marker(tmp.path());
    // user.db lost: the newest backup, made as the key was kept, opens the library.
    for side in ["user.db", "user.db-wal", "user.db-shm"] {
        let _ = std::fs::remove_file(tmp.path().join(side));
    }
    std::fs::copy(dir.user_backup(1), dir.user_db()).unwrap();
    let unlocked = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&unlocked, 1_000 + DAY / 2).unwrap();
    let (s, moved) = ContentStore::open_in(&unlocked).unwrap();
    assert_eq!((moved, s.document_count().unwrap()), (None, 1));
}

#[test]
fn an_encryption_that_cannot_be_written_leaves_the_library_plain_and_open() {
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    let unlocked = dir.with_keyring(ring);
    // The new copy cannot be written (as on a full disk): a folder stands where it would go.
    std::fs::create_dir(tmp.path().join("content.db.rewrite")).unwrap();
    assert!(crypt::encrypt_library(&unlocked, 2_000).is_err());
    assert!(!crypt::library_encrypted(&dir));
    let (s, moved) = ContentStore::open_in(&unlocked).unwrap();
    assert_eq!((moved, s.document_count().unwrap()), (None, 1), "plain, whole, and no key kept for it");
    drop(s);
    // The key kept and the copy not yet in place (a kill), and still no room: it opens plain.
    std::fs::remove_dir(tmp.path().join("content.db.rewrite")).unwrap();
    let plain = std::fs::read(dir.content_db()).unwrap();
    crypt::encrypt_library(&unlocked, 2_000).unwrap();
    std::fs::write(dir.content_db(), &plain).unwrap();
    std::fs::create_dir(tmp.path().join("content.db.rewrite")).unwrap();
    let again = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&again, 2_000).unwrap();
    let (s, moved) = ContentStore::open_in(&again).unwrap();
    assert_eq!((moved, s.document_count().unwrap()), (None, 1));
    drop(s);
    // Room again: the next open finishes it.
    std::fs::remove_dir(tmp.path().join("content.db.rewrite")).unwrap();
    ContentStore::open_in(&again).unwrap();
    assert!(crypt::library_encrypted(&dir));
}

#[test]
fn attachments_are_sealed_with_the_library_read_only_unlocked_and_plain_again_with_it() {
    let (tmp, dir) = library_with_markers();
    let (sha, bytes) = marked_deck();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    let unlocked = dir.with_keyring(ring);
    crypt::encrypt_library(&unlocked, 2_000).unwrap();
    assert_no_library_marker(tmp.path());
    assert!(!dir.attachments().join(&sha).exists(), "no file under its public hash");
    assert_eq!(unlocked.files().unwrap().read(&sha).unwrap(), bytes);
    // Locked: no key, no bytes, and no file written plain by mistake.
    assert!(matches!(dir.files(), Err(StoreError::Locked)));
    // A file kept while encrypted (a sync's download, an image) is sealed as it is written.
    let image = b"\x89PNG markerdeck2207 image".to_vec();
    let image_sha = sha256_hex(&image);
    unlocked.files().unwrap().put(&image_sha, &image).unwrap();
    assert_no_library_marker(tmp.path());
    assert!(unlocked.files().unwrap().holds(&image_sha, image.len() as u64));
    // Made plain with the library, each under its own name again.
    crypt::decrypt_library(&unlocked, 3_000).unwrap();
    assert!(!crypt::library_encrypted(&dir));
    assert_eq!(std::fs::read(dir.attachments().join(&sha)).unwrap(), bytes);
    assert_eq!(std::fs::read(dir.attachments().join(&image_sha)).unwrap(), image);
    assert!(!unlocked.files().unwrap().is_sealed());
}

#[test]
fn a_library_encrypted_before_its_attachments_were_seals_them_at_its_next_open() {
    let (tmp, dir) = library_with_markers();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring.clone()), 2_000).unwrap();
    // As content schema 7 left it (commit 3f9cbad): the library's key, no attachments' key, the
    // attachments plain.
    let (sha, bytes) = marked_deck();
    let unlocked = dir.with_keyring(ring);
    unlocked.files().unwrap().unseal_all().unwrap();
    crypt::set_key_row(&unlocked, "files_key", None).unwrap();
    let again = dir.with_keyring(crypt::Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&again, 2_000).unwrap();
    assert_eq!(std::fs::read(dir.attachments().join(&sha)).unwrap(), bytes, "plain before");
    let (s, moved) = ContentStore::open_in(&again).unwrap();
    assert_eq!((moved, s.document_count().unwrap()), (None, 1));
    assert_no_library_marker(tmp.path());
    assert_eq!(again.files().unwrap().read(&sha).unwrap(), bytes);
    drop(s);
    // The key it was given is kept: the next start reads the same files.
    let next = dir.with_keyring(crypt::Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&next, 2_000).unwrap();
    assert_eq!(next.files().unwrap().read(&sha).unwrap(), bytes);
}

#[test]
fn key_rows_that_are_not_keys_open_nothing_and_crash_nothing() {
    let (_tmp, dir) = library_with_markers();
    let (sha, bytes) = marked_deck();
    let ring = crypt::encrypt(&dir, "correct horse battery").unwrap();
    crypt::encrypt_library(&dir.with_keyring(ring.clone()), 2_000).unwrap();
    let unlocked = dir.with_keyring(ring);
    // The attachments' key cut to 5 bytes: the sealed files cannot be read and go (a sync fetches
    // them again); a new key is given and new files are sealed with it.
    crypt::set_key_row(&unlocked, "files_key", Some(b"short")).unwrap();
    let again = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&again, 2_000).unwrap();
    let files = again.files().unwrap();
    assert!(files.is_sealed() && !files.holds(&sha, bytes.len() as u64), "the old sealed file is not taken as held");
    files.put(&sha, &bytes).unwrap();
    assert!(matches!(dir.with_keyring(Keyring::new(&dir, "correct horse battery")).files(), Err(StoreError::Locked)), "a keyring that has not opened user.db reads nothing");
    // The library's key as text: content.db is set aside unread, and a new library begins.
    crypt::set_key_row(&again, "library_key", Some("not a key at all, but text of 32 b".as_bytes())).unwrap();
    let third = dir.with_keyring(Keyring::new(&dir, "correct horse battery"));
    UserStore::open_in(&third, 2_000).unwrap();
    let (s, moved) = ContentStore::open_in(&third).unwrap();
    assert!(moved.is_some(), "set aside, never read with a key that is not one");
    assert_eq!(s.document_count().unwrap(), 0);
}
