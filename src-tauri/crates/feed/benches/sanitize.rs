//! What the sanitiser's count of the parser's tree (html.rs, `builds_a_bounded_tree`) costs:
//! every Markdown file of docs/ rendered to HTML and sanitised once (as publish writes it, and a
//! sync then reads it), then `ROUNDS` rounds that each sanitise every file and, alternating, count
//! every file alone. Prints the median round of each and the count's share of sanitising.
//!
//!   cargo bench -p peerlib-feed --bench sanitize

use peerlib_feed::html::{bound_depth, builds_a_bounded_tree, cap_attributes, sanitize, MAX_DEPTH};
use std::time::{Duration, Instant};

const ROUNDS: usize = 41;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let docs_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs");
    let mut paths: Vec<_> = walk(&docs_dir);
    paths.sort();
    let docs: Vec<String> = paths
        .iter()
        .map(|p| {
            let md = std::fs::read_to_string(p).unwrap();
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
            sanitize(&html)
        })
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let (mut whole, mut counted, mut shaped) = (vec![], vec![], vec![]);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(bound_depth(&cap_attributes(std::hint::black_box(d)), MAX_DEPTH));
        }
        shaped.push(t.elapsed());
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(sanitize(d));
        }
        whole.push(t.elapsed());
        let t = Instant::now();
        for d in &docs {
            assert!(builds_a_bounded_tree(std::hint::black_box(d)));
        }
        counted.push(t.elapsed());
    }
    let (whole, counted, shaped) = (median(whole), median(counted), median(shaped));
    println!("{} documents of docs/, {} KB of HTML; median of {ROUNDS} rounds", docs.len(), bytes / 1024);
    println!("sanitise (count included): {:.2} ms", whole.as_secs_f64() * 1e3);
    println!("count alone:               {:.2} ms", counted.as_secs_f64() * 1e3);
    println!("shaping alone (attributes capped, nesting bounded): {:.2} ms", shaped.as_secs_f64() * 1e3);
    println!("sanitise with the count / without it: {:.2}", whole.as_secs_f64() / (whole - counted).as_secs_f64());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p)
            } else if p.extension().is_some_and(|x| x == "md") {
                vec![p]
            } else {
                vec![]
            }
        })
        .collect()
}
