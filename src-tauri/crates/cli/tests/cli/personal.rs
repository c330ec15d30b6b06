//! `peerlib personal export` and `import` as real processes (#18 item 6): a note and a collection
//! go from one data folder to another in a sealed file that holds none of them in the clear; a
//! wrong passphrase is refused in the user's language and changes nothing.

use crate::common::{dir_arg, with_input};
use peerlib_store::paths::DataDir;
use peerlib_store::UserStore;

/// Every file of a data folder, by name, with its bytes.
/// Every file of a folder and of the folders in it (attachments/ included), by path, with its bytes.
fn folder_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            v.extend(folder_bytes(&path).into_iter().map(|(n, b)| (format!("{}/{n}", e.file_name().to_string_lossy()), b)));
        } else if path.is_file() {
            v.push((e.file_name().to_string_lossy().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    v.sort();
    v
}

#[test]
fn personal_data_goes_to_another_data_folder_sealed_and_a_wrong_passphrase_changes_nothing() {
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (da, db) = (dir_arg(a.path()), dir_arg(b.path()));
    let (user, _) = UserStore::open_in(&DataDir::new(a.path()), 0).unwrap();
    user.set_note("r1", "marker-note-5521 for the side event", 1).unwrap();
    let c = user.create_collection("marker-collection-6613", 2).unwrap();
    user.add_to_collection(c, "r1").unwrap();
    drop(user);

    let file = out.path().join("me.peerlib-personal");
    let f = dir_arg(&file);
    let short = with_input(&["--data-dir", &da, "personal", "export", &f], "short\n", "en_US.UTF-8");
    assert!(!short.status.success() && String::from_utf8_lossy(&short.stderr).contains("at least 8 characters"), "{short:?}");
    assert!(!file.exists(), "nothing written for a refused passphrase");
    let exported = with_input(&["--data-dir", &da, "personal", "export", &f], "the passphrase we agreed\n", "en_US.UTF-8");
    assert!(exported.status.success(), "{exported:?}");
    let bytes = std::fs::read(&file).unwrap();
    for marker in ["marker-note-5521", "marker-collection-6613", "r1\""] {
        assert!(!bytes.windows(marker.len()).any(|w| w == marker.as_bytes()), "{marker} is in the file in the clear");
    }

    let (user, _) = UserStore::open_in(&DataDir::new(b.path()), 0).unwrap();
    user.set_note("r2", "a note of B's own", 1).unwrap();
    drop(user);
    let before = folder_bytes(b.path());
    let wrong = with_input(&["--data-dir", &db, "personal", "import", &f], "the passphrase we forgot\n", "fr_FR.UTF-8");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("Cette phrase secrète n’ouvre pas le fichier"), "{}", String::from_utf8_lossy(&wrong.stderr));
    assert!(folder_bytes(b.path()) == before, "the data folder is unchanged");
    let not_one = with_input(&["--data-dir", &db, "personal", "import", &dir_arg(&b.path().join("user.db"))], "x\n", "es_ES.UTF-8");
    assert!(String::from_utf8_lossy(&not_one.stderr).contains("no es un archivo de datos personales"), "{not_one:?}");

    let imported = with_input(&["--data-dir", &db, "personal", "import", &f], "the passphrase we agreed\n", "en_US.UTF-8");
    assert!(imported.status.success(), "{imported:?}");
    assert!(String::from_utf8_lossy(&imported.stdout).contains("Arrived: notes 1 (0 kept beside a note of yours), bookmarks 0, new collections 1, documents added to collections 1."), "{imported:?}");
    let (user, _) = UserStore::open_in(&DataDir::new(b.path()), 0).unwrap();
    assert_eq!(user.note("r1").unwrap().as_deref(), Some("marker-note-5521 for the side event"));
    assert_eq!(user.note("r2").unwrap().as_deref(), Some("a note of B's own"));
    assert_eq!(user.collections().unwrap()[0].name, "marker-collection-6613");

    // The passphrase is never an argument (`ps` would show it to every user of the laptop).
    let arg = with_input(&["--data-dir", &db, "personal", "import", &f, "--passphrase", "the passphrase we agreed"], "", "en_US.UTF-8");
    assert!(!arg.status.success());
}

#[test]
fn peerlib_erase_personal_then_all_leaves_no_marker_and_the_library_opens_as_new() {
    use crate::common::{peerlib, Synced};
    let synced = Synced::new(2);
    let env = [("PEERLIB_NETWORK", synced.toml.as_str())];
    let (a, da) = (&synced.dir, synced.arg());
    let (user, _) = UserStore::open_in(&DataDir::new(a.path()), 0).unwrap();
    user.set_note("r1", "marker-note-7781", 1).unwrap();
    user.create_collection("marker-collection-7782", 2).unwrap();
    drop(user);
    let bytes = |p: &std::path::Path| folder_bytes(p).into_iter().flat_map(|(_, b)| b).collect::<Vec<u8>>();
    let has = |hay: &[u8], m: &str| hay.windows(m.len()).any(|w| w == m.as_bytes());
    assert!(has(&bytes(a.path()), "marker-note-7781"));
    // What a sync leaves of an attachment of a feed no longer followed: a download to resume and
    // the copies text extraction reads. (Left behind by a personal erase until 2026-12-07.)
    let unfollowed = peerlib_feed::sha256_hex(b"an attachment of a feed no longer followed");
    for end in [".part", ".extract", ".extract.part"] {
        std::fs::create_dir_all(a.path().join("attachments")).unwrap();
        std::fs::write(a.path().join("attachments").join(format!("{unfollowed}{end}")), "marker-part-7783").unwrap();
    }

    let erased = peerlib(&["--data-dir", &da, "erase", "--personal"], &env);
    assert!(erased.status.success(), "{erased:?}");
    let left = bytes(a.path());
    assert!(!has(&left, "marker-note-7781") && !has(&left, "marker-collection-7782"), "a marker is left");
    assert!(!has(&left, "marker-part-7783"), "a leftover of an unfollowed feed's attachment is left");
    let listed = peerlib(&["--data-dir", &da, "list", "--json"], &env);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&listed.stdout).unwrap().as_array().unwrap().len(), 2, "the library stays with --personal");

    assert!(!peerlib(&["--data-dir", &da, "erase"], &env).status.success(), "one of --personal or --all is required");
    assert!(peerlib(&["--data-dir", &da, "erase", "--all"], &env).status.success());
    assert_eq!(std::fs::read_dir(a.path()).unwrap().count(), 0, "nothing left in the data folder");
    let listed = peerlib(&["--data-dir", &da, "list", "--json"], &env);
    assert!(listed.status.success(), "{listed:?}");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&listed.stdout).unwrap().as_array().unwrap().len(), 0, "a new, empty library");
}
