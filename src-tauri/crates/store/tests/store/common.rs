//! Builders shared by the store's tests.

use peerlib_store::{Kind, NewDocument, Source};

/// A news item in English with only its id (and a title from it): each test sets what it tests.
pub fn doc(id: &str) -> NewDocument {
    NewDocument {
        id: id.into(),
        version: 1,
        kind: Kind::News,
        language: "en".into(),
        group: id.into(),
        title: format!("Title {id}"),
        summary: String::new(),
        body_html: String::new(),
        publishers: vec![],
        tags: vec![],
        published: None,
        updated: None,
        url: None,
        attachments: vec![],
        content_hash: None,
        prepared: None,
        images: vec![],
    }
}

/// A verified (signed) source.
pub fn source(url: &str, title: &str) -> Source {
    Source { url: url.into(), title: title.into(), verified: true }
}
