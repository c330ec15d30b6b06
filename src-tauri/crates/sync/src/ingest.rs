//! From the feed's document to the store's. Kept apart from I/O so it is tested as a function.

use peerlib_feed::source::SourceDocument;
use peerlib_store::{Kind, NewAttachment, NewDocument, StoreError};

/// Convert a validated feed document. `downloaded` says whether an attachment's verified bytes
/// are in the attachments folder.
pub fn to_new_document(
    d: &SourceDocument,
    downloaded: impl Fn(&str) -> bool,
) -> Result<NewDocument, StoreError> {
    let kind = Kind::parse(&d.kind).ok_or_else(|| StoreError::InvalidDocument {
        id: d.id.clone(),
        reason: format!("unknown kind {}", d.kind),
    })?;
    Ok(NewDocument {
        id: d.id.clone(),
        version: 1,
        kind,
        language: d.language.clone(),
        group: d.group.clone(),
        title: d.title.clone(),
        summary: d.summary.clone(),
        body_html: d.body_html.clone(),
        publishers: d.publishers.clone(),
        tags: d.tags.clone(),
        published: d.published.clone(),
        updated: d.updated.clone(),
        url: d.url.clone(),
        attachments: d
            .attachments
            .iter()
            .map(|a| NewAttachment {
                sha256: a.sha256.clone(),
                size: a.bytes.len() as u64,
                media_type: a.media_type.clone(),
                title: a.title.clone(),
                downloaded: downloaded(&a.sha256),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use peerlib_feed::source::KINDS;

    #[test]
    fn every_feed_kind_is_a_store_kind() {
        for k in KINDS {
            assert!(Kind::parse(k).is_some(), "feed kind {k} must map to a store kind");
        }
        assert_eq!(KINDS.len(), Kind::ALL.len(), "the two lists name the same kinds");
    }
}
