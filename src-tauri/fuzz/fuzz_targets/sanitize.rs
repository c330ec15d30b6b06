//! The sanitiser.
//! The invariants are in ../checks.rs (`checks::sanitize`); `make test` replays them on stable Rust.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::sanitize(data);
});
