//! Bringing documents into the local library. Everything that enters the store comes through
//! here: verified, sanitised, attachments written by hash and checked before they are used.
//!
//! Today: `apply_feed`, which the first run uses for the embedded starter library and which the
//! network sync will use with HTTP fetches.

mod attachments;
mod extract;
mod ingest;

pub use attachments::{openable_attachment, write_verified, AttachmentError};
pub use extract::extract_text;
pub use ingest::to_new_document;

use peerlib_feed::manifest::{verify_bytes, verify_manifest, FeedDocument, VerifyError};
use peerlib_feed::network::Network;
use peerlib_feed::starter;
use peerlib_store::{paths::DataDir, ContentStore, Source, StoreError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("attachment: {0}")]
    Attachment(#[from] AttachmentError),
    #[error("the feed was refused: {0}")]
    Verify(#[from] VerifyError),
    #[error("{0} is listed in the manifest but could not be fetched")]
    Missing(String),
    #[error("resources/network.toml: {0}")]
    Network(String),
}

impl SyncError {
    /// The closed code at the boundary; see `StoreError::code`.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Store(e) => e.code(),
            SyncError::Attachment(AttachmentError::Io(_)) => "disk",
            SyncError::Verify(VerifyError::BadSignature | VerifyError::UnknownKey { .. } | VerifyError::BadSignatureFile) => "signature",
            SyncError::Verify(_) | SyncError::Missing(_) => "tampered",
            SyncError::Attachment(_) | SyncError::Network(_) => "internal",
        }
    }
}

/// What opening the library found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Documents imported from the starter library on this open (0 when it was already there).
    pub imported: usize,
    /// A damaged content database that was moved aside and rebuilt.
    pub moved_aside: Option<PathBuf>,
}

/// Open the library in a data folder; on the very first run (no source ever applied) apply the
/// embedded starter library, the network's signed feed at an early seq, so the app is useful
/// with no network. It is verified with the keys in network.toml like any download.
pub fn open_library(dir: &DataDir) -> Result<(ContentStore, OpenReport), SyncError> {
    let (mut store, moved_aside) = ContentStore::open_in(dir)?;
    let mut report = OpenReport { moved_aside, ..Default::default() };
    if store.source_count()? == 0 {
        let network = Network::shipped().map_err(|e| SyncError::Network(e.to_string()))?;
        let manifest = starter::feed_file("manifest.json").unwrap_or_default();
        let signature = starter::feed_file("manifest.json.minisig").and_then(|s| std::str::from_utf8(s).ok()).unwrap_or_default();
        let fetch = |path: &str| starter::feed_file(path).map(<[u8]>::to_vec);
        report.imported = apply_feed(&mut store, dir, &network, manifest, signature, fetch)?;
    }
    Ok((store, report))
}

/// Apply a signed feed: verify the manifest with the network's pinned keys; fetch every document
/// and attachment with `fetch` (by its feed path) and check it against the manifest's sha256 and
/// size; write attachments by hash; then replace the network's documents and seq in ONE
/// transaction. Any failure leaves the library exactly as it was.
pub fn apply_feed(
    store: &mut ContentStore,
    dir: &DataDir,
    network: &Network,
    manifest_bytes: &[u8],
    signature: &str,
    fetch: impl Fn(&str) -> Option<Vec<u8>>,
) -> Result<usize, SyncError> {
    let manifest = verify_manifest(manifest_bytes, signature, &network.keys)?;
    let get = |path: &str, sha256: &str, size: u64| -> Result<Vec<u8>, SyncError> {
        let bytes = fetch(path).ok_or_else(|| SyncError::Missing(path.to_string()))?;
        verify_bytes(path, &bytes, sha256, size)?;
        Ok(bytes)
    };
    let mut attachments = Vec::with_capacity(manifest.attachments.len());
    for a in &manifest.attachments {
        attachments.push((a, get(&a.path, &a.sha256, a.size)?));
    }
    let mut docs = Vec::with_capacity(manifest.documents.len());
    for d in &manifest.documents {
        let bytes = get(&d.path, &d.sha256, d.size)?;
        let doc: FeedDocument = serde_json::from_slice(&bytes).map_err(|e| VerifyError::BadManifest(format!("{}: {e}", d.path)))?;
        if doc.id != d.id {
            return Err(VerifyError::BadManifest(format!("{} holds document {}, not {}", d.path, doc.id, d.id)).into());
        }
        docs.push(doc);
    }
    // Everything is verified: now write. Files first (by hash, idempotent), documents last.
    for (a, bytes) in &attachments {
        write_verified(&dir.attachments(), &a.sha256, bytes)?;
        store.record_file_text(&a.sha256, a.size, &a.media_type, &extract_text(&a.media_type, bytes))?;
    }
    let new_docs = docs.iter().map(|d| to_new_document(d, |_| true)).collect::<Result<Vec<_>, _>>()?;
    let source = Source { url: network.feed_url.clone(), title: network.name.clone(), verified: true };
    store.replace_source(&source, Some(manifest.seq), &new_docs)?;
    Ok(new_docs.len())
}
