//! The signed library feed, version 1 (docs/feed-format.md): `manifest.json` lists every document
//! and attachment with its sha256 and size; `manifest.json.minisig` signs the manifest's exact
//! bytes. Clients verify the signature with a pinned key before reading anything else, and every
//! fetched byte against the manifest before using it.

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "peerlib-feed/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    /// Strictly increasing with every publish; a lower seq than the client holds is a rollback.
    pub seq: i64,
    /// RFC 3339.
    pub issued_at: String,
    /// RFC 3339. An expired manifest is still applied when newer, but the user is told it is stale.
    pub expires_at: String,
    pub publisher: Publisher,
    pub documents: Vec<DocumentEntry>,
    pub attachments: Vec<AttachmentEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub name: String,
    /// The minisign key id (16 hex digits) that signs this feed.
    pub key_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub id: String,
    /// Grows by one whenever the document's content changes.
    pub version: i64,
    pub sha256: String,
    pub size: u64,
    /// Always `documents/<sha256>.json`.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentEntry {
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    /// Always `files/<sha256>`.
    pub path: String,
}

/// `documents/<sha256>.json`: one document, immutable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedDocument {
    pub id: String,
    pub version: i64,
    pub kind: String,
    pub language: String,
    pub group: String,
    pub title: String,
    pub summary: String,
    /// Sanitised by the publisher, and sanitised again by every client.
    pub body_html: String,
    pub publishers: Vec<String>,
    pub tags: Vec<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub url: Option<String>,
    pub attachments: Vec<FeedAttachment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedAttachment {
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
    pub title: String,
}

/// Why a manifest or a file was refused. Each names what failed, for the user and the log.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("the signature file is missing, truncated or not a minisign signature")]
    BadSignatureFile,
    #[error("the manifest is signed by key {found}, not by a key pinned for this feed")]
    UnknownKey { found: String },
    #[error("the manifest's signature does not match its content (tampered)")]
    BadSignature,
    #[error("the manifest is not valid: {0}")]
    BadManifest(String),
    #[error("{what} does not match the manifest: expected {expected_size} bytes with sha256 {expected}")]
    Mismatch { what: String, expected: String, expected_size: u64 },
}

/// A pinned publisher key, from resources/network.toml or `feeds add --public-key`.
#[derive(Clone, PartialEq, Eq)]
pub struct PinnedKey {
    key: minisign_verify::PublicKey,
    id: String,
}

impl PinnedKey {
    /// From the base64 line of a minisign public key file (the `minisign -P` argument), or from
    /// the whole file (its comment line is skipped).
    pub fn parse(text: &str) -> Option<PinnedKey> {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))?;
        let key = minisign_verify::PublicKey::from_base64(line).ok()?;
        // Checked against a key made by the minisign tool in tests/feed.rs.
        let raw = base64_decode(line)?;
        // [2 bytes algorithm][8 bytes key id, little-endian][32 bytes Ed25519 key]
        let id = raw.get(2..10)?.iter().rev().map(|b| format!("{b:02X}")).collect();
        Some(PinnedKey { key, id })
    }
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Verify `manifest.json`'s bytes against its signature with any of the pinned keys, then parse
/// it. Nothing in the manifest is read before the signature holds.
pub fn verify_manifest(bytes: &[u8], signature: &str, pinned: &[PinnedKey]) -> Result<Manifest, VerifyError> {
    verify_signature(bytes, signature, pinned)?;
    let m: Manifest = serde_json::from_slice(bytes).map_err(|e| VerifyError::BadManifest(e.to_string()))?;
    check_manifest(&m)?;
    Ok(m)
}

/// Check a minisign signature of `bytes` with any of the pinned keys (the manifest, keys.json).
pub fn verify_signature(bytes: &[u8], signature: &str, pinned: &[PinnedKey]) -> Result<(), VerifyError> {
    let sig = minisign_verify::Signature::decode(signature).map_err(|_| VerifyError::BadSignatureFile)?;
    for key in pinned {
        match key.key.verify(bytes, &sig, false) {
            Ok(()) => return Ok(()),
            Err(minisign_verify::Error::UnexpectedKeyId) => continue,
            Err(_) => return Err(VerifyError::BadSignature),
        }
    }
    Err(VerifyError::UnknownKey { found: signature_key_id(signature).unwrap_or_else(|| "?".into()) })
}

/// The structural rules a signed manifest must still follow.
fn check_manifest(m: &Manifest) -> Result<(), VerifyError> {
    let bad = |s: String| Err(VerifyError::BadManifest(s));
    if m.format != FORMAT {
        return bad(format!("format {:?} is not {FORMAT}", m.format));
    }
    if m.seq < 1 {
        return bad(format!("seq {} is not a positive number", m.seq));
    }
    let mut ids = std::collections::HashSet::new();
    for d in &m.documents {
        if !ids.insert(&d.id) {
            return bad(format!("document {} is listed twice", d.id));
        }
        if !is_hash(&d.sha256) || d.path != format!("documents/{}.json", d.sha256) {
            return bad(format!("document {} has a bad hash or path", d.id));
        }
    }
    for a in &m.attachments {
        if !is_hash(&a.sha256) || a.path != format!("files/{}", a.sha256) {
            return bad(format!("attachment {} has a bad hash or path", a.sha256));
        }
    }
    Ok(())
}

/// Check fetched bytes against what the manifest promised.
pub fn verify_bytes(what: &str, bytes: &[u8], sha256: &str, size: u64) -> Result<(), VerifyError> {
    if bytes.len() as u64 != size || crate::sha256_hex(bytes) != sha256 {
        return Err(VerifyError::Mismatch { what: what.to_string(), expected: sha256.to_string(), expected_size: size });
    }
    Ok(())
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The key id a signature claims, for the "signed by another key" message.
fn signature_key_id(signature: &str) -> Option<String> {
    let line = signature.lines().nth(1)?;
    let raw = base64_decode(line.trim())?;
    Some(raw.get(2..10)?.iter().rev().map(|b| format!("{b:02X}")).collect())
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}
