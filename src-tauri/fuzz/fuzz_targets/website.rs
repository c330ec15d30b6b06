//! A website feed's bytes (RSS, Atom, JSON Feed, any encoding), through the transcoding, the
//! repairs, feed-rs and the conversion to documents. Invariant: `parse` never panics out (a panic
//! inside feed-rs is caught there and fails only that feed, as in the app: so this target uses the
//! default panic hook, and libFuzzer still sees any panic that escapes); items have ids, titles and
//! sanitised bodies.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        // libfuzzer-sys aborts in its panic hook, before a caught panic could be caught.
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
    let url = "https://blog.example/feed.xml";
    let Ok(feed) = peerlib_sync::website::parse(data, url) else { return };
    for d in peerlib_sync::website::to_documents(url, &feed) {
        assert!(d.id.starts_with('w') && !d.title.is_empty());
        assert!(!d.body_html.to_ascii_lowercase().contains("<script"), "{}", d.body_html);
    }
    let _ = peerlib_sync::website::title(&feed);
});
