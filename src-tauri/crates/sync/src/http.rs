//! HTTP for the sync, and everything about being a polite, careful client: conditional GETs,
//! timeouts, at most 5 redirects and never from https to http, a cap on every body before and
//! after decompression, Retry-After and Backoff, and a captive portal told apart from a feed.

use crate::address::{OwnOrigins, PublicResolver};
use crate::cancel::{Cancel, Cancelled};
use futures_util::StreamExt;
use peerlib_code::ErrorCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{redirect, StatusCode};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The most any one body may be, by what it is.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub manifest: u64,
    pub signature: u64,
    pub document: u64,
    pub website_feed: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { manifest: 32 << 20, signature: 16 << 10, document: 8 << 20, website_feed: 16 << 20 }
    }
}

/// The slowest a body may arrive: after `grace`, each body must have averaged at least
/// `min_rate` bytes a second since its request was sent, so every byte received moves its
/// deadline on by `1/min_rate` (curl's --speed-limit, as a deadline). A server sending one byte
/// every ten seconds held a sync and its lock for ever when only silences were timed (#17 item 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    pub grace: Duration,
    pub min_rate: u64,
}

impl Default for Pace {
    /// 1 KiB/s is slower than the worst conference Wi-Fi that still works; 30 s covers a slow
    /// start (TLS over a satellite link, a server warming up).
    fn default() -> Self {
        Pace { grace: Duration::from_secs(30), min_rate: 1024 }
    }
}

impl Pace {
    /// When the next bytes must have arrived, `received` bytes after `start`.
    pub fn deadline(&self, start: tokio::time::Instant, received: u64) -> tokio::time::Instant {
        let rate = self.min_rate.max(1);
        start + self.grace + Duration::from_secs(received / rate) + Duration::from_nanos((received % rate) * 1_000_000_000 / rate)
    }
}

/// What a body is expected to be; HTML where one of these was expected is a captive portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Json,
    Signature,
    Feed,
    /// An image in a document's body (its type is then read from its bytes).
    Image,
}

/// HTTP validators for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body { bytes: Vec<u8>, validators: Validators },
}

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FetchError {
    #[error("no connection to {host}")]
    Offline { host: String },
    #[error("the server took too long to answer")]
    Timeout,
    #[error("the server answered {status}")]
    Status { status: u16, retry_after: Option<Duration> },
    #[error("the answer is larger than the {limit} bytes allowed")]
    TooLarge { limit: u64 },
    #[error("this network needs you to sign in (a web page came where a feed was expected)")]
    SignIn,
    #[error("redirect refused: {0}")]
    Redirect(String),
    #[error("the download was cut off: {0}")]
    Interrupted(String),
    #[error("cancelled")]
    Cancelled,
    #[error("not a usable address: {0}")]
    BadUrl(String),
    #[error("not a public address: {0}")]
    NotPublic(String),
}

impl From<Cancelled> for FetchError {
    fn from(_: Cancelled) -> Self {
        FetchError::Cancelled
    }
}

impl From<Cancelled> for DownloadError {
    fn from(_: Cancelled) -> Self {
        DownloadError::Fetch(FetchError::Cancelled)
    }
}

impl FetchError {
    pub fn code(&self) -> ErrorCode {
        match self {
            FetchError::Offline { .. } => ErrorCode::Offline,
            FetchError::Timeout => ErrorCode::Timeout,
            FetchError::Status { status: 429 | 503, retry_after: Some(_) } => ErrorCode::RateLimited,
            FetchError::Status { status: 404 | 410, .. } => ErrorCode::FeedGone,
            FetchError::Status { .. } => ErrorCode::Server,
            FetchError::TooLarge { .. } => ErrorCode::TooLarge,
            FetchError::SignIn => ErrorCode::SignIn,
            FetchError::Redirect(_) => ErrorCode::Redirect,
            FetchError::Interrupted(_) => ErrorCode::Interrupted,
            FetchError::Cancelled => ErrorCode::Cancelled,
            FetchError::BadUrl(_) | FetchError::NotPublic(_) => ErrorCode::BadUrl,
        }
    }

