//! The library view on a real SQLite file: filters, sort, read and bookmarked marks, the "new
//! since the last sync" view, collections' order and the filters' values.

use crate::common;
use peerlib_store::paths::DataDir;
use peerlib_store::*;

fn doc(id: &str, group: &str, lang: &str, kind: Kind, published: Option<&str>) -> NewDocument {
    NewDocument {
        kind,
        language: lang.into(),
        group: group.into(),
        title: format!("Title of {id}"),
        summary: "s".repeat(1000),
        body_html: "<p>x</p>".into(),
        publishers: vec![if lang == "ru" { "EHRN".into() } else { "INPUD".into() }],
        tags: vec![format!("tag-{group}")],
        published: published.map(Into::into),
        content_hash: Some(format!("h-{id}")),
        ..common::doc(id)
    }
}

fn update(seq: i64, arrived_at: Option<i64>) -> SourceUpdate {
    SourceUpdate {
        url: "https://feed.example/manifest.json".into(),
        title: "Network".into(),
        kind: Some(SourceKind::Network),
        seq: Some(seq),
        arrived_at,
        ..Default::default()
    }
}

fn ids(v: &[LibraryEntry]) -> Vec<&str> {
    v.iter().map(|e| e.id.as_str()).collect()
}

fn library() -> (tempfile::TempDir, ContentStore) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = ContentStore::open_in(&DataDir::new(tmp.path())).unwrap();
    // The starter library: no arrival mark.
    store
        .apply_changes(
            &update(1, None),
            &[
                doc("guide-en", "guide", "en", Kind::Guide, Some("2021-04-15")),
                doc("guide-ru", "guide", "ru", Kind::Guide, Some("2021-04-15")),
                doc("report-en", "report", "en", Kind::Report, Some("2020-07-01")),
                doc("event-fr", "event", "fr", Kind::Event, None),
            ],
            &[],
        )
        .unwrap();
    (tmp, store)
}

fn en() -> Vec<String> {
    vec!["en".into()]
}

#[test]
fn filters_pick_the_matching_translation_and_sorts_keep_undated_last() {
    let (_tmp, store) = library();
    let all = store.library_view(&en(), &LibraryQuery::default(), &UserMarks::default()).unwrap();
    assert_eq!(ids(&all), ["guide-en", "report-en", "event-fr"], "newest first, undated last");
    assert_eq!(all[0].languages, ["en", "ru"]);
    assert_eq!(all[0].summary.chars().count(), 300, "the list carries a summary's start, not all of it");

    let q = |q: LibraryQuery| store.library_view(&en(), &q, &UserMarks::default()).unwrap();
    assert_eq!(ids(&q(LibraryQuery { sort: LibrarySort::Oldest, ..Default::default() })), ["report-en", "guide-en", "event-fr"]);
    assert_eq!(ids(&q(LibraryQuery { sort: LibrarySort::Title, ..Default::default() })), ["event-fr", "guide-en", "report-en"]);
    let ru = q(LibraryQuery { filters: Filters { language: Some("ru".into()), ..Default::default() }, ..Default::default() });
    assert_eq!(ids(&ru), ["guide-ru"], "the group is shown in the language asked for");
    assert_eq!(ru[0].languages, ["en", "ru"], "with all of its languages");
    assert_eq!(ids(&q(LibraryQuery { filters: Filters { kind: Some(Kind::Report), ..Default::default() }, ..Default::default() })), ["report-en"]);
    assert_eq!(ids(&q(LibraryQuery { filters: Filters { year: Some(2021), ..Default::default() }, ..Default::default() })), ["guide-en"]);
    assert_eq!(ids(&q(LibraryQuery { filters: Filters { publisher: Some("EHRN".into()), ..Default::default() }, ..Default::default() })), ["guide-ru"]);
    assert_eq!(ids(&q(LibraryQuery { filters: Filters { tag: Some("tag-event".into()), ..Default::default() }, ..Default::default() })), ["event-fr"]);
    assert!(q(LibraryQuery { filters: Filters { has_attachment: Some(true), ..Default::default() }, ..Default::default() }).is_empty());
    assert!(q(LibraryQuery { filters: Filters { kind: Some(Kind::Video), ..Default::default() }, ..Default::default() }).is_empty());
}

