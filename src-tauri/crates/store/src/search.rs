//! Searching and filtering the library.
//!
//! Matching and ranking run in FTS5 over the stemmed, folded index (text.rs); snippets are cut
//! here from the original text of the few documents shown, so the index can stay contentless.
//! A query FTS5 could not parse cannot happen: `ParsedQuery` quotes every token.

use crate::content::{kind_column, ContentStore};
use crate::model::*;
use crate::text::{html_text, index_token, token_spans, ParsedQuery};
use crate::StoreError;
use rusqlite::types::Value;
use std::collections::BTreeSet;

/// bm25 weights for (title, summary, tags, publishers, body, attachments): a word in the title
/// counts ten times a word in the body.
const WEIGHTS: &str = "10.0, 4.0, 4.0, 2.0, 1.0, 1.0";
const SNIPPET_CHARS: usize = 220;

/// The user's own marks, from user.db, for the bookmarked and unread filters.
#[derive(Debug, Default, Clone)]
pub struct UserMarks {
    pub bookmarked: Vec<String>,
    pub read: Vec<String>,
}

impl ContentStore {
    pub fn search(&self, q: &SearchQuery, marks: &UserMarks) -> Result<SearchResults, StoreError> {
        let parsed = ParsedQuery::parse(&q.text);
        let fts = parsed.to_fts(q.as_you_type);
        let limit = if q.limit == 0 { 20 } else { q.limit.min(500) };

        let mut filters = vec![];
        let mut args: Vec<Value> = vec![];
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(f) = &fts {
            filters.push(format!("search MATCH {}", arg(Value::Text(f.clone()))));
        }
        if let Some(k) = q.kind {
            filters.push(format!("d.kind = {}", arg(Value::Text(k.as_str().into()))));
        }
        if let Some(l) = &q.language {
            let p = arg(Value::Text(l.clone()));
            filters.push(format!("(d.language = {p} OR d.language LIKE {p} || '-%')"));
        }
        if let Some(t) = &q.tag {
            filters.push(format!(
                "EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = {})",
                arg(Value::Text(t.clone()))
            ));
        }
        if let Some(p) = &q.publisher {
            filters.push(format!(
                "EXISTS (SELECT 1 FROM document_publishers p WHERE p.document_id = d.id AND p.name = {})",
                arg(Value::Text(p.clone()))
            ));
        }
        if let Some(y) = q.year {
            filters.push(format!("substr(d.published, 1, 4) = {}", arg(Value::Text(format!("{y:04}")))));
        }
        if let Some(has) = q.has_attachment {
            let not = if has { "" } else { "NOT " };
            filters.push(format!("{not}EXISTS (SELECT 1 FROM document_attachments a WHERE a.document_id = d.id)"));
        }
        if q.bookmarked {
            let ids = serde_json::to_string(&marks.bookmarked).expect("strings serialise");
            filters.push(format!("d.id IN (SELECT value FROM json_each({}))", arg(Value::Text(ids))));
        }
        if q.unread {
            let ids = serde_json::to_string(&marks.read).expect("strings serialise");
            filters.push(format!("d.id NOT IN (SELECT value FROM json_each({}))", arg(Value::Text(ids))));
        }
        if fts.is_none() && !q.text.trim().is_empty() {
            // Only punctuation was typed: nothing can match, and that is not an error.
            return Ok(SearchResults { hits: vec![], total: 0 });
        }

        let from = if fts.is_some() {
            "search JOIN documents d ON d.doc_no = search.rowid JOIN sources s ON s.id = d.source_id"
        } else {
            "documents d JOIN sources s ON s.id = d.source_id"
        };
        let where_ = if filters.is_empty() { String::new() } else { format!("WHERE {}", filters.join(" AND ")) };
        let score = if fts.is_some() { format!("-bm25(search, {WEIGHTS})") } else { "0.0".into() };
        let order = match (q.sort, fts.is_some()) {
            (Sort::Relevance, true) => "score DESC, d.published DESC",
            _ => "d.published IS NULL, d.published DESC, d.title",
        };
        let total: u32 = self.conn().query_row(
            &format!("SELECT count(*) FROM {from} {where_}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT d.id, d.group_id, d.kind, d.language, d.title, d.published, s.verified, {score} AS score,
                    d.summary, d.body_html, d.doc_no
             FROM {from} {where_} ORDER BY {order} LIMIT {limit} OFFSET {}",
            q.offset
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                SearchHit {
                    id: r.get(0)?,
                    group: r.get(1)?,
                    kind: kind_column(r, 2)?,
                    language: r.get(3)?,
                    title: r.get(4)?,
                    published: r.get(5)?,
                    verified: r.get(6)?,
                    score: r.get(7)?,
                    publishers: vec![],
                    snippet: vec![],
                    snippet_source: SnippetSource::Body,
                },
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })?;
        let terms = parsed.highlight_terms();
        let phrases = parsed.phrases();
        let prefix = if q.as_you_type { parsed.last_prefix() } else { None };
        let mut hits = vec![];
        for row in rows {
            let (mut hit, summary, body_html) = row?;
            hit.publishers = self.publishers_of(&hit.id)?;
            let matcher = Matcher { terms: &terms, phrases: &phrases, prefix: prefix.as_deref(), language: &hit.language };
            let (source, parts) = if terms.is_empty() {
                (SnippetSource::Summary, plain_snippet(if summary.is_empty() { html_text(&body_html) } else { summary }))
            } else {
                self.best_snippet(&hit.id, &summary, &body_html, &matcher)?
            };
            hit.snippet = parts;
            hit.snippet_source = source;
            hits.push(hit);
        }
        Ok(SearchResults { hits, total })
    }

