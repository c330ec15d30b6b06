//! resources/network.toml: which network the app follows and which keys may sign its feed.

use crate::manifest::PinnedKey;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    feed_url: String,
    keys: Vec<RawKey>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    id: String,
    public_key: String,
    #[serde(default)]
    #[allow(dead_code)]
    comment: String,
}

pub struct Network {
    /// As it may be shown and printed: no control or invisible character, one line, at most 80
    /// characters ([`shown_name`]).
    pub name: String,
    /// Always https (or plain http to this machine), a host, maybe a port, and a path ending
    /// with `/`; nothing else ([`feed_address`]).
    pub feed_url: String,
    pub keys: Vec<PinnedKey>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NetworkError {
    #[error("network.toml is not valid: {0}")]
    Syntax(String),
    #[error("feed_url must be an https URL")]
    InsecureUrl,
    #[error("feed_url must be a plain address (a host and a path): {0}")]
    BadUrl(&'static str),
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("network.toml names no key, so no feed could ever be verified")]
    NoKeys,
    #[error("key {0} is not a minisign public key, or its id does not match")]
    BadKey(String),
}

impl Network {
    pub fn parse(text: &str) -> Result<Network, NetworkError> {
        let raw: Raw = toml::from_str(text).map_err(|e| NetworkError::Syntax(e.message().to_string()))?;
        if !raw.feed_url.starts_with("https://") && !is_loopback_http(&raw.feed_url) {
            return Err(NetworkError::InsecureUrl);
        }
        let feed_url = feed_address(&raw.feed_url)?;
        if raw.keys.is_empty() {
            return Err(NetworkError::NoKeys);
        }
        // A key id is said in the error as a person may read it: hex digits only, so a hostile
        // invitation's id cannot carry a terminal's escape sequences into `peerlib`'s message.
        let said = |id: &str| id.chars().filter(char::is_ascii_hexdigit).take(16).collect::<String>();
        let keys = raw
            .keys
            .iter()
            .map(|k| PinnedKey::parse(&k.public_key).filter(|p| p.id() == k.id).ok_or_else(|| NetworkError::BadKey(said(&k.id))))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Network { name: shown_name(&raw.name), feed_url, keys })
    }

    /// The network.toml this build ships.
    pub fn shipped() -> Result<Network, NetworkError> {
        Network::parse(include_str!("../../../../resources/network.toml"))
    }

    /// The network a data folder follows, and where that was said, first found of: the file
    /// `PEERLIB_NETWORK` names (a test's loopback feed, an administrator's one-off), the network
    /// the user joined from an invitation (`network.toml` in the data folder), the machine's
    /// network set by an administrator ([`system_file`]), else the one this build ships. A file
    /// that is there but not valid is an error, never skipped: the user must not follow another
    /// network than the one they were told of without knowing it.
    pub fn configured_in(data_dir: &Path) -> Result<(Network, NetworkSource), NetworkError> {
        let (source, network) = Network::followed_in(data_dir);
        network.map(|n| (n, source))
    }

    /// As [`Network::configured_in`], with where the network is named also when its file is not
    /// valid, so that the user can be told which file to mend, or leave a joined network whose
    /// file no longer reads.
    pub fn followed_in(data_dir: &Path) -> (NetworkSource, Result<Network, NetworkError>) {
        // Read as an invitation is: a regular file of at most 16 KiB (Settings reads it each time
        // it opens; a named pipe or /dev/zero in its place must not hold or fill the app).
        let read = |path: &Path| -> Result<Network, NetworkError> {
            let unreadable = |reason: String| NetworkError::Unreadable { path: path.display().to_string(), reason };
            let text = Network::read_invitation(path).map_err(|e| unreadable(e.to_string()))?.ok_or_else(|| unreadable(format!("not a regular file of at most {MAX_INVITATION} bytes")))?;
            Network::parse(&text)
        };
        if let Some(path) = std::env::var_os(NETWORK_ENV) {
            return (NetworkSource::Environment, read(Path::new(&path)));
        }
        let joined = data_dir.join(JOINED_FILE);
        match present(&joined) {
            Ok(false) => {}
            Ok(true) => return (NetworkSource::Joined, read(&joined)),
            Err(e) => return (NetworkSource::Joined, Err(e)),
        }
        if let Some(system) = system_file() {
            match present(&system) {
                Ok(false) => {}
                // The test hook names a file of its own; the real place must be the administrator's.
                Ok(true) if std::env::var_os(SYSTEM_NETWORK_ENV).is_none() => return (NetworkSource::System, administrators_only(&system).and_then(|()| read(&system))),
                Ok(true) => return (NetworkSource::System, read(&system)),
                Err(e) => return (NetworkSource::System, Err(e)),
            }
        }
        (NetworkSource::Shipped, Network::shipped())
    }