#[test]
fn a_first_screenful_is_the_start_of_the_whole_list_with_its_details() {
    let (_tmp, store) = library();
    let all = store.library_view(&en(), &LibraryQuery { sort: LibrarySort::Title, ..Default::default() }, &UserMarks::default()).unwrap();
    let first = store
        .library_view(&en(), &LibraryQuery { sort: LibrarySort::Title, limit: Some(2), ..Default::default() }, &UserMarks::default())
        .unwrap();
    assert_eq!(first, all[..2], "the same lines, publishers and attachments included");
    assert!(all.iter().any(|e| !e.publishers.is_empty()), "the fixture has publishers to compare");
    let none = LibraryQuery { limit: Some(0), ..Default::default() };
    assert!(store.library_view(&en(), &none, &UserMarks::default()).unwrap().is_empty());
}

#[test]
fn read_and_bookmarked_count_for_the_whole_translation_group() {
    let (_tmp, store) = library();
    let marks = UserMarks { bookmarked: vec!["guide-ru".into()], read: vec!["guide-ru".into(), "report-en".into()] };
    let all = store.library_view(&en(), &LibraryQuery::default(), &marks).unwrap();
    let guide = &all[0];
    assert_eq!((guide.id.as_str(), guide.read, guide.bookmarked), ("guide-en", true, true), "reading the Russian counts for the group");
    let unread = store.library_view(&en(), &LibraryQuery { filters: Filters { unread: true, ..Default::default() }, ..Default::default() }, &marks).unwrap();
    assert_eq!(ids(&unread), ["event-fr"]);
    let saved = store.library_view(&en(), &LibraryQuery { filters: Filters { bookmarked: true, ..Default::default() }, ..Default::default() }, &marks).unwrap();
    assert_eq!(ids(&saved), ["guide-en"]);
}

#[test]
fn the_new_view_holds_what_the_last_sync_that_brought_documents_added() {
    let (_tmp, mut store) = library();
    let new = LibraryQuery { new_only: true, ..Default::default() };
    assert!(store.library_view(&en(), &new, &UserMarks::default()).unwrap().is_empty(), "the starter library is not new");
    assert_eq!(store.facets().unwrap().newest_arrival, None);

    // A sync adds a statement and changes the report: only the statement is new.
    let changed = NewDocument { version: 2, content_hash: Some("h2".into()), ..doc("report-en", "report", "en", Kind::Report, Some("2020-07-01")) };
    store.apply_changes(&update(2, Some(1000)), &[doc("st-es", "st", "es", Kind::Statement, Some("2022-01-01")), changed], &[]).unwrap();
    assert_eq!(ids(&store.library_view(&en(), &new, &UserMarks::default()).unwrap()), ["st-es"]);
    // The next sync adds two translations of one document: the new view moves on to them.
    store
        .apply_changes(
            &update(3, Some(2000)),
            &[doc("pack-en", "pack", "en", Kind::Publication, Some("2022-02-01")), doc("pack-fr", "pack", "fr", Kind::Publication, Some("2022-02-01"))],
            &[],
        )
        .unwrap();
    let view = store.library_view(&en(), &new, &UserMarks::default()).unwrap();
    assert_eq!(ids(&view), ["pack-en"]);
    assert_eq!(view[0].arrived_at, Some(2000));
    let f = store.facets().unwrap();
    assert_eq!((f.newest_arrival, f.new_groups), (Some(2000), 1));
    // A document a later sync changes keeps when it first arrived.
    let again = NewDocument { version: 2, content_hash: Some("h3".into()), ..doc("st-es", "st", "es", Kind::Statement, Some("2022-01-01")) };
    store.apply_changes(&update(4, Some(3000)), &[again], &[]).unwrap();
    assert_eq!(store.entries_for(&["st-es".into()], &UserMarks::default()).unwrap()[0].arrived_at, Some(1000));
    assert_eq!(ids(&store.library_view(&en(), &new, &UserMarks::default()).unwrap()), ["pack-en"]);
}

