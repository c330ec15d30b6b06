//! Search over a real SQLite file: the multilingual rules of issue 3.

use crate::common;
use peerlib_store::*;

fn doc(id: &str, lang: &str, kind: Kind, title: &str, body: &str) -> NewDocument {
    NewDocument {
        kind,
        language: lang.into(),
        title: title.into(),
        body_html: format!("<p>{body}</p>"),
        publishers: vec!["INPUD".into()],
        tags: vec!["harm reduction".into()],
        published: Some("2021-06-10".into()),
        ..common::doc(id)
    }
}

fn library() -> (tempfile::TempDir, ContentStore) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, _) = ContentStore::open_in(&paths::DataDir::new(tmp.path())).unwrap();
    let mut guide = doc("guide-fr", "fr", Kind::Guide, "Guide de consultation", "Les consultations communautaires.");
    guide.attachments.push(NewAttachment { sha256: "a".repeat(64), size: 10, media_type: "application/pdf".into(), title: "PDF".into(), downloaded: true });
    guide.published = Some("2020-03-01".into());
    let docs = vec![
        doc("statement", "en", Kind::Statement, "Drug use is not a mental health condition", "Conflating drug use with <em>santé mentale</em> harms people who use drugs."),
        doc("report-ru", "ru", Kind::Report, "Годовой отчёт", "Этот документ описывает снижение вреда."),
        doc("news-es", "es", Kind::News, "Reducción de daños", "Las consultas comunitarias son importantes."),
        guide,
        doc("title-hit", "en", Kind::News, "Consultation news", "Nothing else."),
    ];
    let source = common::source("https://feed.example", "Feed");
    s.record_file_text(&"a".repeat(64), 10, "application/pdf", &ExtractedText::Text("The slides mention naloxone distribution in prisons.".into())).unwrap();
    s.replace_source(&source, Some(1), &docs).unwrap();
    (tmp, s)
}

fn ids(s: &ContentStore, q: SearchQuery) -> Vec<String> {
    s.search(&q, &UserMarks::default()).unwrap().hits.into_iter().map(|h| h.id).collect()
}

fn text(t: &str) -> SearchQuery {
    SearchQuery { text: t.into(), ..Default::default() }
}

#[test]
fn accents_fold_and_inflections_match() {
    let (_t, s) = library();
    assert_eq!(ids(&s, text("sante mentale")), ["statement"], "accent-free finds santé mentale");
    assert_eq!(ids(&s, text("документы")), ["report-ru"], "документы finds документ");
    assert!(ids(&s, text("consultations")).contains(&"title-hit".to_string()), "consultations finds consultation");
    assert_eq!(ids(&s, text("reduccion danos")), ["news-es"]);
}

#[test]
fn the_title_outranks_the_body() {
    let (_t, s) = library();
    let found = ids(&s, text("consultation"));
    let pos = |id: &str| found.iter().position(|f| f == id).unwrap();
    assert!(pos("title-hit") < pos("news-es"), "a title match ranks above a body-only match: {found:?}");
}

#[test]
fn prefixes_match_as_you_type() {
    let (_t, s) = library();
    let q = SearchQuery { text: "nalox".into(), as_you_type: true, ..Default::default() };
    assert_eq!(ids(&s, q), ["guide-fr"], "the attachment's text is searched, by prefix");
    assert!(ids(&s, text("nalox")).is_empty(), "without as-you-type, a fragment is not a word");
}

#[test]
fn attachment_text_is_found_and_the_snippet_says_so() {
    let (_t, s) = library();
    let r = s.search(&text("naloxone prisons"), &UserMarks::default()).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].snippet_source, SnippetSource::Attachment);
    let marked: Vec<&str> = r.hits[0].snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["naloxone", "prisons"], "matches are marked: {:?}", r.hits[0].snippet);
}

#[test]
fn what_fts5_cannot_parse_is_plain_words() {
    let (_t, s) = library();
    for q in ["\"santé", "AND", "mental OR", "(drug", "drug*", "NEAR(drug", "title:drug", "\"\"", "-drug", "^", "*"] {
        let r = s.search(&text(q), &UserMarks::default());
        assert!(r.is_ok(), "{q:?} is not an error: {r:?}");
    }
    assert_eq!(ids(&s, text("(drug")), ["statement"]);
}

#[test]
fn filters_combine_with_text_and_alone() {
    let (_t, s) = library();
    let only = |q: SearchQuery| ids(&s, q);
    assert_eq!(only(SearchQuery { filters: Filters { kind: Some(Kind::Guide), ..Default::default() }, ..Default::default() }), ["guide-fr"]);
    assert_eq!(only(SearchQuery { filters: Filters { language: Some("ru".into()), ..Default::default() }, ..Default::default() }), ["report-ru"]);
    assert_eq!(only(SearchQuery { filters: Filters { year: Some(2020), ..Default::default() }, ..Default::default() }), ["guide-fr"]);
    assert_eq!(only(SearchQuery { filters: Filters { has_attachment: Some(true), ..Default::default() }, ..Default::default() }), ["guide-fr"]);
    assert_eq!(only(SearchQuery { text: "consultation".into(), filters: Filters { kind: Some(Kind::News), ..Default::default() }, ..Default::default() }).len(), 2);
    assert_eq!(only(SearchQuery { filters: Filters { tag: Some("harm reduction".into()), ..Default::default() }, ..Default::default() }).len(), 5);
    assert!(only(SearchQuery { filters: Filters { publisher: Some("Nobody".into()), ..Default::default() }, ..Default::default() }).is_empty());
    let marks = UserMarks { bookmarked: vec!["news-es".into()], read: vec!["statement".into(), "news-es".into()] };
    let r = s.search(&SearchQuery { filters: Filters { bookmarked: true, ..Default::default() }, ..Default::default() }, &marks).unwrap();
    assert_eq!(r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["news-es"]);
    let r = s.search(&SearchQuery { filters: Filters { unread: true, ..Default::default() }, ..Default::default() }, &marks).unwrap();
    assert_eq!(r.hits.len(), 3, "two of five are read");
    let by_date = only(SearchQuery { text: "consultation".into(), sort: Sort::Date, ..Default::default() });
    assert_eq!(by_date.last().map(String::as_str), Some("guide-fr"), "oldest last when sorted by date");
}

