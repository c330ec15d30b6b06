//! "Take my data with me" (#18 item 6) on real user.db files: sealed on one laptop, merged into
//! another, nothing lost, nothing in the clear; a wrong passphrase or a damaged file changes
//! nothing.

use peerlib_store::paths::DataDir;
use peerlib_store::personal::{PersonalError, NOTE_SEPARATOR};
use peerlib_store::sealed::SealError;
use peerlib_store::{Settings, UserStore};

const PASS: &str = "a long walk to the ministry";
const MARKERS: [&str; 3] = ["marker-note-3317", "marker-collection-8842", "socks5h://127.0.0.1:9999"];

fn user(dir: &std::path::Path) -> UserStore {
    UserStore::open_in(&DataDir::new(dir), 0).unwrap().0
}

fn files_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_file() {
            all.extend(std::fs::read(e.path()).unwrap());
        }
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn personal_data_moves_to_a_new_laptop_sealed_and_merges_without_losing_anything() {
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut ua = user(a.path());
    ua.set_note("d1", "marker-note-3317: bring the Russian deck", 10).unwrap();
    ua.set_note("d2", "second thoughts", 11).unwrap();
    ua.set_bookmark("d1", true, 12).unwrap();
    ua.set_read("d1", true, 13).unwrap();
    let c = ua.create_collection("marker-collection-8842", 14).unwrap();
    ua.add_to_collection(c, "d2").unwrap();
    ua.add_to_collection(c, "d1").unwrap();
    ua.set_settings(&Settings { proxy: Some("socks5h://127.0.0.1:9999".into()), sync_interval_minutes: 90, ..Default::default() }).unwrap();

    let file = out.path().join("me.peerlib-personal");
    std::fs::write(&file, ua.personal_sealed(PASS).unwrap()).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    for m in MARKERS {
        assert!(!contains(&bytes, m), "{m} is in the file in the clear");
    }

    // The new laptop already has a note of its own on d2, a collection of the same name with
    // another document, and its own interval.
    let mut ub = user(b.path());
    ub.set_note("d2", "my own view", 20).unwrap();
    let cb = ub.create_collection("marker-collection-8842", 21).unwrap();
    ub.add_to_collection(cb, "d9").unwrap();
    ub.set_settings(&Settings { sync_interval_minutes: 45, ..Default::default() }).unwrap();
    let before = files_bytes(b.path());

    // A wrong passphrase, a damaged file: refused, and user.db untouched.
    assert!(matches!(ub.import_personal_sealed("a long walk to the minister", &bytes, 30), Err(PersonalError::Sealed(SealError::WrongPassphrase))));
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    assert!(matches!(ub.import_personal_sealed(PASS, &damaged, 30), Err(PersonalError::Sealed(SealError::WrongPassphrase))));
    assert!(matches!(ub.import_personal_sealed(PASS, b"{\"format\": \"peer-library-personal/1\"}", 30), Err(PersonalError::Sealed(SealError::NotSealed))));
    assert_eq!(files_bytes(b.path()), before, "nothing written");

    let got = ub.import_personal_sealed(PASS, &bytes, 30).unwrap();
    assert_eq!((got.notes, got.notes_merged, got.bookmarks, got.read, got.collections, got.collection_items), (1, 1, 1, 1, 0, 2), "{got:?}");
    assert_eq!(ub.note("d1").unwrap().unwrap(), "marker-note-3317: bring the Russian deck");
    assert_eq!(ub.note("d2").unwrap().unwrap(), format!("my own view{NOTE_SEPARATOR}second thoughts"), "both notes kept");
    assert!(ub.is_bookmarked("d1").unwrap() && ub.is_read("d1").unwrap());
    let cols = ub.collections().unwrap();
    assert_eq!(cols.len(), 1, "merged into the collection of the same name");
    assert_eq!(cols[0].documents, ["d9", "d2", "d1"], "this laptop's first, then the imported ones in their order");
    let s = ub.settings().unwrap();
    assert_eq!(s.sync_interval_minutes, 45, "this laptop's own setting stays");
    assert_eq!(s.proxy.as_deref(), Some("socks5h://127.0.0.1:9999"), "a setting it had not set arrives");

    // A note carried back and forth is not multiplied, and a short note inside a longer one is
    // still kept.
    let mut uc = user(tempfile::tempdir().unwrap().keep().as_path());
    uc.set_note("d2", "second thoughts, longer", 1).unwrap();
    let back = ub.personal_sealed(PASS).unwrap();
    let got = uc.import_personal_sealed(PASS, &back, 40).unwrap();
    assert_eq!(got.notes_merged, 1);
    assert_eq!(uc.note("d2").unwrap().unwrap(), format!("second thoughts, longer{NOTE_SEPARATOR}my own view{NOTE_SEPARATOR}second thoughts"));
    let again = uc.import_personal_sealed(PASS, &back, 41).unwrap();
    assert_eq!(again.notes_merged, 0, "the round trip adds nothing the second time");

    // The same file again: nothing more.
    let again = ub.import_personal_sealed(PASS, &bytes, 31).unwrap();
    assert_eq!(again, Default::default(), "importing twice adds nothing");
    assert_eq!(ub.note("d2").unwrap().unwrap(), format!("my own view{NOTE_SEPARATOR}second thoughts"));
}

