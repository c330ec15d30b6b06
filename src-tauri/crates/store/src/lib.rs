//! The local library, kept in SQLite on the laptop.
//!
//! Two kinds of data live in separate files (style.md principle 4): `content.db` holds what a sync
//! can download again (documents, translations, attachments' metadata, sources) and may be
//! replaced by a sync; user data (notes, bookmarks, read state, collections, settings) lives in
//! its own file that nothing automatic deletes.
//!
//! The files, by what each is (no module imports one above it in this list's later groups):
//! - types and helpers: `model` (every row and query type), `error`, `paths` (the data folder,
//!   moving a damaged file aside), `text` (tokens, stemming, folding), `rows` (row readers);
//! - content.db: `index` (the FTS5 indexes), `schema` (versions and upgrades), `open` (the
//!   connection), `read`, `apply` (a sync's one transaction), `sources` (subscriptions),
//!   `filters`, `library` (the library view), `search`, `snippet` and `signed` (a signed feed's
//!   files as signed, to be passed on);
//! - user.db: `user`, `settings`, `followed` (the feeds a person follows), `crypt` (encrypted at
//!   rest with a passphrase).
//!
//! To add a table or column to content.db: add a step to `schema::content_upgrade`, bump
//! `schema::CURRENT`, make `schema::content_init` build the same result from scratch, and commit
//! a fixture of the old version for tests/upgrade.rs. For user.db the same in user.rs
//! (`user_upgrade`, `USER.current`, `user_init`, tests/fixtures/user-v<N>.db).

mod apply;
pub mod crypt;
pub mod erase;
mod error;
pub mod files;
mod filters;
mod followed;
mod index;
mod library;
mod model;
mod open;
pub mod paths;
pub mod personal;
mod rank;
mod read;
mod rows;
mod schema;
mod search;
pub mod sealed;
mod settings;
mod signed;
mod snippet;
mod sources;
pub mod text;
pub mod tries;
mod user;

pub use error::StoreError;
pub use filters::UserMarks;
pub use followed::{restore_followed, FollowedFeed, Restored};
pub use model::*;
pub use open::ContentStore;
pub use peerlib_code::ErrorCode;
pub use schema::CURRENT as SCHEMA_VERSION;
pub use signed::SignedFile;
pub use settings::{is_language_tag, is_proxy_url, Settings, INTERVAL_RANGE};
pub use user::{Collection, UserOpenReport, UserStore};
