//! The store on real SQLite files.

use crate::common;
use peerlib_store::paths::DataDir;
use peerlib_store::*;

fn doc(id: &str, group: &str, lang: &str, title: &str) -> NewDocument {
    NewDocument {
        kind: Kind::Guide,
        language: lang.into(),
        group: group.into(),
        title: title.into(),
        body_html: "<p>x</p>".into(),
        publishers: vec!["INPUD".into()],
        tags: vec!["COVID-19".into()],
        published: Some("2021-04-15".into()),
        ..common::doc(id)
    }
}

fn source() -> Source {
    common::source("https://feed.example/manifest.json", "Network")
}

#[test]
fn a_failed_replace_leaves_exactly_the_old_set() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, moved) = ContentStore::open_in(&DataDir::new(tmp.path())).unwrap();
    assert!(moved.is_none());
    store.replace_source(&source(), Some(1), &[doc("a", "g", "en", "A"), doc("b", "h", "en", "B")]).unwrap();

    // The second document collides with the first on its primary key: the transaction fails.
    let bad = [doc("c", "g", "en", "C"), doc("c", "g", "fr", "C again")];
    assert!(store.replace_source(&source(), Some(2), &bad).is_err());
    let ids: Vec<String> = store.library(&["en".into()]).unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), 2, "the old set is intact: {ids:?}");
    assert_eq!(store.source_seq(&source().url).unwrap(), Some(1), "the seq did not move");

    let invalid = [doc("d", "g", "en", "  ")];
    assert!(matches!(store.replace_source(&source(), Some(3), &invalid), Err(StoreError::InvalidDocument { .. })));
    assert_eq!(store.document_count().unwrap(), 2);
}

#[test]
fn each_group_is_listed_once_in_the_best_language() {
    let mut store = ContentStore::open_in_memory().unwrap();
    store
        .replace_source(
            &source(),
            None,
            &[doc("g-en", "g", "en", "Guide"), doc("g-ru", "g", "ru", "Руководство"), doc("g-es", "g", "es", "Guía"), doc("s-fr", "s", "fr", "Déclaration")],
        )
        .unwrap();
    let pick = |prefs: &[&str]| -> Vec<(String, String)> {
        let prefs: Vec<String> = prefs.iter().map(|s| s.to_string()).collect();
        let mut v: Vec<_> = store.library(&prefs).unwrap().into_iter().map(|e| (e.group, e.language)).collect();
        v.sort();
        v
    };
    assert_eq!(pick(&["ru", "en"]), [("g".into(), "ru".into()), ("s".into(), "fr".into())], "a group with no preferred language still shows");
    assert_eq!(pick(&["fr", "en"])[0].1, "en", "French missing: English next");
    assert_eq!(pick(&["es-MX"])[0].1, "es", "a regional preference matches the base language");
    let entries = store.library(&["en".into()]).unwrap();
    let entry = entries.iter().find(|e| e.group == "g").unwrap();
    assert_eq!(entry.languages, ["en", "es", "ru"], "the languages of the group are all listed");
    let d = store.document("g-ru").unwrap();
    assert_eq!(d.translations.iter().map(|t| t.language.as_str()).collect::<Vec<_>>(), ["en", "es"]);
    assert_eq!(d.publishers, ["INPUD"]);
}

