//! The library's formats (docs/feed-format.md): the publisher's source format (Markdown with TOML
//! front matter), the signed feed (manifest, documents, files) and its verification, HTML
//! sanitising, the starter library embedded in the app, and (feature `publisher`) key generation
//! and publishing.
//! This crate does no I/O beyond what its callers hand it and never depends on the store.

pub mod filetype;
pub mod html;
pub mod keys;
pub mod manifest;
pub mod network;
#[cfg(feature = "publisher")]
pub mod publish;
pub mod release;
pub mod source;
pub mod starter;

use sha2::{Digest, Sha256};

/// Lowercase hex sha256 of some bytes: the name of every file in the feed.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The media type for an attachment, from its file name's extension.
pub fn media_type_for(path: &str) -> String {
    mime_guess::from_path(path).first_or_octet_stream().essence_str().to_string()
}