    /// Whether a network joined from an invitation is there to leave, readable or not, and is the
    /// one followed (`PEERLIB_NETWORK` does not name another).
    pub fn can_leave(data_dir: &Path) -> bool {
        std::env::var_os(NETWORK_ENV).is_none() && std::fs::symlink_metadata(data_dir.join(JOINED_FILE)).is_ok()
    }

    /// Whether two networks are the same to follow: the same name, feed address and keys.
    pub fn same_as(&self, other: &Network) -> bool {
        self.name == other.name && self.feed_url == other.feed_url && self.keys == other.keys
    }

    /// An invitation to join a network: the text of a network.toml, checked exactly as one (an
    /// https feed address, at least one key, every key valid), at most [`MAX_INVITATION`] bytes.
    pub fn parse_invitation(text: &str) -> Result<Network, NetworkError> {
        if text.len() > MAX_INVITATION {
            return Err(NetworkError::Syntax("an invitation is a small file".into()));
        }
        Network::parse(text.trim_start_matches('\u{feff}'))
    }

    /// An invitation file's text, read through one handle: a regular file (checked before it is
    /// opened, so a named pipe does not hold the reader, and again on the open handle, so a file
    /// swapped in between is seen), at most [`MAX_INVITATION`] bytes read whatever its size says.
    /// `Ok(None)` for a file too large or not a regular file; `Err` when it cannot be read.
    pub fn read_invitation(path: &Path) -> std::io::Result<Option<String>> {
        use std::io::Read;
        if !std::fs::metadata(path)?.is_file() {
            return Ok(None);
        }
        let file = std::fs::File::open(path)?;
        if !file.metadata()?.is_file() {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        file.take(MAX_INVITATION as u64 + 1).read_to_end(&mut bytes)?;
        if bytes.len() > MAX_INVITATION {
            return Ok(None);
        }
        // Text, or not an invitation: a damaged byte is not read as another character.
        String::from_utf8(bytes).map(Some).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
    }

    /// Join the network an invitation names: checked, then written to the data folder beside its
    /// target and renamed, so a crash leaves the old network or the new one, never half a file.
    pub fn join(data_dir: &Path, invitation: &str) -> Result<Network, NetworkError> {
        let network = Network::parse_invitation(invitation)?;
        let io = |e: std::io::Error| NetworkError::Unreadable { path: data_dir.display().to_string(), reason: e.to_string() };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let tmp = data_dir.join(format!("{JOINED_FILE}.joining"));
        std::fs::write(&tmp, invitation.trim_start_matches('\u{feff}')).map_err(io)?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(io)?;
        std::fs::rename(&tmp, data_dir.join(JOINED_FILE)).map_err(io)?;
        Ok(network)
    }

    /// Leave the joined network: the machine's or the built-in one is followed again.
    pub fn leave(data_dir: &Path) -> std::io::Result<bool> {
        match std::fs::remove_file(data_dir.join(JOINED_FILE)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Where the network a data folder follows was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkSource {
    Environment,
    Joined,
    System,
    Shipped,
}

impl NetworkSource {
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkSource::Environment => "environment",
            NetworkSource::Joined => "joined",
            NetworkSource::System => "system",
            NetworkSource::Shipped => "shipped",
        }
    }
}

/// The environment variable naming another network.toml.
pub const NETWORK_ENV: &str = "PEERLIB_NETWORK";
/// The network joined from an invitation, in the data folder.
pub const JOINED_FILE: &str = "network.toml";
/// An invitation's largest size: a name, an address and a few keys.
pub const MAX_INVITATION: usize = 16 * 1024;
/// The file extension of an invitation.
pub const INVITATION_EXTENSION: &str = "peerlib-network";
/// Names another machine-wide file (tests; an unusual installation).
pub const SYSTEM_NETWORK_ENV: &str = "PEERLIB_SYSTEM_NETWORK";

/// The network an administrator sets for every user of the machine: /etc/peer-library/network.toml
/// on Linux and the BSDs, %ProgramData%\Peer Library\network.toml on Windows,
/// /Library/Application Support/Peer Library/network.toml on macOS.
pub fn system_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(SYSTEM_NETWORK_ENV) {
        return Some(PathBuf::from(p));
    }
    if cfg!(windows) {
        std::env::var_os("ProgramData").map(|d| PathBuf::from(d).join("Peer Library").join("network.toml"))
    } else if cfg!(target_os = "macos") {
        Some(PathBuf::from("/Library/Application Support/Peer Library/network.toml"))
    } else {
        Some(PathBuf::from("/etc/peer-library/network.toml"))
    }
}

/// Whether a network file is there: false only when it is not; a file that cannot be looked at
/// (no permission, an I/O error) is an error, never taken for an absent one, and so is a link to
/// nothing (the link itself is looked at).
fn present(path: &Path) -> Result<bool, NetworkError> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(NetworkError::Unreadable { path: path.display().to_string(), reason: e.to_string() }),
    }
}

