//! keygen, publish and verification on real folders (issue 4's bad inputs).
#![cfg(feature = "publisher")]

use peerlib_feed::manifest::*;
use peerlib_feed::publish::{keygen, publish, PublishError, PublishOptions};
use std::path::{Path, PathBuf};

const STARTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../resources/starter");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() { copy_dir(&e.path(), &target) } else { std::fs::copy(e.path(), target).unwrap(); }
    }
}

struct Setup {
    _tmp: tempfile::TempDir,
    src: PathBuf,
    out: PathBuf,
    secret: String,
    public: String,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    copy_dir(Path::new(STARTER), &src);
    let (sk, pk) = (tmp.path().join("net.key"), tmp.path().join("net.pub"));
    keygen(&sk, &pk, false).unwrap();
    Setup { src, out: tmp.path().join("out"), secret: std::fs::read_to_string(&sk).unwrap(), public: std::fs::read_to_string(&pk).unwrap(), _tmp: tmp }
}

fn opts(now: i64) -> PublishOptions<'static> {
    PublishOptions { publisher: "INPUD", expires_in_days: 30, now }
}

fn read(out: &Path, f: &str) -> Vec<u8> {
    std::fs::read(out.join(f)).unwrap()
}

fn verify(s: &Setup) -> Result<Manifest, VerifyError> {
    let sig = String::from_utf8(read(&s.out, "manifest.json.minisig")).unwrap();
    verify_manifest(&read(&s.out, "manifest.json"), &sig, &[PinnedKey::parse(&s.public).unwrap()])
}

#[test]
fn keygen_writes_an_owner_only_secret_key_and_never_overwrites_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (sk, pk) = (tmp.path().join("k"), tmp.path().join("k.pub"));
    let id = keygen(&sk, &pk, false).unwrap();
    assert_eq!(id.len(), 16, "a minisign key id: {id}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&sk).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let before = std::fs::read(&sk).unwrap();
    assert!(matches!(keygen(&sk, &pk, false), Err(PublishError::KeyExists(_))));
    assert_eq!(std::fs::read(&sk).unwrap(), before, "the secret key is untouched");
    let id = keygen(&sk, &pk, true).unwrap();
    assert_ne!(std::fs::read(&sk).unwrap(), before, "--force replaces it");
    let pkt = std::fs::read_to_string(&pk).unwrap();
    assert!(pkt.starts_with("untrusted comment:") && PinnedKey::parse(&pkt).is_some_and(|k| k.id() == id));
}

