//! Searching and filtering the library.
//!
//! Matching and ranking run in FTS5 over the stemmed, folded index (text.rs); snippets are cut
//! here from the original text of the few documents shown, so the index can stay contentless.
//! A query FTS5 could not parse cannot happen: `ParsedQuery` quotes every token.

use crate::filters::{filter_clauses, UserMarks};
use crate::open::ContentStore;
use crate::rows::kind_column;
use crate::snippet::{plain_snippet, snippet_around_match, Matcher};
use crate::model::*;
use crate::text::{html_text, FtsQuery, ParsedQuery};
use crate::StoreError;
use rusqlite::types::Value;
use std::collections::BTreeSet;

/// bm25 weights for (title, summary, tags, publishers, body, attachments): a word in the title
/// counts ten times a word in the body.
const WEIGHTS: &str = "10.0, 4.0, 4.0, 2.0, 1.0, 1.0";
/// The same for the head index (title, tags, publishers).
const HEAD_WEIGHTS: &str = "10.0, 4.0, 2.0";

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
        let Some(fts) = self.fts_query(q, &parsed)? else {
            // Only punctuation was typed, or a word no document contains: nothing can match,
            // and that is not an error.
            return Ok(SearchResults { hits: vec![], more: false });
        };
        let limit = if q.limit == 0 { 20 } else { q.limit.min(500) } as usize;
        let want = q.offset as usize + limit + 1;
        let (filters, args) = filter_clauses(&q.filters, marks);
        let page = match (&fts, q.sort) {
            (Some(m), Sort::Relevance) => self.ranked_page(m, parsed.parts.len() == 1, &filters, &args, want)?,
            _ => self.dated_page(fts.as_deref(), &filters, args, want)?,
        };
        let more = page.len() > q.offset as usize + limit;
        let terms = parsed.highlight_terms();
        let phrases = parsed.phrases();
        let prefix = if q.as_you_type { parsed.last_prefix() } else { None };
        let mut hits = vec![];
        for &(doc_no, score) in page.iter().skip(q.offset as usize).take(limit) {
            let (mut hit, summary, body_html) = self.hit_row(doc_no, score)?;
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

    /// The FTS5 query for the text: Some(None) for no words (list by date), None when nothing
    /// can match (only punctuation, or a word no document contains).
    fn fts_query(&self, q: &SearchQuery, parsed: &ParsedQuery) -> Result<Option<Option<String>>, StoreError> {
        // Does any document hold this term? FTS5 answers from the first page of its doclist
        // (an fts5vocab count would read the whole doclist of a common term).
        let mut known = self.conn().prepare_cached("SELECT 1 FROM search WHERE search MATCH ?1 LIMIT 1")?;
        Ok(match parsed.to_fts_known(q.as_you_type, |term| known.exists([format!("\"{}\"", term.replace('"', ""))]).unwrap_or(true)) {
            FtsQuery::Match(m) => Some(Some(m)),
            FtsQuery::NoWords if q.text.trim().is_empty() => Some(None),
            FtsQuery::NoWords | FtsQuery::NothingMatches => None,
        })
    }

    /// The first `want` matches of `m` by relevance, in three tiers (see `search`). A query of
    /// `one_part` (one word or one phrase) is ranked by `peerlib_rank`, bm25 without its count of
    /// the documents holding each form of the word (rank.rs); others by bm25.
    fn ranked_page(&self, m: &str, one_part: bool, filters: &str, args: &[Value], want: usize) -> Result<Vec<(i64, f64)>, StoreError> {
        // The filters' arguments, then the match.
        let match_arg = args.len() + 1;
        let with = |text: String| -> Vec<Value> { args.iter().cloned().chain([Value::Text(text)]).collect() };
        // One tier's page: matches of `text` in `table`, ranked by bm25 with `weights`, or
        // latest added first (None), which FTS5 reads in rowid order and stops at the page.
        let tier = |table: &str, text: String, weights: Option<&str>, n: usize| -> Result<Vec<(i64, f64)>, StoreError> {
            let (score, order) = match weights {
                Some(w) if one_part => (format!("peerlib_rank({table}, {w})"), format!("score DESC, {table}.rowid DESC")),
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
                tier("search_head", m.to_string(), None, want + page.len())?.into_iter().map(|(d, _)| d).filter(|d| !seen.contains(d)).collect();
            let count = meta.len() as f64;
            for (i, d) in meta.into_iter().enumerate() {
                seen.insert(d);
                page.push((d, HEAD_TIER + (count - i as f64) / (count + 1.0)));
            }
            page.truncate(want);
        }
        if page.len() < want {
            // Third tier: every other match, by bm25 over every field.
            let rest = tier("search", m.to_string(), Some(WEIGHTS), want + page.len())?;
            page.extend(rest.into_iter().filter(|(d, _)| !seen.contains(d)));
            page.truncate(want);
        }
        Ok(page)
    }

    /// The first `want` documents (matching `fts`, if given) by date, newest first.
    fn dated_page(&self, fts: Option<&str>, filters: &str, mut args: Vec<Value>, want: usize) -> Result<Vec<(i64, f64)>, StoreError> {
        let (from, match_clause) = match fts {
            Some(m) => {
                args.push(Value::Text(m.to_string()));
                ("search JOIN documents d ON d.doc_no = search.rowid", format!("AND search MATCH ?{}", args.len()))
            }
            None => ("documents d", String::new()),
        };
        let sql = format!(
            "SELECT d.doc_no, 0.0 FROM {from} WHERE 1 {match_clause} {filters}
             ORDER BY d.published IS NULL, d.published DESC, d.title LIMIT {want}"
        );
        self.doc_scores(&sql, &args)
    }

    /// One hit's row, with its summary and body for the snippet.
    fn hit_row(&self, doc_no: i64, score: f64) -> Result<(SearchHit, String, String), StoreError> {
        let sql = format!(
            "SELECT d.id, d.group_id, d.kind, d.language, d.title, d.published, s.verified, d.summary, d.body_html, {}
             FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.doc_no = ?1",
            Provenance::SQL
        );
        let (mut hit, summary, body_html): (SearchHit, String, String) = self.conn().prepare_cached(&sql)?.query_row(
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
                        provenance: Provenance::column(r, 9)?,
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
        hit.publishers = crate::rows::publishers(self.conn(), &hit.id)?;
        Ok((hit, summary, body_html))
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
