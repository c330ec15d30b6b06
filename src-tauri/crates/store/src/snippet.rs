//! Snippets: cut from the original text of the few documents shown (the index is contentless),
//! around the first phrase match, else the first matching word, with the matching words marked.

use crate::model::SnippetPart;
use crate::text::{index_token, token_spans};
use std::collections::BTreeSet;

const SNIPPET_CHARS: usize = 220;

pub(crate) struct Matcher<'a> {
    pub(crate) terms: &'a BTreeSet<String>,
    pub(crate) phrases: &'a [Vec<BTreeSet<String>>],
    pub(crate) prefix: Option<&'a str>,
    pub(crate) language: &'a str,
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
pub(crate) fn snippet_around_match(text: &str, m: &Matcher) -> Option<((bool, usize), Vec<SnippetPart>)> {
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

pub(crate) fn plain_snippet(text: String) -> Vec<SnippetPart> {
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
