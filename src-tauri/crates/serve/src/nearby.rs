//! Sharing with laptops nearby (#20, docs/sharing.md): this laptop's copy of the network's signed
//! feed, laid out in a folder of its own and served read-only on the room's network under
//! `/CODE/`, where CODE is a short code shown on the sharing laptop's screen. The other laptop
//! finds it by multicast DNS (a neutral service type and instance name: nothing names the app,
//! the network or the person) or by the typed address, and syncs from it with `SyncOptions::from`:
//! verified with its own pinned keys, from that address only.
//!
//! The code keeps the library from whoever merely scans the room's network (the feed is the
//! network's published documents, but a laptop answering with them says who carries them); it is
//! not what makes the files trustworthy. The signature does that, so a peer that knows the code
//! can still not change a document. What was taken is counted (laptops, documents, files),
//! never who: a peer is an opaque number valid for one sharing.

use crate::{serve_until, Limits, Options};
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The DNS-SD service type (RFC 6763: at most 15 characters): neutral, like a library of any kind.
pub const SERVICE_TYPE: &str = "_library-share._tcp.local.";

/// The port offered first: one that is easy to type. Another is chosen when it is taken.
pub const DEFAULT_PORT: u16 = 8765;

/// The code's letters: no 0/O, 1/I/L or U/V pairs that are misread on a projector or typed wrong.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

/// Symbols in a code: 29^8, about 5 * 10^11, against a guess per request.
const CODE_LEN: usize = 8;

/// A new code, as it goes in the path (`Code::shown` for people).
pub fn new_code() -> String {
    let mut bytes = [0u8; CODE_LEN * 2];
    getrandom::getrandom(&mut bytes).expect("the system's random source");
    // Two bytes per symbol: the bias of `% 29` over 65,536 values is negligible.
    bytes.chunks(2).map(|b| ALPHABET[(u16::from_le_bytes([b[0], b[1]]) as usize) % ALPHABET.len()] as char).collect()
}

/// A code as it is shown and read aloud: `ABCD-EFGH`.
pub fn shown(code: &str) -> String {
    let (a, b) = code.split_at(code.len() / 2);
    format!("{a}-{b}")
}

/// A typed code in its canonical form, or None when it cannot be one: spaces and dashes are
/// dropped and case does not matter.
pub fn typed_code(typed: &str) -> Option<String> {
    let c: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
    (c.len() == CODE_LEN && c.bytes().all(|b| ALPHABET.contains(&b))).then_some(c)
}

/// The address to sync from, made of what the user typed: an IP address with or without a port
/// (DEFAULT_PORT), or the whole address the sharing laptop shows (`http://IP:PORT/CODE/`, whose
/// code is used when `code` is empty). Host names are not taken: resolving one could ask a DNS
/// server outside the room.
pub fn typed_address(address: &str, code: &str) -> Option<String> {
    let a = address.trim();
    let (host, in_path) = match a.strip_prefix("http://") {
        Some(rest) => match rest.split_once('/') {
            Some((host, path)) => (host, typed_code(path.trim_end_matches('/'))),
            None => (rest, None),
        },
        None => (a.trim_end_matches('/'), None),
    };
    let code = if code.trim().is_empty() { in_path? } else { typed_code(code)? };
    let addr = host
        .parse::<SocketAddr>()
        .ok()
        .or_else(|| host.parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, DEFAULT_PORT)))
        .or_else(|| host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().ok().map(|ip| SocketAddr::new(ip, DEFAULT_PORT)))?;
    if addr.port() == 0 || addr.ip().is_unspecified() || addr.ip().is_multicast() {
        return None;
    }
    Some(url(addr, &code))
}

/// The address of a sharing: `http://IP:PORT/CODE/`.
pub fn url(addr: SocketAddr, code: &str) -> String {
    format!("http://{addr}/{code}/")
}

/// What the peers took: how many laptops fetched the manifest with the code, and the documents
/// and files sent (a file resumed in two ranges counts twice).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Taken {
    pub laptops: u64,
    pub documents: u64,
    pub files: u64,
}

/// The counts behind `Taken`. A peer is its address hashed with a key drawn for this sharing
/// and dropped with it: two answers to one laptop count it once, and nothing kept says who it was.
#[derive(Default)]
pub struct Tally {
    key: std::collections::hash_map::RandomState,
    laptops: Mutex<HashSet<u64>>,
    documents: AtomicU64,
    files: AtomicU64,
}

impl Tally {
    pub(crate) fn peer(&self, ip: IpAddr) -> u64 {
        self.key.hash_one(ip)
    }

