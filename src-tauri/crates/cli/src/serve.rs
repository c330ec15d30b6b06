//! `peerlib serve DIR`: the feed over HTTP for development and for small deployments, with the
//! caching a CDN would give: strong ETags (the sha256 of the bytes) answered with 304, single
//! byte ranges (resuming an attachment download), gzip for JSON, `immutable` for the
//! content-addressed paths and a short max-age for the manifest. Paths outside DIR are refused.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

/// What the handler shares: the canonical root (resolved once) and each file's ETag, valid while
/// its size, modification time and inode are unchanged, so a 304 costs a stat, not a read and a
/// hash.
struct Site {
    root: PathBuf,
    etags: std::sync::RwLock<std::collections::HashMap<PathBuf, (FileStamp, String)>>,
    /// Attachments' media types from manifest.json (files are named by hash only), reloaded
    /// when the manifest changes.
    media: std::sync::RwLock<Option<(FileStamp, std::collections::HashMap<String, String>)>>,
    /// Documents compressed once (they are content-addressed and never change), as a CDN or
    /// nginx's gzip_static would: thousands of small JSON files are not gzipped again per request.
    gzipped: std::sync::RwLock<(usize, std::collections::HashMap<PathBuf, (FileStamp, axum::body::Bytes)>)>,
}

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
        let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).ok()?).ok()?;
        let map: std::collections::HashMap<String, String> = m["attachments"]
            .as_array()?
            .iter()
            .filter_map(|a| Some((a["sha256"].as_str()?.to_string(), a["media_type"].as_str()?.to_string())))
            .collect();
        let found = map.get(sha256).cloned();
        *self.media.write().ok()? = Some((stamp, map));
        found
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
pub fn router(root: PathBuf) -> Router {
    let root = root.canonicalize().unwrap_or(root);
    let site = Arc::new(Site { root, etags: Default::default(), media: Default::default(), gzipped: Default::default() });
    // Only JSON is worth compressing: attachments are already compressed (PDF, PPTX, images).
    let json_only = SizeAbove::new(256)
        .and(NotForContentType::new("application/pdf"))
        .and(NotForContentType::new("application/octet-stream"))
        .and(NotForContentType::new("application/vnd.openxmlformats"))
        .and(NotForContentType::IMAGES);
    Router::new().fallback(file).with_state(site).layer(CompressionLayer::new().gzip(true).compress_when(json_only))
}

/// Serve until Ctrl+C. `ready` is told the address actually bound (port 0 picks a free one).
pub async fn serve(root: PathBuf, addr: std::net::SocketAddr, ready: impl FnOnce(std::net::SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(root))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn file(State(site): State<Arc<Site>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let Some(path) = resolve(&site.root, uri.path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // A stat is a few microseconds: done inline. Reads go through tokio's blocking pool.
    let Ok(meta) = std::fs::metadata(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let stamp = FileStamp::of(&meta);
    let cached = site.etags.read().ok().and_then(|m| m.get(&path).filter(|(s, _)| *s == stamp).map(|(_, e)| e.clone()));
    let mut bytes = None;
    let etag = match cached {
        Some(e) => e,
        None => {
            let Ok(b) = tokio::fs::read(&path).await else {
                return StatusCode::NOT_FOUND.into_response();
            };
            let e = format!("\"{}\"", hex::encode(Sha256::digest(&b)));
            if let Ok(mut m) = site.etags.write() {
                m.insert(path.clone(), (stamp, e.clone()));
            }
            bytes = Some(b);
            e
        }
    };
    let rel = uri.path().trim_start_matches('/');
    let mut h = HeaderMap::new();
    h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex is a valid header"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(rel)));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let media = match rel.strip_prefix("files/") {
        Some(sha) => site.media_type_of(sha).unwrap_or_else(|| "application/octet-stream".into()),
        None => mime_guess::from_path(&path).first_raw().unwrap_or("application/octet-stream").to_string(),
    };
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&media).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));

    // RFC 9110 13.1.2: If-None-Match with a matching entity tag (or *) is answered with 304.
    if let Some(inm) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        if inm.split(',').map(str::trim).any(|t| t == etag || t == "*" || t.strip_prefix("W/") == Some(&etag)) {
            return (StatusCode::NOT_MODIFIED, h).into_response();
        }
    }
    let bytes = match bytes {
        Some(b) => b,
        None => match tokio::fs::read(&path).await {
            Ok(b) => b,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    if let Some(range) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) {
        // A Range is honoured only if If-Range (when sent) still names these bytes.
        let fresh = headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok()).is_none_or(|v| v == etag);
        if fresh {
            return match byte_range(range, bytes.len() as u64) {
                Some((start, end)) => {
                    h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes {start}-{end}/{}", bytes.len())).expect("digits"));
                    let body = if method == Method::HEAD { Body::empty() } else { Body::from(bytes[start as usize..=end as usize].to_vec()) };
                    (StatusCode::PARTIAL_CONTENT, h, body).into_response()
                }
                None => {
                    h.insert(header::CONTENT_RANGE, HeaderValue::from_str(&format!("bytes */{}", bytes.len())).expect("digits"));
                    (StatusCode::RANGE_NOT_SATISFIABLE, h).into_response()
                }
            };
        }
    }
    let accepts_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("gzip"))));
    if accepts_gzip && method == Method::GET && rel.starts_with("documents/") && bytes.len() > 256 {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        let hit = site.gzipped.read().ok().and_then(|c| c.1.get(&path).filter(|(s, _)| *s == stamp).map(|(_, b)| b.clone()));
        let gz = match hit {
            Some(b) => b,
            None => {
                let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                let gz = axum::body::Bytes::from(std::io::Write::write_all(&mut enc, &bytes).and_then(|_| enc.finish()).unwrap_or_default());
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
    if method == Method::HEAD {
        // A HEAD answer carries the length a GET would send.
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        return (StatusCode::OK, h).into_response();
    }
    (StatusCode::OK, h, Body::from(bytes)).into_response()
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
    fn ranges_follow_rfc_9110() {
        assert_eq!(byte_range("bytes=0-9", 100), Some((0, 9)));
        assert_eq!(byte_range("bytes=90-", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(byte_range("bytes=50-1000", 100), Some((50, 99)), "an end past the file is clamped");
        assert_eq!(byte_range("bytes=100-", 100), None, "a start past the file is unsatisfiable");
        assert_eq!(byte_range("bytes=0-1,5-6", 100), None);
        assert_eq!(byte_range("items=0-1", 100), None);
    }
}
