//! `apply_feed` on real files: the first run applies the embedded signed starter feed, and a feed
//! with one tampered or missing file is refused whole, with nothing written.

use peerlib_feed::network::Network;
use peerlib_feed::starter;
use peerlib_store::paths::DataDir;
use peerlib_sync::{apply_feed, open_library, SyncError};

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
    let sig = std::str::from_utf8(starter::feed_file("manifest.json.minisig").unwrap()).unwrap();
    let m: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    let victim = m["documents"][2]["path"].as_str().unwrap().to_string();

    let tampered = |p: &str| {
        let mut b = embedded(p)?;
        if p == victim {
            b[20] ^= 0x20;
        }
        Some(b)
    };
    let err = apply_feed(&mut store, &dir, &network, manifest, sig, tampered).unwrap_err();
    assert_eq!(err.code(), "tampered");
    assert!(err.to_string().contains(&victim), "the message names the file: {err}");
    assert_eq!(store.document_count().unwrap(), 0, "nothing was applied");
    assert_eq!(std::fs::read_dir(dir.attachments()).unwrap().count(), 0, "no attachment was written");

    let file = m["attachments"][0]["path"].as_str().unwrap().to_string();
    let bad_file = |p: &str| {
        let mut b = embedded(p)?;
        if p == file {
            b.truncate(b.len() - 1);
        }
        Some(b)
    };
    let err = apply_feed(&mut store, &dir, &network, manifest, sig, bad_file).unwrap_err();
    assert!(err.code() == "tampered" && err.to_string().contains(&file), "a short attachment is named: {err}");
    assert_eq!(store.document_count().unwrap(), 0);

    let missing = |p: &str| if p == victim { None } else { embedded(p) };
    assert!(matches!(apply_feed(&mut store, &dir, &network, manifest, sig, missing), Err(SyncError::Missing(p)) if p == victim));

    let mut forged = manifest.to_vec();
    let i = forged.windows(6).position(|w| w == b"\"seq\":").unwrap() + 7;
    forged[i] = b'7';
    let err = apply_feed(&mut store, &dir, &network, &forged, sig, embedded).unwrap_err();
    assert_eq!(err.code(), "signature", "{err}");
    assert_eq!(store.document_count().unwrap(), 0);

    assert_eq!(apply_feed(&mut store, &dir, &network, manifest, sig, embedded).unwrap(), 7, "the genuine feed applies");
}
