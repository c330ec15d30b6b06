//! The sync against a real HTTP server on 127.0.0.1:0 that misbehaves in the ways networks and
//! servers do. For every fault: no panic, the right code, and the library exactly as it was
//! (the same documents with the same hashes, the same seq, and no attachment on disk that is not
//! what its name says).


use crate::common::{Fault, Publisher, World};
use peerlib_sync::{Attempt, SourceOutcome, SyncError, SyncOptions};
use std::time::Duration;

fn options() -> SyncOptions {
    crate::common::options(Duration::from_secs(1))
}

async fn sync_with(w: &World, o: &SyncOptions) -> Result<Attempt, SyncError> {
    w.sync_with(o).await
}

async fn sync(w: &World) -> Result<Attempt, SyncError> {
    sync_with(w, &options()).await
}

/// A library synced at seq 1 (a, b, c, d; a has an attachment), with seq 2 published and served
/// (b changed; e added, with an attachment).
async fn world() -> World {
    let p = Publisher::new();
    p.write_doc("a", "Alpha", "First document.", Some(b"%PDF-1.4 alpha attachment bytes"));
    p.write_doc("b", "Beta", "Second document.", None);
    p.write_doc("c", "Gamma", "Third document.", None);
    p.write_doc("d", "Delta", "Fourth document.", None);
    assert_eq!(p.publish(), 1);
    let w = World::serve(p).await;
    let a = sync(&w).await.unwrap();
    assert!(a.ok(), "the first sync works: {a:?}");
    assert_eq!(a.sources[0].added, 4);
    w.p.snapshot("seq1");
    w.p.write_doc("b", "Beta", "Second document, revised.", None);
    w.p.write_doc("e", "Epsilon", "Fifth document.", Some(b"%PDF-1.4 epsilon attachment bytes"));
    assert_eq!(w.p.publish(), 2);
    w.server.clear_requests();
    w
}

/// What must not change when a sync fails: documents with their hashes, seq, verified files.
#[derive(Debug, PartialEq)]
struct Snapshot {
    docs: Vec<(String, Option<String>)>,
    seq: Option<i64>,
    files: Vec<String>,
}

fn snapshot(w: &World) -> Snapshot {
    let (store, _) = peerlib_sync::open_library(&w.dir, &w.network).unwrap();
    let docs = store.document_hashes(&w.network.feed_url).unwrap().into_iter().map(|(k, v)| (k, v.1)).collect();
    let seq = store.source_seq(&w.network.feed_url).unwrap();
    let mut files = vec![];
    for e in std::fs::read_dir(w.dir.attachments()).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        if e.file_type().unwrap().is_file() && !name.ends_with(".part") {
            let bytes = std::fs::read(e.path()).unwrap();
            assert_eq!(peerlib_feed::sha256_hex(&bytes), name, "every file in attachments/ is what its name says");
            files.push(name);
        }
    }
    files.sort();
    Snapshot { docs, seq, files }
}

fn manifest(w: &World) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(w.p.out().join("manifest.json")).unwrap()).unwrap()
}

fn doc_path(w: &World, id: &str) -> String {
    let m = manifest(w);
    let d = m["documents"].as_array().unwrap().iter().find(|d| d["id"] == id).unwrap();
    format!("feed/{}", d["path"].as_str().unwrap())
}

fn json(body: Vec<u8>) -> Fault {
    Fault::Respond(200, vec![("Content-Type".into(), "application/json".into())], body)
}

