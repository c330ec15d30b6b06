//! user.db on real files: kept apart, backed up, restored, never emptied by accident.

use peerlib_store::paths::DataDir;
use peerlib_store::*;

const DAY: i64 = 24 * 3600;

#[test]
fn notes_bookmarks_read_state_collections_and_settings_persist() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    {
        let (mut u, report) = UserStore::open_in(&dir, 1_000).unwrap();
        assert!(report.backed_up, "the first open makes the first backup");
        u.set_note("statement", "Quote this at the panel.", 1_000).unwrap();
        u.set_bookmark("statement", true, 1_000).unwrap();
        u.set_read("guide-fr", true, 1_000).unwrap();
        let c = u.create_collection("HLM 2021 pack", 1_000).unwrap();
        for d in ["hub", "statement", "guide-fr"] {
            u.add_to_collection(c, d).unwrap();
        }
        u.reorder_collection(c, &["guide-fr".into(), "hub".into()]).unwrap();
        u.set_setting("ui.language", "fr").unwrap();
    }
    let (u, _) = UserStore::open_in(&dir, 2_000).unwrap();
    assert_eq!(u.note("statement").unwrap().as_deref(), Some("Quote this at the panel."));
    assert!(u.is_bookmarked("statement").unwrap());
    assert_eq!(u.marks().unwrap().read, ["guide-fr"]);
    assert!(u.is_read("guide-fr").unwrap() && !u.is_read("statement").unwrap());
    let cols = u.collections().unwrap();
    assert_eq!(cols[0].name, "HLM 2021 pack");
    assert_eq!(cols[0].documents, ["guide-fr", "hub", "statement"], "the user's order, unnamed ones after");
    assert_eq!(u.setting("ui.language").unwrap().as_deref(), Some("fr"));
    u.set_note("statement", "  ", 3_000).unwrap();
    assert_eq!(u.note("statement").unwrap(), None, "an emptied note is removed");
    assert!(matches!(u.add_to_collection(999, "x"), Err(StoreError::NotFound(_))));
}

#[test]
fn backups_rotate_daily_and_keep_three() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    for day in 0..5 {
        let (u, report) = UserStore::open_in(&dir, day * DAY).unwrap();
        assert!(report.backed_up, "day {day}: a day-old backup is renewed");
        u.set_setting("day", &day.to_string()).unwrap();
        let (_, again) = UserStore::open_in(&dir, day * DAY + 60).unwrap();
        assert!(!again.backed_up, "day {day}: not twice a day");
    }
    assert!(dir.user_backup(3).exists() && !dir.user_backup(4).exists(), "three backups are kept");
}

#[test]
fn a_damaged_user_database_is_moved_aside_and_restored_from_the_newest_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    {
        let (u, _) = UserStore::open_in(&dir, 0).unwrap();
        u.set_note("statement", "before the backup", 0).unwrap();
        u.backup_if_due(&dir, 2 * DAY).unwrap();
        u.set_note("statement", "after the backup", 2 * DAY).unwrap();
    }
    let damaged = b"not sqlite at all ".repeat(500);
    std::fs::write(dir.user_db(), &damaged).unwrap();
    let _ = std::fs::remove_file(tmp.path().join("user.db-wal"));

    let (u, report) = UserStore::open_in(&dir, 3 * DAY).expect("a damaged user.db still opens");
    let moved = report.moved_aside.expect("the damaged file is kept aside");
    assert_eq!(std::fs::read(moved).unwrap(), damaged, "its bytes are kept, not deleted");
    assert_eq!(report.restored_from.as_deref(), Some(dir.user_backup(1).as_path()));
    assert_eq!(u.note("statement").unwrap().as_deref(), Some("before the backup"), "the newest backup's data is back");
}

#[test]
fn a_user_database_from_a_newer_version_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    drop(UserStore::open_in(&dir, 0).unwrap());
    let mut bytes = std::fs::read(dir.user_db()).unwrap();
    bytes[60..64].copy_from_slice(&9u32.to_be_bytes());
    std::fs::write(dir.user_db(), &bytes).unwrap();
    assert!(matches!(UserStore::open_in(&dir, 0), Err(StoreError::NewerDatabase { found: 9, .. })));
    assert_eq!(std::fs::read(dir.user_db()).unwrap(), bytes);
}

#[test]
fn followed_feeds_live_in_user_db_and_a_rebuilt_library_gets_them_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    let key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
    let signed = FollowedFeed { url: "https://regional.example/library/".into(), title: "regional.example".into(), kind: SourceKind::Signed, public_key: Some(key.into()) };
    let website = FollowedFeed { url: "https://blog.example/feed.xml".into(), title: "blog.example".into(), kind: SourceKind::Website, public_key: None };
    {
        let (u, _) = UserStore::open_in(&dir, 1_000).unwrap();
        assert!(u.follow(&signed, 1_000).unwrap());
        assert!(u.follow(&website, 1_001).unwrap());
        assert!(!u.follow(&website, 1_002).unwrap(), "following twice changes nothing");
        let network = FollowedFeed { url: "https://n.example/".into(), title: "n".into(), kind: SourceKind::Network, public_key: None };
        assert!(u.follow(&network, 1_003).is_err(), "the network's feed comes from network.toml, not user.db");
    }
    // A library that never heard of them (content.db rebuilt after damage) gets both back.
    let (u, _) = UserStore::open_in(&dir, 2_000).unwrap();
    let (mut content, _) = ContentStore::open_in(&dir).unwrap();
    assert_eq!(restore_followed(&mut content, &u, 2_000).unwrap(), Restored { to_library: 2, to_user: 0 });
    let subs: Vec<(String, SourceKind, Option<String>)> = content.subscriptions().unwrap().into_iter().map(|s| (s.url, s.kind, s.public_key)).collect();
    assert_eq!(subs, vec![(signed.url.clone(), SourceKind::Signed, Some(key.into())), (website.url.clone(), SourceKind::Website, None)]);
    assert_eq!(restore_followed(&mut content, &u, 2_001).unwrap(), Restored::default(), "once both agree, nothing is written");

    // A feed only the library lists (user.db restored from an older backup) is kept, not dropped.
    assert!(u.unfollow(&website.url).unwrap());
    assert!(!u.unfollow(&website.url).unwrap());
    assert_eq!(restore_followed(&mut content, &u, 2_002).unwrap(), Restored { to_library: 0, to_user: 1 });
    assert_eq!(u.followed_feeds().unwrap(), vec![signed, website]);
}