#[test]
fn a_corrupt_or_truncated_database_is_moved_aside_and_rebuilt() {
    for damage in ["garbage", "truncated"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        {
            let (mut s, _) = ContentStore::open_in(&dir).unwrap();
            s.replace_source(&source(), Some(1), &[doc("a", "g", "en", "A")]).unwrap();
        }
        let db = dir.content_db();
        let original = std::fs::read(&db).unwrap();
        let damaged = match damage {
            "garbage" => b"this is not a database, it is a shopping list".repeat(200),
            _ => original[..original.len().min(100)].to_vec(),
        };
        std::fs::write(&db, &damaged).unwrap();

        let (store, moved) = ContentStore::open_in(&dir).expect("a damaged library still opens");
        let moved = moved.unwrap_or_else(|| panic!("{damage}: the damaged file is moved aside"));
        assert_eq!(std::fs::read(&moved).unwrap(), damaged, "{damage}: the damaged bytes are kept, not deleted");
        assert_eq!(store.document_count().unwrap(), 0, "{damage}: a fresh empty library to sync into");
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
}

#[test]
fn a_missing_document_is_not_found() {
    let store = ContentStore::open_in_memory().unwrap();
    assert!(matches!(store.document("nope"), Err(StoreError::NotFound(id)) if id == "nope"));
}

#[test]
fn a_sync_applies_only_its_changes_and_cannot_take_another_feeds_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = ContentStore::open_in(&DataDir::new(tmp.path())).unwrap();
    let network = SourceUpdate { url: source().url, title: "Network".into(), kind: Some(SourceKind::Network), seq: Some(1), ..Default::default() };
    let hashed = |id: &str, h: &str| NewDocument { content_hash: Some(h.into()), ..doc(id, id, "en", id) };
    store.apply_changes(&network, &[hashed("a", "h1"), hashed("b", "h2")], &[]).unwrap();

    let next = SourceUpdate { seq: Some(2), etag: Some("\"v2\"".into()), ..network.clone() };
    store.apply_changes(&next, &[hashed("b", "h3"), hashed("c", "h4")], &["a".into()]).unwrap();
    let held = store.document_hashes(&network.url).unwrap();
    let held: Vec<(&str, Option<&str>)> = held.iter().map(|(k, v)| (k.as_str(), v.1.as_deref())).collect();
    assert_eq!(held, [("b", Some("h3")), ("c", Some("h4"))]);
    let sub = store.subscription(&network.url).unwrap().unwrap();
    assert_eq!((sub.seq, sub.etag.as_deref(), sub.documents), (Some(2), Some("\"v2\""), 2));

    // A website feed that names a network document's id is refused as a whole.
    assert!(store.add_subscription("https://blog.example/feed.xml", "Blog", SourceKind::Website, None).unwrap());
    assert!(!store.add_subscription("https://blog.example/feed.xml", "Blog", SourceKind::Website, None).unwrap());
    let blog = SourceUpdate { url: "https://blog.example/feed.xml".into(), title: "Blog".into(), kind: Some(SourceKind::Website), ..Default::default() };
    let err = store.apply_changes(&blog, &[hashed("x", "h5"), hashed("b", "evil")], &[]).unwrap_err();
    assert_eq!(err.code(), "invalid-document");
    assert_eq!(store.document_count().unwrap(), 2, "nothing of the refused sync was kept");
    assert_eq!(store.document("b").unwrap().source.url, network.url);

    // Unsubscribing removes the feed's documents and nothing else.
    store.apply_changes(&blog, &[hashed("x", "h5")], &[]).unwrap();
    let subs: Vec<(String, SourceKind, bool)> = store.subscriptions().unwrap().into_iter().map(|s| (s.url, s.kind, s.verified)).collect();
    assert_eq!(subs, [(network.url.clone(), SourceKind::Network, true), (blog.url.clone(), SourceKind::Website, false)]);
    assert_eq!(store.remove_subscription(&blog.url).unwrap(), Some(1));
    assert_eq!(store.remove_subscription(&blog.url).unwrap(), None);
    assert_eq!(store.document_count().unwrap(), 2);
    let found = store.search(&SearchQuery { text: "x".into(), ..Default::default() }, &UserMarks::default()).unwrap();
    assert!(found.hits.iter().all(|h| h.id != "x"), "the removed document left the index too");
}

/// #17 item 9: a second signed library joined the network's translation groups (its copy became
/// the group's entry) and, by claiming an id the network published later, made every network
/// update fail. Groups are scoped to their source and the network's documents win.
#[test]
fn the_networks_documents_win_and_another_library_never_joins_its_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = ContentStore::open_in(&DataDir::new(tmp.path())).unwrap();
    let network = SourceUpdate { url: source().url, title: "Network".into(), kind: Some(SourceKind::Network), seq: Some(1), ..Default::default() };
    store.apply_changes(&network, &[doc("guide-en", "guide", "en", "Guide")], &[]).unwrap();
    let lib = SourceUpdate { url: "https://other.example/feed/".into(), title: "Other".into(), kind: Some(SourceKind::Signed), seq: Some(1), ..Default::default() };
    // Its "translation" of the network's guide, and a document under an id the network has not used yet.
    store.apply_changes(&lib, &[doc("guide-ru", "guide", "ru", "Руководство (подделка)"), doc("report-2027", "report-2027", "en", "Their report")], &[]).unwrap();

    let view = store.library_view(&["ru".to_string(), "en".to_string()], &LibraryQuery::default(), &UserMarks::default()).unwrap();
    let guide = view.iter().find(|e| e.id == "guide-en" || e.id == "guide-ru").unwrap();
    assert_eq!(guide.id, "guide-en", "the network's group shows the network's document, even to a Russian reader: {view:?}");
    assert_eq!(guide.languages, ["en"], "the other library's copy is not one of its languages");
    assert!(store.document("guide-en").unwrap().translations.is_empty(), "no translation from another feed");
    assert_eq!(view.len(), 3, "the other library's document is a line of its own");

    // The network publishes the id the other library took: the network's update applies.
    let next = SourceUpdate { seq: Some(2), ..network.clone() };
    store.apply_changes(&next, &[doc("guide-en", "guide", "en", "Guide"), doc("report-2027", "report-2027", "en", "Annual report 2027")], &[]).unwrap();
    let report = store.document("report-2027").unwrap();
    assert_eq!((report.source.url.as_str(), report.title.as_str()), (network.url.as_str(), "Annual report 2027"));
    // The other library cannot take it back.
    let again = SourceUpdate { seq: Some(2), ..lib.clone() };
    assert!(store.apply_changes(&again, &[doc("report-2027", "report-2027", "en", "Their report")], &[]).is_err());
    assert_eq!(store.document("report-2027").unwrap().source.url, network.url);
}
