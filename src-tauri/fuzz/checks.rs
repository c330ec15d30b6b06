//! What each fuzz target asserts, one function per target, shared by the libFuzzer binaries
//! (fuzz_targets/, `make fuzz`, guided, nightly) and the replay that `make test` runs on the stable
//! toolchain (crates/sync/tests/fuzz_replay.rs: the committed seeds and a fixed set of mutations of
//! them). Each function takes any bytes and panics only when an invariant fails.

// Each libFuzzer binary calls one of these.
#![allow(dead_code)]

/// A manifest as a server (or a stolen key) could sign it: every input is signed with a key the
/// check pins, so the input reaches the structural checks and the plan behind the signature.
/// Invariant: verification and planning never panic, and an accepted manifest lists each
/// document once with a well-formed hash and path.
pub fn manifest(data: &[u8]) {
    use peerlib_feed::manifest::{verify_manifest, PinnedKey};
    use std::sync::OnceLock;
    static KEY: OnceLock<(minisign::SecretKey, PinnedKey)> = OnceLock::new();
    let (sk, pinned) = KEY.get_or_init(|| {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key");
        let pinned = PinnedKey::parse(&pair.pk.to_base64()).expect("its public half parses");
        (pair.sk, pinned)
    });
    if let Ok(sig) = minisign::sign(None, sk, std::io::Cursor::new(data), Some("seq:1 file:manifest.json"), None) {
        if let Ok(m) = verify_manifest(data, &sig.to_string(), std::slice::from_ref(pinned)) {
            let mut ids = std::collections::HashSet::new();
            for d in &m.documents {
                assert!(ids.insert(d.id.clone()), "an accepted manifest lists {} once", d.id);
                assert_eq!(d.path, format!("documents/{}.json", d.sha256));
            }
            let held = peerlib_sync::plan::Held::new();
            let _ = peerlib_sync::plan::plan(&held, Some(1), &m);
            let _ = peerlib_sync::plan::check_seq(Some(1), Some("x"), m.seq, "y");
        }
    }
    // The unsigned path too: any bytes as a signature file.
    let _ = verify_manifest(data, &String::from_utf8_lossy(data), std::slice::from_ref(pinned));
}

/// A document file of a signed feed, past its hash check (a publisher's mistake or a stolen key):
/// parsed, then turned into what the store writes, body sanitised again by the client.
/// Invariant: never panics; what reaches the store has no script, style or event handler.
pub fn document(data: &[u8]) {
    let Ok(doc) = serde_json::from_slice::<peerlib_feed::manifest::FeedDocument>(data) else { return };
    if let Ok(n) = peerlib_sync::to_new_document(&doc, |_| false) {
        // No such element anywhere (a `<` in text is written `&lt;`), and no handler or script
        // link inside a tag; text may say "javascript:".
        let lower = n.body_html.to_ascii_lowercase();
        for banned in ["<script", "<style", "<iframe", "<svg"] {
            assert!(!lower.contains(banned), "{banned} survived: {}", n.body_html);
        }
        for tag in tags(&lower) {
            for banned in [" onerror=", " onload=", "javascript:"] {
                assert!(!tag.contains(banned), "{banned} survived in {tag}: {}", n.body_html);
            }
        }
        let _ = peerlib_store::PreparedIndex::of(&n);
    }
}

/// The tags of serialised HTML, each from its `<` to the `>` that ends it outside quotes (so an
/// attribute value holding `>` does not end it early, whatever the serialiser escapes).
fn tags(html: &str) -> Vec<&str> {
    let mut out = vec![];
    let (mut start, mut quote) = (None, None);
    for (i, c) in html.char_indices() {
        match (start, quote, c) {
            (None, _, '<') => start = Some(i),
            (Some(_), None, '"' | '\'') => quote = Some(c),
            (Some(_), Some(q), _) if c == q => quote = None,
            (Some(s), None, '>') => {
                out.push(&html[s..=i]);
                start = None;
            }
            _ => {}
        }
    }
    out.extend(start.map(|s| &html[s..]));
    out
}

/// A website feed's bytes (RSS, Atom, JSON Feed, any encoding), through the transcoding, the
/// repairs, feed-rs and the conversion to documents. Invariant: `parse` never panics out (a panic
/// inside feed-rs is caught there and fails only that feed, as in the app); items have ids, titles
/// and sanitised bodies.
pub fn website(data: &[u8]) {
    let url = "https://blog.example/feed.xml";
    let Ok(feed) = peerlib_sync::website::parse(data, url) else { return };
    for d in peerlib_sync::website::to_documents(url, &feed) {
        assert!(d.id.starts_with('w') && !d.title.is_empty());
        assert!(!d.body_html.to_ascii_lowercase().contains("<script"), "{}", d.body_html);
    }
    let _ = peerlib_sync::website::title(&feed);
}

/// A publisher's Markdown source with TOML front matter, as `peerlib publish` reads it.
/// Invariant: never panics; a problem always names a line inside the file.
pub fn source(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.lines().count().max(1);
    match peerlib_feed::source::build(&[("doc.md".to_string(), text)], |_| Some(b"%PDF-1.4\n".to_vec())) {
        Ok(docs) => assert_eq!(docs.len(), 1),
        Err(problems) => {
            for p in problems {
                assert!(p.line >= 1 && p.line <= lines + 1, "{p} is at line {} of {lines}", p.line);
            }
        }
    }
}

const ALLOWED: &[&str] = &[
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "em", "strong", "b", "i", "u",
    "s", "sub", "sup", "small", "abbr", "cite", "q", "code", "pre", "a", "img", "figure", "figcaption", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "dl", "dt", "dd", "span", "div",
];
const VOID: &[&str] = &["br", "hr", "img"];

/// The sanitiser (ammonia behind the nesting bound). Invariants: never panics; idempotent;
/// nothing but allowlisted elements and https/mailto links comes out; nesting stays bounded; the
/// output stays within a small multiple of the input (the parser re-creates formatting elements
/// left open, which a crafted document multiplied to hundreds of times its size).
pub fn sanitize(data: &[u8]) {
    use peerlib_feed::html::{sanitize, MAX_DEPTH};
    let Ok(html) = std::str::from_utf8(data) else { return };
    let once = sanitize(html);
    assert_eq!(sanitize(&once), once, "sanitising twice changes nothing");
    // `<a>` becomes `<a rel="noopener noreferrer"></a>`, and a link left open is re-created once
    // in each later paragraph: 16 times is above both.
    assert!(once.len() <= 16 * html.len() + 4096, "{} bytes out of {}", once.len(), html.len());
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
                let v = tag[j + attr.len()..].to_ascii_lowercase();
                // The scheme is the allowlist's (ammonia keeps the author's spelling of the rest).
                assert!(v.starts_with("https:") || v.starts_with("mailto:"), "{tag}");
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
}

const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// PPTX and DOCX text extraction (zip + quick-xml) on any bytes, with a small inflation budget,
/// and what the sync reads of every attachment in its own process: its real type (infer's magic
/// numbers, OLE compound files through cfb, zip entries). Invariants: never panics; never more
/// text than it may index; only an allowlisted type is ever openable, with its own extension.
pub fn office(data: &[u8]) {
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
}
