//! Bringing documents into the local library. Everything that enters the store comes through
//! here: verified, sanitised, attachments written by hash and checked before they are used.
//!
//! - [`open_library`]: the first run imports the embedded starter library (the network's signed
//!   feed at an early seq), verified like any download.
//! - [`sync`]: one sync of every subscription (the network's signed feed, other signed feeds,
//!   website feeds), one at a time per data folder, cancellable, reporting progress, logged.

pub mod address;
mod attachments;
pub mod bundle;
pub mod cancel;
mod ctx;
mod error;
mod extract;
mod follow;
pub mod http;
pub mod images;
mod ingest;
pub mod invitation;
mod library;
pub mod lock;
pub mod log;
pub mod origin;
pub mod plan;
mod run;
pub mod sandbox;
pub mod schedule;
pub mod signed;
pub mod update;
pub mod website;

pub use attachments::{openable_attachment, save_extension, write_verified, AttachmentError};
pub use cancel::Cancel;
pub use error::SyncError;
pub use extract::{extract_text, extract_text_limited};
pub use follow::{add_feed, add_feed_to, forget_followed, forget_followed_in, remove_feed, remove_feed_from, MAX_FEED_ADDRESS};
pub use ingest::to_new_document;
pub use library::{apply_feed, open_library, open_library_with, OpenReport};
pub use log::{Attempt, LogNames, SourceOutcome, SourceReport, SyncLog};
pub use origin::Origin;
pub use peerlib_code::ErrorCode;
pub use ctx::{Ctx, Phase, Progress, SyncOptions};
pub use run::{lower_this_threads_priority, sync, sync_yielding, SYNC_NICENESS};
pub use sandbox::{child_main, extract_in_child, ExtractLimits, CHILD_FLAG};
