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
    pub name: String,
    /// Always https, ending with `/`.
    pub feed_url: String,
    pub keys: Vec<PinnedKey>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum NetworkError {
    #[error("network.toml is not valid: {0}")]
    Syntax(String),
    #[error("feed_url must be an https URL")]
    InsecureUrl,
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
        if raw.keys.is_empty() {
            return Err(NetworkError::NoKeys);
        }
        let keys = raw
            .keys
            .iter()
            .map(|k| PinnedKey::parse(&k.public_key).filter(|p| p.id() == k.id).ok_or_else(|| NetworkError::BadKey(k.id.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        let mut feed_url = raw.feed_url;
        if !feed_url.ends_with('/') {
            feed_url.push('/');
        }
        Ok(Network { name: raw.name, feed_url, keys })
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
        let from = |path: PathBuf, source: NetworkSource| -> Result<(Network, NetworkSource), NetworkError> {
            let text = std::fs::read_to_string(&path).map_err(|e| NetworkError::Unreadable { path: path.display().to_string(), reason: e.to_string() })?;
            Ok((Network::parse(&text)?, source))
        };
        if let Some(path) = std::env::var_os(NETWORK_ENV) {
            return from(PathBuf::from(path), NetworkSource::Environment);
        }
        let joined = data_dir.join(JOINED_FILE);
        if present(&joined)? {
            return from(joined, NetworkSource::Joined);
        }
        if let Some(system) = system_file() {
            if present(&system)? {
                // The test hook names a file of its own; the real place must be the administrator's.
                if std::env::var_os(SYSTEM_NETWORK_ENV).is_none() {
                    administrators_only(&system)?;
                }
                return from(system, NetworkSource::System);
            }
        }
        Ok((Network::shipped()?, NetworkSource::Shipped))
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
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
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
/// (no permission, an I/O error) is an error, never taken for an absent one.
fn present(path: &Path) -> Result<bool, NetworkError> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(NetworkError::Unreadable { path: path.display().to_string(), reason: e.to_string() }),
    }
}

/// The machine's network file must be one only an administrator could have written: owned by
/// root and writable by no one else, in a folder of the same kind; otherwise any user (or a
/// program one runs) could choose the network, and so the library, of every user of the machine.
/// On Windows %ProgramData% is writable by users unless its ACL says otherwise; the installer
/// leaves that to the administrator (docs/install.md).
#[cfg(unix)]
pub fn administrators_only(path: &Path) -> Result<(), NetworkError> {
    use std::os::unix::fs::MetadataExt;
    let refuse = |p: &Path, why: &str| NetworkError::Unreadable { path: p.display().to_string(), reason: why.to_string() };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    for p in [path, folder] {
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
    }

    #[cfg(unix)]
    #[test]
    fn the_machine_file_must_be_the_administrators() {
        use std::os::unix::fs::{chown, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
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
    }
}
