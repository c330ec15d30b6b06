//! The signed feed over HTTP. `peerlib serve DIR` serves a publisher's folder for development and
//! small deployments; [`nearby`] serves this laptop's copy of the feed to laptops in the same
//! room (#20), from `peerlib share` and from the window, under a path only those who were shown
//! its code know.
//!
//! `peerlib serve DIR`: the feed over HTTP for development and for small deployments, with the
//! caching a CDN would give: strong ETags (the sha256 of the bytes) answered with 304, single
//! byte ranges (resuming an attachment download), gzip for JSON, `immutable` for the
//! content-addressed paths and a short max-age for the manifest. Paths outside DIR, dotfiles and
//! dot-folders are refused.
//!
//! It must survive a client that tries to exhaust it (issue #17 item 11), within `Limits`:
//! - Memory: files are streamed in `CHUNK`s from one open file; only files of at most `WHOLE`
//!   bytes are read whole. Before, every request read its whole file: ten one-byte ranges of a
//!   300 MB file took 2.6 GB.
//! - Time: a connection must send a whole request head within `Limits::idle` of opening or of
//!   its last answer (hyper's header read timeout: also a head sent a byte at a time), and a
//!   write of an answer that makes no progress for `Limits::send` ends it (`TimedWrites`).
//! - Connections: at most `Limits::connections` at once; more wait, unaccepted, in the kernel's
//!   listen queue until one ends. One connection runs one request at a time (HTTP/1.1), so there
//!   is no limit of requests per connection: it would only make a sync of 10,000 documents
//!   reconnect.
//!
//! Why not tower-http's `ServeDir`/`ServeFile` (0.6), which stream and answer ranges: they send no
//! ETag and ignore If-None-Match and If-Range. The sync client's conditional GET of the manifest
//! would rest on Last-Modified alone, an HTTP date of one-second resolution: two publishes within
//! a second would answer 304 for a changed manifest. They open the file by path
//! themselves, so an ETag computed here could describe a file other than the one they send while
//! a publish swaps OUT. They follow links out of the folder and serve dotfiles (`resolve` stays),
//! and cannot know the media type of a file named by hash (the manifest says it). Wrapped with
//! all of that, they would do only the streaming of a range, which is `Content::body` here.
//!
//! To add a header or a rule for a path: `answer_headers` (headers every answer carries) or
//! `file` (what is answered).

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use sha2::{Digest, Sha256};
use std::future::Future;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};
use tokio_util::io::ReaderStream;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

pub mod nearby;

/// What one client may hold of the server. `Default` is what `peerlib serve` uses; each can be
/// made smaller through an environment variable (`from_env`) so that tests reach the limits in
/// well under a second. They are not options: nobody has needed other values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A connection must send a whole request head within this long of opening or of its last
    /// answer, else it is closed.
    pub idle: Duration,
    /// A write of an answer that makes no progress for this long ends the connection.
    pub send: Duration,
    /// Connections served at once; more wait in the kernel's listen queue.
    pub connections: usize,
}

impl Default for Limits {
    /// nginx waits 60 s for a head and between writes; a laptop sends its next request at once
    /// and reads as fast as its network allows, so less will do. 256 connections and their open
    /// files stay well within the usual 1,024 file descriptors.
    fn default() -> Limits {
        Limits { idle: Duration::from_secs(10), send: Duration::from_secs(30), connections: 256 }
    }
}

impl Limits {
    /// The defaults, with `PEERLIB_SERVE_IDLE_TIMEOUT_MS`, `PEERLIB_SERVE_SEND_TIMEOUT_MS` and
    /// `PEERLIB_SERVE_MAX_CONNECTIONS` in their place when set to a positive number.
    pub fn from_env() -> Limits {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok()).filter(|n| *n > 0);
        let d = Limits::default();
        Limits {
            idle: var("PEERLIB_SERVE_IDLE_TIMEOUT_MS").map_or(d.idle, Duration::from_millis),
            send: var("PEERLIB_SERVE_SEND_TIMEOUT_MS").map_or(d.send, Duration::from_millis),
            // Bounded so that `acquire_many` can take every slot back at shutdown.
            connections: var("PEERLIB_SERVE_MAX_CONNECTIONS").map_or(d.connections, |n| n.min(1 << 16) as usize),
        }
    }
}

