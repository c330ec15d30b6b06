//! A real HTTP/1.1 server on 127.0.0.1:0 that serves a folder (ETag, 304, Range) and can be told
//! to misbehave on a path: any status and headers, a body cut short, a reset connection, a
//! stall, a redirect. Written on raw TCP so that it can break the protocol the way real networks
//! do; the sync under test uses its real client against it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer with this status, headers and body.
    Respond(u16, Vec<(String, String)>, Vec<u8>),
    /// Send the real headers (with the full Content-Length) and only this many body bytes.
    Truncate(usize),
    /// Send this many body bytes, then reset the connection (SO_LINGER 0).
    Reset(usize),
    /// Say nothing for this long before answering normally.
    Stall(Duration),
    /// 302 to this path or URL.
    Redirect(String),
    /// Send the real headers, then the body one byte at a time, this long between bytes.
    Drip(Duration),
}

#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct State {
    root: PathBuf,
    /// path -> (fault, how many more times; None = always)
    faults: Vec<(String, Fault, Option<u32>)>,
    requests: Vec<Request>,
}

#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Server {
    pub async fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State { root: root.to_path_buf(), ..Default::default() }));
        let s = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else { break };
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = handle(sock, s).await;
                });
            }
        });
        Server { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    /// Misbehave on `path` (every time, or `times` times).
    pub fn fault(&self, path: &str, fault: Fault, times: Option<u32>) {
        self.state.lock().unwrap().faults.push((path.trim_start_matches('/').to_string(), fault, times));
    }

    pub fn clear_faults(&self) {
        self.state.lock().unwrap().faults.clear();
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

async fn handle(mut sock: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = sock.read(&mut chunk).await?;
        if n == 0 || buf.len() > 65536 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let path = lines.next().unwrap_or("").split(' ').nth(1).unwrap_or("/").trim_start_matches('/').to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let (fault, root) = {
        let mut st = state.lock().unwrap();
        st.requests.push(Request { path: path.clone(), headers: headers.clone() });
        let mut found = None;
        for f in st.faults.iter_mut() {
            if f.0 == path && f.2 != Some(0) {
                if let Some(n) = f.2.as_mut() {
                    *n -= 1;
                }
                found = Some(f.1.clone());
                break;
            }
        }
        (found, st.root.clone())
    };
    let send = |status: u16, hdrs: Vec<(String, String)>, body_len: usize| {
        let mut out = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\nContent-Length: {body_len}\r\n", reason(status));
        for (k, v) in hdrs {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.into_bytes()
    };
    match fault {
        Some(Fault::Respond(status, hdrs, body)) => {
            sock.write_all(&send(status, hdrs, body.len())).await?;
            sock.write_all(&body).await?;
            return sock.shutdown().await;
        }
        Some(Fault::Redirect(to)) => {
            sock.write_all(&send(302, vec![("Location".into(), to)], 0)).await?;
            return sock.shutdown().await;
        }
        Some(Fault::Stall(d)) => tokio::time::sleep(d).await,
        _ => {}
    }
    // The folder, as a static host would serve it.
    let file = if path.contains("..") { None } else { std::fs::read(root.join(&path)).ok() };
    let Some(body) = file else {
        sock.write_all(&send(404, vec![], 9)).await?;
        sock.write_all(b"not found").await?;
        return sock.shutdown().await;
    };
    let etag = format!("\"{}\"", &peerlib_feed::sha256_hex(&body)[..16]);
    if headers.get("if-none-match") == Some(&etag) {
        sock.write_all(&send(304, vec![("ETag".into(), etag)], 0)).await?;
        return sock.shutdown().await;
    }
    let ctype = if path.ends_with(".json") {
        "application/json"
    } else if path.ends_with(".xml") || path.ends_with(".rss") {
        "application/rss+xml"
    } else {
        "application/octet-stream"
    };
    let mut hdrs = vec![("ETag".to_string(), etag), ("Content-Type".to_string(), ctype.to_string()), ("Accept-Ranges".into(), "bytes".into())];
    let mut status = 200;
    let mut body = body;
    let total = body.len();
    if let Some(from) = headers.get("range").and_then(|r| r.strip_prefix("bytes=")).and_then(|r| r.trim_end_matches('-').parse::<usize>().ok()) {
        if from < total {
            status = 206;
            hdrs.push(("Content-Range".into(), format!("bytes {from}-{}/{total}", total - 1)));
            body = body[from..].to_vec();
        }
    }
    match fault {
        Some(Fault::Truncate(n)) => {
            sock.write_all(&send(status, hdrs, body.len())).await?;
            sock.write_all(&body[..n.min(body.len())]).await?;
            sock.flush().await?;
            // Closed early: the client sees fewer bytes than Content-Length.
            drop(sock);
            Ok(())
        }
        Some(Fault::Drip(every)) => {
            sock.write_all(&send(status, hdrs, body.len())).await?;
            for b in body {
                sock.write_all(&[b]).await?;
                sock.flush().await?;
                tokio::time::sleep(every).await;
            }
            sock.shutdown().await
        }
        Some(Fault::Reset(n)) => {
            sock.write_all(&send(status, hdrs, body.len())).await?;
            sock.write_all(&body[..n.min(body.len())]).await?;
            sock.flush().await?;
            let std = sock.into_std()?;
            socket2::SockRef::from(&std).set_linger(Some(Duration::ZERO))?;
            drop(std);
            Ok(())
        }
        _ => {
            sock.write_all(&send(status, hdrs, body.len())).await?;
            sock.write_all(&body).await?;
            sock.shutdown().await
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// A publisher with its own key, Markdown sources and published feed folder, for tests.
pub struct Publisher {
    pub tmp: tempfile::TempDir,
    pub secret: String,
    pub public: String,
    pub now: i64,
}

impl Publisher {
    pub fn new() -> Publisher {
        let tmp = tempfile::tempdir().unwrap();
        let (s, p) = (tmp.path().join("key.sec"), tmp.path().join("key.pub"));
        peerlib_feed::publish::keygen(&s, &p, false).unwrap();
        std::fs::create_dir_all(tmp.path().join("src/files")).unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        Publisher { secret: std::fs::read_to_string(s).unwrap(), public: std::fs::read_to_string(p).unwrap(), tmp, now }
    }

    pub fn src(&self) -> PathBuf {
        self.tmp.path().join("src")
    }

    /// The published feed, served at `/feed/`.
    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("feed")
    }

    pub fn write_doc(&self, id: &str, title: &str, body: &str, attachment: Option<&[u8]>) {
        let mut fm = format!("+++\ntitle = \"{title}\"\nkind = \"news\"\nlanguage = \"en\"\npublished = 2024-01-01\n");
        if let Some(bytes) = attachment {
            std::fs::write(self.src().join(format!("files/{id}.pdf")), bytes).unwrap();
            fm.push_str(&format!("attachments = [ {{ path = \"files/{id}.pdf\", title = \"{title} (PDF)\" }} ]\n"));
        }
        std::fs::write(self.src().join(format!("{id}.md")), format!("{fm}+++\n{body}\n")).unwrap();
    }

    pub fn remove_doc(&self, id: &str) {
        std::fs::remove_file(self.src().join(format!("{id}.md"))).unwrap();
    }

    pub fn publish(&self) -> i64 {
        self.publish_expiring(30)
    }

    /// Publish signed with another secret key (after a key rotation).
    pub fn publish_signed_by(&self, secret: &str) -> i64 {
        let opts = peerlib_feed::publish::PublishOptions { publisher: "Test network", expires_in_days: 30, now: self.now };
        peerlib_feed::publish::publish(&self.src(), &self.out(), secret, &opts).unwrap().seq
    }

    /// A new key pair: (secret key text, public key text).
    pub fn new_key(&self, name: &str) -> (String, String) {
        let (s, p) = (self.tmp.path().join(format!("{name}.sec")), self.tmp.path().join(format!("{name}.pub")));
        peerlib_feed::publish::keygen(&s, &p, false).unwrap();
        (std::fs::read_to_string(s).unwrap(), std::fs::read_to_string(p).unwrap())
    }

    pub fn publish_expiring(&self, days: i64) -> i64 {
        let opts = peerlib_feed::publish::PublishOptions { publisher: "Test network", expires_in_days: days, now: self.now };
        peerlib_feed::publish::publish(&self.src(), &self.out(), &self.secret, &opts).unwrap().seq
    }

    /// Play a publisher that lies (or whose key was used by someone who does): replace the bytes
    /// of document `id`'s first attachment in the published feed with `bytes`, keeping the media
    /// type it claims, and sign the result. `publish` itself refuses such a file.
    pub fn swap_attachment(&self, id: &str, bytes: &[u8]) {
        use peerlib_feed::sha256_hex;
        let out = self.out();
        let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        let entry = m["documents"].as_array_mut().unwrap().iter_mut().find(|d| d["id"] == id).unwrap();
        let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join(entry["path"].as_str().unwrap())).unwrap()).unwrap();
        let old = doc["attachments"][0]["sha256"].as_str().unwrap().to_string();
        let new = sha256_hex(bytes);
        std::fs::write(out.join(format!("files/{new}")), bytes).unwrap();
        doc["attachments"][0]["sha256"] = new.clone().into();
        doc["attachments"][0]["size"] = bytes.len().into();
        let doc_bytes = serde_json::to_vec(&doc).unwrap();
        let doc_sha = sha256_hex(&doc_bytes);
        std::fs::write(out.join(format!("documents/{doc_sha}.json")), &doc_bytes).unwrap();
        entry["sha256"] = doc_sha.clone().into();
        entry["size"] = doc_bytes.len().into();
        entry["path"] = format!("documents/{doc_sha}.json").into();
        let a = m["attachments"].as_array_mut().unwrap().iter_mut().find(|a| a["sha256"] == old.as_str()).unwrap();
        a["sha256"] = new.clone().into();
        a["size"] = bytes.len().into();
        a["path"] = format!("files/{new}").into();
        let bytes = serde_json::to_vec_pretty(&m).unwrap();
        let sig = peerlib_feed::publish::sign_manifest(&bytes, &self.secret, m["seq"].as_i64().unwrap()).unwrap();
        std::fs::write(out.join("manifest.json"), bytes).unwrap();
        std::fs::write(out.join("manifest.json.minisig"), sig).unwrap();
    }

    /// A copy of the feed as it is now, under `name/` beside it (to serve an old seq later).
    pub fn snapshot(&self, name: &str) -> PathBuf {
        let to = self.tmp.path().join(name);
        copy_dir(&self.out(), &to);
        to
    }

    /// resources/network.toml for this publisher's feed at `feed_url`.
    pub fn network(&self, feed_url: &str) -> peerlib_feed::network::Network {
        peerlib_feed::network::Network::parse(&self.network_toml(feed_url)).unwrap()
    }

    pub fn network_toml(&self, feed_url: &str) -> String {
        let key = peerlib_feed::manifest::PinnedKey::parse(&self.public).unwrap();
        let line = self.public.lines().nth(1).unwrap().trim();
        format!("name = \"Test network\"\nfeed_url = \"{feed_url}\"\n[[keys]]\nid = \"{}\"\npublic_key = \"{line}\"\ncomment = \"test\"\n", key.id())
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A publisher's feed served at `/feed/` on a loopback server, and an empty data folder that
/// follows it as its network.
pub struct World {
    pub p: Publisher,
    pub server: Server,
    pub _data: tempfile::TempDir,
    pub dir: peerlib_store::paths::DataDir,
    pub network: peerlib_feed::network::Network,
}

/// Extraction children for this test binary: the crate's test-only child program (a test
/// binary cannot be its own child, as the app and peerlib are).
pub fn extraction_child() {
    peerlib_sync::sandbox::use_program(PathBuf::from(env!("CARGO_BIN_EXE_peerlib-extract-child")));
}

impl World {
    pub async fn serve(p: Publisher) -> World {
        extraction_child();
        let server = Server::start(p.tmp.path()).await;
        let network = p.network(&server.url("feed/"));
        let data = tempfile::tempdir().unwrap();
        World { dir: peerlib_store::paths::DataDir::new(data.path()), _data: data, p, server, network }
    }

    pub async fn sync_with(&self, o: &peerlib_sync::SyncOptions) -> Result<peerlib_sync::Attempt, peerlib_sync::SyncError> {
        peerlib_sync::sync(&self.dir, &self.network, o, &peerlib_sync::Cancel::new(), &|_| {}).await
    }
}

/// Small caps and short timeouts, so that faults show quickly.
pub fn options(read_timeout: Duration) -> peerlib_sync::SyncOptions {
    peerlib_sync::SyncOptions {
        limits: peerlib_sync::http::Limits { manifest: 1 << 20, signature: 4096, document: 1 << 20, website_feed: 1 << 20 },
        connect_timeout: Duration::from_secs(2),
        read_timeout,
        // A test's bodies are a few kilobytes: after a second each must have come at 256 B/s.
        pace: peerlib_sync::http::Pace { grace: Duration::from_secs(1), min_rate: 256 },
        ..Default::default()
    }
}