    /// How long the server asked us to wait, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            FetchError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Parse a Retry-After (or Backoff) value: delta-seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The wait a response asks for: the longer of Retry-After and Backoff.
fn asked_wait(headers: &HeaderMap) -> Option<Duration> {
    let now = SystemTime::now();
    ["retry-after", "backoff"]
        .iter()
        .filter_map(|h| headers.get(*h)?.to_str().ok())
        .filter_map(|v| parse_retry_after(v, now))
        .max()
}

/// Install the TLS crypto provider once per process (reqwest is built without a default one
/// so the whole app uses ring; see docs/decisions/0001-dependencies.md).
fn tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

pub const MAX_REDIRECTS: usize = 5;

/// Why a redirect to `next` is not followed, given the addresses already visited (the first is
/// the one asked for): more than 5 redirects, or from https to plain http.
pub fn redirect_refused(previous: &[url::Url], next: &url::Url) -> Option<String> {
    if next.scheme() == "http" && previous.iter().any(|u| u.scheme() == "https") {
        Some("from https to http".into())
    } else if previous.len() > MAX_REDIRECTS {
        Some(format!("more than {MAX_REDIRECTS} redirects"))
    } else {
        None
    }
}

/// The User-Agent every request sends.
pub const USER_AGENT: &str = "Mozilla/5.0";

/// The one HTTP client of a sync.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    pub limits: Limits,
    pub pace: Pace,
    /// The feeds' own origins: the only non-public addresses a sync may ask (address.rs).
    own: std::sync::Arc<OwnOrigins>,
}

/// The way a sync's requests leave the laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// The proxy the environment names, if any (as curl reads HTTP_PROXY and the rest).
    Environment,
    /// This proxy, for every request.
    Proxy(&'a str),
    /// No proxy at all: only for a nearby laptop's address, which no proxy can reach.
    Direct,
}

impl Http {
    /// `read` is the longest silence allowed while a body streams (a stalled server).
    /// `own`: the subscribed feeds' addresses, whose origins may be private (a local mirror);
    /// everything else must be public (address.rs).
    /// `proxy`: go through this one (socks5h:// resolves names at the proxy, as Tor needs) instead
    /// of the environment's.
    pub fn with_timeouts(limits: Limits, connect: Duration, read: Duration, pace: Pace, own: OwnOrigins, proxy: Option<&str>) -> Result<Http, FetchError> {
        Self::with_route(limits, connect, read, pace, own, match proxy {
            Some(p) => Route::Proxy(p),
            None => Route::Environment,
        })
    }

    /// [`with_timeouts`](Self::with_timeouts) with the way out chosen: the environment's proxy,
    /// one given, or none at all (a nearby laptop on the room's network: nothing leaves the room).
    pub fn with_route(limits: Limits, connect: Duration, read: Duration, pace: Pace, own: OwnOrigins, route: Route<'_>) -> Result<Http, FetchError> {
        let proxy = match route {
            Route::Proxy(p) => Some(p),
            _ => None,
        };
        tls_provider();
        let own = std::sync::Arc::new(own);
        let for_redirects = own.clone();
        // A nearby laptop is asked for its own files only: a redirect from it (to the tracker of
        // whoever runs it, over a connection without the user's proxy) is never followed.
        let direct = route == Route::Direct;
        let policy = redirect::Policy::custom(move |attempt| {
            if direct {
                return attempt.error("a nearby laptop may not redirect");
            }
            let why = redirect_refused(attempt.previous(), attempt.url()).or_else(|| crate::address::refused(attempt.url(), &for_redirects));
            match why {
                Some(why) => attempt.error(why),
                None => attempt.follow(),
            }
        });
        let builder = reqwest::Client::builder()
            // The same for every install and version: nothing that tells an observer which app,
            // which version or which user this is.
            .user_agent(USER_AGENT)
            .connect_timeout(connect)
            .read_timeout(read)
            .redirect(policy)
            // Names resolve to public addresses only, but for the feeds' own hosts and the proxy's.
            .dns_resolver(PublicResolver::new(&own, crate::address::proxy_hosts().into_iter().chain(proxy.and_then(crate::address::host_of))));
        // The proxy chosen in Settings replaces the environment's, for every request. One that
        // reqwest cannot use is an error: never a client that would connect directly instead.
        let builder = match route {
            Route::Proxy(p) => builder.no_proxy().proxy(reqwest::Proxy::all(p).map_err(|_| FetchError::BadUrl(p.to_string()))?),
            Route::Direct => builder.no_proxy(),
            Route::Environment => builder,
        };
        // Without one: the proxy the environment names (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY,
        // NO_PROXY, as curl reads them), loopback included unless NO_PROXY names it: a laptop set
        // up to reach the world through Tor or a proxy must never connect from its own address.
        let client = builder
            .build()
            .expect("the HTTP client builds with static settings");
        Ok(Http { client, limits, pace, own })
    }

