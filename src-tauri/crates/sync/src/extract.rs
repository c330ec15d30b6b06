//! The searchable text of attachments, extracted once at ingest: PDF (pdf-extract), PowerPoint
//! and Word (their XML inside the zip, read with zip + quick-xml). A file that is damaged,
//! encrypted, scanned or not what its media type claims gets a status, never an error: the
//! document is still imported and the rest of the library keeps working.

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
            if t.trim().is_empty() {
                if media_type == "application/pdf" { ExtractedText::NoTextLayer } else { ExtractedText::Text(String::new()) }
            } else {
                ExtractedText::Text(t)
            }
        }
        other => other,
    }
}

fn pdf(bytes: &[u8]) -> ExtractedText {
    if !bytes.starts_with(b"%PDF-") {
        return ExtractedText::NotItsType;
    }
    if is_encrypted_pdf(bytes) {
        return ExtractedText::Encrypted;
    }
    // pdf-extract can panic on malformed input; a hostile file must not take the sync down.
    let owned = bytes.to_vec();
    let outcome = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned));
    match outcome {
        Ok(Ok(text)) => ExtractedText::Text(text),
        Ok(Err(_)) | Err(_) => ExtractedText::Unreadable,
    }
}

/// An encrypted PDF names an /Encrypt dictionary in its trailer.
fn is_encrypted_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

fn office(bytes: &[u8], wanted: impl Fn(&str) -> bool, text_tag: &[u8], mut budget: u64) -> ExtractedText {
    if !bytes.starts_with(b"PK\x03\x04") {
        return ExtractedText::NotItsType;
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return ExtractedText::Unreadable;
    };
    let mut names: Vec<String> = zip.file_names().filter(|n| wanted(n)).map(str::to_string).collect();
    if names.is_empty() {
        return ExtractedText::NotItsType;
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