    fn publishers_of(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name FROM document_publishers WHERE document_id = ?1 ORDER BY position")?;
        let v = stmt.query_map([id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(v)
    }

    /// The best place to show: where a quoted phrase appears, else where the most distinct
    /// query words appear; body first, then attachments, then the summary.
    fn best_snippet(
        &self,
        id: &str,
        summary: &str,
        body_html: &str,
        m: &Matcher,
    ) -> Result<(SnippetSource, Vec<SnippetPart>), StoreError> {
        let body = html_text(body_html);
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.text FROM document_attachments a JOIN files f USING(sha256)
             WHERE a.document_id = ?1 AND f.text IS NOT NULL ORDER BY a.position",
        )?;
        let attachments = stmt.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        let candidates = std::iter::once((SnippetSource::Body, body.as_str()))
            .chain(attachments.iter().map(|t| (SnippetSource::Attachment, t.as_str())))
            .chain(std::iter::once((SnippetSource::Summary, summary)));
        let mut best: Option<((bool, usize), SnippetSource, Vec<SnippetPart>)> = None;
        for (source, text) in candidates {
            if let Some((quality, parts)) = snippet_around_match(text, m) {
                if best.as_ref().is_none_or(|(q, _, _)| quality > *q) {
                    best = Some((quality, source, parts));
                }
            }
        }
        Ok(match best {
            Some((_, source, parts)) => (source, parts),
            None => (SnippetSource::Title, plain_snippet(if summary.is_empty() { body } else { summary.to_string() })),
        })
    }
}

struct Matcher<'a> {
    terms: &'a BTreeSet<String>,
    phrases: &'a [Vec<BTreeSet<String>>],
    prefix: Option<&'a str>,
    language: &'a str,
}

impl Matcher<'_> {
    fn is_hit(&self, token: &str) -> bool {
        let indexed = index_token(token, self.language);
        self.terms.contains(&indexed)
            || self.prefix.is_some_and(|p| !p.is_empty() && crate::text::fold(token).starts_with(p))
    }

    /// Does a phrase start at token `i`?
    fn phrase_at(&self, text: &str, spans: &[(usize, usize)], i: usize) -> bool {
        self.phrases.iter().any(|phrase| {
            phrase.iter().enumerate().all(|(k, variants)| {
                spans.get(i + k).is_some_and(|&(a, b)| variants.contains(&index_token(&text[a..b], self.language)))
            })
        })
    }
}

/// Up to SNIPPET_CHARS of `text` around its first phrase match (else its first matching word),
/// with every match marked, and how good a place it is: (has the phrase, distinct words hit).
fn snippet_around_match(text: &str, m: &Matcher) -> Option<((bool, usize), Vec<SnippetPart>)> {
    let spans: Vec<(usize, usize)> = token_spans(text).collect();
    let phrase = (0..spans.len()).find(|&i| m.phrase_at(text, &spans, i));
    let hits: Vec<usize> = (0..spans.len()).filter(|&i| m.is_hit(&text[spans[i].0..spans[i].1])).take(256).collect();
    // Anchor on the phrase, else on the hit whose next ~30 words hold the most distinct matches.
    let first = phrase.or_else(|| {
        hits.iter()
            .map(|&i| {
                let near: BTreeSet<String> = hits
                    .iter()
                    .filter(|&&j| j >= i && j < i + 30)
                    .map(|&j| index_token(&text[spans[j].0..spans[j].1], m.language))
                    .collect();
                (near.len(), std::cmp::Reverse(i))
            })
            .max()
            .map(|(_, std::cmp::Reverse(i))| i)
    })?;
    let distinct: BTreeSet<String> =
        hits.iter().map(|&i| index_token(&text[spans[i].0..spans[i].1], m.language)).collect();
    let quality = (phrase.is_some(), distinct.len());
    // Start a few words before the first match, at a token boundary.
    let start_tok = first.saturating_sub(6);
    let start = if start_tok == 0 { 0 } else { spans[start_tok].0 };
    let mut end = start;
    for &(_, b) in &spans[start_tok..] {
        if b - start > SNIPPET_CHARS {
            break;
        }
        end = b;
    }
    let mut parts = vec![];
    let mut cursor = start;
    let push = |parts: &mut Vec<SnippetPart>, s: &str, hit: bool| {
        if s.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(s),
            _ => parts.push(SnippetPart { text: s.to_string(), hit }),
        }
    };
    if start > 0 {
        push(&mut parts, "… ", false);
    }
    for &(a, b) in spans.iter().skip(start_tok).take_while(|&&(_, b)| b <= end) {
        push(&mut parts, &collapse(&text[cursor..a]), false);
        push(&mut parts, &text[a..b], m.is_hit(&text[a..b]));
        cursor = b;
    }
    if end < text.len() {
        push(&mut parts, " …", false);
    }
    Some((quality, parts))
}

fn plain_snippet(text: String) -> Vec<SnippetPart> {
    let mut t: String = collapse(&text).trim().chars().take(SNIPPET_CHARS).collect();
    if t.len() < text.len() {
        t.push_str(" …");
    }
    vec![SnippetPart { text: t, hit: false }]
}

/// Whitespace runs (line breaks included) as single spaces, keeping a leading or trailing one.
fn collapse(s: &str) -> String {
    let inner = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if s.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if s.ends_with(char::is_whitespace) && !inner.is_empty() { " " } else { "" };
    format!("{lead}{inner}{trail}")
}
