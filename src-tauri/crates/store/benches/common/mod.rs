//! What the personal-data benchmarks (sealed.rs, crypt.rs, files.rs) share: one person's data of
//! a few years, 1,000 notes of varied length, 1,000 read marks, 200 bookmarks, 20 collections of
//! 25; the median of several timed runs, and how the tables print times and ratios.
#![allow(dead_code)] // each benchmark uses its part

use peerlib_store::UserStore;
use std::time::{Duration, Instant};

/// The median time of `runs` runs of `f`.
pub fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

/// A time in milliseconds, for the printed table.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// How many times `b` `a` took, for the printed table.
pub fn times(a: Duration, b: Duration) -> String {
    format!("{:.2}x", a.as_secs_f64() / b.as_secs_f64())
}

pub fn fill(u: &UserStore) {
    for i in 0..1000i64 {
        let id = format!("document-{i:05}");
        u.set_note(&id, &format!("Note {i}: bring the deck to the side event, ask about the consultation in May, {}", "more words ".repeat((i % 40) as usize)), i).unwrap();
        u.set_read(&id, true, i).unwrap();
        if i % 5 == 0 {
            u.set_bookmark(&id, true, i).unwrap();
        }
    }
    for c in 0..20i64 {
        let id = u.create_collection(&format!("Collection {c}"), c).unwrap();
        for d in 0..25 {
            u.add_to_collection(id, &format!("document-{:05}", c * 25 + d)).unwrap();
        }
    }
}