/// Files up to this size are read whole (one trip to the blocking pool, as fast as before for
/// the thousands of small documents a sync asks for); larger ones are streamed.
const WHOLE: u64 = 64 << 10;

/// What a streamed answer reads at a time.
const CHUNK: usize = 64 << 10;

/// hyper's buffer for one connection, and so the largest request head (a larger one gets 431).
/// nginx allows 4 × 8 KiB; a laptop sends a few hundred bytes. hyper's default, about 400 KiB,
/// would let 256 slow heads hold 100 MB.
const MAX_HEAD: usize = 32 << 10;

/// What is known of each file served, by path, with the file's stamp when it was learnt.
type Stamped<T> = std::collections::HashMap<PathBuf, (FileStamp, T)>;

/// What the handler shares: the canonical root (resolved once) and each file's ETag, valid while
/// its size, modification time and inode are unchanged, so a 304 costs a stat, not a read and a
/// hash.
struct Site {
    root: PathBuf,
    etags: std::sync::RwLock<Stamped<String>>,
    /// Held while a file larger than `WHOLE` is hashed: a burst of first requests for a large
    /// file costs one read of it, not one each, and hashing never takes every core.
    hashing: std::sync::Mutex<()>,
    /// Attachments' media types from manifest.json (files are named by hash only), reloaded
    /// when the manifest changes.
    media: std::sync::RwLock<Option<(FileStamp, std::collections::HashMap<String, String>)>>,
    /// Documents compressed once (they are content-addressed and never change), as a CDN or
    /// nginx's gzip_static would: thousands of small JSON files are not gzipped again per request.
    gzipped: std::sync::RwLock<(usize, Stamped<Bytes>)>,
    /// Only paths under `/{prefix}/` are answered (nearby sharing's code); None: every path.
    prefix: Option<String>,
    /// What was taken, counted for the sharing laptop's panel.
    tally: Option<Arc<nearby::Tally>>,
}

/// How a folder is served beyond `Limits`: `Default` is `peerlib serve`'s (every path, nothing
/// counted).
#[derive(Clone, Default)]
pub struct Options {
    /// Answer only paths that start with `/{prefix}/` (the rest is served from root as usual);
    /// every other path is 404, as if nothing were there.
    pub prefix: Option<String>,
    /// Count the peers that took the manifest and the documents and files they took.
    pub tally: Option<Arc<nearby::Tally>>,
    /// Close at once a connection from an address that is not the room's
    /// (`nearby::is_room_address`): a laptop on a network of public addresses can be reached
    /// from the internet, whose scanners must not learn what it runs.
    pub room_only: bool,
}

/// The connection an answer goes to, as the tally's opaque number (`Tally::peer`).
#[derive(Clone, Copy)]
struct Peer(u64);

/// At most this many bytes of compressed documents are kept.
const GZIP_CACHE: usize = 64 << 20;

impl Site {
    fn media_type_of(&self, sha256: &str) -> Option<String> {
        let manifest = self.root.join("manifest.json");
        let stamp = FileStamp::of(&std::fs::metadata(&manifest).ok()?);
        if let Some((s, map)) = self.media.read().ok()?.as_ref() {
            if *s == stamp {
                return map.get(sha256).cloned();
            }
        }
        // One request reloads a changed manifest (up to 32 MB) while the others wait for its
        // map, rather than each reading and parsing it.
        let mut slot = self.media.write().ok()?;
        if let Some((s, map)) = slot.as_ref() {
            if *s == stamp {
                return map.get(sha256).cloned();
            }
        }
        let m: serde_json::Value = std::fs::read(&manifest).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        let map: std::collections::HashMap<String, String> = m["attachments"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| Some((a["sha256"].as_str()?.to_string(), a["media_type"].as_str()?.to_string())))
            .collect();
        let found = map.get(sha256).cloned();
        *slot = Some((stamp, map));
        found
    }

    fn media_type(&self, rel: &str, path: &Path) -> String {
        match rel.strip_prefix("files/") {
            Some(sha) => self.media_type_of(sha).unwrap_or_else(|| "application/octet-stream".into()),
            None => mime_guess::from_path(path).first_raw().unwrap_or("application/octet-stream").to_string(),
        }
    }