#[test]
fn a_five_megabyte_body_is_stored_searched_and_snipped() {
    let (_t, mut s) = library();
    let big = "Peer support and outreach. ".repeat(200_000) + "The rare word zygomorphic ends it.";
    assert!(big.len() > 5_000_000);
    let d = doc("huge", "en", Kind::Report, "A very long report", &big);
    let source = Source { url: "https://other.example".into(), title: "Other".into(), verified: false };
    s.replace_source(&source, None, &[d]).unwrap();
    let r = s.search(&text("zygomorphic"), &UserMarks::default()).unwrap();
    assert_eq!(r.hits[0].id, "huge");
    let snippet: String = r.hits[0].snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(snippet.len() < 400, "the snippet stays short: {} bytes", snippet.len());
    assert_eq!(s.document_count().unwrap(), 6);
}

#[test]
fn documents_with_every_word_in_the_title_come_first_then_the_rest_by_bm25() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, _) = ContentStore::open_in(&paths::DataDir::new(tmp.path())).unwrap();
    let mut docs = vec![doc("title", "en", Kind::News, "Overdose prevention", "Short.")];
    // Many body mentions do not lift a document above one with both words in its title.
    docs.push(doc("body", "en", Kind::News, "Something else", &"overdose prevention ".repeat(40)));
    docs.push(doc("half", "en", Kind::News, "Overdose figures", "and prevention work"));
    for i in 0..30 {
        docs.push(doc(&format!("filler{i}"), "en", Kind::News, &format!("Filler {i}"), "overdose prevention once"));
    }
    let source = common::source("https://feed.example", "Feed");
    s.replace_source(&source, None, &docs).unwrap();
    let page = |offset: u32| {
        s.search(&SearchQuery { text: "overdose prevention".into(), limit: 10, offset, ..Default::default() }, &UserMarks::default()).unwrap()
    };
    let first = page(0);
    assert_eq!(first.hits[0].id, "title", "every word in the title: first");
    assert!(first.hits[0].score > 1000.0 && first.hits[1].score < 1000.0, "the first tier scores above 1000");
    assert_eq!(first.hits[1].id, "body", "then bm25 over all fields: {:?}", first.hits.iter().map(|h| &h.id).collect::<Vec<_>>());
    assert!(first.more, "33 matches do not fit in 10");
    let mut all: Vec<String> = (0..4).flat_map(|p| page(p * 10).hits).map(|h| h.id).collect();
    assert_eq!(all.len(), 33, "paging through both tiers gives every match once");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 33, "no match appears twice across pages");
    assert!(!page(30).more);
}

#[test]
fn an_attachment_without_searchable_text_says_why() {
    let (_t, mut s) = library();
    let sha = "a".repeat(64);
    assert_eq!(s.document("guide-fr").unwrap().attachments[0].text, TextState::Ok);
    s.record_file_text(&sha, 10, "application/pdf", &ExtractedText::NoTextLayer).unwrap();
    let a = &s.document("guide-fr").unwrap().attachments[0];
    assert_eq!(a.text, TextState::NoTextLayer);
    assert_eq!(a.text.message_id(), Some("attachment-text-no-text-layer"));
    assert!(ids(&s, text("naloxone")).is_empty(), "its old text left the index");
    assert_eq!(s.document_count().unwrap(), 5, "the document itself is still there");
}

#[test]
fn title_matches_then_tag_and_publisher_matches_latest_added_first_then_bodies() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut s, _) = ContentStore::open_in(&paths::DataDir::new(tmp.path())).unwrap();
    let by = |id: &str, title: &str, body: &str, publisher: &str| NewDocument {
        publishers: vec![publisher.into()],
        tags: vec![],
        ..doc(id, "en", Kind::Report, title, body)
    };
    // Inserted oldest first: the library's order of arrival.
    let docs = vec![
        by("pub-old", "Annual report", "Figures.", "Naloxone Network"),
        by("body", "Something else", &"naloxone ".repeat(30), "INPUD"),
        by("pub-new", "Quarterly report", "Figures.", "Naloxone Network"),
        by("title", "Naloxone in prisons", "Short.", "INPUD"),
        by("none", "Unrelated", "Nothing here.", "INPUD"),
    ];
    let source = common::source("https://feed.example", "Feed");
    s.replace_source(&source, None, &docs).unwrap();
    let r = s.search(&text("naloxone"), &UserMarks::default()).unwrap();
    let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["title", "pub-new", "pub-old", "body"]);
    let scores: Vec<f64> = r.hits.iter().map(|h| h.score).collect();
    assert!(scores[0] > 2000.0, "{scores:?}");
    assert!(scores[1] > 1000.0 && scores[1] < 1001.0 && scores[2] > 1000.0 && scores[2] < scores[1], "{scores:?}");
    assert!(scores[3] < 1000.0, "{scores:?}");
    // With a filter, the same tiers.
    let q = SearchQuery { text: "naloxone".into(), filters: Filters { kind: Some(Kind::Report), ..Default::default() }, ..Default::default() };
    let ids: Vec<String> = s.search(&q, &UserMarks::default()).unwrap().hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["title", "pub-new", "pub-old", "body"]);
}
