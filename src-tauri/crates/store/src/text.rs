//! Text for search: the same pipeline for documents and queries, so that they meet.
//!
//! A token is a run of letters and digits (what FTS5's unicode61 tokenizer also calls a token).
//! Each token is lower-cased, stemmed with the Snowball stemmer of its document's language
//! ("документы" -> "документ", "consultations" -> "consult") after being folded (diacritics
//! removed: "santé" -> "sante", "ё" -> "е"), and tagged with the language: `fr_sant`. Folding
//! first means a word typed without its accents takes exactly the path of the accented word
//! through every stemmer. The tag keeps each
//! language's terms apart, so French "des" (stemmed to "de") and Spanish "de" are two terms, a
//! French phrase is checked against French position lists only, and no word matches across
//! languages by accident. Documents in a language without a stemmer keep plain folded tokens
//! (no tag; `_` never occurs in a plain token). A query word does not know its language, so it
//! becomes its tagged stem in every stemmed language plus its plain folded form; the store then
//! drops the variants no document contains.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use std::sync::OnceLock;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Languages whose documents are stemmed; a query word is stemmed in each of them.
const STEMMED: [(&str, Algorithm); 4] = [
    ("en", Algorithm::English),
    ("fr", Algorithm::French),
    ("es", Algorithm::Spanish),
    ("ru", Algorithm::Russian),
];

fn stemmers() -> &'static [(&'static str, Stemmer)] {
    static S: OnceLock<Vec<(&'static str, Stemmer)>> = OnceLock::new();
    S.get_or_init(|| STEMMED.iter().map(|(l, a)| (*l, Stemmer::create(*a))).collect())
}

fn stemmer_for(language: &str) -> Option<&'static (&'static str, Stemmer)> {
    let base = language.split('-').next().unwrap_or(language).to_ascii_lowercase();
    stemmers().iter().find(|(l, _)| *l == base)
}

/// A stem as the index holds it: `fr_sant`.
fn tagged(lang: &str, stem: &str) -> String {
    format!("{lang}_{stem}")
}

/// Remove diacritics and lower-case: "Santé" -> "sante", "Ёлка" -> "елка".
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The tokens of a text, as (byte start, byte end) spans.
pub fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// One token as the index holds it, for a document in `language`.
pub fn index_token(token: &str, language: &str) -> String {
    let mut out = String::new();
    push_index_token(token, stemmer_for(language), &mut out);
    out
}

thread_local! {
    /// Index forms of recent words, one map per stemmed language: word frequencies follow
    /// Zipf's law, so a small cache answers most tokens of any text. Looked up by `&str` (no
    /// allocation per token) with a fast non-cryptographic hash; cleared past a bound. Words of
    /// up to 24 bytes (nearly all) are held inside the map's entries, so comparing a word with a
    /// key reads no other memory: with `String` keys, that pointer per comparison made the
    /// look-ups about a fifth of a first sync's CPU (docs/benchmarks.md, item 2's profile).
    static STEMS: std::cell::RefCell<[rustc_hash::FxHashMap<compact_str::CompactString, compact_str::CompactString>; STEMMED.len()]> =
        std::cell::RefCell::new(Default::default());
}
const STEM_CACHE_MAX: usize = 100_000;

fn push_index_token(token: &str, stemmer: Option<&'static (&'static str, Stemmer)>, out: &mut String) {
    let lowered;
    let lower: &str = if token.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        token
    } else {
        lowered = token.to_lowercase();
        &lowered
    };
    let Some((lang, s)) = stemmer else {
        out.push_str(&fold(lower));
        return;
    };
    let slot = stemmers().iter().position(|(l, _)| l == lang).expect("stemmer is from the list");
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let map = &mut cache[slot];
        if let Some(hit) = map.get(lower) {
            out.push_str(hit);
            return;
        }
        let stem = tagged(lang, &s.stem(&fold(lower)));
        out.push_str(&stem);
        if map.len() >= STEM_CACHE_MAX {
            map.clear();
        }
        map.insert(lower.into(), stem.into());
    });
}

/// A whole text as the index holds it: its tokens, stemmed and folded, separated by spaces.
pub fn index_text(text: &str, language: &str) -> String {
    let stemmer = stemmer_for(language);
    let mut out = String::with_capacity(text.len());
    for (a, b) in token_spans(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_index_token(&text[a..b], stemmer, &mut out);
    }
    out
}

