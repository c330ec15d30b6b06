//! A publisher's Markdown source with TOML front matter.
//! The invariants are in ../checks.rs (`checks::source`); `make test` replays them on stable Rust.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::source(data);
});
