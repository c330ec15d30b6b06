//! The cost of encrypted personal data (#18 item 1): a user.db with 1,000 notes, 1,000 read marks,
//! 200 bookmarks and 20 collections, opened, read and written encrypted (SQLCipher, key from
//! Argon2id) against the same file plain, in the same run. Median of 7 runs each.
//!   cargo bench -p peerlib-store --bench crypt
//! Prints a Markdown table for docs/benchmarks.md.

mod common;

use peerlib_store::crypt::{self, Keyring};
use peerlib_store::paths::DataDir;
use peerlib_store::UserStore;
use common::{ms, time, times as x};

fn fill(dir: &DataDir) {
    let (u, _) = UserStore::open_in(dir, 0).unwrap();
    common::fill(&u);
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = DataDir::new(tmp.path().join("plain"));
    let enc = DataDir::new(tmp.path().join("encrypted"));
    fill(&plain);
    fill(&enc);
    let pass = "a long walk to the ministry";
    crypt::encrypt(&enc, pass).unwrap();
    let runs = 7;
    // What a person waits for at "Unlock": the key derived and the file opened and checked.
    let unlock = time(runs, || {
        let d = enc.with_keyring(Keyring::new(&enc, pass));
        UserStore::open_in(&d, 0).unwrap();
    });
    let open_plain = time(runs, || {
        UserStore::open_in(&plain, 0).unwrap();
    });
    let unlocked = enc.with_keyring(Keyring::new(&enc, pass));
    let (eu, _) = UserStore::open_in(&unlocked, 0).unwrap();
    let (pu, _) = UserStore::open_in(&plain, 0).unwrap();
    let read = |u: &UserStore| {
        let p = u.personal().unwrap();
        assert_eq!(p.notes.len(), 1000);
        let m = u.marks().unwrap();
        assert_eq!(m.read.len(), 1000);
    };
    let read_enc = time(runs, || read(&eu));
    let read_plain = time(runs, || read(&pu));
    let write = |u: &UserStore, round: &mut i64| {
        *round += 1;
        for i in 0..100 {
            u.set_note(&format!("document-{i:05}"), &format!("Note changed in round {round}"), *round).unwrap();
        }
    };
    let (mut r1, mut r2) = (0, 0);
    let write_enc = time(runs, || write(&eu, &mut r1));
    let write_plain = time(runs, || write(&pu, &mut r2));
    println!("| What | Encrypted | Plain (same run) | Ratio |");
    println!("|---|---|---|---|");
    println!("| unlock: key derived, user.db opened and checked (plain: opened and checked) | {} | {} | {} |", ms(unlock), ms(open_plain), x(unlock, open_plain));
    println!("| read every note, bookmark, read mark and collection | {} | {} | {} |", ms(read_enc), ms(read_plain), x(read_enc, read_plain));
    println!("| 100 notes saved, one commit each (synchronous=FULL) | {} | {} | {} |", ms(write_enc), ms(write_plain), x(write_enc, write_plain));
}
