//! The cost of sealing personal data (#18): a user.db with 1,000 notes, 200 bookmarks, 1,000 read
//! marks and 20 collections sealed and opened again, against the same personal data written and
//! read in the clear (serde_json) in the same run; and the Argon2id derivation alone, which is
//! what a person waits for. Median of 7 runs each.
//!   cargo bench -p peerlib-store --bench sealed
//! Prints a Markdown table for docs/benchmarks.md.

mod common;

use peerlib_store::personal::Personal;
use peerlib_store::sealed;
use peerlib_store::UserStore;
use common::{ms, time};

fn main() {
    let u = UserStore::open_in_memory().unwrap();
    common::fill(&u);
    let pass = "a long walk to the ministry";
    let personal = u.personal().unwrap();
    let plain = serde_json::to_vec(&personal).unwrap();
    let runs = 7;
    let clear = time(runs, || {
        let bytes = serde_json::to_vec(&personal).unwrap();
        let back: Personal = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.notes.len(), 1000);
    });
    let sealed_round = time(runs, || {
        let bytes = u.personal_sealed(pass).unwrap();
        let back = sealed::open(pass, &bytes).unwrap();
        assert_eq!(back.len(), plain.len());
    });
    let one_seal = time(runs, || {
        sealed::seal(pass, b"x").unwrap();
    });
    println!("| What | Sealed | In the clear (same run) | Ratio |");
    println!("|---|---|---|---|");
    println!("| write and read back personal data ({} KB: 1,000 notes, 1,000 read marks, 200 bookmarks, 20 collections) | {} | {} | {:.0}x |", plain.len() / 1000, ms(sealed_round), ms(clear), sealed_round.as_secs_f64() / clear.as_secs_f64());
    println!("| one Argon2id derivation (m = {} MiB, t = {}, p = {}), as sealing a 1-byte file | {} | | |", sealed::M_COST / 1024, sealed::T_COST, sealed::LANES, ms(one_seal));
}
