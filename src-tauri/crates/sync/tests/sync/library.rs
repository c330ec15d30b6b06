//! `apply_feed` on real files: the first run applies the embedded signed starter feed, and a feed
//! with one tampered or missing file is refused whole, with nothing written.

use peerlib_feed::network::Network;
use peerlib_feed::starter;
use peerlib_store::paths::DataDir;
use peerlib_store::{SourceKind, UserStore};
use peerlib_sync::{apply_feed, open_library, Origin, SyncError};

use crate::common::Publisher;

#[test]
fn the_first_run_applies_the_signed_starter_feed_at_its_seq() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, report) = open_library(&DataDir::new(tmp.path()), &Network::shipped().unwrap()).unwrap();
    assert_eq!(report.imported, 7);
    let network = Network::shipped().unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(starter::feed_file("manifest.json").unwrap()).unwrap();
    assert_eq!(store.source_seq(&network.feed_url).unwrap(), manifest["seq"].as_i64(), "the network's seq is recorded, so a later sync continues from it");
    let (store2, again) = open_library(&DataDir::new(tmp.path()), &Network::shipped().unwrap()).unwrap();
    assert_eq!(again.imported, 0, "only the first run imports");
    assert_eq!(store2.document_count().unwrap(), 7);
    drop(store);
}

fn embedded(path: &str) -> Option<Vec<u8>> {
    starter::feed_file(path).map(<[u8]>::to_vec)
}

#[test]
fn a_tampered_or_missing_file_refuses_the_whole_feed_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    let (mut store, _) = peerlib_store::ContentStore::open_in(&dir).unwrap();
    let network = Network::shipped().unwrap();
    let manifest = starter::feed_file("manifest.json").unwrap();
    let m: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    let victim = m["documents"][2]["path"].as_str().unwrap().to_string();

    let v = victim.clone();
    let tampered = Origin::files(move |p: &str| {
        let mut b = embedded(p)?;
        if p == v {
            b[20] ^= 0x20;
        }
        Some(b)
    });
    let err = apply_feed(&mut store, &dir, &network, &tampered).unwrap_err();
    assert_eq!(err.code(), "tampered");
    assert!(err.to_string().contains(&victim), "the message names the file: {err}");
    assert_eq!(store.document_count().unwrap(), 0, "nothing was applied");
    assert_eq!(std::fs::read_dir(dir.attachments()).map(|d| d.count()).unwrap_or(0), 0, "no attachment was written");

    let file = m["attachments"][0]["path"].as_str().unwrap().to_string();
    let f = file.clone();
    let bad_file = Origin::files(move |p: &str| {
        let mut b = embedded(p)?;
        if p == f {
            b.truncate(b.len() - 1);
        }
        Some(b)
    });
    let err = apply_feed(&mut store, &dir, &network, &bad_file).unwrap_err();
    assert!(err.code() == "tampered" && err.to_string().contains(&file), "a short attachment is named: {err}");
    assert_eq!(store.document_count().unwrap(), 0);

    let v = victim.clone();
    let missing = Origin::files(move |p: &str| if p == v { None } else { embedded(p) });
    assert!(matches!(apply_feed(&mut store, &dir, &network, &missing), Err(SyncError::Missing(p)) if p == victim));

    let mut forged = manifest.to_vec();
    let i = forged.windows(6).position(|w| w == b"\"seq\":").unwrap() + 7;
    forged[i] = b'7';
    let forged = Origin::files(move |p: &str| if p == "manifest.json" { Some(forged.clone()) } else { embedded(p) });
    let err = apply_feed(&mut store, &dir, &network, &forged).unwrap_err();
    assert_eq!(err.code(), "signature", "{err}");
    assert_eq!(store.document_count().unwrap(), 0);

    assert_eq!(apply_feed(&mut store, &dir, &network, &Origin::files(embedded)).unwrap(), 7, "the genuine feed applies");
}