    fn cached_etag(&self, path: &Path, stamp: FileStamp) -> Option<String> {
        self.etags.read().ok()?.get(path).filter(|(s, _)| *s == stamp).map(|(_, e)| e.clone())
    }

    fn remember_etag(&self, path: &Path, stamp: FileStamp, etag: String) -> String {
        if let Ok(mut m) = self.etags.write() {
            m.insert(path.to_path_buf(), (stamp, etag.clone()));
        }
        etag
    }

    /// Opens `path` for one answer (blocking: run on the blocking pool). The length, ETag and
    /// bytes are all those of this one open file, so a publish that swaps OUT meanwhile cannot
    /// pair one file's ETag with another's bytes.
    fn open(&self, path: &Path, rel: &str) -> std::io::Result<Opened> {
        let mut file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        let stamp = FileStamp::of(&meta);
        let media = self.media_type(rel, path);
        if meta.len() <= WHOLE {
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            // `take`: a file that grew since the stat is still read no further than WHOLE.
            (&mut file).take(WHOLE).read_to_end(&mut bytes)?;
            let etag = match self.cached_etag(path, stamp) {
                Some(e) => e,
                None => self.remember_etag(path, stamp, format!("\"{}\"", hex::encode(Sha256::digest(&bytes)))),
            };
            return Ok(Opened { stamp, len: bytes.len() as u64, etag, media, content: Content::Whole(Bytes::from(bytes)) });
        }
        let etag = match self.cached_etag(path, stamp) {
            Some(e) => e,
            None => {
                let _one = self.hashing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                match self.cached_etag(path, stamp) {
                    Some(e) => e,
                    None => {
                        let mut hasher = Sha256::new();
                        std::io::copy(&mut file, &mut hasher)?;
                        self.remember_etag(path, stamp, format!("\"{}\"", hex::encode(hasher.finalize())))
                    }
                }
            }
        };
        Ok(Opened { stamp, len: meta.len(), etag, media, content: Content::Streamed(file) })
    }
}

/// A file opened for one answer.
struct Opened {
    stamp: FileStamp,
    len: u64,
    etag: String,
    media: String,
    content: Content,
}

enum Content {
    /// A file of at most `WHOLE` bytes, already read.
    Whole(Bytes),
    /// A larger file, read `CHUNK` by `CHUNK` as the client takes it.
    Streamed(std::fs::File),
}

