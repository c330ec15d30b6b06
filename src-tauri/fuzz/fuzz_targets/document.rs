//! A document file of a signed feed, past its hash check (a publisher's mistake or a stolen key):
//! parsed, then turned into what the store writes, body sanitised again by the client.
//! Invariant: never panics; what reaches the store has no script, style or event handler.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<peerlib_feed::manifest::FeedDocument>(data) else { return };
    if let Ok(n) = peerlib_sync::to_new_document(&doc, |_| false) {
        let lower = n.body_html.to_ascii_lowercase();
        for banned in ["<script", "<style", "<iframe", "<svg", " onerror=", " onload=", "javascript:"] {
            assert!(!lower.contains(banned), "{banned} survived: {}", n.body_html);
        }
        let _ = peerlib_store::PreparedIndex::of(&n);
    }
});
