//! PPTX and DOCX text extraction (zip + quick-xml) on any bytes, with a small inflation budget.
//! Invariant: never panics and never returns more text than it may index.
#![no_main]
use libfuzzer_sys::fuzz_target;

const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fuzz_target!(|data: &[u8]| {
    for t in [PPTX, DOCX] {
        if let Some(text) = peerlib_sync::extract_text_limited(t, data, 1 << 20).text() {
            assert!(text.len() <= 2 * 1024 * 1024);
        }
    }
});
