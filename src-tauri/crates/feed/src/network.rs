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
        if joined.exists() {
            return from(joined, NetworkSource::Joined);
        }
        if let Some(system) = system_file().filter(|p| p.exists()) {
            return from(system, NetworkSource::System);
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

/// Plain http is allowed only to this machine (a test server, a local mirror on 127.0.0.1).
pub fn is_loopback_http(url: &str) -> bool {
    ["http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/", "http://[::1]:"].iter().any(|p| url.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

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
