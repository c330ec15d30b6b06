//! The local library, kept in SQLite on the laptop.
//!
//! Two kinds of data live in separate files (style.md principle 4): `content.db` holds what a sync
//! can download again (documents, translations, attachments' metadata, sources) and may be
//! replaced by a sync; user data (notes, bookmarks, read state, collections, settings) lives in
//! its own file that nothing automatic deletes.
//!
//! To add a table or column: add a step to `schema::upgrade_from`, bump `schema::CURRENT`, update
//! `schema::init` to build the same result from scratch, and commit a fixture of the old version
//! for the upgrade test.

mod content;
mod error;
mod followed;
mod index;
mod library;
mod model;
pub mod paths;
mod schema;
mod search;
mod settings;
mod sources;
pub mod text;
mod user;

pub use content::ContentStore;
pub use user::{Collection, UserOpenReport, UserStore};
pub use error::StoreError;
pub use followed::{restore_followed, FollowedFeed, Restored};
pub use peerlib_code::ErrorCode;
pub use model::*;
pub use schema::CURRENT as SCHEMA_VERSION;
pub use search::UserMarks;
pub use settings::{is_language_tag, Settings, INTERVAL_RANGE};
pub use index::PreparedIndex;
pub use library::{LibraryFacets, LibraryQuery, LibrarySort};