/// The starter import goes through the network sync's pipeline, with every one of its checks:
/// a feed signed by a pinned key but naming another publisher key is refused, as from the web.
#[test]
fn the_starter_import_refuses_a_manifest_naming_another_publisher_key() {
    let p = Publisher::new();
    p.write_doc("statement-en", "Statement", "Body.", None);
    p.publish();
    let out = p.out();
    let manifest = std::fs::read(out.join("manifest.json")).unwrap();
    let mut m: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    m["publisher"]["key_id"] = "0123456789ABCDEF".into();
    let relabelled = serde_json::to_vec(&m).unwrap();
    let signature = peerlib_feed::publish::sign_manifest(&relabelled, &p.secret, m["seq"].as_i64().unwrap()).unwrap();
    let origin = Origin::files(move |path: &str| match path {
        "manifest.json" => Some(relabelled.clone()),
        "manifest.json.minisig" => Some(signature.clone().into_bytes()),
        _ => std::fs::read(out.join(path)).ok(),
    });
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    let (mut store, _) = peerlib_store::ContentStore::open_in(&dir).unwrap();
    let network = p.network("https://feed.example/library/");
    let err = apply_feed(&mut store, &dir, &network, &origin).unwrap_err();
    assert_eq!(err.code(), "publisher", "{err}");
    assert_eq!(store.document_count().unwrap(), 0);
}

/// A data folder from before user.db kept followed feeds: a v3 library following a signed feed
/// (with its pinned key) and a website feed of the user's own, and a v1 user.db.
fn folder_from_before_user_db_kept_feeds() -> (tempfile::TempDir, DataDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::new(tmp.path());
    dir.create().unwrap();
    let fixtures = format!("{}/../store/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(format!("{fixtures}/content-v3-followed.db"), dir.content_db()).unwrap();
    std::fs::copy(format!("{fixtures}/user-v1.db"), dir.user_db()).unwrap();
    (tmp, dir)
}

#[test]
fn followed_feeds_move_to_user_db_and_a_damaged_library_rebuilt_keeps_them() {
    let (_tmp, dir) = folder_from_before_user_db_kept_feeds();
    let network = Network::shipped().unwrap();
    let key = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
    let followed = |store: &peerlib_store::ContentStore| -> Vec<(String, SourceKind, Option<String>)> {
        store.subscriptions().unwrap().into_iter().map(|s| (s.url, s.kind, s.public_key)).collect()
    };
    let expected = vec![
        (network.feed_url.clone(), SourceKind::Network, None),
        ("https://regional.example/library/".to_string(), SourceKind::Signed, Some(key.to_string())),
        ("https://blog.example/feed.xml".to_string(), SourceKind::Website, None),
    ];
    let (store, report) = open_library(&dir, &network).unwrap();
    assert_eq!(report.imported, 0, "an upgraded library is not a first run");
    assert_eq!(followed(&store), expected);
    drop(store);
    let (user, _) = UserStore::open_in(&dir, 0).unwrap();
    let kept: Vec<(String, Option<String>)> = user.followed_feeds().unwrap().into_iter().map(|f| (f.url, f.public_key)).collect();
    assert_eq!(kept, vec![("https://regional.example/library/".to_string(), Some(key.to_string())), ("https://blog.example/feed.xml".to_string(), None)]);
    assert!(user.is_bookmarked("c19rm-guide-en").unwrap(), "the rest of user.db is kept");
    drop(user);

    // content.db damaged: moved aside and rebuilt from the starter library, and every feed the
    // person followed is followed again, its key still pinned.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", dir.content_db().display()));
    }
    std::fs::write(dir.content_db(), b"this is not a SQLite database, it was damaged on the way".repeat(100)).unwrap();
    let (store, report) = open_library(&dir, &network).unwrap();
    assert!(report.moved_aside.is_some(), "the damaged file is moved aside, not deleted");
    assert_eq!(report.imported, 7, "the rebuilt library starts from the starter library");
    assert_eq!(followed(&store), expected);
    drop(store);

    // And deleted outright: the same.
    std::fs::remove_file(dir.content_db()).unwrap();
    let (store, _) = open_library(&dir, &network).unwrap();
    assert_eq!(followed(&store), expected);
}