    /// GET a small body (manifest, signature, document, website feed) whole, conditionally when
    /// validators are given, at most `limit` bytes both as sent and once decompressed.
    pub async fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
        expect: Expect,
        limit: u64,
        cancel: &Cancel,
    ) -> Result<Fetched, FetchError> {
        self.check_address(url)?;
        let mut req = self.client.get(url).header(header::ACCEPT_ENCODING, "gzip");
        req = req.header(
            header::ACCEPT,
            match expect {
                Expect::Json => "application/json",
                Expect::Signature => "application/octet-stream, text/plain",
                Expect::Feed => "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
                Expect::Image => "image/webp, image/png, image/jpeg, image/gif;q=0.9",
            },
        );
        if let Some(v) = validators {
            if let Some(e) = v.etag.as_deref().and_then(|e| HeaderValue::from_str(e).ok()) {
                req = req.header(header::IF_NONE_MATCH, e);
            }
            if let Some(m) = v.last_modified.as_deref().and_then(|m| HeaderValue::from_str(m).ok()) {
                req = req.header(header::IF_MODIFIED_SINCE, m);
            }
        }
        let start = tokio::time::Instant::now();
        let resp = self.paced(start, 0, req.send(), cancel).await?.map_err(|e| classify(url, e))?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status { status: status.as_u16(), retry_after: asked_wait(resp.headers()) });
        }
        let headers = resp.headers().clone();
        if content_length(&headers).is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut raw = Vec::new();
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = self.paced(start, raw.len() as u64, stream.next(), cancel).await? {
            let chunk = chunk.map_err(|e| classify(url, e))?;
            if raw.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            raw.extend_from_slice(&chunk);
        }
        let gzip = headers
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("gzip") || v.eq_ignore_ascii_case("x-gzip"));
        let bytes = if gzip { gunzip(&raw, limit)? } else { raw };
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if matches!(expect, Expect::Json | Expect::Feed) && is_portal_page(content_type, &bytes) {
            return Err(FetchError::SignIn);
        }
        let text = |h: header::HeaderName| headers.get(h).and_then(|v| v.to_str().ok()).map(str::to_string);
        Ok(Fetched::Body {
            bytes,
            validators: Validators { etag: text(header::ETAG), last_modified: text(header::LAST_MODIFIED) },
        })
    }

    /// Stream a large body to `part`, resuming with Range from what an interrupted download left
    /// there. Never more than `size` bytes; returns once `part` holds exactly `size` bytes (the
    /// caller verifies the hash and renames it into place).
    pub async fn download(&self, url: &str, part: &Path, size: u64, cancel: &Cancel) -> Result<(), DownloadError> {
        let mut have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
        if have > size {
            have = 0;
        }
        if have == size && size > 0 {
            return Ok(());
        }
        self.check_address(url)?;
        let mut req = self.client.get(url).header(header::ACCEPT_ENCODING, "identity");
        if have > 0 {
            req = req.header(header::RANGE, format!("bytes={have}-"));
        }
        let start = tokio::time::Instant::now();
        let resp = self.paced(start, 0, req.send(), cancel).await?.map_err(|e| classify(url, e))?;
        let status = resp.status();
        let append = match status {
            StatusCode::PARTIAL_CONTENT if have > 0 => {
                let range = resp.headers().get(header::CONTENT_RANGE).and_then(|v| v.to_str().ok()).unwrap_or("");
                if !range.starts_with(&format!("bytes {have}-")) {
                    return Err(FetchError::Interrupted(format!("the server resumed at the wrong place ({range})")).into());
                }
                true
            }
            StatusCode::OK => false,
            StatusCode::RANGE_NOT_SATISFIABLE => {
                let _ = std::fs::remove_file(part);
                return Err(FetchError::Interrupted("the partial file did not match; it will start again".into()).into());
            }
            s => return Err(FetchError::Status { status: s.as_u16(), retry_after: asked_wait(resp.headers()) }.into()),
        };
        let mut written = if append { have } else { 0 };
        if content_length(resp.headers()).is_some_and(|n| written + n > size) {
            return Err(FetchError::TooLarge { limit: size }.into());
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(append).write(true).truncate(!append).open(part)?;
        let mut stream = resp.bytes_stream();
        let resumed_at = written;
        while let Some(chunk) = self.paced(start, written - resumed_at, stream.next(), cancel).await? {
            let chunk = chunk.map_err(|e| classify(url, e))?;
            if written + chunk.len() as u64 > size {
                drop(file);
                let _ = std::fs::remove_file(part);
                return Err(FetchError::TooLarge { limit: size }.into());
            }
            file.write_all(&chunk)?;
            written += chunk.len() as u64;
        }
        file.sync_all()?;
        if written != size {
            return Err(FetchError::Interrupted(format!("{written} of {size} bytes")).into());
        }
        Ok(())
    }
}