/// Every form a query word can take in the index: each stemmed language's stem of it, under
/// each language's tag, and its plain folded form.
pub fn query_variants(word: &str) -> BTreeSet<String> {
    let lower = word.to_lowercase();
    let plain = fold(&lower);
    if plain.is_empty() {
        return BTreeSet::new();
    }
    // Every language's stem under every language's tag: cognates meet across languages
    // ("consultation" finds Spanish "consultas": both stem to "consult"). The store keeps only
    // the variants some document contains, so this costs look-ups, not FTS5 work.
    let stems: BTreeSet<String> = stemmers().iter().map(|(_, s)| s.stem(&plain).into_owned()).collect();
    let mut v: BTreeSet<String> =
        stemmers().iter().flat_map(|(l, _)| stems.iter().map(move |st| tagged(l, st))).collect();
    v.insert(plain);
    v
}

/// A user's query, parsed forgivingly: quoted phrases and words. Anything FTS5 would treat as
/// syntax (operators, parentheses, stray quotes, `*`, `:`) is just text here, never an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub parts: Vec<QueryPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryPart {
    Word(String),
    Phrase(Vec<String>),
}

impl ParsedQuery {
    pub fn parse(q: &str) -> ParsedQuery {
        let mut parts = vec![];
        let mut in_quote = false;
        for (i, chunk) in q.split('"').enumerate() {
            // Odd chunks are inside quotes, unless the last quote was never closed.
            in_quote = i % 2 == 1;
            let words: Vec<String> = token_spans(chunk).map(|(a, b)| chunk[a..b].to_string()).collect();
            if in_quote && words.len() > 1 {
                parts.push(QueryPart::Phrase(words));
            } else {
                parts.extend(words.into_iter().map(QueryPart::Word));
            }
        }
        let _ = in_quote;
        ParsedQuery { parts }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The FTS5 MATCH expression: every part must match (AND); a word matches any of its
    /// variants; with `prefix`, the last word also matches as a prefix (search as you type).
    /// Every token is quoted, so nothing the user typed is FTS5 syntax.
    pub fn to_fts(&self, prefix: bool) -> Option<String> {
        match self.to_fts_known(prefix, |_| true) {
            FtsQuery::Match(m) => Some(m),
            _ => None,
        }
    }

    /// As `to_fts`, keeping only the whole-term alternatives `known` says some document holds
    /// (`fr_sant`): FTS5 then evaluates one or two alternatives per word instead of a dozen.
    pub fn to_fts_known(&self, prefix: bool, mut known: impl FnMut(&str) -> bool) -> FtsQuery {
        let quoted = |t: &str| format!("\"{}\"", t.replace('"', ""));
        let mut clauses = vec![];
        let Some(last) = self.parts.len().checked_sub(1) else {
            return FtsQuery::NoWords;
        };
        for (i, part) in self.parts.iter().enumerate() {
            let mut alts: Vec<String> = match part {
                QueryPart::Word(w) => query_variants(w).into_iter().filter(|v| known(v)).map(|v| quoted(&v)).collect(),
                QueryPart::Phrase(words) => phrase_variants(words)
                    .into_iter()
                    .filter(|p| p.iter().all(|t| known(t)))
                    .map(|p| quoted(&p.join(" ")))
                    .collect(),
            };
            if prefix && i == last {
                if let QueryPart::Word(w) = part {
                    let f = fold(&w.to_lowercase());
                    if !f.is_empty() {
                        // A word being typed: as a prefix of a stem in every language (a stem
                        // is, nearly always, a prefix of its word) and of a plain token.
                        // Not probed like whole terms: a prefix probe on the big index (which has
                        // no prefix index) would scan a range of terms, costing more than it saves.
                        alts.push(format!("{}*", quoted(&f)));
                        for (l, _) in stemmers() {
                            alts.push(format!("{}*", quoted(&tagged(l, &f))));
                        }
                    }
                }
            }
            alts.sort();
            alts.dedup();
            if alts.is_empty() {
                // Every part must match; this one cannot.
                return FtsQuery::NothingMatches;
            }
            clauses.push(if alts.len() == 1 { alts.remove(0) } else { format!("({})", alts.join(" OR ")) });
        }
        FtsQuery::Match(clauses.join(" AND "))
    }

    /// Every index form of every word, for marking matches in snippets.
    pub fn highlight_terms(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for p in &self.parts {
            match p {
                QueryPart::Word(w) => out.extend(query_variants(w)),
                QueryPart::Phrase(ws) => ws.iter().for_each(|w| out.extend(query_variants(w))),
            }
        }
        out
    }

    /// Each quoted phrase as the variants of each of its words, for finding it in a text.
    pub fn phrases(&self) -> Vec<Vec<BTreeSet<String>>> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                QueryPart::Phrase(ws) => Some(ws.iter().map(|w| query_variants(w)).collect()),
                QueryPart::Word(_) => None,
            })
            .collect()
    }

    /// The last word, folded, when searching as you type (for marking prefix matches).
    pub fn last_prefix(&self) -> Option<String> {
        match self.parts.last()? {
            QueryPart::Word(w) => Some(fold(&w.to_lowercase())),
            QueryPart::Phrase(_) => None,
        }
    }
}

