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

/// The DNS-SD service type: plain HTTP, which printers, routers, storage boxes and many apps
/// announce and browse, so neither the announcement nor the query that finds it singles the app
/// out by its type. A sharing is told from the rest by its instance name ("Library" and four
/// digits, `is_sharing_name`), which is what a person sees.
pub const SERVICE_TYPE: &str = "_http._tcp.local.";

/// At most this many sharings are listed: a flood of announcements stays a short list.
const MAX_FOUND: usize = 20;

/// "Library" and four digits, as `Announcement::new` names a sharing.
fn is_sharing_name(name: &str) -> bool {
    name.strip_prefix("Library ").is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// An address a laptop in the same room can have: private (RFC 1918), link-local, IPv6 unique
/// local, this laptop itself, or an IPv4 address on one of this laptop's own networks
/// (`own_networks`): a university's or a venue's network that hands out public addresses, as
/// eduroam often does, is a room too. Any other address is never asked: a flyer or a hostile
/// announcement must not make the app connect, directly and without the user's proxy, to a
/// server anywhere. Until 2026-12-07 a public address was never a room's, and on such a network
/// `peerlib share` showed an address that the window and `peerlib sync --from` then refused.
/// A public IPv6 address is never a room's: a sharing shows and announces IPv4 addresses only,
/// and any device on the Wi-Fi can make a laptop take a /64 of its choosing (a router
/// advertisement) that is not on the link.
pub fn is_room_address(ip: IpAddr) -> bool {
    is_room_address_on(ip, &own_networks())
}

/// `is_room_address` with this laptop's networks given.
pub fn is_room_address_on(ip: IpAddr, networks: &[(IpAddr, u8)]) -> bool {
    let private = match ip {
        IpAddr::V4(v4) => v4.is_private() || v4.is_link_local() || v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00 || (v6.segments()[0] & 0xffc0) == 0xfe80,
    };
    private || networks.iter().any(|&(net, prefix)| on_network(ip, net, prefix))
}

/// The widest network a room's can be, by its prefix: a wider one (a hostile DHCP server's /0
/// included) would take in the internet. A /16 holds 65,536 addresses, more than any venue's
/// Wi-Fi.
const WIDEST_ROOM: u8 = 16;

/// `ip` is an IPv4 address within `net`/`prefix`, and that network is a room's (no wider than
/// `WIDEST_ROOM`).
fn on_network(ip: IpAddr, net: IpAddr, prefix: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) if (WIDEST_ROOM..=32).contains(&prefix) => {
            let mask = !u32::MAX.checked_shr(prefix.into()).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        _ => false,
    }
}

/// The IPv4 networks this laptop is on, by one of its addresses and the prefix, for
/// `is_room_address`: interfaces with a link, not point-to-point ones (a modem's, some VPNs')
/// nor the virtual ones of `is_virtual`, which lead nowhere in the room.
fn own_networks() -> Vec<(IpAddr, u8)> {
    networks_of(&if_addrs::get_if_addrs().unwrap_or_default())
}

/// `own_networks` among these interfaces.
fn networks_of(interfaces: &[if_addrs::Interface]) -> Vec<(IpAddr, u8)> {
    interfaces
        .iter()
        .filter(|i| i.is_oper_up() && !i.is_p2p() && !is_virtual(&i.name))
        .filter_map(|i| match &i.addr {
            if_addrs::IfAddr::V4(a) => Some((IpAddr::V4(a.ip), a.prefixlen)),
            if_addrs::IfAddr::V6(_) => None,
        })
        .collect()
}