impl Http {
    /// Refuse an address the sync must not ask (address.rs), before any connection.
    fn check_address(&self, url: &str) -> Result<(), FetchError> {
        let parsed = url::Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        match crate::address::refused(&parsed, &self.own) {
            Some(why) => Err(FetchError::NotPublic(why)),
            None => Ok(()),
        }
    }

    /// Wait for `f` unless the sync is cancelled or the body falls behind its pace.
    async fn paced<F: std::future::Future>(&self, start: tokio::time::Instant, received: u64, f: F, cancel: &Cancel) -> Result<F::Output, FetchError> {
        match cancel.run(tokio::time::timeout_at(self.pace.deadline(start, received), f)).await? {
            Ok(out) => Ok(out),
            Err(_elapsed) => Err(FetchError::Timeout),
        }
    }
}

/// A failed download: the network, or the disk.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("could not write the download: {0}")]
    Io(#[from] std::io::Error),
}

fn content_length(h: &HeaderMap) -> Option<u64> {
    h.get(header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
}

/// Decompress at most `limit` bytes: a gzip bomb stops at the cap.
fn gunzip(raw: &[u8], limit: u64) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    let mut dec = flate2::read::GzDecoder::new(raw).take(limit + 1);
    dec.read_to_end(&mut out).map_err(|e| FetchError::Interrupted(format!("bad gzip: {e}")))?;
    if out.len() as u64 > limit {
        return Err(FetchError::TooLarge { limit });
    }
    Ok(out)
}

