//! The searchable text of attachments, extracted once at ingest: PDF (pdf_oxide, then pdf-extract
//! for what it cannot read; page by page; permission-only encryption decrypted), PowerPoint and Word (their XML inside the zip, read with
//! zip + quick-xml). A file that is damaged, password-protected, scanned or not what its media type
//! claims gets a status, never an error: the document is still imported and the rest of the
//! library keeps working.

use peerlib_store::ExtractedText;
use std::io::{Cursor, Read};

const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// Text beyond this is not indexed (a 500-page report still has its first ~2 MB searchable).
pub(crate) const MAX_TEXT: usize = 2 * 1024 * 1024;

/// Extract in this process, with the default cap on inflated bytes. The sync never calls this
/// on a downloaded file: it runs `sandbox::extract_in_child`, whose child calls
/// `extract_text_limited`. Kept public for tests and the publisher's own trusted files.
pub fn extract_text(media_type: &str, bytes: &[u8]) -> ExtractedText {
    extract_text_limited(media_type, bytes, crate::ExtractLimits::default().inflated)
}

/// Extract with at most `inflated` bytes inflated out of an Office file's zip members, all
/// members together (a 40-slide deck of 32 MiB slides took 1.36 GB when the cap was per slide).
pub fn extract_text_limited(media_type: &str, bytes: &[u8], inflated: u64) -> ExtractedText {
    let result = match media_type {
        "application/pdf" => pdf(bytes),
        PPTX => office(bytes, |name| name.starts_with("ppt/slides/slide") && name.ends_with(".xml"), b"a:t", inflated),
        DOCX => office(bytes, |name| name == "word/document.xml", b"w:t", inflated),
        t if t.starts_with("text/plain") => match std::str::from_utf8(bytes) {
            Ok(s) => ExtractedText::Text(s.to_string()),
            Err(_) => ExtractedText::NotItsType,
        },
        _ => ExtractedText::Unsupported,
    };
    match result {
        ExtractedText::Text(mut t) => {
            if t.len() > MAX_TEXT {
                let mut cut = MAX_TEXT;
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                t.truncate(cut);
            }
            // A PDF is never here without a word (pdf() says why it has none).
            ExtractedText::Text(if t.trim().is_empty() { String::new() } else { t })
        }
        other => other,
    }
}

fn pdf(bytes: &[u8]) -> ExtractedText {
    let Some(start) = peerlib_feed::filetype::pdf_header(bytes) else {
        return ExtractedText::NotItsType;
    };
    let bytes = &bytes[start..];
    // Both extractors can panic on malformed input; a hostile file must not take the extraction
    // down (and the child process it runs in stands behind this). pdf_oxide takes its own copy.
    let owned = bytes.to_vec();
    if let Ok(Some(text)) = std::panic::catch_unwind(move || oxide_pages(owned)) {
        return ExtractedText::Text(text);
    }
    std::panic::catch_unwind(|| pdf_pages(bytes)).unwrap_or(ExtractedText::Unreadable)
}

/// The words of every page pdf_oxide can read (it decrypts an empty user password itself), or
/// None when it finds none: pdf-extract then has its turn and names what is wrong. pdf_oxide
/// finds more of poppler's words on broken, public and multi-script files; pdf-extract on some
/// encrypted ones (docs/decisions/0006-pdf-text.md, benches/pdf-recall.py).
fn oxide_pages(bytes: Vec<u8>) -> Option<String> {
    let doc = pdf_oxide::PdfDocument::from_bytes(bytes).ok()?;
    let mut text = String::new();
    // A page count a tiny file can claim in the millions: after this many pages in a row that
    // cannot be found or read, the rest are not looked for (each is a scan of the whole file).
    const FAILED_IN_A_ROW: usize = 20;
    let mut failed = 0;
    for i in 0..doc.page_count().ok()? {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.extract_text(i))) {
            Ok(Ok(page)) => {
                failed = 0;
                text.push_str(&page);
                text.push('\n');
            }
            _ => failed += 1,
        }
        if text.len() > MAX_TEXT || failed >= FAILED_IN_A_ROW {
            break;
        }
    }
    text.chars().any(char::is_alphanumeric).then(|| text.replace('\0', ""))
}