/// A phrase in each stemmed language and unstemmed, each as its index terms.
fn phrase_variants(words: &[String]) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    for (l, s) in stemmers() {
        out.insert(words.iter().map(|w| tagged(l, &s.stem(&fold(&w.to_lowercase())))).collect::<Vec<_>>());
    }
    out.insert(words.iter().map(|w| fold(&w.to_lowercase())).collect());
    out.retain(|p: &Vec<String>| p.iter().all(|t| !t.is_empty() && !t.ends_with('_')));
    out
}

/// What a query becomes for FTS5.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FtsQuery {
    Match(String),
    /// No words at all (only punctuation, or nothing).
    NoWords,
    /// A word that no document contains: nothing can match.
    NothingMatches,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_diacritics_in_latin_and_cyrillic() {
        assert_eq!(fold("Santé Mentale"), "sante mentale");
        assert_eq!(fold("Reducción"), "reduccion");
        assert_eq!(fold("Ёлка"), "елка");
    }

    #[test]
    fn inflected_forms_meet_in_the_index() {
        let doc = index_text("Документ о снижении вреда", "ru");
        assert!(query_variants("документы").iter().any(|v| doc.split(' ').any(|t| t == v)), "документы finds документ: {doc}");
        let doc = index_text("A community consultation", "en");
        assert!(query_variants("consultations").iter().any(|v| doc.split(' ').any(|t| t == v)), "{doc}");
        let doc = index_text("la santé mentale", "fr");
        assert!(query_variants("sante").iter().any(|v| doc.split(' ').any(|t| t == v)), "accent-free finds accented: {doc}");
    }

    #[test]
    fn anything_the_user_types_becomes_a_safe_match_expression() {
        for q in ["\"unclosed", "AND OR NOT", "a* : (b", "NEAR(x y)", "^title", "\"\"", "-", "col:umn"] {
            if let Some(fts) = ParsedQuery::parse(q).to_fts(true) {
                assert!(fts.matches('"').count() % 2 == 0, "{q} -> {fts}: quotes balance");
            }
        }
        assert_eq!(ParsedQuery::parse("  ,.;  ").to_fts(false), None, "no words: no query");
        let p = ParsedQuery::parse("\"harm reduction\" naloxone");
        assert!(matches!(&p.parts[0], QueryPart::Phrase(w) if w.len() == 2));
        assert_eq!(p.parts[1], QueryPart::Word("naloxone".into()));
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_when_typing() {
        let fts = ParsedQuery::parse("harm redu").to_fts(true).unwrap();
        assert!(fts.ends_with("\"redu\"*)") || fts.contains("\"redu\"*"), "{fts}");
        assert!(!ParsedQuery::parse("harm redu").to_fts(false).unwrap().contains('*'));
    }
}

/// The readable text of sanitised HTML: tags dropped, block ends as line breaks, entities
/// decoded. Input comes from the sanitiser, so it is well-formed; anything odd degrades to text.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            // A '<' that opens no tag is text.
            let Some(close) = rest.find('>') else {
                break;
            };
            let end = close + 1;
            let tag = rest[1..close].trim_start_matches('/').to_ascii_lowercase();
            let name = tag.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
            if matches!(name, "p" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "div" | "blockquote" | "pre" | "dt" | "dd" | "figcaption" | "hr") {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
            } else if matches!(name, "td" | "th") {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let end = rest[1..].find(|c: char| c == ';' || c == '&' || c == '<' || c.is_whitespace()).map(|e| e + 1);
            match end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| decode_entity(&rest[1..e]).map(|c| (c, e))) {
                Some((c, e)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

fn decode_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod html_tests {
    use super::html_text;

    #[test]
    fn html_becomes_readable_text() {
        assert_eq!(html_text("<h2>Title</h2><p>A &amp; B &lt;3 &#233;t&#xe9;</p><ul><li>one</li><li>two</li></ul>"), "Title\nA & B <3 été\none\ntwo");
        assert_eq!(html_text("stray & ampersand &bogus; <"), "stray & ampersand &bogus; <");
        assert_eq!(html_text("<"), "<");
        assert_eq!(html_text("a &#xFFFFFFFF; &#; &"), "a &#xFFFFFFFF; &#; &");
    }
}