/// A web page where a feed was expected: what hotel and conference Wi-Fi serve until you sign
/// in. Told by the content type and by the first bytes (some portals say text/xml or nothing).
pub fn is_portal_page(content_type: &str, body: &[u8]) -> bool {
    let head: String = String::from_utf8_lossy(&body[..body.len().min(512)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    let html_start = head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head") || head.starts_with("<body");
    let feed_start = head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with("<rdf") || head.starts_with('{') || head.starts_with('[');
    html_start || (content_type.to_ascii_lowercase().starts_with("text/html") && !feed_start)
}

fn classify(url: &str, e: reqwest::Error) -> FetchError {
    let host = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_else(|| url.to_string());
    if e.is_redirect() {
        let why = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_else(|| e.to_string());
        return FetchError::Redirect(why);
    }
    if e.is_builder() {
        return FetchError::BadUrl(url.to_string());
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(c) = cause {
        if let Some(n) = c.downcast_ref::<crate::address::NotPublic>() {
            return FetchError::NotPublic(n.to_string());
        }
        cause = c.source();
    }
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    if e.is_connect() {
        return FetchError::Offline { host };
    }
    if e.is_body() || e.is_decode() || e.is_request() {
        return FetchError::Interrupted(root_cause(&e));
    }
    FetchError::Interrupted(root_cause(&e))
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut cur = e;
    while let Some(s) = cur.source() {
        cur = s;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_byte_moves_a_bodys_deadline_on_by_its_share_of_the_minimum_rate() {
        let pace = Pace { grace: Duration::from_secs(30), min_rate: 1024 };
        let t0 = tokio::time::Instant::now();
        assert_eq!(pace.deadline(t0, 0), t0 + Duration::from_secs(30), "nothing yet: the grace");
        assert_eq!(pace.deadline(t0, 1024 * 60), t0 + Duration::from_secs(90), "a minute's worth at the floor rate");
        assert_eq!(pace.deadline(t0, 512), t0 + Duration::from_millis(30_500));
        // One byte every ten seconds never earns more than a few milliseconds past the grace.
        assert!(pace.deadline(t0, 3) < t0 + Duration::from_secs(31));
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Fri, 27 Nov 2026 10:00:00 GMT").unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Fri, 27 Nov 2026 10:05:00 GMT", now), Some(Duration::from_secs(300)));
        assert_eq!(parse_retry_after("Fri, 27 Nov 2026 09:00:00 GMT", now), Some(Duration::ZERO), "a past date: no wait");
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn redirects_never_downgrade_and_stop_after_five() {
        let u = |s: &str| url::Url::parse(s).unwrap();
        let secure = [u("https://feed.example/manifest.json")];
        assert_eq!(redirect_refused(&secure, &u("http://evil.example/manifest.json")).as_deref(), Some("from https to http"));
        assert_eq!(redirect_refused(&secure, &u("https://cdn.example/manifest.json")), None);
        assert_eq!(redirect_refused(&[u("http://127.0.0.1/a")], &u("http://127.0.0.1/b")), None, "http to http (loopback) is followed");
        let five: Vec<url::Url> = (0..=5).map(|i| u(&format!("https://a.example/{i}"))).collect();
        assert_eq!(redirect_refused(&five[..5], &u("https://a.example/x")), None, "the fifth redirect is followed");
        assert!(redirect_refused(&five, &u("https://a.example/x")).is_some(), "a sixth is not");
    }

    #[test]
    fn portal_pages_are_told_from_feeds() {
        assert!(is_portal_page("text/html; charset=utf-8", b"<!DOCTYPE html><title>Sign in</title>"));
        assert!(is_portal_page("application/json", b"  <html><body>Accept terms</body></html>"));
        assert!(is_portal_page("text/html", b"Welcome to Hotel Wi-Fi"));
        assert!(!is_portal_page("text/html", b"<?xml version=\"1.0\"?><rss/>"), "a feed served with the wrong type is still a feed");
        assert!(!is_portal_page("application/json", b"{\"format\":\"peerlib-feed/1\"}"));
        assert!(!is_portal_page("", b"\xef\xbb\xbf<?xml version=\"1.0\"?><feed/>"));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'{'; 10 << 20]).unwrap();
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 64 << 10);
        assert_eq!(gunzip(&bomb, 1 << 20), Err(FetchError::TooLarge { limit: 1 << 20 }));
        assert_eq!(gunzip(&bomb, 20 << 20).unwrap().len(), 10 << 20);
    }
}
