//! A full or read-only disk: a clear error, and the library as it was.

use crate::common;
use peerlib_store::*;
use rusqlite::{Connection, OpenFlags};

fn doc(id: &str, body: &str) -> NewDocument {
    NewDocument { body_html: body.into(), ..common::doc(id) }
}

fn source() -> Source {
    common::source("https://feed.example", "Feed")
}

#[test]
fn a_full_disk_fails_the_whole_update_and_keeps_the_old_library() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("content.db");
    let mut s = ContentStore::open(&path).unwrap();
    s.replace_source(&source(), Some(1), &[doc("old", "<p>kept</p>")]).unwrap();
    s.simulate_full_disk_after(2).unwrap();
    let big: Vec<NewDocument> = (0..50).map(|i| doc(&format!("new{i}"), &"<p>words </p>".repeat(2000))).collect();
    let err = s.replace_source(&source(), Some(2), &big).unwrap_err();
    assert!(err.is_storage() && err.code() == "disk", "a full disk is named as such: {err:?}");
    assert_eq!(s.document_count().unwrap(), 1, "nothing was half-applied");
    assert_eq!(s.source_seq("https://feed.example").unwrap(), Some(1));
}

#[test]
fn a_read_only_library_can_be_read_and_a_write_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("content.db");
    {
        let mut s = ContentStore::open(&path).unwrap();
        s.replace_source(&source(), Some(1), &[doc("old", "<p>kept</p>")]).unwrap();
    }
    let ro = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let n: i64 = ro.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "a read-only file still reads");
    let err = StoreError::from(ro.execute("DELETE FROM documents", []).unwrap_err());
    assert!(err.is_storage() && err.code() == "disk", "a read-only disk is a storage error: {err:?}");
}