/// Every byte of every file under `dir`, folders included.
fn all_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            all.extend(all_bytes(&p));
        } else {
            all.extend(std::fs::read(&p).unwrap());
        }
    }
    all
}

#[test]
fn a_panic_erase_leaves_no_marker_in_any_file_and_the_store_opens_as_new() {
    use peerlib_store::erase::{erase, Erase};
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    // A user.db with markers, its backup (written on open when due), a copy set aside, a sync log
    // and content.db beside them.
    let u = user(tmp.path());
    u.set_note("d1", "marker-note-3317", 1).unwrap();
    u.create_collection("marker-collection-8842", 2).unwrap();
    assert!(u.backup_if_due(&dir, 10 * 86_400).unwrap(), "a backup is made");
    drop(u);
    std::fs::write(tmp.path().join("user.db.corrupt-0"), "marker-note-3317 in a damaged copy").unwrap();
    std::fs::write(tmp.path().join("sync-log.json"), "{\"marker-collection-8842\": 1}").unwrap();
    std::fs::write(tmp.path().join("content.db"), "the library").unwrap();
    assert!(contains(&all_bytes(tmp.path()), "marker-note-3317"));

    // user.db held open through the erase: read through this handle after, its bytes must be
    // zeros (the file was overwritten, not only unlinked).
    let mut held = std::fs::File::open(tmp.path().join("user.db")).unwrap();
    // A copy of an attachment opened in another program is a hard link to the library's file on
    // Unix (files.rs; elsewhere a copy): unlinked, while the library's file keeps its bytes.
    std::fs::create_dir_all(tmp.path().join("attachments/open")).unwrap();
    let library_file = tmp.path().join("attachments").join("a".repeat(64));
    std::fs::write(&library_file, "the publisher's bytes").unwrap();
    let opened = tmp.path().join("attachments/open/marker-collection-8842.pdf");
    if cfg!(unix) {
        std::fs::hard_link(&library_file, &opened).unwrap();
    } else {
        std::fs::copy(&library_file, &opened).unwrap();
    }

    let done = erase(&dir, Erase::Personal).unwrap();
    let mut after = Vec::new();
    std::io::Read::read_to_end(&mut held, &mut after).unwrap();
    assert!(!after.is_empty() && after.iter().all(|b| *b == 0), "user.db's bytes were overwritten with zeros");
    // Closed: without POSIX delete semantics (Wine's), a file's name stays while a handle is open.
    drop(held);
    assert!(!tmp.path().join("attachments/open").exists(), "opened copies are erased");
    assert_eq!(std::fs::read(&library_file).unwrap(), b"the publisher's bytes", "the library's attachment is untouched");
    assert!(done.files >= 4, "{done:?}");
    let left = all_bytes(tmp.path());
    for m in ["marker-note-3317", "marker-collection-8842"] {
        assert!(!contains(&left, m), "{m} is still in a file");
    }
    assert_eq!(std::fs::read(tmp.path().join("content.db")).unwrap(), b"the library", "the library stays with --personal");
    let fresh = user(tmp.path());
    assert!(fresh.collections().unwrap().is_empty() && fresh.note("d1").unwrap().is_none(), "user.db starts as new");
    drop(fresh);

    erase(&dir, Erase::All).unwrap();
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing is left in the data folder");
}

#[test]
fn a_file_the_user_chose_that_is_huge_or_not_sealed_is_refused_unread() {
    use peerlib_store::personal::read_file;
    let tmp = tempfile::tempdir().unwrap();
    // 65 MiB, sparse: read whole it would take that much memory before any check.
    let huge = tmp.path().join("huge.peerlib-personal");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(65 << 20).unwrap();
    assert!(matches!(read_file(&huge), Err(PersonalError::Format)));
    let plain = tmp.path().join("notes.json");
    std::fs::write(&plain, b"{\"format\": \"peer-library-personal/1\"}").unwrap();
    assert!(matches!(read_file(&plain), Err(PersonalError::Format)));
    assert!(matches!(read_file(&tmp.path().join("absent")), Err(PersonalError::Format)));
    let u = user(tmp.path());
    let sealed = tmp.path().join("me.peerlib-personal");
    std::fs::write(&sealed, u.personal_sealed(PASS).unwrap()).unwrap();
    assert!(read_file(&sealed).is_ok());
}
