//! The sanitiser (ammonia behind the nesting bound). Invariants: never panics; idempotent;
//! nothing but allowlisted elements and https/mailto links comes out; nesting stays bounded.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerlib_feed::html::{sanitize, MAX_DEPTH};

const ALLOWED: &[&str] = &[
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "em", "strong", "b", "i", "u",
    "s", "sub", "sup", "small", "abbr", "cite", "q", "code", "pre", "a", "img", "figure", "figcaption", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "dl", "dt", "dd", "span", "div",
];
const VOID: &[&str] = &["br", "hr", "img"];

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    let once = sanitize(html);
    assert_eq!(sanitize(&once), once, "sanitising twice changes nothing");
    let mut depth = 0usize;
    let mut rest = once.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(ALLOWED.contains(&name.as_str()), "<{name}> is not allowlisted: {once}");
        let end = rest.find('>').expect("every tag the sanitiser writes is closed");
        let tag = &rest[..end];
        for attr in ["href=\"", "src=\""] {
            if let Some(j) = tag.find(attr) {
                let v = &tag[j + attr.len()..];
                // The scheme is the allowlist's (ammonia keeps the author's spelling of the rest).
                assert!(v.to_ascii_lowercase().starts_with("https:") || v.to_ascii_lowercase().starts_with("mailto:"), "{tag}");
            }
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.contains(&name.as_str()) {
            depth += 1;
            assert!(depth <= MAX_DEPTH + 1, "nesting is bounded: {depth}");
        }
        rest = &rest[end..];
    }
});
