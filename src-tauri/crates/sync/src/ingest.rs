//! From the feed's document to the store's. Kept apart from I/O so it is tested as a function.

use peerlib_feed::html::sanitize;
use peerlib_feed::manifest::FeedDocument;
use peerlib_store::{Kind, NewAttachment, NewDocument, StoreError};

/// Convert a verified feed document for the store. The body is sanitised again here: the
/// publisher sanitised it, but a client trusts no HTML it did not clean itself (design.md).
/// `downloaded` says whether an attachment's verified bytes are in the attachments folder.
pub fn to_new_document(d: &FeedDocument, downloaded: impl Fn(&str) -> bool) -> Result<NewDocument, StoreError> {
    let kind = Kind::parse(&d.kind).ok_or_else(|| StoreError::InvalidDocument {
        id: d.id.clone(),
        reason: format!("unknown kind {}", d.kind),
    })?;
    Ok(NewDocument {
        id: d.id.clone(),
        version: d.version,
        kind,
        language: d.language.clone(),
        group: d.group.clone(),
        title: d.title.clone(),
        summary: d.summary.clone(),
        body_html: sanitize(&d.body_html),
        publishers: d.publishers.clone(),
        tags: d.tags.clone(),
        published: d.published.clone(),
        updated: d.updated.clone(),
        url: d.url.clone().filter(|u| u.starts_with("https://")),
        attachments: d
            .attachments
            .iter()
            .map(|a| NewAttachment {
                sha256: a.sha256.clone(),
                size: a.size,
                media_type: a.media_type.clone(),
                title: a.title.clone(),
                downloaded: downloaded(&a.sha256),
            })
            .collect(),
        content_hash: None,
        prepared: None,
        images: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_document_is_sanitised_again_and_its_link_must_be_https() {
        let starter = peerlib_feed::starter::documents().unwrap();
        let mut d = starter[0].to_feed_document(3);
        d.body_html = "<p onclick=\"x()\">Hi<script>alert(1)</script></p>".into();
        d.url = Some("http://plain.example".into());
        let n = to_new_document(&d, |_| false).unwrap();
        assert_eq!(n.body_html, "<p>Hi</p>", "a client trusts no HTML it did not clean itself");
        assert_eq!(n.url, None, "only https links are kept");
        assert_eq!(n.version, 3);
        assert!(n.attachments.iter().all(|a| !a.downloaded));
    }
    use peerlib_feed::source::KINDS;

    #[test]
    fn every_feed_kind_is_a_store_kind() {
        for k in KINDS {
            assert!(Kind::parse(k).is_some(), "feed kind {k} must map to a store kind");
        }
        assert_eq!(KINDS.len(), Kind::ALL.len(), "the two lists name the same kinds");
    }
}