#[test]
fn a_published_feed_verifies_file_by_file() {
    let s = setup();
    let r = publish(&s.src, &s.out, &s.secret, &opts(1_700_000_000)).unwrap();
    assert_eq!((r.seq, r.documents, r.attachments), (1, 7, 8));
    let m = verify(&s).expect("the new feed verifies with the publisher's key");
    assert_eq!(m.seq, 1);
    assert_eq!(m.issued_at, "2023-11-14T22:13:20Z");
    for d in &m.documents {
        verify_bytes(&d.path, &read(&s.out, &d.path), &d.sha256, d.size).unwrap();
        let doc: FeedDocument = serde_json::from_slice(&read(&s.out, &d.path)).unwrap();
        assert_eq!(doc.id, d.id);
    }
    for a in &m.attachments {
        verify_bytes(&a.path, &read(&s.out, &a.path), &a.sha256, a.size).unwrap();
    }
    let feed: serde_json::Value = serde_json::from_slice(&read(&s.out, "feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items[0]["id"], "inpud-annual-report-2020", "newest first");
    assert!(items.iter().any(|i| i["language"] == "ru" && i["attachments"].as_array().unwrap().len() == 2));
    assert!(items.iter().all(|i| i["_peerlib"]["sha256"].as_str().is_some_and(|h| h.len() == 64)));
}

#[test]
fn the_same_input_gives_byte_identical_documents_and_files_and_the_next_seq() {
    let s = setup();
    publish(&s.src, &s.out, &s.secret, &opts(1)).unwrap();
    let snapshot = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(s.out.join(dir)).unwrap().map(|e| e.unwrap()).map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap())).collect();
        v.sort();
        v
    };
    let (docs, files) = (snapshot("documents"), snapshot("files"));
    // An OUT already at a high seq (published many times before) continues from it.
    let m = read(&s.out, "manifest.json");
    let high = String::from_utf8(m).unwrap().replacen("\"seq\": 1,", "\"seq\": 41,", 1);
    std::fs::write(s.out.join("manifest.json"), high).unwrap();
    assert_eq!(publish(&s.src, &s.out, &s.secret, &opts(2)).unwrap().seq, 42, "seq is one more than OUT's, never back to 1");
    let high = String::from_utf8(read(&s.out, "manifest.json")).unwrap().replacen("\"seq\": 42,", "\"seq\": 1,", 1);
    std::fs::write(s.out.join("manifest.json"), high).unwrap();
    let r = publish(&s.src, &s.out, &s.secret, &opts(2)).unwrap();
    assert_eq!((r.seq, r.changed), (2, 0), "seq grows by one; nothing changed");
    assert_eq!(snapshot("documents"), docs, "documents/ is byte-identical");
    assert_eq!(snapshot("files"), files, "files/ is byte-identical");

    let p = s.src.join("annual-report-2020.md");
    std::fs::write(&p, std::fs::read_to_string(&p).unwrap() + "\nOne more line.\n").unwrap();
    let r = publish(&s.src, &s.out, &s.secret, &opts(3)).unwrap();
    assert_eq!((r.seq, r.changed), (3, 1));
    let m = verify(&s).unwrap();
    let v = |id: &str| m.documents.iter().find(|d| d.id == id).unwrap().version;
    assert_eq!(v("inpud-annual-report-2020"), 2, "a changed document's version grows");
    assert_eq!(v("hlm-2021-hub"), 1, "an unchanged one keeps its version");
}

#[test]
fn invalid_sources_are_all_reported_and_out_is_left_exactly_as_it_was() {
    let s = setup();
    publish(&s.src, &s.out, &s.secret, &opts(1)).unwrap();
    let before = read(&s.out, "manifest.json");
    std::fs::write(s.src.join("bad.md"), "+++\ntitle = \"Bad\"\nkind = \"memo\"\nlanguage = \"english\"\nattachments = [{ path = \"../../etc/passwd\", title = \"x\" }]\n+++\n").unwrap();
    std::fs::write(s.src.join("dup.md"), "+++\nid = \"hlm-2021-hub\"\ntitle = \"Twice\"\nkind = \"event\"\nlanguage = \"en\"\n+++\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/hostname", s.src.join("files/escape.pdf")).unwrap();
        std::fs::write(s.src.join("link.md"), "+++\ntitle = \"L\"\nkind = \"news\"\nlanguage = \"en\"\nattachments = [{ path = \"files/escape.pdf\", title = \"x\" }]\n+++\n").unwrap();
    }
    let Err(PublishError::Invalid(problems)) = publish(&s.src, &s.out, &s.secret, &opts(2)) else { panic!("invalid sources must fail") };
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    for expected in ["bad.md:3: unknown kind", "bad.md:4: \"english\" is not a valid", "bad.md:5: attachment path", "hlm-2021-hub.md:2: id \"hlm-2021-hub\" is already used by dup.md"] {
        assert!(text.iter().any(|t| t.starts_with(expected)), "{expected:?} is reported: {text:#?}");
    }
    #[cfg(unix)]
    assert!(text.iter().any(|t| t.starts_with("link.md:5: attachment \"files/escape.pdf\" does not exist")), "a symlink out of SRC is not followed: {text:#?}");
    assert_eq!(read(&s.out, "manifest.json"), before, "OUT is untouched");
}

