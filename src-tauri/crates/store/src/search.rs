//! Searching and filtering the library.
//!
//! Matching and ranking run in FTS5 over the stemmed, folded index (text.rs); snippets are cut
//! here from the original text of the few documents shown, so the index can stay contentless.
//! A query FTS5 could not parse cannot happen: `ParsedQuery` quotes every token.

use crate::content::{kind_column, ContentStore};
use crate::model::*;
use crate::text::{html_text, index_token, token_spans, FtsQuery, ParsedQuery};
use crate::StoreError;
use rusqlite::types::Value;
use std::collections::BTreeSet;

/// bm25 weights for (title, summary, tags, publishers, body, attachments): a word in the title
/// counts ten times a word in the body.
const WEIGHTS: &str = "10.0, 4.0, 4.0, 2.0, 1.0, 1.0";
/// The same for the head index (title, tags, publishers).
const HEAD_WEIGHTS: &str = "10.0, 4.0, 2.0";
const SNIPPET_CHARS: usize = 220;

/// The user's own marks, from user.db, for the bookmarked and unread filters.
#[derive(Debug, Default, Clone)]
pub struct UserMarks {
    pub bookmarked: Vec<String>,
    pub read: Vec<String>,
}

/// Tiers' scores are offset by this (the first by twice it), so that score order is result order.
const HEAD_TIER: f64 = 1000.0;