impl Content {
    /// `count` bytes from `start` (both within the file).
    fn body(self, start: u64, count: u64) -> std::io::Result<Body> {
        match self {
            Content::Whole(b) => Ok(Body::from(b.slice(start as usize..(start + count) as usize))),
            Content::Streamed(mut file) => {
                // A seek only moves the file's offset (no disk I/O): fine on this thread.
                file.seek(SeekFrom::Start(start))?;
                let reader = tokio::fs::File::from_std(file).take(count);
                Ok(Body::from_stream(ReaderStream::with_capacity(reader, CHUNK)))
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    ino: u64,
}

impl FileStamp {
    fn of(meta: &std::fs::Metadata) -> FileStamp {
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            ino: std::os::unix::fs::MetadataExt::ino(meta),
        }
    }
}

/// The app that serves `root`.
fn router(root: PathBuf, options: Options) -> Router {
    let root = root.canonicalize().unwrap_or(root);
    let site = Arc::new(Site {
        root,
        etags: Default::default(),
        hashing: Default::default(),
        media: Default::default(),
        gzipped: Default::default(),
        prefix: options.prefix,
        tally: options.tally,
    });
    // Only JSON is worth compressing: attachments are already compressed (PDF, PPTX, images).
    let json_only = SizeAbove::new(256)
        .and(NotForContentType::new("application/pdf"))
        .and(NotForContentType::new("application/octet-stream"))
        .and(NotForContentType::new("application/vnd.openxmlformats"))
        .and(NotForContentType::IMAGES);
    Router::new().fallback(file).with_state(site).layer(CompressionLayer::new().gzip(true).compress_when(json_only))
}

/// Serve until Ctrl+C, within `limits`. `ready` is told the address actually bound (port 0 picks
/// a free one). On Ctrl+C it stops accepting, closes idle connections, lets the others finish
/// the answer they are sending and returns when all have closed, or at a second Ctrl+C.
///
/// A loop of our own rather than `axum::serve`, which sets no timer (so hyper's header read
/// timeout never runs), has no write timeout and accepts without limit.
pub async fn serve(root: PathBuf, addr: std::net::SocketAddr, limits: Limits, ready: impl FnOnce(std::net::SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    serve_until(listener, root, limits, Options::default(), ctrl_c, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// Serve `root` on `listener` within `limits` until `stop` completes; then stop accepting, close
/// idle connections, let the others finish the answer they are sending, and return when all have
/// closed or when `force` completes (it is first polled once `stop` has).
pub async fn serve_until(listener: tokio::net::TcpListener, root: PathBuf, limits: Limits, options: Options, stop: impl Future<Output = ()>, force: impl Future<Output = ()>) {
    let (tally, room_only) = (options.tally.clone(), options.room_only);
    let app = router(root, options);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.idle).max_buf_size(MAX_HEAD);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections));
    let (stop_all, stopping) = tokio::sync::watch::channel(());
    tokio::pin!(stop);
    loop {
        // A slot is taken before accepting, so past the limit a connection waits in the listen
        // queue (costing this process nothing) instead of being accepted and left unserved.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            _ = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    after_accept_error(e).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        if room_only && !nearby::is_room_address(peer.ip().to_canonical()) {
            drop(stream);
            continue;
        }
        // Only with a tally: each answer then knows its peer's opaque number.
        let service = match &tally {
            Some(t) => app.clone().layer(axum::Extension(Peer(t.peer(peer.ip())))),
            None => app.clone(),
        };
        let conn = http.serve_connection(TokioIo::new(TimedWrites::new(stream, limits.send)), TowerToHyperService::new(service));
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let mut conn = Box::pin(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopping.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.as_mut().await;
                }
            }
            // The socket is closed before its slot is given back, else one more connection than
            // the limit would be open for a moment.
            drop(conn);
            drop(slot);
        });
    }
    drop(listener);
    drop(stopping);
    let _ = stop_all.send(());
    // Each connection gives its slot back when it ends: holding them all means all have ended.
    // A download to a slow but steady client may take minutes: `force` (a second Ctrl+C) stops
    // at once.
    tokio::select! {
        _ = slots.acquire_many(limits.connections as u32) => {}
        _ = force => {}
    }
}