#[test]
fn a_collection_lists_its_documents_in_the_users_order_and_skips_what_is_gone() {
    let (_tmp, store) = library();
    let order: Vec<String> = ["report-en", "gone", "guide-ru", "event-fr"].map(String::from).to_vec();
    let v = store.entries_for(&order, &UserMarks { read: vec!["guide-ru".into()], ..Default::default() }).unwrap();
    assert_eq!(ids(&v), ["report-en", "guide-ru", "event-fr"]);
    assert_eq!((v[1].language.as_str(), v[1].read, v[1].publishers.clone()), ("ru", true, vec!["EHRN".to_string()]));
}

#[test]
fn facets_offer_only_values_the_library_has() {
    let (_tmp, store) = library();
    let f = store.facets().unwrap();
    assert_eq!(f.kinds, [Kind::Report, Kind::Guide, Kind::Event].iter().copied().filter(|k| f.kinds.contains(k)).collect::<Vec<_>>());
    let mut kinds = f.kinds.clone();
    kinds.sort_by_key(|k| k.as_str());
    assert_eq!(kinds, [Kind::Event, Kind::Guide, Kind::Report]);
    assert_eq!(f.languages, ["en", "fr", "ru"]);
    assert_eq!(f.years, [2021, 2020]);
    assert_eq!(f.publishers, ["EHRN", "INPUD"]);
    assert_eq!(f.tags, ["tag-event", "tag-guide", "tag-report"]);
}

#[test]
fn a_view_asked_again_is_the_same_until_anything_changes() {
    let (tmp, mut store) = library();
    let none = UserMarks::default();
    let q = LibraryQuery::default();
    let first = store.library_view(&en(), &q, &none).unwrap();
    assert_eq!(store.library_view(&en(), &q, &none).unwrap(), first, "asked again, nothing changed");
    assert_eq!(ids(&store.library_view(&en(), &LibraryQuery { limit: Some(1), ..Default::default() }, &none).unwrap()), ["guide-en"]);

    // The user's marks, languages and the query each make it another view.
    let read = UserMarks { read: vec!["guide-en".into()], ..Default::default() };
    assert!(store.library_view(&en(), &q, &read).unwrap()[0].read, "not the unmarked view kept from before");
    assert_eq!(store.library_view(&en(), &LibraryQuery { filters: Filters { unread: true, ..Default::default() }, ..Default::default() }, &read).unwrap().len(), 2);
    assert_eq!(store.library_view(&["ru".to_string()], &q, &none).unwrap()[0].id, "guide-ru");

    // A write through this connection.
    store.library_view(&en(), &q, &none).unwrap();
    store
        .apply_changes(&update(2, Some(100)), &[doc("news-en", "news", "en", Kind::News, Some("2022-01-01"))], &[])
        .unwrap();
    assert_eq!(ids(&store.library_view(&en(), &q, &none).unwrap())[0], "news-en", "a sync's documents show at once");

    // A commit by another connection (the sync's, or `peerlib sync` in a terminal).
    let (mut other, _) = ContentStore::open_in(&DataDir::new(tmp.path())).unwrap();
    other
        .apply_changes(&update(3, Some(200)), &[doc("statement-en", "statement", "en", Kind::Statement, Some("2023-01-01"))], &[])
        .unwrap();
    assert_eq!(ids(&store.library_view(&en(), &q, &none).unwrap())[0], "statement-en", "another connection's commit shows too");
}