/// Issue #17 item 12: a Markdown file or folder linked from outside SRC is refused, not
/// published (a secret note next to SRC must never reach the feed).
#[cfg(unix)]
#[test]
fn a_markdown_file_or_folder_linked_from_outside_src_is_refused_and_out_is_untouched() {
    let s = setup();
    publish(&s.src, &s.out, &s.secret, &opts(1)).unwrap();
    let before = read(&s.out, "manifest.json");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("private.md"), "+++\ntitle = \"Private notes\"\nkind = \"news\"\nlanguage = \"en\"\n+++\nNames and addresses.\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("private.md"), s.src.join("private.md")).unwrap();
    match publish(&s.src, &s.out, &s.secret, &opts(2)) {
        Err(PublishError::OutsideSource(p)) => assert_eq!(p, Path::new("private.md")),
        other => panic!("a symlinked file out of SRC must be refused: {other:?}"),
    }
    std::fs::remove_file(s.src.join("private.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), s.src.join("elsewhere")).unwrap();
    assert!(matches!(publish(&s.src, &s.out, &s.secret, &opts(2)), Err(PublishError::OutsideSource(p)) if p == Path::new("elsewhere")));
    assert_eq!(read(&s.out, "manifest.json"), before, "OUT is untouched");
}

#[test]
fn tampering_another_key_and_a_truncated_signature_are_refused_and_named() {
    let s = setup();
    publish(&s.src, &s.out, &s.secret, &opts(1)).unwrap();
    let manifest = read(&s.out, "manifest.json");
    let sig = String::from_utf8(read(&s.out, "manifest.json.minisig")).unwrap();
    let key = [PinnedKey::parse(&s.public).unwrap()];

    let mut tampered = manifest.clone();
    let i = tampered.windows(7).position(|w| w == b"\"seq\": ").unwrap() + 7;
    tampered[i] = b'9';
    assert_eq!(verify_manifest(&tampered, &sig, &key), Err(VerifyError::BadSignature));

    let other = tempfile::tempdir().unwrap();
    keygen(&other.path().join("o"), &other.path().join("o.pub"), false).unwrap();
    let other_key = [PinnedKey::parse(&std::fs::read_to_string(other.path().join("o.pub")).unwrap()).unwrap()];
    assert!(matches!(verify_manifest(&manifest, &sig, &other_key), Err(VerifyError::UnknownKey { .. })));

    assert_eq!(verify_manifest(&manifest, &sig[..sig.len() / 2], &key), Err(VerifyError::BadSignatureFile));
    assert_eq!(verify_manifest(&manifest, "", &key), Err(VerifyError::BadSignatureFile));

    let m = verify_manifest(&manifest, &sig, &key).unwrap();
    let d = &m.documents[0];
    let mut doc = read(&s.out, &d.path);
    doc[10] ^= 1;
    let err = verify_bytes(&d.path, &doc, &d.sha256, d.size).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{} does not match the manifest", d.path)), "{err}");
}

#[test]
fn the_committed_starter_feed_is_what_its_sources_publish_to_and_is_signed_by_the_network() {
    // resources/starter-feed is published by `make starter-feed` with the network's key (never in
    // the repository); this checks it is current: publishing the sources again gives the same
    // documents/ and files/ byte for byte, and its manifest verifies with network.toml's keys.
    let s = setup();
    publish(&s.src, &s.out, &s.secret, &opts(1)).unwrap();
    let committed = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../resources/starter-feed"));
    for dir in ["documents", "files"] {
        let list = |root: &Path| {
            let mut v: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap()).map(|e| (e.file_name(), std::fs::read(e.path()).unwrap())).collect();
            v.sort();
            v
        };
        assert!(list(committed) == list(&s.out), "resources/starter-feed/{dir} is stale: run `make starter-feed` after editing resources/starter");
    }
    let network = peerlib_feed::network::Network::shipped().unwrap();
    let sig = std::fs::read_to_string(committed.join("manifest.json.minisig")).unwrap();
    verify_manifest(&std::fs::read(committed.join("manifest.json")).unwrap(), &sig, &network.keys).expect("signed by a key in network.toml");
}