    /// One answer to a GET for `rel` (below the code) with `status`.
    pub(crate) fn count(&self, peer: u64, rel: &str, status: axum::http::StatusCode) {
        let sent = status.is_success();
        if rel == "manifest.json" && (sent || status == axum::http::StatusCode::NOT_MODIFIED) {
            self.laptops.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(peer);
        } else if sent && rel.starts_with("documents/") {
            self.documents.fetch_add(1, Ordering::Relaxed);
        } else if sent && rel.starts_with("files/") {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn taken(&self) -> Taken {
        Taken {
            laptops: self.laptops.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len() as u64,
            documents: self.documents.load(Ordering::Relaxed),
            files: self.files.load(Ordering::Relaxed),
        }
    }
}

/// The feed laid out for sharing: a `share-*` folder in the data folder, removed when dropped.
/// Folders a killed sharing left are removed first.
pub struct Folder {
    dir: tempfile::TempDir,
    pub documents: u64,
    pub files: u64,
}

pub fn lay_out(dir: &peerlib_store::paths::DataDir, store: &peerlib_store::ContentStore, feed_url: &str) -> Result<Folder, peerlib_sync::SyncError> {
    for e in std::fs::read_dir(dir.root()).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with("share-") && e.path().is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    let io = |e: std::io::Error| peerlib_sync::SyncError::from(peerlib_sync::AttachmentError::Io(e));
    let folder = tempfile::Builder::new().prefix("share-").tempdir_in(dir.root()).map_err(io)?;
    let (documents, files) = peerlib_sync::bundle::lay_out_feed(dir, store, feed_url, folder.path())?;
    Ok(Folder { dir: folder, documents, files })
}

impl Folder {
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

/// A sharing under way: it ends with `stop` (or when dropped, less gently: the server task is
/// told to stop and the folder removed).
pub struct Sharing {
    /// As it goes in the path; `shown` for people.
    pub code: String,
    pub bound: SocketAddr,
    /// The name announced on the room's network, when announced ("Library 4821").
    pub announced: Option<String>,
    pub folder: Folder,
    tally: Arc<Tally>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    announcement: Option<Announcement>,
}

/// Start sharing `folder` on `addr` (its port taken, another is chosen when `any_port`), announced
/// by multicast DNS when `announce`. Must be called within a tokio runtime.
pub async fn start(folder: Folder, addr: SocketAddr, any_port: bool, limits: Limits, announce: bool) -> std::io::Result<Sharing> {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Err(e) if any_port && e.kind() == std::io::ErrorKind::AddrInUse => tokio::net::TcpListener::bind(SocketAddr::new(addr.ip(), 0)).await?,
        other => other?,
    };
    let bound = listener.local_addr()?;
    let code = new_code();
    let tally = Arc::new(Tally::default());
    let options = Options { prefix: Some(code.clone()), tally: Some(tally.clone()) };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let root = folder.path().to_path_buf();
    let task = tokio::spawn(async move {
        let stop = async {
            let _ = stopped.await;
        };
        // A download still going when sharing ends gets a few seconds to finish.
        let force = tokio::time::sleep(Duration::from_secs(5));
        serve_until(listener, root, limits, options, stop, force).await;
    });
    let (announced, announcement) = match announce {
        true => match Announcement::new(&addresses(bound), bound.port()) {
            Some(a) => (Some(a.name.clone()), Some(a)),
            None => (None, None),
        },
        false => (None, None),
    };
    Ok(Sharing { code, bound, announced, folder, tally, stop: Some(stop), task: Some(task), announcement })
}

impl Sharing {
    /// The addresses to type on the other laptop, one per network this laptop is on.
    pub fn urls(&self) -> Vec<String> {
        addresses(self.bound).into_iter().map(|ip| url(SocketAddr::new(ip, self.bound.port()), &self.code)).collect()
    }

    pub fn taken(&self) -> Taken {
        self.tally.taken()
    }

    /// Stop announcing, stop accepting, let answers under way finish (5 s at most), remove the
    /// folder. What was taken.
    pub async fn stop(mut self) -> Taken {
        self.announcement.take();
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        self.tally.taken()
    }
}

impl Drop for Sharing {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// The addresses a listener on `bound` answers on, as the other laptop would type them: the
/// address itself, or each non-loopback IPv4 address of this laptop's networks for 0.0.0.0.
pub fn addresses(bound: SocketAddr) -> Vec<IpAddr> {
    if !bound.ip().is_unspecified() {
        return vec![bound.ip()];
    }
    let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|i| i.ip())
        .filter(|ip| matches!(ip, IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local()))
        .collect();
    ips.sort();
    ips.dedup();
    ips
}

/// This sharing announced by multicast DNS while it lives: a neutral instance name ("Library"
/// and four digits drawn now, so two sharings in a room can be told apart) and a host name drawn
/// the same way, never the laptop's own.
struct Announcement {
    daemon: mdns_sd::ServiceDaemon,
    fullname: String,
    name: String,
}

impl Announcement {
    fn new(ips: &[IpAddr], port: u16) -> Option<Announcement> {
        if ips.is_empty() {
            return None;
        }
        let mut n = [0u8; 2];
        getrandom::getrandom(&mut n).ok()?;
        let number = 1000 + u16::from_le_bytes(n) % 9000;
        let name = format!("Library {number}");
        let daemon = mdns_sd::ServiceDaemon::new().ok()?;
        let info = mdns_sd::ServiceInfo::new(SERVICE_TYPE, &name, &format!("library-{number}.local."), ips, port, None::<std::collections::HashMap<String, String>>).ok()?;
        let fullname = info.get_fullname().to_string();
        daemon.register(info).ok()?;
        Some(Announcement { daemon, fullname, name })
    }
}

impl Drop for Announcement {
    fn drop(&mut self) {
        // The goodbye packet tells browsers at once that it is gone.
        if let Ok(done) = self.daemon.unregister(&self.fullname) {
            let _ = done.recv_timeout(Duration::from_secs(1));
        }
        let _ = self.daemon.shutdown();
    }
}

/// A sharing announced on the room's network.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    /// As announced, reduced to letters, digits and spaces (40 at most): a name from the network is
    /// shown, so it must not carry anything else.
    pub name: String,
    /// `IP:PORT`, to type with the code.
    pub address: SocketAddr,
}

/// The sharings announced on the room's networks, listened for during `wait` (blocking: run it
/// off the async runtime). One address each: IPv4 first.
pub fn browse(wait: Duration) -> Vec<Found> {
    let Ok(daemon) = mdns_sd::ServiceDaemon::new() else {
        return Vec::new();
    };
    let Ok(events) = daemon.browse(SERVICE_TYPE) else {
        let _ = daemon.shutdown();
        return Vec::new();
    };
    let deadline = std::time::Instant::now() + wait;
    let mut found: Vec<Found> = Vec::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else { break };
        if let mdns_sd::ServiceEvent::ServiceResolved(s) = event {
            let mut ips: Vec<IpAddr> = s.addresses.iter().map(|a| a.to_ip_addr()).filter(|ip| !ip.is_unspecified() && !ip.is_multicast()).collect();
            ips.sort_by_key(|ip| (!ip.is_ipv4(), *ip));
            let Some(ip) = ips.first() else { continue };
            let instance = s.fullname.strip_suffix(SERVICE_TYPE).unwrap_or(&s.fullname).trim_end_matches('.');
            let name: String = instance.chars().filter(|c| c.is_alphanumeric() || *c == ' ').take(40).collect();
            let f = Found { name, address: SocketAddr::new(*ip, s.port) };
            if !found.contains(&f) {
                found.push(f);
            }
        }
    }
    let _ = daemon.stop_browse(SERVICE_TYPE);
    let _ = daemon.shutdown();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The QR code of `text` as rows of dark (true) and light modules, without the quiet zone.
pub fn qr(text: &str) -> Option<Vec<Vec<bool>>> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    Some(colors.chunks(width).map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_drawn_from_the_alphabet_and_typed_back_in_any_form() {
        let a = new_code();
        assert_eq!(a.len(), CODE_LEN);
        assert_ne!(a, new_code(), "two codes differ");
        assert_eq!(typed_code(&shown(&a)), Some(a.clone()));
        assert_eq!(typed_code(&format!(" {} ", shown(&a).to_lowercase())), Some(a.clone()));
        assert_eq!(typed_code("ABCD-EFG"), None, "too short");
        assert_eq!(typed_code("ABCD-EFG0"), None, "0 is not in the alphabet");
    }

    #[test]
    fn a_typed_address_is_an_ip_address_never_a_name() {
        let c = "ABCDEFGH";
        assert_eq!(typed_address("192.168.1.5", c).as_deref(), Some("http://192.168.1.5:8765/ABCDEFGH/"));
        assert_eq!(typed_address("192.168.1.5:9000", "abcd-efgh").as_deref(), Some("http://192.168.1.5:9000/ABCDEFGH/"));
        assert_eq!(typed_address("http://10.0.0.2:8765/ABCD-EFGH/", "").as_deref(), Some("http://10.0.0.2:8765/ABCDEFGH/"));
        assert_eq!(typed_address("[fe80::1]:8765", c).as_deref(), Some("http://[fe80::1]:8765/ABCDEFGH/"));
        assert_eq!(typed_address("example.org", c), None, "a name would need a DNS server");
        assert_eq!(typed_address("10.0.0.2", ""), None, "no code");
        assert_eq!(typed_address("0.0.0.0", c), None);
        assert_eq!(typed_address("10.0.0.2:0", c), None);
    }

    #[test]
    fn a_qr_code_is_square() {
        let m = qr("http://192.168.1.5:8765/ABCDEFGH/").unwrap();
        assert!(m.len() >= 21 && m.iter().all(|r| r.len() == m.len()));
        assert!(m.iter().flatten().any(|d| *d) && m.iter().flatten().any(|d| !*d));
    }
}