#[test]
fn pages_of_a_view_put_together_are_the_view_for_every_order_filter_and_mark() {
    let (_tmp, mut store) = library();
    // 130 more documents: translation groups of one to three languages, dates shared and titles
    // shared (so that only the id tells lines apart), some undated, some kinds.
    let langs = ["en", "fr", "es", "ru"];
    let mut docs = vec![];
    for i in 0..130 {
        let group = format!("g{}", i / 3);
        let lang = langs[(i * 7 % 4) as usize];
        let kind = if i % 5 == 0 { Kind::Report } else { Kind::News };
        let published = (i % 11 != 0).then(|| format!("2024-0{}-01", 1 + i % 4));
        let mut d = doc(&format!("d{i:03}-{lang}"), &group, lang, kind, published.as_deref());
        d.title = format!("Title {}", i % 9);
        docs.push(d);
    }
    store.apply_changes(&update(2, Some(500)), &docs, &[]).unwrap();
    let marks = UserMarks {
        read: (0..130).step_by(4).map(|i| docs[i].id.clone()).collect(),
        bookmarked: (0..130).step_by(9).map(|i| docs[i].id.clone()).collect(),
    };
    let prefs = vec!["fr".to_string(), "en".to_string()];
    let queries = [
        LibraryQuery::default(),
        LibraryQuery { sort: LibrarySort::Oldest, ..Default::default() },
        LibraryQuery { sort: LibrarySort::Title, ..Default::default() },
        LibraryQuery { filters: Filters { unread: true, ..Default::default() }, ..Default::default() },
        LibraryQuery { filters: Filters { bookmarked: true, ..Default::default() }, sort: LibrarySort::Title, ..Default::default() },
        LibraryQuery { filters: Filters { kind: Some(Kind::Report), language: Some("en".into()), ..Default::default() }, ..Default::default() },
        LibraryQuery { new_only: true, ..Default::default() },
    ];
    for q in &queries {
        let whole = store.library_view(&prefs, q, &marks).unwrap();
        assert!(!whole.is_empty(), "{q:?} lists something");
        let mut paged = vec![];
        for size in [1, 7, 50] {
            paged.clear();
            let mut offset = 0;
            loop {
                let page = store.library_page(&prefs, q, &marks, offset, size).unwrap();
                assert_eq!(page.total as usize, whole.len(), "{q:?}: every page says how many lines the view has");
                assert_eq!(page.offset, offset);
                if page.entries.is_empty() {
                    break;
                }
                offset += page.entries.len() as u32;
                paged.extend(page.entries);
            }
            assert_eq!(paged, whole, "{q:?}: pages of {size} put together are the view");
        }
        // Built anew (another view in between; any write does the same): the same order, ties
        // included.
        store.library_view(&en(), q, &marks).unwrap();
        assert_eq!(store.library_view(&prefs, q, &marks).unwrap(), whole);
    }

    // Marks changed between two pages, nothing else: the next page shows them, and a view that
    // filters on them follows them too.
    let q = LibraryQuery::default();
    let first = store.library_page(&prefs, &q, &UserMarks::default(), 0, 5).unwrap();
    assert!(first.entries.iter().all(|e| !e.read));
    let all_read = UserMarks { read: docs.iter().map(|d| d.id.clone()).collect(), ..Default::default() };
    let again = store.library_page(&prefs, &q, &all_read, 0, 5).unwrap();
    assert!(again.entries.iter().all(|e| e.read), "read marks show without anything written");
    let unread = LibraryQuery { filters: Filters { unread: true, ..Default::default() }, ..Default::default() };
    let before = store.library_page(&prefs, &unread, &UserMarks::default(), 0, 5).unwrap().total;
    let after = store.library_page(&prefs, &unread, &all_read, 0, 5).unwrap().total;
    assert!(after < before, "the unread view follows the marks ({before} then {after})");

    // Pages of one build of the order say so; after a write the order is another build.
    let a = store.library_page(&prefs, &q, &marks, 0, 5).unwrap();
    let b = store.library_page(&prefs, &q, &marks, 5, 5).unwrap();
    assert_eq!(a.order, b.order, "two pages of one order");
    assert_eq!(a.entries[0].published.as_deref(), Some("2024-04-01"), "the newest line's date is read with it");
    store.apply_changes(&update(3, Some(600)), &[doc("late-en", "late", "en", Kind::News, Some("2020-01-01"))], &[]).unwrap();
    let c = store.library_page(&prefs, &q, &marks, 5, 5).unwrap();
    assert_ne!(c.order, b.order, "a page after a write comes from another order");

    // Past the end: no lines, and the count.
    let past = store.library_page(&prefs, &q, &marks, 10_000, 50).unwrap();
    assert!(past.entries.is_empty());
    assert_eq!(past.total as usize, store.library_view(&prefs, &q, &marks).unwrap().len());
}

