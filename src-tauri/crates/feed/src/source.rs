//! The publisher's source format: one Markdown file per document, with TOML front matter between
//! `+++` lines (docs/feed-format.md). [`build`] validates a whole folder before anything is
//! written and reports every problem at once, each with its file and line.

use crate::html;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path};

/// The document kinds the feed format allows (the store's `Kind` accepts exactly these).
pub const KINDS: [&str; 7] = ["statement", "report", "guide", "news", "event", "video", "publication"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    kind: Option<String>,
    language: Option<String>,
    group: Option<String>,
    published: Option<toml::value::Datetime>,
    updated: Option<toml::value::Datetime>,
    #[serde(default)]
    publishers: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    summary: String,
    url: Option<String>,
    #[serde(default)]
    attachments: Vec<AttachmentRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentRef {
    path: String,
    title: String,
}

/// A validated document with its attachments read and hashed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDocument {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub language: String,
    pub group: String,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub publishers: Vec<String>,
    pub tags: Vec<String>,
    pub summary: String,
    pub url: Option<String>,
    pub body_html: String,
    pub attachments: Vec<SourceAttachment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceAttachment {
    pub title: String,
    pub media_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl SourceDocument {
    /// The document as the feed carries it (`documents/<sha256>.json`).
    pub fn to_feed_document(&self, version: i64) -> crate::manifest::FeedDocument {
        crate::manifest::FeedDocument {
            id: self.id.clone(),
            version,
            kind: self.kind.clone(),
            language: self.language.clone(),
            group: self.group.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_html: self.body_html.clone(),
            publishers: self.publishers.clone(),
            tags: self.tags.clone(),
            published: self.published.clone(),
            updated: self.updated.clone(),
            url: self.url.clone(),
            attachments: self
                .attachments
                .iter()
                .map(|a| crate::manifest::FeedAttachment {
                    sha256: a.sha256.clone(),
                    size: a.bytes.len() as u64,
                    media_type: a.media_type.clone(),
                    title: a.title.clone(),
                })
                .collect(),
        }
    }
}

/// One thing wrong with the sources, at a file and line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub kind: ProblemKind,
}

/// What is wrong. The command line turns each into a localised sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    NoFrontMatter,
    Syntax(String),
    MissingTitle,
    MissingKind,
    UnknownKind(String),
    MissingLanguage,
    InvalidLanguage(String),
    InsecureUrl(String),
    MissingAttachment(String),
    AttachmentOutsideSource(String),
    /// The file's extension names an openable type its bytes are not (a `.pdf` that is a web
    /// page or a script): clients would refuse to open it.
    AttachmentNotItsType { path: String, real: Option<String> },
    /// An Office file saved with a password to open it: readers could neither search it nor
    /// open it from the app (what is inside cannot be checked).
    AttachmentPasswordProtected(String),
    DuplicateId { id: String, first: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        write!(f, "{}:{}: ", self.file, self.line)?;
        match &self.kind {
            NoFrontMatter => write!(f, "no front matter (the file must start with a +++ line)"),
            Syntax(e) => write!(f, "front matter is not valid TOML: {e}"),
            MissingTitle => write!(f, "title is missing"),
            MissingKind => write!(f, "kind is missing"),
            UnknownKind(k) => write!(f, "unknown kind {k:?} (one of {})", KINDS.join(", ")),
            MissingLanguage => write!(f, "language is missing"),
            InvalidLanguage(l) => write!(f, "{l:?} is not a valid BCP 47 language tag"),
            InsecureUrl(u) => write!(f, "url {u:?} must start with https://"),
            MissingAttachment(p) => write!(f, "attachment {p:?} does not exist"),
            AttachmentOutsideSource(p) => write!(f, "attachment path {p:?} leaves the source folder"),
            AttachmentNotItsType { path, real } => {
                write!(f, "attachment {path:?} is not the type its name says (its bytes are {})", real.as_deref().unwrap_or("of no known type"))
            }
            AttachmentPasswordProtected(p) => write!(f, "attachment {p:?} needs a password to open; publish it without one"),
            DuplicateId { id, first } => write!(f, "id {id:?} is already used by {first}"),
        }
    }
}