/// Serve a manifest edited by `edit`, validly signed with `secret`.
fn resigned(w: &World, secret: &str, edit: impl Fn(&mut serde_json::Value)) {
    let mut m = manifest(w);
    edit(&mut m);
    let bytes = serde_json::to_vec_pretty(&m).unwrap();
    let sig = peerlib_feed::publish::sign_manifest(&bytes, secret, m["seq"].as_i64().unwrap()).unwrap();
    w.server.fault("feed/manifest.json", json(bytes), None);
    w.server.fault("feed/manifest.json.minisig", Fault::Respond(200, vec![], sig.into_bytes()), None);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

type Setup = fn(&World);

/// (what goes wrong, how the server is made to do it, the code the user is shown)
fn faults() -> Vec<(&'static str, Setup, &'static str)> {
    vec![
        ("manifest 500", |w| w.server.fault("feed/manifest.json", Fault::Respond(500, vec![], b"oops".to_vec()), None), "server"),
        ("manifest 502 with an HTML error page", |w| w.server.fault("feed/manifest.json", Fault::Respond(502, vec![("Content-Type".into(), "text/html".into())], b"<html>Bad gateway</html>".to_vec()), None), "server"),
        ("manifest 404", |w| w.server.fault("feed/manifest.json", Fault::Respond(404, vec![], vec![]), None), "feed-gone"),
        ("manifest 410", |w| w.server.fault("feed/manifest.json", Fault::Respond(410, vec![], vec![]), None), "feed-gone"),
        ("429 with Retry-After seconds", |w| w.server.fault("feed/manifest.json", Fault::Respond(429, vec![("Retry-After".into(), "120".into())], vec![]), None), "rate-limited"),
        ("503 with Retry-After date", |w| {
            let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(600));
            w.server.fault("feed/manifest.json", Fault::Respond(503, vec![("Retry-After".into(), later)], vec![]), None)
        }, "rate-limited"),
        ("503 with a Backoff header", |w| w.server.fault("feed/manifest.json", Fault::Respond(503, vec![("Backoff".into(), "300".into())], vec![]), None), "rate-limited"),
        ("manifest truncated", |w| w.server.fault("feed/manifest.json", Fault::Truncate(100), None), "interrupted"),
        ("manifest connection reset mid-body", |w| w.server.fault("feed/manifest.json", Fault::Reset(100), None), "interrupted"),
        ("document truncated", |w| w.server.fault(&doc_path(w, "b"), Fault::Truncate(20), None), "interrupted"),
        ("document connection reset mid-body", |w| w.server.fault(&doc_path(w, "e"), Fault::Reset(20), None), "interrupted"),
        ("document 404", |w| w.server.fault(&doc_path(w, "e"), Fault::Respond(404, vec![], vec![]), None), "feed-gone"),
        ("redirect loop", |w| w.server.fault("feed/manifest.json", Fault::Redirect("/feed/manifest.json".into()), None), "redirect"),
        ("six redirects", |w| {
            for i in 0..6 {
                w.server.fault(&format!("r{i}"), Fault::Redirect(format!("/r{}", i + 1)), None);
            }
            w.server.fault("feed/manifest.json", Fault::Redirect("/r0".into()), None);
        }, "redirect"),
        ("captive portal: HTML with 200", |w| w.server.fault("feed/manifest.json", Fault::Respond(200, vec![("Content-Type".into(), "text/html".into())], b"<!DOCTYPE html><title>Hotel Wi-Fi</title>".to_vec()), None), "sign-in"),
        ("captive portal: redirect to a login page", |w| {
            w.server.fault("login", Fault::Respond(200, vec![("Content-Type".into(), "text/html".into())], b"<html><form>Accept</form></html>".to_vec()), None);
            w.server.fault("feed/manifest.json", Fault::Redirect("/login".into()), None);
        }, "sign-in"),
        ("captive portal: HTML labelled as JSON", |w| w.server.fault("feed/manifest.json", json(b"<html><body>Sign in</body></html>".to_vec()), None), "sign-in"),
        ("gzip bomb", |w| {
            let bomb = gzip(&vec![b' '; 8 << 20]);
            w.server.fault("feed/manifest.json", Fault::Respond(200, vec![("Content-Encoding".into(), "gzip".into()), ("Content-Type".into(), "application/json".into())], bomb), None)
        }, "too-large"),
        ("manifest over the size cap", |w| w.server.fault("feed/manifest.json", json(vec![b' '; 2 << 20]), None), "too-large"),
        ("slow server", |w| w.server.fault("feed/manifest.json", Fault::Stall(Duration::from_secs(3)), None), "timeout"),
        // A byte every 200 ms is never a silence long enough for the read timeout: only the
        // body's pace ends it (#17 item 4).
        ("a server dripping the manifest a byte at a time", |w| w.server.fault("feed/manifest.json", Fault::Drip(Duration::from_millis(200)), None), "timeout"),
        ("a server dripping a document a byte at a time", |w| w.server.fault(&doc_path(w, "e"), Fault::Drip(Duration::from_millis(200)), None), "timeout"),
        ("tampered manifest", |w| {
            let mut b = std::fs::read(w.p.out().join("manifest.json")).unwrap();
            let i = b.iter().position(|c| *c == b'2').unwrap();
            b[i] = b'3';
            w.server.fault("feed/manifest.json", json(b), None)
        }, "signature"),
        ("signature missing", |w| w.server.fault("feed/manifest.json.minisig", Fault::Respond(404, vec![], vec![]), None), "signature"),
        ("signature garbage", |w| w.server.fault("feed/manifest.json.minisig", Fault::Respond(200, vec![], b"not a signature".to_vec()), None), "signature"),
        ("signed by a key that is not pinned", |w| {
            let other = Publisher::new();
            resigned(w, &other.secret, |_| {});
        }, "signature"),
        ("manifest of another publisher", |w| resigned(w, &w.p.secret.clone(), |m| m["publisher"]["key_id"] = "0123456789ABCDEF".into()), "publisher"),
        ("duplicate document ids", |w| resigned(w, &w.p.secret.clone(), |m| {
            let first = m["documents"][0].clone();
            m["documents"].as_array_mut().unwrap().insert(0, first);
        }), "tampered"),
        ("unknown manifest format", |w| resigned(w, &w.p.secret.clone(), |m| m["format"] = "peerlib-feed/9".into()), "tampered"),
        ("tampered document", |w| {
            let path = doc_path(w, "e");
            let mut b = std::fs::read(w.p.tmp.path().join(&path)).unwrap();
            let n = b.len();
            b[n / 2] ^= 1;
            w.server.fault(&path, json(b), None)
        }, "tampered"),
        ("documents mixed from two seqs", |w| {
            // seq 2 lists b's new bytes; the server (a stale cache) returns b as it was at seq 1.
            let m1: serde_json::Value = serde_json::from_slice(&std::fs::read(w.p.tmp.path().join("seq1/manifest.json")).unwrap()).unwrap();
            let p1 = m1["documents"].as_array().unwrap().iter().find(|d| d["id"] == "b").unwrap()["path"].as_str().unwrap().to_string();
            let bytes = std::fs::read(w.p.tmp.path().join("seq1").join(p1)).unwrap();
            w.server.fault(&doc_path(w, "b"), json(bytes), None)
        }, "tampered"),
        ("a document claiming another id", |w| {
            let a = std::fs::read(w.p.tmp.path().join(doc_path(w, "a"))).unwrap();
            resigned(w, &w.p.secret.clone(), |m| {
                let e = m["documents"].as_array_mut().unwrap().iter_mut().find(|d| d["id"] == "e").unwrap();
                e["sha256"] = peerlib_feed::sha256_hex(&a).into();
                e["size"] = a.len().into();
                e["path"] = format!("documents/{}.json", peerlib_feed::sha256_hex(&a)).into();
            });
        }, "tampered"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_leaves_the_library_exactly_as_it_was() {
    let table = faults();
    assert!(table.len() >= 30, "{} scenarios", table.len());
    for (name, setup, code) in table {
        let w = world().await;
        let before = snapshot(&w);
        setup(&w);
        let attempt = sync(&w).await.unwrap_or_else(|e| panic!("{name}: the sync itself errs: {e}"));
        let s = &attempt.sources[0];
        assert_eq!(s.code.map(|c| c.as_str()), Some(code), "{name}: {s:?}");
        assert!(matches!(s.outcome, SourceOutcome::Failed), "{name}: {s:?}");
        assert!(!attempt.ok(), "{name}");
        assert_eq!(snapshot(&w), before, "{name}: the library is exactly as it was");
        assert!(s.detail.as_deref().is_some_and(|d| !d.is_empty()), "{name}: the log says what happened");
        // Every fault passes: the same library syncs to seq 2 once the server behaves.
        w.server.clear_faults();
        clear_waits(&w);
        let again = sync(&w).await.unwrap();
        assert!(again.ok(), "{name}: after the fault, the sync recovers: {again:?}");
        assert_eq!(snapshot(&w).seq, Some(2), "{name}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_ends_at_its_deadline_and_releases_the_lock() {
    let w = world().await;
    let before = snapshot(&w);
    // Fast enough for any pace, far too slow to finish: only the sync's own deadline ends it.
    w.server.fault("feed/manifest.json", Fault::Drip(Duration::from_millis(20)), None);
    let o = SyncOptions {
        deadline: Duration::from_secs(2),
        pace: peerlib_sync::http::Pace { grace: Duration::from_secs(1), min_rate: 1 },
        ..options()
    };
    let ended = tokio::time::timeout(Duration::from_secs(60), sync_with(&w, &o)).await;
    let attempt = ended.expect("the sync ended by itself").expect("the sync reports the feed's failure");
    assert_eq!(attempt.sources[0].code.map(|c| c.as_str()), Some("timeout"), "{attempt:?}");
    assert_eq!(snapshot(&w), before, "nothing half-applied");
    w.server.clear_faults();
    let again = sync(&w).await.expect("the lock was released: the next sync is not busy");
    assert!(again.ok(), "{again:?}");
}

/// Retry-After waits recorded by a fault would (rightly) stop the recovery sync: forget them.
fn clear_waits(w: &World) {
    let mut log = peerlib_sync::SyncLog::read(&w.dir);
    log.waits.clear();
    log.write(&w.dir).unwrap();
}
