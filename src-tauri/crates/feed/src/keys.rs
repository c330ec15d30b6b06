//! Key rotation and revocation (#17 item 13): `keys.json` beside the manifest, signed (minisign,
//! `keys.json.minisig`) by a key the clients pin now, names the keys they pin from then on. The
//! current key names the next, and clients switch in one step: a key no longer named is no longer
//! pinned, and a key a statement revokes is never pinned again, whatever a later statement says.
//! Each statement has a `seq`; one that is not newer than the one a client holds is ignored.
//! docs/hosting.md says how a publisher rotates and revokes; docs/feed-format.md the format.

use crate::manifest::{PinnedKey, VerifyError};
use serde::{Deserialize, Serialize};

pub const KEYS_FORMAT: &str = "peerlib-keys/1";

/// A signed statement of the keys a feed is signed with from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyStatement {
    pub format: String,
    pub seq: i64,
    /// The keys to pin from now on: the base64 line of each minisign public key.
    pub keys: Vec<String>,
    /// Key ids never to pin again (a key lost or stolen).
    #[serde(default)]
    pub revoked: Vec<String>,
}

impl KeyStatement {
    /// The keys it names, parsed.
    pub fn pinned(&self) -> Vec<PinnedKey> {
        self.keys.iter().filter_map(|k| PinnedKey::parse(k)).collect()
    }
}

/// Verify `keys.json`'s bytes against its signature with any of the `pinned` keys, then parse
/// and check it: the format, at least one key, every key valid and none of them revoked.
pub fn verify_key_statement(bytes: &[u8], signature: &str, pinned: &[PinnedKey]) -> Result<KeyStatement, VerifyError> {
    crate::manifest::verify_signature(bytes, signature, pinned)?;
    let s: KeyStatement = serde_json::from_slice(bytes).map_err(|e| VerifyError::BadManifest(format!("keys.json: {e}")))?;
    if s.format != KEYS_FORMAT {
        return Err(VerifyError::BadManifest(format!("keys.json: format {:?} is not {KEYS_FORMAT}", s.format)));
    }
    let parsed = s.pinned();
    if parsed.is_empty() || parsed.len() != s.keys.len() {
        return Err(VerifyError::BadManifest("keys.json: a key is missing or not a minisign public key".into()));
    }
    if parsed.iter().any(|k| s.revoked.iter().any(|r| r == k.id())) {
        return Err(VerifyError::BadManifest("keys.json names a key it revokes".into()));
    }
    Ok(s)
}

/// Sign a key statement with a secret key file's text (the key clients pin now).
#[cfg(feature = "publisher")]
pub fn sign_key_statement(statement: &KeyStatement, secret_key: &str) -> Result<(Vec<u8>, String), crate::publish::PublishError> {
    let bytes = serde_json::to_vec_pretty(statement).expect("a key statement serialises");
    let sig = crate::publish::sign_bytes(&bytes, secret_key, &format!("keys-seq:{} file:keys.json", statement.seq))?;
    Ok((bytes, sig))
}