/// Containers', virtual machines' and VPNs' interfaces lead nowhere in the room (and a VPN's
/// range shown on a projected screen says something about the user): by the names Linux, macOS
/// and Windows give them, whatever their case. A VPN named otherwise (Windows names a WireGuard
/// tunnel as its user did) is not recognised.
fn is_virtual(name: &str) -> bool {
    const STARTS: [&str; 14] = ["docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "tun", "tap", "wg", "utun", "zt", "tailscale", "vethernet", "vmware"];
    const HOLDS: [&str; 6] = ["vpn", "wintun", "wireguard", "tap-windows", "virtualbox", "hyper-v"];
    let name = name.to_lowercase();
    STARTS.iter().any(|v| name.starts_with(v)) || HOLDS.iter().any(|v| name.contains(v))
}

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
/// server outside the room; nor are addresses outside the room (`is_room_address`).
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
    if addr.port() == 0 || !is_room_address(addr.ip()) {
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

/// The feed laid out for sharing: a `share-*` folder in the data folder, removed when dropped,
/// also when laying it out failed half-way. With the library encrypted what it holds is plain
/// copies (documents and attachments), so it is erased (`erase::erase_one`: overwritten, flushed,
/// then removed); a plain library's is only removed (the same text is plain in content.db, and
/// its attachments are hard links of the library's own files). Folders a killed sharing left are
/// removed the same way first.
pub struct Folder {
    dir: tempfile::TempDir,
    /// Locked while the folder is in use (`.lock` inside it, never served: a dotfile), so that a
    /// sharing starting beside it (the app and `peerlib share` at once) leaves it alone. Closed
    /// before the folder goes (Windows removes no file still open).
    lock: Option<std::fs::File>,
    sealed: bool,
    pub documents: u64,
    pub files: u64,
}

pub fn lay_out(dir: &peerlib_store::paths::DataDir, store: &peerlib_store::ContentStore, feed_url: &str) -> Result<Folder, peerlib_sync::SyncError> {
    erase_left_behind(dir);
    let io = |e: std::io::Error| peerlib_sync::SyncError::from(peerlib_sync::AttachmentError::Io(e));
    let tmp = tempfile::Builder::new().prefix("share-").tempdir_in(dir.root()).map_err(io)?;
    let lock = std::fs::File::create(tmp.path().join(".lock")).map_err(io)?;
    lock.try_lock().map_err(|e| io(std::io::Error::other(e.to_string())))?;
    let mut folder = Folder { dir: tmp, lock: Some(lock), sealed: peerlib_store::crypt::library_encrypted(dir), documents: 0, files: 0 };
    (folder.documents, folder.files) = peerlib_sync::bundle::lay_out_feed(dir, store, feed_url, folder.path())?;
    Ok(folder)
}

/// Remove the folders a killed sharing left (power lost, SIGKILL), erased when the library is
/// encrypted: those whose lock nobody holds any more. A folder with no lock yet that changed in
/// the last minute is a sharing still starting (its lock comes just after it). Also called by
/// the app at start with an encrypted library.
pub fn erase_left_behind(dir: &peerlib_store::paths::DataDir) {
    let sealed = peerlib_store::crypt::library_encrypted(dir);
    for e in std::fs::read_dir(dir.root()).into_iter().flatten().flatten() {
        if !e.file_name().to_string_lossy().starts_with("share-") || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let unused = match std::fs::File::open(e.path().join(".lock")) {
            Ok(f) => f.try_lock().is_ok(),
            Err(_) => e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_none_or(|age| age > std::time::Duration::from_secs(60)),
        };
        if unused {
            remove(&e.path(), sealed);
        }
    }
}

fn remove(path: &std::path::Path, sealed: bool) {
    let _ = if sealed { peerlib_store::erase::erase_one(path) } else { std::fs::remove_dir_all(path) };
}

impl Folder {
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        drop(self.lock.take());
        // Removed here; the TempDir then finds nothing left to remove.
        remove(self.dir.path(), self.sealed);
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
    /// Taken out by `stop`, which erases it on a blocking thread; None only after that.
    folder: Option<Folder>,
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
    let options = Options { prefix: Some(code.clone()), tally: Some(tally.clone()), room_only: true };
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
    Ok(Sharing { code, bound, announced, folder: Some(folder), tally, stop: Some(stop), task: Some(task), announcement })
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
    /// folder (erased when the library is encrypted). What was taken.
    pub async fn stop(mut self) -> Taken {
        // Its goodbye waits up to a second for the daemon: not on one of the runtime's workers.
        if let Some(a) = self.announcement.take() {
            let _ = tokio::task::spawn_blocking(move || drop(a)).await;
        }
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        // Erasing the folder overwrites and flushes every file (thousands with an encrypted
        // library): not on one of the runtime's workers, which the window's commands share.
        if let Some(f) = self.folder.take() {
            let _ = tokio::task::spawn_blocking(move || drop(f)).await;
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
    // Only what a laptop in the room takes (`is_room_address`): not an address of a network
    // wider than a room's.
    let interfaces = if_addrs::get_if_addrs().unwrap_or_default();
    let networks = networks_of(&interfaces);
    let mut ips: Vec<IpAddr> = interfaces
        .iter()
        .filter(|i| !is_virtual(&i.name))
        .map(|i| i.ip())
        .filter(|ip| matches!(ip, IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local()))
        .filter(|ip| is_room_address_on(*ip, &networks))
        .collect();
    // A home or venue router's 192.168/16 first, then 172.16/12, then 10/8, then the rest.
    let rank = |ip: &IpAddr| match ip {
        IpAddr::V4(v4) => match v4.octets() {
            [192, 168, ..] => 0,
            [172, b, ..] if (16..32).contains(&b) => 1,
            [10, ..] => 2,
            _ => 3,
        },
        IpAddr::V6(_) => 4,
    };
    ips.sort_by_key(|ip| (rank(ip), *ip));
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
    /// As announced: "Library" and four digits (nothing else is listed).
    pub name: String,
    /// `IP:PORT`, to type with the code.
    pub address: SocketAddr,
    /// The host name announced with it (`peerlib nearby --json`, for tests and administrators).
    pub host: String,
    /// Its TXT record's entries, `key=value`.
    pub properties: Vec<String>,
}

/// One resolved announcement, as `found_from` takes it.
pub struct Resolved {
    pub fullname: String,
    pub host: String,
    pub addresses: Vec<IpAddr>,
    pub port: u16,
    pub properties: Vec<String>,
}

/// The sharings among resolved `_http._tcp` announcements: named as a sharing is, at a room
/// address (IPv4 first), one per address (a second name for an address already listed is left
/// out: two entries could not be told apart), `MAX_FOUND` at most, by name.
pub fn found_from(resolved: impl IntoIterator<Item = Resolved>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let networks = own_networks();
    for r in resolved {
        let instance = r.fullname.strip_suffix(SERVICE_TYPE).unwrap_or(&r.fullname).trim_end_matches('.');
        if !is_sharing_name(instance) || r.port == 0 {
            continue;
        }
        let mut ips: Vec<IpAddr> = r.addresses.into_iter().filter(|ip| is_room_address_on(*ip, &networks)).collect();
        ips.sort_by_key(|ip| (!ip.is_ipv4(), *ip));
        let Some(ip) = ips.first() else { continue };
        let address = SocketAddr::new(*ip, r.port);
        if found.len() < MAX_FOUND && !found.iter().any(|f| f.address == address) {
            found.push(Found { name: instance.to_string(), address, host: r.host, properties: r.properties });
        }
    }
    found.sort_by(|a, b| (&a.name, a.address).cmp(&(&b.name, b.address)));
    found
}

/// The sharings announced on the room's networks, listened for during `wait` (blocking: run it
/// off the async runtime).
pub fn browse(wait: Duration) -> Vec<Found> {
    let Ok(daemon) = mdns_sd::ServiceDaemon::new() else {
        return Vec::new();
    };
    let Ok(events) = daemon.browse(SERVICE_TYPE) else {
        let _ = daemon.shutdown();
        return Vec::new();
    };
    let deadline = std::time::Instant::now() + wait;
    let mut resolved = Vec::new();
    // Every HTTP service of the room answers: bounded, in case a host floods the network.
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else { break };
        if let mdns_sd::ServiceEvent::ServiceResolved(s) = event {
            if resolved.len() < 1000 {
                resolved.push(Resolved {
                    fullname: s.fullname.clone(),
                    host: s.host.clone(),
                    addresses: s.addresses.iter().map(|a| a.to_ip_addr()).collect(),
                    port: s.port,
                    properties: s.txt_properties.iter().map(|p| format!("{}={}", p.key(), p.val_str())).collect(),
                });
            }
        }
    }
    let _ = daemon.stop_browse(SERVICE_TYPE);
    let _ = daemon.shutdown();
    found_from(resolved)
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

    /// What a sharing laid out goes when it ends: overwritten with an encrypted library (read
    /// here through a descriptor held across the end), only removed with a plain one.
    #[test]
    fn a_sharings_folder_is_erased_when_the_library_is_encrypted_and_removed_when_plain() {
        let root = tempfile::tempdir().unwrap();
        for sealed in [true, false] {
            let tmp = tempfile::Builder::new().prefix("share-").tempdir_in(root.path()).unwrap();
            std::fs::create_dir(tmp.path().join("documents")).unwrap();
            let doc = tmp.path().join("documents").join("a.json");
            std::fs::write(&doc, b"{\"title\":\"a statement\"}").unwrap();
            let mut held = std::fs::File::open(&doc).unwrap();
            let path = tmp.path().to_path_buf();
            drop(Folder { dir: tmp, lock: None, sealed, documents: 1, files: 0 });
            assert!(!path.exists());
            let mut after = vec![];
            std::io::Read::read_to_end(&mut held, &mut after).unwrap();
            match sealed {
                true => assert_eq!(after, vec![0u8; 23], "overwritten"),
                false => assert_eq!(after, b"{\"title\":\"a statement\"}", "only removed"),
            }
        }
    }

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
    fn only_sharings_at_room_addresses_are_listed_once_each_and_at_most_twenty() {
        let r = |name: &str, ip: &str, port: u16| Resolved {
            fullname: format!("{name}.{SERVICE_TYPE}"),
            host: "library-1234.local.".into(),
            addresses: vec![ip.parse().unwrap()],
            port,
            properties: vec![],
        };
        let found = found_from([
            r("Library 4821", "192.168.1.5", 8765),
            r("Library 1111", "192.168.1.5", 8765),
            r("Office printer", "192.168.1.9", 80),
            r("Library 2222", "203.0.113.5", 8765),
            r("Library 3333", "10.0.0.7", 0),
            r("Library 12345", "10.0.0.8", 8765),
            r("Library <b>", "10.0.0.9", 8765),
        ]);
        assert_eq!(found.iter().map(|f| (f.name.as_str(), f.address.to_string())).collect::<Vec<_>>(), [("Library 4821", "192.168.1.5:8765".to_string())], "the first name for an address is kept");
        let many = found_from((0..100).map(|i| r(&format!("Library {:04}", 1000 + i), &format!("10.0.{}.{}", i / 200, i % 200 + 1), 8765)));
        assert_eq!(many.len(), MAX_FOUND);
    }

    #[test]
    fn a_typed_public_address_is_refused() {
        assert_eq!(typed_address("203.0.113.5", "ABCDEFGH"), None, "a server anywhere, not a laptop in the room");
        assert_eq!(typed_address("8.8.8.8:8765", "ABCDEFGH"), None);
        assert!(typed_address("172.20.1.2", "ABCDEFGH").is_some());
        assert!(typed_address("169.254.3.4", "ABCDEFGH").is_some());
        assert!(typed_address("[fd00::5]:8765", "ABCDEFGH").is_some());
        assert_eq!(typed_address("[2001:db8::1]:8765", "ABCDEFGH"), None);
    }

    /// A network that hands out public addresses (a university's, a venue's) is a room when this
    /// laptop is on it, and only as wide as a room's: a /0 or /8 said by a hostile DHCP server
    /// does not take in the internet.
    #[test]
    fn an_address_on_this_laptops_own_network_is_a_rooms_public_or_not() {
        let net = |n: &str, p: u8| (n.parse::<IpAddr>().unwrap(), p);
        let room = |ip: &str, nets: &[(IpAddr, u8)]| is_room_address_on(ip.parse().unwrap(), nets);
        assert!(room("192.0.2.7", &[net("192.0.2.1", 24)]));
        assert!(room("192.0.2.1", &[net("192.0.2.1", 24)]), "this laptop itself");
        assert!(!room("192.0.2.7", &[]));
        assert!(!room("198.51.100.7", &[net("192.0.2.1", 24)]), "another network");
        assert!(room("130.237.200.9", &[net("130.237.1.1", 16)]), "a university's /16");
        assert!(!room("130.236.200.9", &[net("130.237.1.1", 15)]), "wider than a room's");
        assert!(!room("8.8.8.8", &[net("10.0.0.5", 0)]), "a /0 takes in nothing");
        assert!(!room("8.8.8.8", &[net("8.1.1.1", 8)]));
        assert!(room("8.8.8.8", &[net("8.8.8.8", 32)]));
        assert!(!room("2001:db8::5", &[net("2001:db8::1", 64)]), "a public IPv6 address never: a router advertisement could name any /64");
        assert!(!room("192.0.2.7", &[net("::", 0), net("2001:db8::1", 64)]), "another family");
        assert!(room("10.1.2.3", &[]), "a private address needs no network");
        assert!(room("fd00::5", &[]) && room("fe80::1", &[]));
    }

    #[test]
    fn virtual_interfaces_are_known_by_their_names_on_every_system() {
        for name in ["docker0", "veth12ab", "tun0", "wg0", "utun3", "Tailscale", "vEthernet (WSL)", "OpenVPN Wintun", "ProtonVPN", "VirtualBox Host-Only Network"] {
            assert!(is_virtual(name), "{name}");
        }
        for name in ["eth0", "wlan0", "wlp2s0", "en0", "Wi-Fi", "Ethernet", "WLAN"] {
            assert!(!is_virtual(name), "{name}");
        }
    }

    #[test]
    fn a_qr_code_is_square() {
        let m = qr("http://192.168.1.5:8765/ABCDEFGH/").unwrap();
        assert!(m.len() >= 21 && m.iter().all(|r| r.len() == m.len()));
        assert!(m.iter().flatten().any(|d| *d) && m.iter().flatten().any(|d| !*d));
    }
}
