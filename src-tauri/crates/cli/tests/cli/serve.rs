//! `peerlib serve` as a real process on 127.0.0.1, spoken to over a real socket.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::{start, Server};
use std::process::Command;

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`; `path` goes on the wire as written.
fn get(s: &Server, method: &str, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", s.addr);
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = vec![];
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block") + 4;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut body = raw[split..].to_vec();
    // Decode chunked transfer encoding (used for compressed bodies).
    let r = Reply { status, headers, body: vec![] };
    if r.header("transfer-encoding") == Some("chunked") {
        let mut out = vec![];
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let n = usize::from_str_radix(std::str::from_utf8(&rest[..nl]).unwrap().trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + n]);
            rest = &rest[nl + 2 + n + 2..];
        }
        body = out;
    }
    Reply { body, ..r }
}

fn published() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (sk, pk, out) = (tmp.path().join("k"), tmp.path().join("k.pub"), tmp.path().join("site"));
    let run = |args: &[&str]| assert!(Command::new(env!("CARGO_BIN_EXE_peerlib")).args(args).output().unwrap().status.success());
    run(&["keygen", "--secret-key", sk.to_str().unwrap(), "--public-key", pk.to_str().unwrap()]);
    let starter = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../resources/starter");
    run(&["publish", starter, out.to_str().unwrap(), "--secret-key", sk.to_str().unwrap()]);
    (tmp, out)
}

#[test]
fn the_manifest_has_a_strong_etag_a_short_max_age_and_a_304() {
    let (_tmp, out) = published();
    let s = start(&out);
    let r = get(&s, "GET", "/manifest.json", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, std::fs::read(out.join("manifest.json")).unwrap());
    let etag = r.header("etag").unwrap().to_string();
    assert!(etag.starts_with('"') && etag.len() == 66, "a strong ETag: {etag}");
    assert_eq!(r.header("cache-control"), Some("public, max-age=60, must-revalidate"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let r = get(&s, "GET", "/manifest.json", &[("If-None-Match", &etag)]);
    assert_eq!(r.status, 304, "an unchanged manifest is answered with 304");
    assert!(r.body.is_empty());
    let r = get(&s, "GET", "/manifest.json", &[("If-None-Match", "\"other\"")]);
    assert_eq!(r.status, 200);
    let r = get(&s, "GET", "/feed.json", &[("Accept-Encoding", "gzip")]);
    assert_eq!(r.header("content-encoding"), Some("gzip"), "JSON is gzipped");
    assert!(r.body.starts_with(&[0x1f, 0x8b]));
}

#[test]
fn attachments_are_immutable_and_resume_with_ranges() {
    let (_tmp, out) = published();
    let s = start(&out);
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let deck = manifest["attachments"].as_array().unwrap().iter().find(|a| a["media_type"].as_str().unwrap().contains("presentation")).unwrap();
    let name = std::ffi::OsString::from(deck["sha256"].as_str().unwrap());
    let path = format!("/files/{}", name.to_string_lossy());
    let r = get(&s, "GET", &path, &[]);
    assert_eq!(r.header("content-type"), deck["media_type"].as_str(), "a file named by hash is served with the manifest's media type");
    let whole = std::fs::read(out.join("files").join(&name)).unwrap();
    let r = get(&s, "GET", &path, &[("Range", "bytes=100-")]);
    assert_eq!(r.status, 206);
    assert_eq!(r.body, whole[100..], "a download resumes from byte 100");
    assert_eq!(r.header("content-range"), Some(format!("bytes 100-{}/{}", whole.len() - 1, whole.len()).as_str()));
    assert_eq!(r.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(r.header("content-encoding"), None, "attachments are not recompressed");
    let r = get(&s, "GET", &path, &[("Range", &format!("bytes={}-", whole.len() + 5))]);
    assert_eq!(r.status, 416);
    let r = get(&s, "GET", &path, &[("Range", "bytes=0-9"), ("If-Range", "\"stale\"")]);
    assert_eq!((r.status, r.body.len()), (200, whole.len()), "a stale If-Range gets the whole file");
}

#[test]
fn paths_outside_the_folder_are_refused() {
    let (tmp, out) = published();
    std::fs::write(tmp.path().join("secret.txt"), "private").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("link.txt")).unwrap();
    let s = start(&out);
    for path in ["/../secret.txt", "/files/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/link.txt", "//etc/passwd", "/files\\..\\..\\secret.txt"] {
        let r = get(&s, "GET", path, &[]);
        assert_eq!(r.status, 404, "{path} must not be served");
        assert!(!String::from_utf8_lossy(&r.body).contains("private"));
    }
    assert_eq!(get(&s, "POST", "/manifest.json", &[]).status, 405);
}

/// Issue #17 item 11: a dotfile in OUT (a secret key left there, .git) is never served, asked
/// for by name or reached through a link.
#[test]
fn dotfiles_and_dot_folders_are_never_served() {
    let (_tmp, out) = published();
    std::fs::write(out.join(".network.key"), "untrusted comment: secret\nRWRTY0Iy...").unwrap();
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/config"), "[remote]").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(out.join(".network.key"), out.join("key.txt")).unwrap();
    let s = start(&out);
    assert_eq!(get(&s, "GET", "/manifest.json", &[]).status, 200, "the feed itself is served");
    for path in ["/.network.key", "/.git/config", "/files/../.network.key", "/key.txt"] {
        let r = get(&s, "GET", path, &[]);
        assert_eq!(r.status, 404, "{path} must not be served");
        assert!(!String::from_utf8_lossy(&r.body).contains("secret"), "{path}");
    }
}

#[test]
fn a_changed_manifest_gets_a_new_etag_and_head_reports_the_length() {
    let (tmp, out) = published();
    let s = start(&out);
    let first = get(&s, "GET", "/manifest.json", &[]);
    let etag = first.header("etag").unwrap().to_string();
    let head = get(&s, "HEAD", "/manifest.json", &[]);
    assert_eq!(head.header("content-length"), Some(first.body.len().to_string().as_str()), "HEAD says how long GET is");
    // A new publish replaces the file: the cached ETag must not outlive it.
    let (sk, starter) = (tmp.path().join("k"), concat!(env!("CARGO_MANIFEST_DIR"), "/../../../resources/starter"));
    assert!(Command::new(env!("CARGO_BIN_EXE_peerlib")).args(["publish", starter, out.to_str().unwrap(), "--secret-key", sk.to_str().unwrap()]).output().unwrap().status.success());
    let r = get(&s, "GET", "/manifest.json", &[("If-None-Match", &etag)]);
    assert_eq!(r.status, 200, "the new manifest is sent, not a 304 for the old one");
    assert_ne!(r.header("etag").unwrap(), etag);
    assert_eq!(r.body, std::fs::read(out.join("manifest.json")).unwrap());
}

#[test]
fn documents_are_gzipped_once_and_decompress_to_their_exact_bytes() {
    let (_tmp, out) = published();
    let s = start(&out);
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let path = m["documents"][0]["path"].as_str().unwrap().to_string();
    let original = std::fs::read(out.join(&path)).unwrap();
    let first = get(&s, "GET", &format!("/{path}"), &[("Accept-Encoding", "gzip, br")]);
    assert_eq!(first.header("content-encoding"), Some("gzip"));
    assert_eq!(first.header("vary"), Some("accept-encoding"));
    let mut plain = vec![];
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&first.body[..]), &mut plain).unwrap();
    assert_eq!(plain, original);
    let second = get(&s, "GET", &format!("/{path}"), &[("Accept-Encoding", "gzip")]);
    assert_eq!(second.body, first.body, "the same compressed bytes, from the cache");
    let identity = get(&s, "GET", &format!("/{path}"), &[]);
    assert_eq!(identity.header("content-encoding"), None, "no gzip unless asked");
    assert_eq!(identity.body, original);
}
