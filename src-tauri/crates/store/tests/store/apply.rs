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
/// rows that did not change are not written again (its tags and publishers keep their row ids);
/// both search indexes hold the new text and not the old, also when the title, tags, publishers
/// and language change.
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
    s.apply_changes(&update(1, 100), &[first.clone(), common::doc("b")], &[]).unwrap();
    let raw = Connection::open(&path).unwrap();
    let ids = |sql: &str| -> Vec<i64> { raw.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect() };
    const DOC_NO: &str = "SELECT doc_no FROM documents WHERE id = 'a'";
    const TAGS: &str = "SELECT rowid FROM document_tags WHERE document_id = 'a' ORDER BY tag";
    const PUBLISHERS: &str = "SELECT rowid FROM document_publishers WHERE document_id = 'a' ORDER BY position";
    let (doc_no, tags, publishers) = (ids(DOC_NO), ids(TAGS), ids(PUBLISHERS));
    let found = |s: &ContentStore, text: &str| -> Vec<String> {
        s.search(&SearchQuery { text: text.into(), ..Default::default() }, &UserMarks::default()).unwrap().hits.into_iter().map(|h| h.id).collect()
    };
    assert_eq!(found(&s, "naloxone"), ["a"]);

    // Only the body changes.
    let changed = NewDocument { body_html: "<p>methadone works</p>".into(), version: 2, ..first.clone() };
    s.apply_changes(&update(2, 200), std::slice::from_ref(&changed), &[]).unwrap();
    assert_eq!(ids(DOC_NO), doc_no, "updated where it is");
    assert_eq!((ids(TAGS), ids(PUBLISHERS)), (tags.clone(), publishers.clone()), "unchanged rows are not written again");
    assert_eq!(ids("SELECT arrived_at FROM documents WHERE id = 'a'"), [100], "it keeps when it first arrived");
    assert_eq!(found(&s, "methadone"), ["a"]);
    assert!(found(&s, "naloxone").is_empty(), "the old text is gone from the index");
    assert_eq!(s.document("a").unwrap().version, 2);

    // The title, tags, publishers and language change.
    let renamed = NewDocument {
        title: "Travail de proximité".into(),
        tags: vec!["proximité".into()],
        publishers: vec!["ANPUD".into()],
        language: "fr".into(),
        ..changed
    };
    s.apply_changes(&update(3, 300), &[renamed], &[]).unwrap();
    assert_eq!(ids(DOC_NO), doc_no);
    assert_ne!(ids(TAGS), tags, "changed tags are written");
    let d = s.document("a").unwrap();
    assert_eq!((d.title.as_str(), d.tags.clone(), d.publishers.clone(), d.language.as_str()), ("Travail de proximité", vec!["proximité".to_string()], vec!["ANPUD".to_string()], "fr"));
    assert_eq!(found(&s, "travail"), ["a"], "the new title, in the short index");
    assert_eq!(found(&s, "ANPUD"), ["a"]);
    for gone in ["overdose", "INPUD", "Title"] {
        assert!(!found(&s, gone).contains(&"a".to_string()), "{gone} is gone from both indexes");
    }
    assert_eq!(found(&s, "methadone"), ["a"], "the body, stemmed in French now, still found");
    assert_eq!(s.document_count().unwrap(), 2);
}