impl ContentStore {
    /// Search or filter the library. With words and relevance order, results come in three exact
    /// tiers (see `SearchHit::score`): the query in the title, ranked over the small head index;
    /// then in tags or publishers, latest added first; then everything else, ranked over every
    /// field. A
    /// common word that fills the page from titles never ranks the bodies of thousands of
    /// documents.
    pub fn search(&self, q: &SearchQuery, marks: &UserMarks) -> Result<SearchResults, StoreError> {
        let parsed = ParsedQuery::parse(&q.text);
        // Does any document hold this term? FTS5 answers from the first page of its doclist
        // (an fts5vocab count would read the whole doclist of a common term).
        let mut known = self.conn().prepare_cached("SELECT 1 FROM search WHERE search MATCH ?1 LIMIT 1")?;
        let fts = match parsed.to_fts_known(q.as_you_type, |term| {
            known.exists([format!("\"{}\"", term.replace('"', ""))]).unwrap_or(true)
        }) {
            FtsQuery::Match(m) => Some(m),
            FtsQuery::NoWords if q.text.trim().is_empty() => None,
            // Only punctuation was typed, or a word no document contains: nothing can match,
            // and that is not an error.
            FtsQuery::NoWords | FtsQuery::NothingMatches => return Ok(SearchResults { hits: vec![], more: false }),
        };
        let limit = if q.limit == 0 { 20 } else { q.limit.min(500) } as usize;
        let want = q.offset as usize + limit + 1;
        let (filters, mut args) = filter_clauses(q, marks);
        let page: Vec<(i64, f64)> = match (&fts, q.sort) {
            (Some(m), Sort::Relevance) => {
                // The filters' arguments, then the match.
                let match_arg = args.len() + 1;
                let with = |text: String| -> Vec<Value> { args.iter().cloned().chain([Value::Text(text)]).collect() };
                // One tier's page: matches of `text` in `table`, ranked by bm25 with `weights`, or
                // latest added first (None), which FTS5 reads in rowid order and stops at the page.
                let tier = |table: &str, text: String, weights: Option<&str>, n: usize| -> Result<Vec<(i64, f64)>, StoreError> {
                    let (score, order) = match weights {
                        Some(w) => (format!("-bm25({table}, {w})"), format!("score DESC, {table}.rowid DESC")),
                        None => ("0.0".to_string(), format!("{table}.rowid DESC")),
                    };
                    // Without filters, rank on the index alone: joining every match to its
                    // document row costs a B-tree lookup per match, most of a common word's time.
                    let join = if filters.is_empty() { String::new() } else { format!("JOIN documents d ON d.doc_no = {table}.rowid") };
                    let sql = format!(
                        "SELECT {table}.rowid, {score} AS score FROM {table} {join}
                         WHERE {table} MATCH ?{match_arg} {filters} ORDER BY {order} LIMIT {n}"
                    );
                    self.doc_scores(&sql, &with(text))
                };
                // First tier: the query in the title, by bm25 over the short fields.
                let mut page: Vec<(i64, f64)> = tier("search_head", format!("{{title}} : ({m})"), Some(HEAD_WEIGHTS), want)?
                    .into_iter()
                    .map(|(d, s)| (d, s + 2.0 * HEAD_TIER))
                    .collect();
                let mut seen: BTreeSet<i64> = page.iter().map(|(d, _)| *d).collect();
                if page.len() < want {
                    // Second tier: the rest of the short fields' matches, latest added first. They
                    // match on tags or publishers ("Harm Reduction International" publishes a
                    // sixth of a library): ranking thousands of documents that share a
                    // publisher by bm25 only tells them apart by the length of their lists, and
                    // costs most of a search's time.
                    let meta: Vec<i64> =
                        tier("search_head", m.clone(), None, want + page.len())?.into_iter().map(|(d, _)| d).filter(|d| !seen.contains(d)).collect();
                    let count = meta.len() as f64;
                    for (i, d) in meta.into_iter().enumerate() {
                        seen.insert(d);
                        page.push((d, HEAD_TIER + (count - i as f64) / (count + 1.0)));
                    }
                    page.truncate(want);
                }
                if page.len() < want {
                    // Third tier: every other match, by bm25 over every field.
                    let rest = tier("search", m.clone(), Some(WEIGHTS), want + page.len())?;
                    page.extend(rest.into_iter().filter(|(d, _)| !seen.contains(d)));
                    page.truncate(want);
                }
                page
            }
            _ => {
                let (from, match_clause) = match &fts {
                    Some(m) => {
                        args.push(Value::Text(m.clone()));
                        ("search JOIN documents d ON d.doc_no = search.rowid", format!("AND search MATCH ?{}", args.len()))
                    }
                    None => ("documents d", String::new()),
                };
                let sql = format!(
                    "SELECT d.doc_no, 0.0 FROM {from} WHERE 1 {match_clause} {filters}
                     ORDER BY d.published IS NULL, d.published DESC, d.title LIMIT {want}"
                );
                self.doc_scores(&sql, &args)?
            }
        };
        let more = page.len() > q.offset as usize + limit;
        let terms = parsed.highlight_terms();
        let phrases = parsed.phrases();
        let prefix = if q.as_you_type { parsed.last_prefix() } else { None };
        let mut hits = vec![];
        for &(doc_no, score) in page.iter().skip(q.offset as usize).take(limit) {
            let (mut hit, summary, body_html) = self.conn().query_row(
                "SELECT d.id, d.group_id, d.kind, d.language, d.title, d.published, s.verified, d.summary, d.body_html
                 FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.doc_no = ?1",
                [doc_no],
                |r| {
                    Ok((
                        SearchHit {
                            id: r.get(0)?,
                            group: r.get(1)?,
                            kind: kind_column(r, 2)?,
                            language: r.get(3)?,
                            title: r.get(4)?,
                            published: r.get(5)?,
                            verified: r.get(6)?,
                            score,
                            publishers: vec![],
                            snippet: vec![],
                            snippet_source: SnippetSource::Body,
                        },
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ))
                },
            )?;
            hit.publishers = crate::content::publishers(self.conn(), &hit.id)?;
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
        Ok(SearchResults { hits, more })
    }

    /// (doc_no, score) rows of a ranking query.
    fn doc_scores(&self, sql: &str, args: &[Value]) -> Result<Vec<(i64, f64)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let v = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(i64, f64)>, _>>()?;
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
        let attachments = crate::index::attachment_texts(self.conn(), id)?;
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

/// The filters as `AND ...` clauses over `d` (documents), with their arguments.
pub(crate) fn filter_clauses(q: &SearchQuery, marks: &UserMarks) -> (String, Vec<Value>) {
    let mut filters = String::new();
    let mut args: Vec<Value> = vec![];
    let mut add = |clause: &dyn Fn(&str) -> String, v: Value| {
        args.push(v);
        filters.push_str(" AND ");
        filters.push_str(&clause(&format!("?{}", args.len())));
    };
    if let Some(k) = q.kind {
        add(&|p| format!("d.kind = {p}"), Value::Text(k.as_str().into()));
    }
    if let Some(l) = &q.language {
        add(&|p| format!("(d.language = {p} OR d.language LIKE {p} || '-%')"), Value::Text(l.clone()));
    }
    if let Some(t) = &q.tag {
        add(&|p| format!("EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = {p})"), Value::Text(t.clone()));
    }
    if let Some(p) = &q.publisher {
        add(&|a| format!("EXISTS (SELECT 1 FROM document_publishers p WHERE p.document_id = d.id AND p.name = {a})"), Value::Text(p.clone()));
    }
    if let Some(y) = q.year {
        add(&|p| format!("substr(d.published, 1, 4) = {p}"), Value::Text(format!("{y:04}")));
    }
    if q.bookmarked {
        let ids = serde_json::to_string(&marks.bookmarked).expect("strings serialise");
        add(&|p| format!("d.id IN (SELECT value FROM json_each({p}))"), Value::Text(ids));
    }
    if q.unread {
        let ids = serde_json::to_string(&marks.read).expect("strings serialise");
        add(&|p| format!("d.id NOT IN (SELECT value FROM json_each({p}))"), Value::Text(ids));
    }
    if let Some(has) = q.has_attachment {
        let not = if has { "" } else { "NOT " };
        filters.push_str(&format!(" AND {not}EXISTS (SELECT 1 FROM document_attachments a WHERE a.document_id = d.id)"));
    }
    (filters, args)
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