/// The machine's network file must be one only an administrator could have written: owned by
/// root and writable by no one else, in a folder of the same kind; otherwise any user (or a
/// program one runs) could choose the network, and so the library, of every user of the machine.
/// A link is followed to where the file really is, and every folder above it up to `/` must be
/// root's too (since 2026-12-07: a link to a root-owned file in a user's folder passed, and the
/// user could put another file in its place after the check).
/// On Windows %ProgramData% is writable by users unless its ACL says otherwise; the installer
/// leaves that to the administrator (docs/install.md).
#[cfg(unix)]
pub fn administrators_only(path: &Path) -> Result<(), NetworkError> {
    use std::os::unix::fs::MetadataExt;
    let refuse = |p: &Path, why: &str| NetworkError::Unreadable { path: p.display().to_string(), reason: why.to_string() };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let real = std::fs::canonicalize(path).map_err(|e| refuse(path, &e.to_string()))?;
    for p in [path, folder].into_iter().chain(real.ancestors()) {
        let meta = std::fs::metadata(p).map_err(|e| refuse(p, &e.to_string()))?;
        if meta.uid() != 0 {
            return Err(refuse(p, "not owned by root, so not set by the administrator"));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(refuse(p, "writable by users other than root"));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn administrators_only(_path: &Path) -> Result<(), NetworkError> {
    Ok(())
}

/// Plain http is allowed only to this machine (a test server, a local mirror on 127.0.0.1): the
/// whole authority must be a loopback host with at most a port, so that neither
/// `http://127.0.0.1:@elsewhere/` (a user name) nor `http://localhost.elsewhere/` passes.
/// A character that draws nothing or moves the text around it: controls, and Unicode's format
/// characters (soft hyphen, zero-width ones, joiners, direction marks and overrides, invisible
/// operators, interlinear annotation, tags, the byte-order mark).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}' | '\u{e0000}'..='\u{e0fff}')
        || ('\u{600}'..='\u{605}').contains(&c)
        || matches!(c, '\u{6dd}' | '\u{70f}' | '\u{8e2}' | '\u{110bd}' | '\u{110cd}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}')
}

/// A network's name as it is shown (a question before joining, Settings, what `peerlib` prints):
/// every control or invisible character a space, on one line, spaces run together, at most 80
/// characters. A name cannot then push the address and keys out of the question, turn the
/// text after it around, or move a terminal's cursor.
pub fn shown_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if is_invisible(c) { ' ' } else { c }).collect();
    let mut shown: String = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if shown.chars().count() > 80 {
        shown = shown.chars().take(79).collect::<String>() + "…";
    }
    shown
}