/// A connection that went away before it was accepted is nothing to wait for; anything else
/// (out of file descriptors, above all) lasts until a connection closes, so wait a little rather
/// than spin (axum::serve waits a second).
async fn after_accept_error(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(e.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A socket whose writes give up after `stall` without progress. hyper times out the reading of
/// a request head but not the writing of an answer: a client that asks for a large file and
/// never reads it would hold its connection, its open file and its slot for ever. Only a write
/// that waits counts; a client that reads slowly but steadily is served, as with nginx's
/// `send_timeout`.
struct TimedWrites<S> {
    inner: S,
    stall: Duration,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Whether the last write waited: the deadline runs from the first of a run of waits.
    waiting: bool,
}

impl<S> TimedWrites<S> {
    fn new(inner: S, stall: Duration) -> TimedWrites<S> {
        TimedWrites { inner, stall, deadline: None, waiting: false }
    }

    fn checked<T>(&mut self, cx: &mut Context<'_>, polled: Poll<std::io::Result<T>>) -> Poll<std::io::Result<T>> {
        if polled.is_ready() {
            self.waiting = false;
            return polled;
        }
        let at = tokio::time::Instant::now() + self.stall;
        let deadline = self.deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(at)));
        if !self.waiting {
            deadline.as_mut().reset(at);
            self.waiting = true;
        }
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for TimedWrites<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for TimedWrites<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.checked(cx, polled)
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[std::io::IoSlice<'_>]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.checked(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_flush(cx);
        this.checked(cx, polled)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.checked(cx, polled)
    }
}

/// RFC 9110 13.1.2: If-None-Match with a matching entity tag (or *) is answered with 304; the
/// comparison is weak, so `W/"…"` matches too.
fn none_match(if_none_match: &str, etag: &str) -> bool {
    if_none_match.split(',').map(str::trim).any(|t| t == etag || t == "*" || t.strip_prefix("W/") == Some(etag))
}

/// The headers every answer for `rel` carries, 304s included.
fn answer_headers(rel: &str, etag: &str, media: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(header::ETAG, HeaderValue::from_str(etag).expect("hex is a valid header"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(rel)));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(media).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h
}

async fn file(State(site): State<Arc<Site>>, peer: Option<axum::Extension<Peer>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let asked = match &site.prefix {
        // The code must be the whole first segment: `/CODE/…`, never `/CODEX/…` or `/CODE`.
        Some(p) => match uri.path().strip_prefix('/').and_then(|r| r.strip_prefix(p.as_str())) {
            Some(rest) if rest.starts_with('/') => rest,
            // And the connection is closed: a host guessing codes gets one guess per connection
            // and holds no slot while it thinks of the next.
            _ => return (StatusCode::NOT_FOUND, [(header::CONNECTION, "close")]).into_response(),
        },
        None => uri.path(),
    };
    let Some(path) = resolve(&site.root, asked) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rel = asked.trim_start_matches('/').to_string();
    let get = method == Method::GET;
    let response = answer(&site, method, &path, &rel, &headers).await;
    if let (Some(tally), Some(axum::Extension(Peer(peer))), true) = (&site.tally, peer, get) {
        tally.count(peer, &rel, response.status());
    }
    response
}

/// The answer for `path` (`rel` below root), already resolved.
async fn answer(site: &Arc<Site>, method: Method, path: &Path, rel: &str, headers: &HeaderMap) -> Response {
    let (path, rel) = (path.to_path_buf(), rel.to_string());
    let if_none_match = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok());
    // The 304 for an unchanged manifest is what every laptop asks at every sync: a stat (a few
    // microseconds, done inline) and the cached ETag answer it, without opening the file.
    if let Some(inm) = if_none_match {
        if let Some(etag) = std::fs::metadata(&path).ok().and_then(|m| site.cached_etag(&path, FileStamp::of(&m))) {
            if none_match(inm, &etag) {
                return (StatusCode::NOT_MODIFIED, answer_headers(&rel, &etag, &site.media_type(&rel, &path))).into_response();
            }
        }
    }
    let opened = {
        let (site, path, rel) = (site.clone(), path.clone(), rel.clone());
        tokio::task::spawn_blocking(move || site.open(&path, &rel)).await
    };
    let Ok(Ok(Opened { stamp, len, etag, media, content })) = opened else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut h = answer_headers(&rel, &etag, &media);
    if if_none_match.is_some_and(|inm| none_match(inm, &etag)) {
        return (StatusCode::NOT_MODIFIED, h).into_response();
    }
    let head = method == Method::HEAD;
    if let Some(range) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        // A Range is honoured only if If-Range (when sent) still names these bytes.
        let fresh = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok()).is_none_or(|v| v == etag);
        if fresh {
            let Some((start, end)) = byte_range(range, len) else {
                h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes */{len}")).expect("digits"));
                return (StatusCode::RANGE_NOT_SATISFIABLE, h).into_response();
            };
            h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes {start}-{end}/{len}")).expect("digits"));
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(end - start + 1));
            return match if head { Ok(Body::empty()) } else { content.body(start, end - start + 1) } {
                Ok(body) => (StatusCode::PARTIAL_CONTENT, h, body).into_response(),
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            };
        }
    }
    let accepts_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("gzip"))));
    // Documents larger than WHOLE are streamed instead, and the compression layer gzips them on
    // the way without keeping them.
    if let (Content::Whole(bytes), true) = (&content, accepts_gzip && !head && rel.starts_with("documents/") && len > 256) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        let hit = site.gzipped.read().ok().and_then(|c| c.1.get(&path).filter(|(s, _)| *s == stamp).map(|(_, b)| b.clone()));
        let gz = match hit {
            Some(b) => b,
            None => {
                let gz = Bytes::from(gzip(bytes));
                if let Ok(mut c) = site.gzipped.write() {
                    if c.0 + gz.len() <= GZIP_CACHE {
                        c.0 += gz.len();
                        c.1.insert(path.clone(), (stamp, gz.clone()));
                    }
                }
                gz
            }
        };
        return (StatusCode::OK, h, Body::from(gz)).into_response();
    }
    // A HEAD answer carries the length a GET would send.
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    match if head { Ok(Body::empty()) } else { content.body(0, len) } {
        Ok(body) => (StatusCode::OK, h, body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `bytes` as a gzip member, deflated by this thread's one compressor, reset between uses.
///
/// A compressor is about 300 KB. One made and dropped per document, with each small compressed
/// copy kept in the cache, fragmented the heap so that the freed compressors' space was never
/// reused: the server grew by about 270 KB per document served (a sync of 100,000 documents took
/// it past 22 GB, and the kernel killed it). The few worker threads keep one each instead.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        static DEFLATE: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::default(), false));
    }
    // RFC 1952: magic, deflate, no flags, no time, no extra flags, an unknown system.
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    DEFLATE.with(|d| {
        let mut d = d.borrow_mut();
        d.reset();
        loop {
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(1024));
            }
            let read = d.total_in() as usize;
            match d.compress_vec(&bytes[read..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break,
                Ok(_) => {}
                Err(e) => unreachable!("deflate of bytes in memory cannot fail: {e}"),
            }
        }
    });
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.shrink_to_fit();
    out
}