/// #21 item 3: a changed document is updated where it is. Its number and first arrival stay;
/// rows that did not change are not written again (its tags and publishers keep their row ids,
/// with another document's rows written after them); both search indexes hold the new text and
/// not the old (read here from each index, whatever the query would skip): after a change of the
/// body, of an attachment, of the language alone, and of the title, tags and publishers.
#[test]
fn a_changed_document_is_updated_where_it_is_and_what_did_not_change_is_not_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("content.db");
    let mut s = ContentStore::open(&path).unwrap();
    let update = |seq: i64, at: i64| SourceUpdate {
        url: "https://feed.example/manifest.json".into(),
        title: "Network".into(),
        kind: Some(SourceKind::Network),
        seq: Some(seq),
        arrived_at: Some(at),
        ..Default::default()
    };
    let first = NewDocument {
        body_html: "<p>naloxone saves lives</p>".into(),
        tags: vec!["overdose".into(), "harm".into()],
        publishers: vec!["INPUD".into(), "EHRN".into()],
        ..common::doc("a")
    };
    let other = NewDocument { tags: vec!["prison".into()], publishers: vec!["HRI".into()], ..common::doc("b") };
    s.apply_changes(&update(1, 100), &[first.clone(), other], &[]).unwrap();
    let raw = Connection::open(&path).unwrap();
    let ids = |sql: &str| -> Vec<i64> { raw.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect() };
    const DOC_NO: &str = "SELECT doc_no FROM documents WHERE id = 'a'";
    const TAGS: &str = "SELECT rowid FROM document_tags WHERE document_id = 'a' ORDER BY tag";
    const PUBLISHERS: &str = "SELECT rowid FROM document_publishers WHERE document_id = 'a' ORDER BY position";
    let (doc_no, tags, publishers) = (ids(DOC_NO), ids(TAGS), ids(PUBLISHERS));
    // Whether `a`'s row in `index` (search or search_head) holds `word` as a document in
    // `language` puts it there ("en:naloxone": its English stem).
    let holds = |index: &str, word: &str| -> bool {
        let (language, word) = word.split_once(':').unwrap();
        let term = text::index_text(word, language);
        let rows: Vec<i64> = raw.prepare(&format!("SELECT rowid FROM {index} WHERE {index} MATCH ?1")).unwrap().query_map([format!("\"{term}\"")], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        rows.contains(&doc_no[0])
    };
    assert!(holds("search", "en:naloxone") && holds("search_head", "en:overdose") && holds("search_head", "en:INPUD"));

    // Only the body changes.
    let changed = NewDocument { body_html: "<p>methadone works</p>".into(), version: 2, ..first.clone() };
    s.apply_changes(&update(2, 200), std::slice::from_ref(&changed), &[]).unwrap();
    assert_eq!(ids(DOC_NO), doc_no, "updated where it is");
    assert_eq!((ids(TAGS), ids(PUBLISHERS)), (tags.clone(), publishers.clone()), "unchanged rows are not written again");
    assert_eq!(ids("SELECT arrived_at FROM documents WHERE id = 'a'"), [100], "it keeps when it first arrived");
    assert!(holds("search", "en:methadone") && !holds("search", "en:naloxone"), "the new body, not the old");
    assert_eq!(s.document("a").unwrap().version, 2);

    // An attachment whose text was extracted is added.
    let sha = "c".repeat(64);
    s.record_file_text(&sha, 10, "application/pdf", &ExtractedText::Text("The slides mention buprenorphine.".into())).unwrap();
    let attached = NewDocument {
        attachments: vec![NewAttachment { sha256: sha.clone(), size: 10, media_type: "application/pdf".into(), title: "Slides".into(), downloaded: true }],
        ..changed.clone()
    };
    s.apply_changes(&update(3, 300), std::slice::from_ref(&attached), &[]).unwrap();
    assert!(holds("search", "en:buprenorphine"), "the attachment's text is indexed");

    // Only the language changes: every word is stemmed under the new one, in both indexes.
    let french = NewDocument { language: "fr".into(), ..attached.clone() };
    s.apply_changes(&update(4, 400), std::slice::from_ref(&french), &[]).unwrap();
    assert!(holds("search", "fr:methadone") && !holds("search", "en:methadone"));
    assert!(holds("search_head", "fr:overdose") && !holds("search_head", "en:overdose"));

    // The title, tags and publishers change.
    let renamed = NewDocument { title: "Travail de proximité".into(), tags: vec!["proximité".into()], publishers: vec!["ANPUD".into()], ..french };
    s.apply_changes(&update(5, 500), &[renamed], &[]).unwrap();
    assert_eq!(ids(DOC_NO), doc_no);
    assert_ne!(ids(TAGS), tags, "changed tags are written");
    let d = s.document("a").unwrap();
    assert_eq!((d.title.as_str(), d.tags.clone(), d.publishers.clone()), ("Travail de proximité", vec!["proximité".to_string()], vec!["ANPUD".to_string()]));
    for index in ["search", "search_head"] {
        assert!(holds(index, "fr:travail") && holds(index, "fr:ANPUD"), "{index}: the new title and publisher");
        for gone in ["fr:overdose", "fr:INPUD", "fr:title"] {
            assert!(!holds(index, gone), "{index}: {gone} is gone");
        }
    }
    let found = s.search(&SearchQuery { text: "travail".into(), ..Default::default() }, &UserMarks::default()).unwrap();
    assert_eq!(found.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!(s.document_count().unwrap(), 2);
}

/// A file whose text no extraction read (its child could not be started or limit itself) is held
/// with its text pending, which a later sync extracts; it is not named unreadable, and a state an
/// earlier extraction gave is taken back.
#[test]
fn a_file_no_extraction_read_is_held_with_its_text_pending() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = ContentStore::open(&tmp.path().join("content.db")).unwrap();
    let sha = "d".repeat(64);
    s.record_file_pending(&sha, 10, "application/pdf").unwrap();
    assert_eq!(s.file_text_status(&sha).unwrap().as_deref(), Some("pending"));
    s.record_file_text(&sha, 10, "application/pdf", &ExtractedText::Unreadable).unwrap();
    assert_eq!(s.file_text_status(&sha).unwrap().as_deref(), Some("unreadable"));
    s.record_file_pending(&sha, 10, "application/pdf").unwrap();
    assert_eq!(s.file_text_status(&sha).unwrap().as_deref(), Some("pending"));
}