/// The feed's address as it is used and shown, or why it cannot be one: a host, maybe a port,
/// and a path, ending with `/`. Refused: a user name or password (`https://trusted.example@evil.example/`
/// names evil.example), a query or a fragment, and any space, control or invisible character in
/// the text (a line break or a direction override in the address would break or turn around the
/// question it is shown in). A host in another script is kept as the connection names it, in
/// ASCII (`xn--`), so that a look-alike of a known name shows as what it is.
pub fn feed_address(raw: &str) -> Result<String, NetworkError> {
    if raw.chars().any(|c| is_invisible(c) || c.is_whitespace()) {
        return Err(NetworkError::BadUrl("a space or an invisible character"));
    }
    let url = url::Url::parse(raw).map_err(|_| NetworkError::BadUrl("not an address"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(NetworkError::BadUrl("a user name or a password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(NetworkError::BadUrl("a query or a fragment"));
    }
    if url.host().is_none() {
        return Err(NetworkError::BadUrl("no host"));
    }
    let mut address = url.to_string();
    if !address.ends_with('/') {
        address.push('/');
    }
    Ok(address)
}

pub fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(':') && (h.starts_with('[') == h.ends_with(']')) => (h, Some(p)),
        _ => (authority, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && ["127.0.0.1", "localhost", "[::1]"].contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in ["http://127.0.0.1:8080/feed/", "http://127.0.0.1/", "http://localhost:1/x", "http://localhost/", "http://[::1]:9/"] {
            assert!(is_loopback_http(ok), "{ok}");
        }
        for bad in [
            "http://127.0.0.1:@evil.example/",
            "http://127.0.0.1:80@evil.example/",
            "http://localhost@evil.example/",
            "http://localhost.evil.example/",
            "http://127.0.0.1.evil.example/",
            "http://127.0.0.1:/",
            "http://127.0.0.1:80x/",
            "http://[::1]@evil.example/",
            "http://evil.example/?http://127.0.0.1/",
            "https://127.0.0.1/",
            "ftp://127.0.0.1/",
        ] {
            assert!(!is_loopback_http(bad), "{bad}");
        }
    }

    /// A chosen invitation that is a named pipe, a folder or a large file is refused without
    /// blocking and without reading past the cap.
    #[cfg(unix)]
    #[test]
    fn an_invitation_file_is_read_only_when_small_and_regular() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.peerlib-network");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert_eq!(Network::read_invitation(&fifo).unwrap(), None, "a named pipe, refused unopened");
        assert_eq!(Network::read_invitation(dir.path()).unwrap(), None, "a folder");
        let big = dir.path().join("big.peerlib-network");
        std::fs::File::create(&big).unwrap().set_len(1 << 30).unwrap();
        assert_eq!(Network::read_invitation(&big).unwrap(), None, "a sparse 1 GiB file");
        let small = dir.path().join("ok.peerlib-network");
        std::fs::write(&small, "name = \"N\"").unwrap();
        assert_eq!(Network::read_invitation(&small).unwrap().as_deref(), Some("name = \"N\""));
        assert!(Network::read_invitation(&dir.path().join("missing")).is_err());
        let damaged = dir.path().join("damaged.peerlib-network");
        std::fs::write(&damaged, b"name = \"N\xff\"").unwrap();
        assert!(Network::read_invitation(&damaged).is_err(), "not UTF-8: not read as another character");
    }

    #[cfg(unix)]
    #[test]
    fn the_machine_file_must_be_the_administrators() {
        use std::os::unix::fs::{chown, PermissionsExt};
        // Beside the test program, not in /tmp, which every user may write: every folder above
        // the file counts.
        let dir = tempfile::tempdir_in(std::env::current_exe().unwrap().parent().unwrap()).unwrap();
        let folder = dir.path().join("peer-library");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        let file = folder.join("network.toml");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(administrators_only(&file).is_err(), "a file any user may write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        // Run as root (as CI is), the test can give the file away; otherwise its owner is a user.
        let root = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&file).unwrap()) == 0;
        if root {
            chown(dir.path(), Some(0), Some(0)).unwrap();
            assert!(administrators_only(&file).is_ok(), "root's file, in root's folder");
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
            assert!(administrators_only(&file).is_err(), "a folder any user may write");
            std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
            // A link from root's folder to root's file in a folder a user owns: refused, the
            // user could swap the file after the check.
            let users = dir.path().join("users");
            std::fs::create_dir(&users).unwrap();
            let elsewhere = users.join("network.toml");
            std::fs::write(&elsewhere, "x").unwrap();
            std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o644)).unwrap();
            let link = folder.join("linked.toml");
            std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
            assert!(administrators_only(&link).is_ok(), "a link to root's file in root's folder");
            chown(&users, Some(65534), None).unwrap();
            assert!(administrators_only(&link).is_err(), "a link to a file in a user's folder");
            chown(&file, Some(65534), None).unwrap();
        }
        assert!(administrators_only(&file).is_err(), "a file a user owns");
    }

    #[test]
    fn the_shipped_network_toml_is_valid() {
        let n = Network::shipped().expect("resources/network.toml parses");
        assert!(n.feed_url.starts_with("https://") && n.feed_url.ends_with('/'));
        assert!(!n.keys.is_empty());
    }

    #[test]
    fn an_insecure_url_a_missing_key_and_a_mismatched_id_are_refused() {
        let key = "RWSydWMZnAWrhHl/KjyQO3r/gF1HGXNji66cOnzG4JmvGVIsvl+HBqAX";
        let with = |url: &str, keys: &str| format!("name = \"N\"\nfeed_url = \"{url}\"\n{keys}");
        let one = format!("[[keys]]\nid = \"84AB059C196375B2\"\npublic_key = \"{key}\"\n");
        assert!(Network::parse(&with("https://x.example/f", &one)).is_ok());
        assert_eq!(Network::parse(&with("http://x.example/f", &one)).err(), Some(NetworkError::InsecureUrl));
        assert_eq!(Network::parse(&with("https://x.example/f", "keys = []")).err(), Some(NetworkError::NoKeys));
        let wrong = one.replace("84AB059C196375B2", "0000000000000000");
        assert_eq!(Network::parse(&with("https://x.example/f", &wrong)).err(), Some(NetworkError::BadKey("0000000000000000".into())));
        assert!(matches!(Network::parse("feed_url = 3"), Err(NetworkError::Syntax(_))));
        // A key id said in the error carries nothing a terminal would act on.
        let escaped = one.replace("id = \"84AB059C196375B2\"", "id = \"\\u001b[2J84AB\"");
        assert_eq!(Network::parse(&with("https://x.example/f", &escaped)).err(), Some(NetworkError::BadKey("284AB".into())));
    }

    /// What a hostile invitation could put in the address the user is asked about (found by a
    /// review on 2026-12-07: only the name was cleaned, the address was shown as written).
    #[test]
    fn the_address_asked_about_is_the_one_connected_to_and_nothing_can_hide_in_it() {
        let key = "RWSydWMZnAWrhHl/KjyQO3r/gF1HGXNji66cOnzG4JmvGVIsvl+HBqAX";
        let with = |url: &str| format!("name = \"N\"\nfeed_url = \"{url}\"\n[[keys]]\nid = \"84AB059C196375B2\"\npublic_key = \"{key}\"\n");
        let refused = |url: &str| match Network::parse(&with(url)) {
            Err(NetworkError::BadUrl(why)) => why,
            other => panic!("{url}: {:?}", other.map(|n| n.feed_url)),
        };
        assert_eq!(refused("https://trusted.example@evil.example/feed/"), "a user name or a password");
        assert_eq!(refused("https://trusted.example:pw@evil.example/feed/"), "a user name or a password");
        assert_eq!(refused("https://x.example/feed/?a=1"), "a query or a fragment");
        assert_eq!(refused("https://x.example/feed/#top"), "a query or a fragment");
        for hidden in ["\\n", "\\t", "\\u202E", "\\u2066", "\\u200B", "\\u00AD", "\\u001b", " "] {
            assert_eq!(refused(&format!("https://x.example/fe{hidden}ed/")), "a space or an invisible character", "{hidden}");
        }
        let n = Network::parse(&with("https://bücher.example/feed")).unwrap();
        assert_eq!(n.feed_url, "https://xn--bcher-kva.example/feed/", "a host in another script shown as the connection names it");
        let n = Network::parse(&with("https://X.Example:8443/Feed/")).unwrap();
        assert_eq!(n.feed_url, "https://x.example:8443/Feed/");
        assert_eq!(Network::parse(&with("http://127.0.0.1:8080/feed")).unwrap().feed_url, "http://127.0.0.1:8080/feed/");
    }

    #[test]
    fn a_name_cannot_hide_the_address_or_turn_the_text_around() {
        assert_eq!(shown_name("Réseau régional"), "Réseau régional");
        assert_eq!(shown_name("Real network\n\n\n\n\nfeed https://good.example/"), "Real network feed https://good.example/");
        assert_eq!(shown_name("abc\u{202e}lmth.exe\u{2066}x\u{200f}"), "abc lmth.exe x");
        assert_eq!(shown_name("a\u{1b}[2Jb\u{ad}c\u{2060}d\u{e0041}e\u{2028}f"), "a [2Jb c d e f", "a terminal's escape, soft hyphen, word joiner, tag, line separator");
        let long = shown_name(&"N".repeat(5000));
        assert_eq!(long.chars().count(), 80);
        assert!(long.ends_with('…'));
        let parsed = Network::parse("name = \"Net\\u202Ework\\n\"\nfeed_url = \"https://x.example/\"\n[[keys]]\nid = \"84AB059C196375B2\"\npublic_key = \"RWSydWMZnAWrhHl/KjyQO3r/gF1HGXNji66cOnzG4JmvGVIsvl+HBqAX\"\n").unwrap();
        assert_eq!(parsed.name, "Net work", "cleaned as it is read, for every place that shows or prints it");
    }
}