/// Page by page, so that one page that cannot be read (a missing font, a damaged stream) does not
/// lose the others. A PDF encrypted with an empty user password (permissions only: every reader
/// opens it) is decrypted and read; one that needs a password to open is `Encrypted`.
fn pdf_pages(bytes: &[u8]) -> ExtractedText {
    use pdf_extract::encryption::DecryptionError;
    use pdf_extract::{Document, Error, OutputError, PlainTextOutput};
    let Ok(mut doc) = Document::load_mem(bytes) else { return ExtractedText::Unreadable };
    // Encrypted so that the empty password does not open it (a user password), or for a
    // certificate (a security handler other than the standard one): no reader gets its words
    // without what the author holds. A standard file lopdf cannot decrypt for another reason (no
    // file ID, say) is damaged as far as we can tell, not password-protected.
    if doc.is_encrypted() {
        let standard = doc.get_encrypted().is_ok_and(|e| e.get(b"Filter").and_then(pdf_extract::Object::as_name).is_ok_and(|f| f == b"Standard"));
        match doc.decrypt("") {
            Ok(()) => {}
            Err(Error::Decryption(DecryptionError::IncorrectPassword)) => return ExtractedText::Encrypted,
            Err(_) if !standard => return ExtractedText::Encrypted,
            Err(_) => return ExtractedText::Unreadable,
        }
    }
    let pages = doc.get_pages();
    let mut text = String::new();
    let mut read = 0usize;
    for &n in pages.keys() {
        let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut s = String::new();
            pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut s), n).map(|()| s)
        }));
        if let Ok(Ok::<String, OutputError>(s)) = page {
            text.push_str(&s);
            read += 1;
        }
        if text.len() > MAX_TEXT {
            break;
        }
    }
    // No page read, or text shown that reads as nothing, in a file that names an encryption
    // dictionary lopdf did not open (its loader stops at a password it does not have): its
    // strings are still encrypted, and no reader gets words without the password. A file lopdf
    // decrypted with the empty password is not called that.
    let unreadable = || if !doc.was_encrypted() && names_encryption(bytes) { ExtractedText::Encrypted } else { ExtractedText::Unreadable };
    if read == 0 {
        return unreadable();
    }
    // No word at all: "scanned pages" only when no page shows any text. Text shown in fonts that
    // do not say which characters they draw (no ToUnicode, no encoding) is a file whose words
    // could not be read, not a scan.
    if !text.chars().any(char::is_alphanumeric) {
        return if shows_text(&doc) { unreadable() } else { ExtractedText::NoTextLayer };
    }
    ExtractedText::Text(text.replace('\0', ""))
}

/// Whether any page shows text, in its content or in a form its resources name: a string followed
/// by Tj, TJ, ' or ". Read from the decoded bytes, not lopdf's parse of them, which stops at the
/// first operator it does not understand. Annotation appearances (a stamp, a signature on a scan)
/// are not the page's text.
fn shows_text(doc: &pdf_extract::Document) -> bool {
    use pdf_extract::Object;
    doc.get_pages().values().any(|&page| {
        if doc.get_page_content(page).is_ok_and(|c| text_operator(&c)) {
            return true;
        }
        let (direct, inherited) = doc.get_page_resources(page).unwrap_or((None, vec![]));
        let dicts = direct.into_iter().chain(inherited.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        dicts.filter_map(|r| r.get(b"XObject").ok()).filter_map(|x| doc.dereference(x).ok()?.1.as_dict().ok()).any(|xobjects| {
            xobjects.iter().filter_map(|(_, o)| doc.dereference(o).ok()?.1.as_stream().ok()).any(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form")
                    && text_operator(&s.decompressed_content().unwrap_or_else(|_| s.content.clone()))
            })
        })
    })
}

