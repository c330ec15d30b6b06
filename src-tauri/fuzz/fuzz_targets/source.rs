//! A publisher's Markdown source with TOML front matter, as `peerlib publish` reads it.
//! Invariant: never panics; a problem always names a line inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
