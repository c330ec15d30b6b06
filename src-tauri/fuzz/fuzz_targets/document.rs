//! A document file of a signed feed, parsed and sanitised as the client stores it.
//! The invariants are in ../checks.rs (`checks::document`); `make test` replays them on stable Rust.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::document(data);
});
