//! Every way bringing documents in can fail, each with its closed code for the boundary.

use crate::attachments::AttachmentError;
use crate::cancel;
use crate::http::FetchError;
use crate::lock::LockError;
use crate::plan;
use peerlib_code::ErrorCode;
use peerlib_feed::manifest::VerifyError;
use peerlib_store::StoreError;

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
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("the feed was refused: {0}")]
    Plan(#[from] plan::PlanError),
    #[error("the manifest names publisher key {found}, which is not pinned for this feed")]
    Publisher { found: String },
    #[error("the update would delete {delete} of {held} documents; held back until confirmed (--allow-mass-delete)")]
    MassDelete { delete: usize, held: usize },
    #[error("another sync is running")]
    Busy,
    #[error("the feed could not be read: {0}")]
    Unreadable(String),
    #[error("the server asked us to wait until {until} (unix time)")]
    Waiting { until: i64 },
    #[error("{0} is not a feed you follow")]
    NotSubscribed(String),
    #[error("not a usable public key: {0}")]
    BadKey(String),
    #[error(transparent)]
    Bundle(#[from] crate::bundle::BundleError),
    #[error("the sync's threads could not be started: {0}")]
    Threads(String),
    /// No child could read a website feed (none started, or it could not limit itself): says
    /// nothing of the feed, which the next sync reads again.
    #[error("the feed's reader could not be started: {0}")]
    Reader(String),
}

impl From<cancel::Cancelled> for SyncError {
    fn from(_: cancel::Cancelled) -> Self {
        SyncError::Fetch(FetchError::Cancelled)
    }
}

impl From<LockError> for SyncError {
    fn from(e: LockError) -> Self {
        match e {
            LockError::Busy => SyncError::Busy,
            LockError::Io(e) => SyncError::Attachment(AttachmentError::Io(e)),
        }
    }
}

impl SyncError {
    /// The closed code at the boundary; see `StoreError::code`. Each has a message
    /// `error-<code>` in resources/l10n.
    pub fn code(&self) -> ErrorCode {
        match self {
            SyncError::Store(e) => e.code(),
            SyncError::Attachment(AttachmentError::Io(_)) => ErrorCode::Disk,
            SyncError::Attachment(AttachmentError::NotOpenable) => ErrorCode::NotOpenable,
            SyncError::Attachment(AttachmentError::Store(e)) => e.code(),
            SyncError::Verify(VerifyError::BadSignature | VerifyError::UnknownKey { .. } | VerifyError::BadSignatureFile) => ErrorCode::Signature,
            SyncError::Verify(_) | SyncError::Missing(_) => ErrorCode::Tampered,
            SyncError::Plan(plan::PlanError::DuplicateId(_)) => ErrorCode::Tampered,
            SyncError::Plan(plan::PlanError::Rollback { .. }) => ErrorCode::Rollback,
            SyncError::Plan(plan::PlanError::SameSeqOtherContent { .. } | plan::PlanError::SeqJump { .. }) => ErrorCode::Tampered,
            SyncError::Publisher { .. } => ErrorCode::Publisher,
            SyncError::MassDelete { .. } => ErrorCode::MassDelete,
            SyncError::Fetch(e) => e.code(),
            SyncError::Busy => ErrorCode::Busy,
            SyncError::Unreadable(_) => ErrorCode::UnreadableFeed,
            SyncError::Waiting { .. } => ErrorCode::Waiting,
            SyncError::NotSubscribed(_) => ErrorCode::NotSubscribed,
            SyncError::BadKey(_) => ErrorCode::BadKey,
            SyncError::Bundle(e) => e.code(),
            SyncError::Attachment(_) | SyncError::Network(_) | SyncError::Threads(_) | SyncError::Reader(_) => ErrorCode::Internal,
        }
    }
}