/// A text-showing operator in a content stream: Tj or TJ (or ' or ") standing alone, after a string
/// or an array of them.
fn text_operator(content: &[u8]) -> bool {
    let delimiter = |b: &u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(b);
    content.windows(2).enumerate().any(|(i, w)| {
        let op = match w {
            b"Tj" | b"TJ" => content.get(i + 2).is_none_or(delimiter),
            [b'\'' | b'"', next] => delimiter(next),
            _ => false,
        };
        op && matches!(content[..i].iter().rev().find(|b| !b.is_ascii_whitespace()), Some(b')' | b'>' | b']'))
    })
}

/// Whether the file's trailer (the last 64 KiB: the trailer or a cross-reference stream's
/// dictionary) names an encryption dictionary.
fn names_encryption(bytes: &[u8]) -> bool {
    bytes[bytes.len().saturating_sub(64 * 1024)..].windows(8).any(|w| w == b"/Encrypt")
}

fn office(bytes: &[u8], wanted: impl Fn(&str) -> bool, text_tag: &[u8], mut budget: u64) -> ExtractedText {
    if peerlib_feed::filetype::is_password_protected_office(bytes) {
        return ExtractedText::Encrypted;
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return ExtractedText::NotItsType;
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return ExtractedText::Unreadable;
    };
    let mut names: Vec<String> = zip.file_names().filter_map(Result::ok).filter(|n| wanted(n)).map(|n| n.into_owned()).collect();
    if names.is_empty() {
        // A deck of no slides (a template) is a deck with no words; any other file (a workbook
        // or a document named .pptx, a zip) is not its type.
        let deck = text_tag == b"a:t" && zip.file_names().filter_map(Result::ok).any(|n| n == "ppt/presentation.xml");
        return if deck { ExtractedText::Text(String::new()) } else { ExtractedText::NotItsType };
    }
    // slide2.xml before slide10.xml
    names.sort_by_key(|n| (n.len(), n.clone()));
    let mut out = String::new();
    for name in names {
        let Ok(member) = zip.by_name(&name) else { return ExtractedText::Unreadable };
        let mut xml = Vec::new();
        // One byte past the budget tells a member that fits from one that does not.
        match member.take(budget.saturating_add(1)).read_to_end(&mut xml) {
            Ok(n) if n as u64 > budget => return ExtractedText::TooLarge,
            Ok(n) => budget -= n as u64,
            Err(_) => return ExtractedText::Unreadable,
        }
        if !xml_text(&xml, text_tag, &mut out) {
            return ExtractedText::Unreadable;
        }
        out.push('\n');
    }
    ExtractedText::Text(out)
}

/// Append the text of every `<text_tag>` element, a space between runs and a line per paragraph.
fn xml_text(xml: &[u8], text_tag: &[u8], out: &mut String) -> bool {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == text_tag => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == text_tag => {
                in_text = false;
                out.push(' ');
            }
            Ok(Event::End(e)) if e.name().as_ref().ends_with(b":p") => out.push('\n'),
            Ok(Event::Text(t)) if in_text => match t.decode() {
                Ok(s) => out.push_str(&s),
                Err(_) => return false,
            },
            // quick-xml reports `&amp;` and `&#233;` as events of their own.
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        out.push_str(s);
                    }
                }
            }
            Ok(Event::Eof) => return true,
            Err(_) => return false,
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_their_media_type_are_named_so() {
        assert_eq!(extract_text("application/pdf", b"<html>sign in</html>"), ExtractedText::NotItsType);
        assert_eq!(extract_text(PPTX, b"%PDF-1.4 not a deck"), ExtractedText::NotItsType);
        assert_eq!(extract_text("image/png", b"\x89PNG"), ExtractedText::Unsupported);
        assert_eq!(extract_text("application/pdf", b"%PDF-1.7\n garbage with no objects"), ExtractedText::Unreadable);
    }
}
