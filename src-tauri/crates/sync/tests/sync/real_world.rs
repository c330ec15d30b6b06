//! Bad inputs from the real world (#17): the PDF and Office test files of public libraries
//! (pdfminer.six, pikepdf and its fuzzing corpus, pypdf, python-docx, python-pptx; fetched by
//! tests/corpora/fetch.py, see `make real-world-corpus`) through the extraction child exactly as a
//! sync runs it. None may take the test down or run past the child's limits, and the reason given
//! for every file whose words cannot be searched must be true, with poppler (`pdftotext`) as the
//! judge for PDFs:
//! - "scanned pages" only when poppler finds almost no words either;
//! - "password-protected" only for a PDF poppler cannot open without a password, or an Office file
//!   that is an encrypted package;
//! - "not the type it claims" only when the bytes are not that type;
//! - "damaged", "too large" or "too slow" only for a PDF poppler finds fewer than 20 words in.

use crate::common::extraction_child;
use peerlib_feed::filetype;
use peerlib_store::ExtractedText;
use peerlib_sync::{extract_in_child, ExtractLimits};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

fn files(root: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let name = p.to_string_lossy().to_lowercase();
            let media = if name.ends_with(".pdf") { PDF } else if name.ends_with(".docx") { DOCX } else if name.ends_with(".pptx") { PPTX } else { continue };
            out.push((p, media));
        }
    }
    out.sort();
    out
}

/// What poppler makes of a PDF: Ok(words it finds) or Err(its complaint).
fn poppler(path: &Path) -> Result<usize, String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) is installed by make");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count())
}

fn state(t: &ExtractedText) -> &'static str {
    match t {
        ExtractedText::Text(_) => "text",
        ExtractedText::NoTextLayer => "no-text-layer",
        ExtractedText::Encrypted => "encrypted",
        ExtractedText::NotItsType => "not-its-type",
        ExtractedText::Unreadable => "unreadable",
        ExtractedText::TooLarge => "too-large",
        ExtractedText::TooSlow => "too-slow",
        ExtractedText::Unsupported => "unsupported",
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "reads the public test files that `make real-world-corpus` fetches; `make test-corpora` runs it"]
async fn real_world_pdf_and_office_files_never_crash_and_every_reason_given_is_true() {
    let root = std::env::var("PEERLIB_REAL_WORLD").expect("PEERLIB_REAL_WORLD names the folder `make real-world-corpus` fills");
    extraction_child();
    let all = files(Path::new(&root));
    assert!(all.len() >= 250, "the corpus is there ({} files in {root})", all.len());
    let limits = ExtractLimits::default();
    let mut tally: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut untrue = vec![];
    let mut unread = vec![];
    for (path, media) in &all {
        let bytes = std::fs::read(path).unwrap();
        let got = extract_in_child(media, path, bytes.len() as u64, &limits).await.expect("a child read the file");
        let kind = if *media == PDF { "pdf" } else { "office" };
        *tally.entry((kind, state(&got))).or_default() += 1;
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let wrong = match (&got, *media == PDF) {
            (ExtractedText::NoTextLayer, true) => poppler(path).is_ok_and(|w| w >= 5).then(|| format!("scanned, but poppler finds {} words", poppler(path).unwrap())),
            (ExtractedText::Encrypted, true) => match poppler(path) {
                Err(e) if e.contains("Incorrect password") => None,
                other => Some(format!("password-protected, but poppler opens it: {other:?}")),
            },
            (ExtractedText::Encrypted, false) => (!filetype::is_password_protected_office(&bytes)).then(|| "password-protected, but not an encrypted package".to_string()),
            (ExtractedText::NotItsType, true) => bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-").then(|| "not a PDF, but it has a PDF header".to_string()),
            (ExtractedText::NotItsType, false) => (filetype::sniff(&bytes) == Some(*media)).then(|| "not its type, but its bytes are".to_string()),
            (ExtractedText::Unreadable | ExtractedText::TooLarge | ExtractedText::TooSlow, pdf) => {
                unread.push(format!("{name}: {}", state(&got)));
                // "Damaged" (or too much) is said only of a file poppler does not read either.
                let words = if pdf { poppler(path).unwrap_or(0) } else { 0 };
                (words >= 20).then(|| format!("{}, but poppler finds {words} words", state(&got)))
            }
            _ => None,
        };
        if let Some(w) = wrong {
            untrue.push(format!("{name}: {w}"));
        }
    }
    println!("real-world corpus, {} files in {root}:", all.len());
    for ((kind, st), n) in &tally {
        println!("  {kind:6} {st:14} {n}");
    }
    println!("words not searchable ({}):\n  {}", unread.len(), unread.join("\n  "));
    assert!(untrue.is_empty(), "every reason given is true; untrue:\n{}", untrue.join("\n"));
}
