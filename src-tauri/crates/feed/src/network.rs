//! resources/network.toml: which network the app follows and which keys may sign its feed.

use crate::manifest::PinnedKey;
use serde::Deserialize;

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

    /// The network this run follows: the file `PEERLIB_NETWORK` names (an administrator's
    /// own deployment, a test's loopback feed), else the one shipped.
    pub fn configured() -> Result<Network, NetworkError> {
        match std::env::var_os(NETWORK_ENV) {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| NetworkError::Unreadable {
                    path: path.to_string_lossy().into_owned(),
                    reason: e.to_string(),
                })?;
                Network::parse(&text)
            }
            None => Network::shipped(),
        }
    }
}

/// The environment variable naming another network.toml.
pub const NETWORK_ENV: &str = "PEERLIB_NETWORK";

/// Plain http is allowed only to this machine (a test server, a local mirror on 127.0.0.1).
fn is_loopback_http(url: &str) -> bool {
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