/// Validate and build every document. `files` are (relative file name, text) of the Markdown
/// sources; `read` returns an attachment's bytes by its path relative to the source folder.
pub fn build(
    files: &[(String, String)],
    read: impl Fn(&str) -> Option<Vec<u8>> + Sync,
) -> Result<Vec<SourceDocument>, Vec<Problem>> {
    use rayon::prelude::*;
    // Each file is parsed, rendered and its attachments hashed on its own, on every core; the
    // checks across files (duplicate ids) then run in file order, so reports stay stable.
    let parsed: Vec<_> = files.par_iter().map(|(name, text)| (name, text, parse_one(name, text, &read))).collect();
    let mut problems = vec![];
    let mut docs = vec![];
    let mut seen: HashMap<String, String> = HashMap::new();
    for (name, text, result) in parsed {
        match result {
            Ok(doc) => {
                if let Some(first) = seen.get(&doc.id) {
                    problems.push(Problem {
                        file: name.clone(),
                        line: key_line(text, "id").unwrap_or(1),
                        kind: ProblemKind::DuplicateId { id: doc.id.clone(), first: first.clone() },
                    });
                } else {
                    seen.insert(doc.id.clone(), name.clone());
                    docs.push(doc);
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(docs)
    } else {
        Err(problems)
    }
}

fn parse_one(
    name: &str,
    text: &str,
    read: &(impl Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Result<SourceDocument, Vec<Problem>> {
    let at = |line: usize, kind| Problem { file: name.to_string(), line, kind };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = split_front_matter(text).ok_or_else(|| vec![at(1, ProblemKind::NoFrontMatter)])?;
    let fm: FrontMatter = toml::from_str(front).map_err(|e| {
        // Front matter starts on line 2 of the file.
        let line = e.span().map(|s| 2 + front[..s.start].matches('\n').count()).unwrap_or(1);
        vec![at(line, ProblemKind::Syntax(e.message().to_string()))]
    })?;
    let line_of = |key: &str| key_line(front, key).map(|l| l + 1).unwrap_or(1);
    let mut problems = vec![];
    let title = fm.title.filter(|t| !t.trim().is_empty());
    if title.is_none() {
        problems.push(at(1, ProblemKind::MissingTitle));
    }
    match fm.kind.as_deref() {
        None => problems.push(at(1, ProblemKind::MissingKind)),
        Some(k) if !KINDS.contains(&k) => {
            problems.push(at(line_of("kind"), ProblemKind::UnknownKind(k.to_string())))
        }
        _ => {}
    }
    match fm.language.as_deref() {
        None => problems.push(at(1, ProblemKind::MissingLanguage)),
        Some(l) if !valid_language(l) => {
            problems.push(at(line_of("language"), ProblemKind::InvalidLanguage(l.to_string())))
        }
        _ => {}
    }
    if let Some(u) = fm.url.as_deref().filter(|u| !u.starts_with("https://")) {
        problems.push(at(line_of("url"), ProblemKind::InsecureUrl(u.to_string())));
    }
    let mut attachments = vec![];
    for a in &fm.attachments {
        let line = key_line_with_value(front, "path", &a.path).map(|l| l + 1).unwrap_or(1);
        if !stays_inside(&a.path) {
            problems.push(at(line, ProblemKind::AttachmentOutsideSource(a.path.clone())));
            continue;
        }
        match read(&a.path) {
            None => problems.push(at(line, ProblemKind::MissingAttachment(a.path.clone()))),
            Some(bytes) => {
                let media_type = crate::media_type_for(&a.path);
                let claims_openable = crate::filetype::extension(&media_type).is_some();
                if crate::filetype::is_password_protected_office(&bytes) {
                    problems.push(at(line, ProblemKind::AttachmentPasswordProtected(a.path.clone())));
                    continue;
                }
                if claims_openable && crate::filetype::open_as(&media_type, &bytes).is_none() {
                    let real = crate::filetype::label(&bytes);
                    problems.push(at(line, ProblemKind::AttachmentNotItsType { path: a.path.clone(), real }));
                    continue;
                }
                attachments.push(SourceAttachment { title: a.title.clone(), media_type, sha256: crate::sha256_hex(&bytes), bytes })
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let id = fm.id.unwrap_or_else(|| {
        Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name).to_string()
    });
    let body_html = html::markdown(body);
    Ok(SourceDocument {
        group: fm.group.unwrap_or_else(|| id.clone()),
        id,
        title: title.expect("checked above"),
        kind: fm.kind.expect("checked above"),
        language: fm.language.expect("checked above"),
        published: fm.published.map(|d| d.to_string()),
        updated: fm.updated.map(|d| d.to_string()),
        publishers: fm.publishers,
        tags: fm.tags,
        summary: fm.summary.trim().to_string(),
        url: fm.url,
        body_html,
        attachments,
    })
}

/// Split `+++\n<toml>\n+++\n<markdown>`; None when the file does not open with a `+++` line.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// 1-based line within `text` where `key = ...` is set.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| is_key(l, key)).map(|i| i + 1)
}

/// 1-based line where `key` is set to `value`, at top level or inside an inline table.
fn key_line_with_value(text: &str, key: &str, value: &str) -> Option<usize> {
    let quoted = format!("\"{value}\"");
    text.lines().position(|l| l.contains(key) && l.contains(&quoted)).map(|i| i + 1)
}

/// A top-level `key = ...` line.
fn is_key(line: &str, key: &str) -> bool {
    line.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='))
}

/// A BCP 47 tag that is well-formed and whose subtags are registered (IANA registry).
pub fn valid_language(tag: &str) -> bool {
    language_tags::LanguageTag::parse(tag).is_ok_and(|t| t.validate().is_ok())
}

/// A relative path made of plain names only: no root, no `..`, no drive prefix.
fn stays_inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_valid_document_builds_with_defaults() {
        let src = "+++\ntitle = \"Joint statement\"\nkind = \"statement\"\nlanguage = \"en\"\npublished = 2021-06-10\n+++\nBody *text*.\n";
        let docs = build(&files(&[("statement.md", src)]), |_| None).expect("valid");
        assert_eq!(docs[0].id, "statement", "id defaults to the file stem");
        assert_eq!(docs[0].group, "statement", "group defaults to the id");
        assert_eq!(docs[0].published.as_deref(), Some("2021-06-10"));
        assert!(docs[0].body_html.contains("<em>text</em>"));
    }

    #[test]
    fn every_problem_is_reported_with_its_file_and_line() {
        let bad = "+++\nkind = \"memo\"\nlanguage = \"english!\"\nurl = \"http://x.example\"\nattachments = [\n  { path = \"../secret.pdf\", title = \"x\" },\n  { path = \"missing.pdf\", title = \"y\" },\n]\n+++\nbody";
        let problems = build(&files(&[("a.md", bad)]), |_| None).expect_err("invalid");
        let got: Vec<(usize, &ProblemKind)> = problems.iter().map(|p| (p.line, &p.kind)).collect();
        assert!(got.contains(&(1, &ProblemKind::MissingTitle)), "{problems:?}");
        assert!(got.contains(&(2, &ProblemKind::UnknownKind("memo".into()))), "{problems:?}");
        assert!(got.contains(&(3, &ProblemKind::InvalidLanguage("english!".into()))), "{problems:?}");
        assert!(got.contains(&(4, &ProblemKind::InsecureUrl("http://x.example".into()))), "{problems:?}");
        assert!(got.contains(&(6, &ProblemKind::AttachmentOutsideSource("../secret.pdf".into()))), "{problems:?}");
        assert!(got.contains(&(7, &ProblemKind::MissingAttachment("missing.pdf".into()))), "{problems:?}");
        assert!(problems.iter().all(|p| p.file == "a.md"));
    }

    #[test]
    fn duplicate_ids_and_syntax_errors_are_reported() {
        let ok = "+++\nid = \"x\"\ntitle = \"T\"\nkind = \"news\"\nlanguage = \"fr\"\n+++\n";
        let broken = "+++\ntitle = \"T\nkind = 1\n+++\n";
        let problems = build(&files(&[("a.md", ok), ("b.md", ok), ("c.md", broken), ("d.md", "no front")]), |_| None)
            .expect_err("invalid");
        assert!(problems.iter().any(|p| p.file == "b.md" && p.line == 2
            && p.kind == ProblemKind::DuplicateId { id: "x".into(), first: "a.md".into() }), "{problems:?}");
        assert!(problems.iter().any(|p| p.file == "c.md" && p.line == 2 && matches!(p.kind, ProblemKind::Syntax(_))), "{problems:?}");
        assert!(problems.iter().any(|p| p.file == "d.md" && p.kind == ProblemKind::NoFrontMatter), "{problems:?}");
    }

    #[test]
    fn language_tags_are_checked_against_the_registry() {
        for ok in ["en", "ru", "fr-CA", "es-419", "zh-Hans"] {
            assert!(valid_language(ok), "{ok} is valid");
        }
        for bad in ["", "english", "xx-", "e1"] {
            assert!(!valid_language(bad), "{bad:?} is not valid");
        }
    }
}