/// Content-addressed paths never change; the manifest and feed.json do.
fn cache_control(rel: &str) -> &'static str {
    if rel.starts_with("documents/") || rel.starts_with("files/") {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=60, must-revalidate"
    }
}

/// A request path as a file under root (already canonical): plain names only (no `..`, no root,
/// no backslashes), and what it resolves to (following symlinks) must still be inside root.
fn resolve(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let rel = uri_path.trim_start_matches('/');
    let rel = if rel.is_empty() { "feed.json" } else { rel };
    if rel.contains('\\') || rel.contains('\0') || rel.contains('%') {
        return None;
    }
    let rel = Path::new(rel);
    // No dotfile or dot-folder, asked for or reached through a link (a secret key, .git, an
    // editor's backup left in OUT must never be served).
    let hidden = |p: &Path| p.components().any(|c| matches!(c, Component::Normal(n) if n.to_string_lossy().starts_with('.')));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) || hidden(rel) {
        return None;
    }
    let real = root.join(rel).canonicalize().ok()?;
    let inside = real.strip_prefix(root).ok()?;
    (!hidden(inside) && real.is_file()).then_some(real)
}

/// One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, as inclusive (start, end). Several ranges
/// are not served (the whole file is simpler for everyone); None means unsatisfiable.
fn byte_range(spec: &str, len: u64) -> Option<(u64, u64)> {
    let r = spec.strip_prefix("bytes=")?.trim();
    if r.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = r.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: u64 = n.parse().ok()?;
            (len.saturating_sub(n), len - 1)
        }
        (s, "") => (s.parse().ok()?, len - 1),
        (s, e) => (s.parse().ok()?, e.parse::<u64>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_a_gzip_member_of_the_exact_bytes_again_and_again() {
        let texts: Vec<Vec<u8>> = vec![vec![], b"x".to_vec(), "{\"title\": \"Доклад\"}".repeat(500).into_bytes(), (0..=255u8).cycle().take(200_000).collect()];
        for _ in 0..3 {
            for t in &texts {
                let mut plain = vec![];
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip(t)[..]), &mut plain).expect("a valid gzip member");
                assert_eq!(&plain, t);
            }
        }
    }

    #[test]
    fn ranges_follow_rfc_9110() {
        assert_eq!(byte_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(byte_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=50-1000", 100), Some((50, 99)), "an end past the file is clamped");
        assert_eq!(byte_range("bytes=100-", 100), None, "a start past the file is unsatisfiable");
        assert_eq!(byte_range("bytes=0-1,5-6", 100), None);
        assert_eq!(byte_range("items=0-1", 100), None);
    }

    #[test]
    fn if_none_match_compares_weakly_and_accepts_a_list_or_a_star() {
        let etag = "\"abc\"";
        assert!(none_match("\"abc\"", etag));
        assert!(none_match("W/\"abc\"", etag), "RFC 9110 13.1.2: the weak comparison");
        assert!(none_match("\"x\", \"abc\"", etag), "any of a list");
        assert!(none_match("*", etag));
        assert!(!none_match("\"abcd\"", etag));
        assert!(!none_match("abc", etag), "an entity tag is quoted");
    }
}
