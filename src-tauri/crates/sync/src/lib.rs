//! Bringing documents into the local library. Everything that enters the store comes through
//! here: verified, sanitised, attachments written by hash and checked before they are used.
//!
//! Today this is the first-run import of the embedded starter library; the network feeds will
//! use the same `apply` path.

mod attachments;
mod extract;
mod ingest;

pub use attachments::{openable_attachment, write_verified, AttachmentError};
pub use extract::extract_text;
pub use ingest::to_new_document;

use peerlib_feed::{source::Problem, starter};
use peerlib_store::{paths::DataDir, ContentStore, Source, StoreError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("attachment: {0}")]
    Attachment(#[from] AttachmentError),
    #[error("the embedded starter library is invalid: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    InvalidStarter(Vec<Problem>),
}

impl SyncError {
    /// The closed code at the boundary; see `StoreError::code`.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Store(e) => e.code(),
            SyncError::Attachment(AttachmentError::Io(_)) => "disk",
            SyncError::Attachment(_) | SyncError::InvalidStarter(_) => "internal",
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

/// Open the library in a data folder; on the very first run (no source ever applied) import the
/// embedded starter library, so the app is useful with no network.
pub fn open_library(dir: &DataDir) -> Result<(ContentStore, OpenReport), SyncError> {
    let (mut store, moved_aside) = ContentStore::open_in(dir)?;
    let mut report = OpenReport { moved_aside, ..Default::default() };
    if store.source_count()? == 0 {
        report.imported = import_starter(&mut store, dir)?;
    }
    Ok((store, report))
}

/// Import (or re-import) the starter library: attachments first, verified and renamed into
/// place, then every document in one transaction.
pub fn import_starter(store: &mut ContentStore, dir: &DataDir) -> Result<usize, SyncError> {
    let docs = starter::documents().map_err(SyncError::InvalidStarter)?;
    let mut new_docs = Vec::with_capacity(docs.len());
    for d in &docs {
        for a in &d.attachments {
            write_verified(&dir.attachments(), &a.sha256, &a.bytes)?;
            let text = extract_text(&a.media_type, &a.bytes);
            store.record_file_text(&a.sha256, a.bytes.len() as u64, &a.media_type, &text)?;
        }
        // The same conversion a network document takes: source -> feed document -> store.
        new_docs.push(to_new_document(&d.to_feed_document(1), |_| true)?);
    }
    let source = Source {
        url: starter::SOURCE_URL.to_string(),
        title: "Peer Library".to_string(),
        verified: true,
    };
    store.replace_source(&source, None, &new_docs)?;
    Ok(new_docs.len())
}
