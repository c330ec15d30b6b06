//! A website feed's bytes in any format and encoding.
//! The invariants are in ../checks.rs (`checks::website`); `make test` replays them on stable Rust.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        // libfuzzer-sys aborts in its panic hook, before a panic inside feed-rs could be caught
        // in `parse` (as the app catches it): a silent hook instead; libFuzzer still sees any
        // panic that escapes.
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
    checks::website(data);
});
