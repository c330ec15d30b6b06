//! A manifest as a server (or a stolen key) could sign it.
//! The invariants are in ../checks.rs (`checks::manifest`); `make test` replays them on stable Rust.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::manifest(data);
});
