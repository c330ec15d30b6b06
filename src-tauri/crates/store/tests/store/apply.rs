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
