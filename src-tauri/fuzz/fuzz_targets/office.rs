//! PPTX and DOCX text extraction (zip + quick-xml) on any bytes, with a small inflation budget,
//! and what the sync reads of every attachment in its own process: its real type (infer's magic
//! numbers, OLE compound files through cfb, zip entries). Invariants: never panics; never more text
//! than it may index; only an allowlisted type is ever openable, with its own extension.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fuzz_target!(|data: &[u8]| {
    use peerlib_feed::filetype::{extension, label, open_as, sniff};
    let _ = (sniff(data), label(data));
    for claimed in [PPTX, DOCX, "application/pdf", "text/plain", "image/png", "application/msword"] {
        if let Some(t) = open_as(claimed, data) {
            assert!(extension(t).is_some(), "{t} is openable only with an allowlisted extension");
        }
    }
    for t in [PPTX, DOCX] {
        if let Some(text) = peerlib_sync::extract_text_limited(t, data, 1 << 20).text() {
            assert!(text.len() <= 2 * 1024 * 1024);
        }
    }
});
