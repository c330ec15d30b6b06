//! Issue 3's figures, each a ratio against bare SQLite FTS5 measured in the same run:
//!   cargo bench -p peerlib-store --bench library            (100,000 documents)
//!   PEERLIB_BENCH_DOCS=20000 cargo bench -p peerlib-store --bench library
//!   PEERLIB_BENCH_ENCRYPTED=1 ...   also the same library plain and encrypted (#18)
//! Prints a Markdown table for docs/benchmarks.md.

// The store tests' builders (the bench uses the document one).
#[allow(dead_code)]
#[path = "../tests/store/common.rs"]
mod common;

use peerlib_store::*;
use rusqlite::Connection;
use std::time::{Duration, Instant};

/// xorshift64*: deterministic, so every run builds the same library.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A language's vocabulary: real domain words first (frequent), then a long tail of invented
/// words, drawn with Zipf's law like real text.
struct Vocab {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocab {
    fn new(domain: &[&str], syllables: &[&str], tail: usize, rng: &mut Rng) -> Vocab {
        let mut words: Vec<String> = domain.iter().map(|s| s.to_string()).collect();
        while words.len() < domain.len() + tail {
            let n = 2 + rng.below(3);
            let w: String = (0..n).map(|_| syllables[rng.below(syllables.len())]).collect();
            words.push(w);
        }
        let mut acc = 0.0;
        let cumulative = (1..=words.len()).map(|r| { acc += 1.0 / r as f64; acc }).collect();
        Vocab { words, cumulative }
    }
    fn word(&self, rng: &mut Rng) -> &str {
        let u = rng.unit() * self.cumulative.last().unwrap();
        let i = self.cumulative.partition_point(|&c| c < u);
        &self.words[i.min(self.words.len() - 1)]
    }
    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        (0..n).map(|_| self.word(rng)).collect::<Vec<_>>().join(" ")
    }
}

const EN: &[&str] = &["the", "of", "and", "to", "in", "a", "for", "people", "who", "use", "drugs", "harm", "reduction", "health", "community", "services", "rights", "policy", "network", "support", "access", "treatment", "consultation", "funding", "prevention", "peer", "report", "mental", "outreach", "naloxone", "prison", "criminalisation", "stigma", "advocacy", "response", "global", "national", "women", "youth", "housing", "testing", "hepatitis", "overdose", "decriminalisation"];
const FR: &[&str] = &["de", "la", "et", "les", "des", "le", "du", "en", "personnes", "qui", "consomment", "drogues", "réduction", "risques", "santé", "communauté", "services", "droits", "politique", "réseau", "soutien", "accès", "traitement", "consultation", "financement", "prévention", "pairs", "rapport", "mentale", "prison", "stigmatisation", "plaidoyer", "réponse", "mondiale", "nationale", "femmes", "jeunes", "logement", "dépistage", "hépatite", "surdose", "dépénalisation", "communautaires", "consultations"];
const ES: &[&str] = &["de", "la", "y", "el", "los", "en", "las", "personas", "que", "usan", "drogas", "reducción", "daños", "salud", "comunidad", "servicios", "derechos", "política", "red", "apoyo", "acceso", "tratamiento", "consulta", "financiación", "prevención", "pares", "informe", "mental", "prisión", "estigma", "incidencia", "respuesta", "mundial", "nacional", "mujeres", "jóvenes", "vivienda", "pruebas", "hepatitis", "sobredosis", "despenalización", "comunitarias", "consultas", "tratamientos"];
const RU: &[&str] = &["и", "в", "на", "с", "по", "для", "люди", "употребляющие", "наркотики", "снижение", "вреда", "здоровье", "сообщество", "услуги", "права", "политика", "сеть", "поддержка", "доступ", "лечение", "консультации", "финансирование", "профилактика", "равные", "отчёт", "психическое", "тюрьма", "стигма", "адвокация", "ответ", "глобальный", "национальный", "женщины", "молодёжь", "жильё", "тестирование", "гепатит", "передозировка", "декриминализация", "документ", "документы", "документов", "сообщества"];
const LATIN_SYL: &[&str] = &["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vu", "zo", "pre", "tra", "con", "ment", "ion", "ar"];
const CYR_SYL: &[&str] = &["ба", "ве", "ги", "до", "жу", "за", "ки", "ло", "ми", "но", "пра", "ро", "сти", "ту", "фе", "ха", "це", "ча", "ше", "ще"];

struct Row {
    lang: &'static str,
    title: String,
    summary: String,
    body: String,
    tags: Vec<String>,
    publishers: Vec<String>,
}

/// `n` documents whose bodies are about `body` bytes long.
fn library(n: usize, body_bytes: usize) -> Vec<Row> {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let vocabs = [
        ("en", Vocab::new(EN, LATIN_SYL, 20_000, &mut rng)),
        ("fr", Vocab::new(FR, LATIN_SYL, 20_000, &mut rng)),
        ("es", Vocab::new(ES, LATIN_SYL, 20_000, &mut rng)),
        ("ru", Vocab::new(RU, CYR_SYL, 20_000, &mut rng)),
    ];
    let publishers = ["INPUD", "Harm Reduction International", "EHRN", "ANPUD", "LANPUD", "AfricaNPUD"];
    (0..n)
        .map(|i| {
            let (lang, v) = &vocabs[i % 4];
            let mut body = String::with_capacity(body_bytes + 300);
            while body.len() < body_bytes {
                let words = 12 + rng.below(10);
                body.push_str(&v.sentence(&mut rng, words));
                body.push_str(". ");
            }
            let title_words = 6 + rng.below(5);
            Row {
                lang,
                title: v.sentence(&mut rng, title_words),
                summary: v.sentence(&mut rng, 20),
                body,
                tags: (0..2).map(|_| v.word(&mut rng).to_string()).collect(),
                publishers: vec![publishers[rng.below(publishers.len())].to_string()],
            }
        })
        .collect()
}

fn as_document(i: usize, r: &Row) -> NewDocument {
    NewDocument {
        kind: Kind::ALL[i % Kind::ALL.len()],
        language: r.lang.into(),
        group: format!("group-{}", i / 4),
        title: r.title.clone(),
        summary: r.summary.clone(),
        body_html: format!("<p>{}</p>", r.body),
        publishers: r.publishers.clone(),
        tags: r.tags.clone(),
        published: Some(format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28)),
        ..common::doc(&format!("doc-{i}"))
    }
}

/// 50 realistic queries in the four languages: common and rare words, two words, phrases,
/// accent-free spellings. The same strings go to bare FTS5.
const QUERIES: [&str; 50] = [
    "drugs", "health", "harm reduction", "people", "community", "services", "naloxone", "overdose", "stigma", "hepatitis",
    "\"harm reduction\"", "\"people who use drugs\"", "mental health", "peer support", "access treatment",
    "santé", "sante mentale", "reduction risques", "drogues", "communauté", "prevention", "depistage", "\"réduction des risques\"", "logement", "surdose",
    "salud", "reduccion danos", "drogas", "personas", "prevencion", "\"reducción de daños\"", "sobredosis", "vivienda", "derechos", "tratamiento",
    "наркотики", "снижение вреда", "здоровье", "документы", "сообщество", "\"снижение вреда\"", "гепатит", "лечение", "права", "стигма",
    "bacemi", "tramentra", "praro", "consultation", "funding",
];
const PREFIXES: [&str; 20] = [
    "hea", "dru", "harm", "com", "con", "ser", "nal", "pre", "sant", "dro", "red", "pers", "sal", "trat", "нар", "сниж", "здор", "сооб", "док", "лече",
];

fn p95(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[((v.len() as f64) * 0.95).ceil() as usize - 1]
}

fn db_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with("content.db"))
        .map(|e| e.metadata().unwrap().len()).sum()
}

fn main() {
    let n: usize = std::env::var("PEERLIB_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    // PEERLIB_BENCH_BODY: the bodies' length in bytes (1,900 by default: a short statement;
    // 120,000 is a report of about 20,000 words, where the snippets' cost shows).
    let body_bytes: usize = std::env::var("PEERLIB_BENCH_BODY").ok().and_then(|s| s.parse().ok()).unwrap_or(1900);
    let rows = library(n, body_bytes);
    let raw: usize = rows.iter().map(|r| r.title.len() + r.summary.len() + r.body.len() + r.tags.join(" ").len() + r.publishers.join(" ").len()).sum();
    eprintln!("{n} documents, {:.1} MB of raw text", raw as f64 / 1e6);

    // Baseline: bare FTS5 (unicode61, content stored) in one transaction.
    let tmp = tempfile::tempdir().unwrap();
    let bare_path = tmp.path().join("bare.db");
    let mut bare = Connection::open(&bare_path).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "NORMAL").unwrap();
    bare.execute_batch("CREATE VIRTUAL TABLE bare USING fts5(title, summary, tags, publishers, body)").unwrap();
    let t = Instant::now();
    {
        let tx = bare.transaction().unwrap();
        {
            let mut ins = tx.prepare("INSERT INTO bare(rowid, title, summary, tags, publishers, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").unwrap();
            for (i, r) in rows.iter().enumerate() {
                ins.execute(rusqlite::params![i as i64 + 1, r.title, r.summary, r.tags.join(" "), r.publishers.join(" "), r.body]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let bare_import = t.elapsed();

    // Ours: the real ingest path, as the sync takes it: each document's index text prepared on
    // every core (the sync does it while documents download), then one transaction.
    let mut docs: Vec<NewDocument> = rows.iter().enumerate().map(|(i, r)| as_document(i, r)).collect();
    let dir = paths::DataDir::new(tmp.path().join("ours"));
    let (mut store, _) = ContentStore::open_in(&dir).unwrap();
    let source = Source { url: "https://bench.example".into(), title: "Bench".into(), verified: true };
    if std::env::var("PEERLIB_BENCH_SLOWEST").is_ok() {
        let t = Instant::now();
        let mut bytes = 0;
        for d in &docs {
            for f in [&d.title, &d.summary, &text::html_text(&d.body_html)] {
                bytes += text::index_text(f, &d.language).len();
            }
        }
        eprintln!("  text processing alone: {:.1} s ({bytes} bytes of index text)", t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let chunk = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for part in docs.chunks_mut(chunk) {
            s.spawn(move || {
                for d in part {
                    d.prepared = Some(PreparedIndex::of(d));
                }
            });
        }
    });
    let prepared = t.elapsed();
    store.replace_source(&source, Some(1), &docs).unwrap();
    let ours_import = t.elapsed();
    eprintln!("  of which index text on {threads} threads: {:.1} s", prepared.as_secs_f64());
    drop(docs);
    // Checkpoint so the size is the database's, not a WAL's.
    drop(store);
    let (store, _) = ContentStore::open_in(&dir).unwrap();
    let ours_size = db_bytes(dir.root());
    if std::env::var("PEERLIB_BENCH_SIZES").is_ok() {
        let c = Connection::open(dir.content_db()).unwrap();
        let mut stmt = c.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12").unwrap();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap() {
            let (name, bytes) = row.unwrap();
            eprintln!("  {name:<32} {:>8.1} MB", bytes as f64 / 1e6);
        }
    }

    let run_bare = |q: &str| -> Duration {
        let t = Instant::now();
        let mut stmt = bare.prepare_cached(
            "SELECT rowid, snippet(bare, 4, '[', ']', '…', 12) FROM bare WHERE bare MATCH ?1 ORDER BY bm25(bare) LIMIT 20").unwrap();
        let n = stmt.query_map([q], |r| r.get::<_, String>(1)).unwrap().count();
        std::hint::black_box(n);
        t.elapsed()
    };
    let run_ours = |q: &str, as_you_type: bool| -> Duration {
        let t = Instant::now();
        let r = store.search(&SearchQuery { text: q.into(), as_you_type, limit: 20, ..Default::default() }, &UserMarks::default()).unwrap();
        std::hint::black_box(r.hits.len());
        t.elapsed()
    };
    // Warm both caches once, then measure three rounds.
    for q in QUERIES {
        run_bare(q);
        run_ours(q, false);
    }
    if std::env::var("PEERLIB_BENCH_SLOWEST").is_ok() {
        let mut per: Vec<(f64, f64, String)> = QUERIES.iter().map(|q| (run_ours(q, false).as_secs_f64() * 1e3, run_bare(q).as_secs_f64() * 1e3, q.to_string()))
            .chain(PREFIXES.iter().map(|p| (run_ours(p, true).as_secs_f64() * 1e3, run_bare(&format!("{p}*")).as_secs_f64() * 1e3, format!("{p}…"))))
            .collect();
        per.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
        for (o, b, q) in per.iter().take(12) {
            eprintln!("  {q:<28} ours {o:>7.2} ms   bare {b:>7.2} ms");
        }
        // A quoted phrase's floor on our index: FTS5 finding every document that holds it, with
        // nothing ranked (what bm25 needs before it can rank, and does twice: once to count).
        let c = Connection::open(dir.content_db()).unwrap();
        for q in QUERIES.iter().filter(|q| q.starts_with('"')) {
            let m = text::ParsedQuery::parse(q).to_fts(false).unwrap();
            let mut count = c.prepare("SELECT count(*) FROM search WHERE search MATCH ?1").unwrap();
            let mut times: Vec<Duration> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(count.query_row([&m], |r| r.get::<_, i64>(0)).unwrap());
                    t.elapsed()
                })
                .collect();
            times.sort();
            let n: i64 = count.query_row([&m], |r| r.get(0)).unwrap();
            eprintln!("  {q:<28} every match found, unranked: {:>7.2} ms ({n} documents)", times[2].as_secs_f64() * 1e3);
        }
    }
    let mut bare_q = vec![];
    let mut ours_q = vec![];
    let mut bare_p = vec![];
    let mut ours_p = vec![];
    for _ in 0..3 {
        for q in QUERIES {
            bare_q.push(run_bare(q));
            ours_q.push(run_ours(q, false));
        }
        for p in PREFIXES {
            bare_p.push(run_bare(&format!("{p}*")));
            ours_p.push(run_ours(p, true));
        }
    }
    // The whole library list (#7: the window shows every group, virtualised), against reading
    // the same columns of every row from a plain table in the same run.
    // Each time with other languages (one no document has, so the lines are the same), so that the
    // store builds the view's order rather than use the one it kept.
    let prefs = |i: usize| vec!["en".to_string(), "fr".to_string(), format!("x{i}")];
    let marks = UserMarks { read: vec!["bench-0".into()], ..Default::default() };
    let list_ours: Vec<Duration> = (0..5)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(store.library_view(&prefs(i), &LibraryQuery::default(), &marks).unwrap().len());
            t.elapsed()
        })
        .collect();
    // What the window asks for (#21 item 4): the first page of 50 lines, the order built anew;
    // then pages across the list with the order kept.
    let first_page: Vec<Duration> = (0..5)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(store.library_page(&prefs(10 + i), &LibraryQuery::default(), &marks, 0, 50).unwrap().entries.len());
            t.elapsed()
        })
        .collect();
    let total = store.library_page(&prefs(20), &LibraryQuery::default(), &marks, 0, 0).unwrap().total;
    let next_pages: Vec<Duration> = (0..20)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(store.library_page(&prefs(20), &LibraryQuery::default(), &marks, total / 20 * i, 50).unwrap().entries.len());
            t.elapsed()
        })
        .collect();
    let plain = Connection::open(dir.content_db()).unwrap();
    let list_plain: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let mut stmt = plain.prepare_cached("SELECT id, group_id, kind, language, title, substr(summary, 1, 300), published FROM documents").unwrap();
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?)))
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            std::hint::black_box(rows.len());
            t.elapsed()
        })
        .collect();
    let median = |mut v: Vec<Duration>| { v.sort(); v[v.len() / 2] };
    let hits = |q: &str| -> i64 { bare.query_row("SELECT count(*) FROM bare WHERE bare MATCH ?1", [q], |r| r.get(0)).unwrap() };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (bq, oq, bp, op) = (p95(bare_q), p95(ours_q), p95(bare_p), p95(ours_p));
    println!("| figure | Peer Library | bare FTS5 (same run) | ratio | target |");
    println!("|---|---|---|---|---|");
    println!("| import {n} docs | {:.0} docs/s ({:.1} s) | {:.0} docs/s ({:.1} s) | {:.2}x the bare rate | ≥ 0.5x |",
        n as f64 / ours_import.as_secs_f64(), ours_import.as_secs_f64(), n as f64 / bare_import.as_secs_f64(), bare_import.as_secs_f64(),
        bare_import.as_secs_f64() / ours_import.as_secs_f64());
    println!("| search p95, 50 queries | {:.2} ms | {:.2} ms | {:.2}x the bare p95 | ≤ 0.5x |", ms(oq), ms(bq), ms(oq) / ms(bq));
    println!("| prefix p95, 20 prefixes | {:.2} ms | {:.2} ms | {:.2}x the bare p95 | ≤ 0.25x |", ms(op), ms(bp), ms(op) / ms(bp));
    let (lo, lp) = (median(list_ours), median(list_plain));
    println!("| library list, every group (median of 5) | {:.1} ms | plain scan of the rows {:.1} ms | {:.2}x the scan | (#7) |", ms(lo), ms(lp), ms(lo) / ms(lp));
    let (fp, np) = (median(first_page), median(next_pages));
    println!("| the window's first page of 50 lines, order built (median of 5) | {:.1} ms | plain scan of the rows {:.1} ms | {:.2}x the scan | (#21) |", ms(fp), ms(lp), ms(fp) / ms(lp));
    println!("| a page of 50 lines anywhere, order kept (median of 20) | {:.2} ms | plain scan of the rows {:.1} ms | {:.3}x the scan | (#21) |", ms(np), ms(lp), ms(np) / ms(lp));
    println!("| database size | {:.1} MB | raw text {:.1} MB | {:.2}x raw text | ≤ 2.5x |", ours_size as f64 / 1e6, raw as f64 / 1e6, ours_size as f64 / raw as f64);
    println!();
    println!("Documents matching the commonest queries (bare FTS5): drugs {}, \"harm reduction\" {}, наркотики {}, santé {}.", hits("drugs"), hits("\"harm reduction\""), hits("наркотики"), hits("santé"));
    if std::env::var("PEERLIB_BENCH_ENCRYPTED").is_ok() {
        drop(store);
        encrypted_against_plain(&rows, tmp.path());
    }
}

/// #18's figures: the same library imported, searched and paged plain and encrypted (personal
/// data and library, `crypt::encrypt_library`), in one run, the two alternating query by query.
fn encrypted_against_plain(rows: &[Row], tmp: &std::path::Path) {
    let pass = "a long walk to the ministry";
    let plain = paths::DataDir::new(tmp.join("plain-library"));
    let enc = paths::DataDir::new(tmp.join("encrypted-library"));
    drop(UserStore::open_in(&enc, 0).unwrap());
    let ring = crypt::encrypt(&enc, pass).unwrap();
    let enc = enc.with_keyring(ring);
    crypt::encrypt_library(&enc, 0).unwrap();
    let source = Source { url: "https://bench.example".into(), title: "Bench".into(), verified: true };
    let import = |dir: &paths::DataDir| -> (ContentStore, Duration) {
        let (mut store, _) = ContentStore::open_in(dir).unwrap();
        let docs: Vec<NewDocument> = rows.iter().enumerate().map(|(i, r)| { let mut d = as_document(i, r); d.prepared = Some(PreparedIndex::of(&d)); d }).collect();
        let t = Instant::now();
        store.replace_source(&source, Some(1), &docs).unwrap();
        let took = t.elapsed();
        drop(store);
        (ContentStore::open_in(dir).unwrap().0, took)
    };
    let (ps, p_import) = import(&plain);
    let (es, e_import) = import(&enc);
    assert!(crypt::library_encrypted(&enc), "the bench's library is encrypted");
    let search = |s: &ContentStore, q: &str, as_you_type: bool| -> Duration {
        let t = Instant::now();
        let r = s.search(&SearchQuery { text: q.into(), as_you_type, limit: 20, ..Default::default() }, &UserMarks::default()).unwrap();
        std::hint::black_box(r.hits.len());
        t.elapsed()
    };
    for q in QUERIES {
        search(&ps, q, false);
        search(&es, q, false);
    }
    let (mut pq, mut eq) = (vec![], vec![]);
    for _ in 0..3 {
        for q in QUERIES {
            pq.push(search(&ps, q, false));
            eq.push(search(&es, q, false));
        }
        for p in PREFIXES {
            pq.push(search(&ps, p, true));
            eq.push(search(&es, p, true));
        }
    }
    let prefs = |i: usize| vec!["en".to_string(), "fr".to_string(), format!("x{i}")];
    let marks = UserMarks::default();
    let (mut pf, mut ef) = (vec![], vec![]);
    for i in 0..7 {
        for (s, out) in [(&ps, &mut pf), (&es, &mut ef)] {
            let t = Instant::now();
            std::hint::black_box(s.library_page(&prefs(i), &LibraryQuery::default(), &marks, 0, 50).unwrap().entries.len());
            out.push(t.elapsed());
        }
    }
    let median = |mut v: Vec<Duration>| { v.sort(); v[v.len() / 2] };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (pq, eq, pf, ef) = (p95(pq), p95(eq), median(pf), median(ef));
    println!();
    println!("| #18: the whole library encrypted, {} documents | encrypted | plain (same run) | ratio | target |", rows.len());
    println!("|---|---|---|---|---|");
    println!("| import, one transaction | {:.1} s | {:.1} s | {:.2}x | (sync ≤ 1.3x) |", e_import.as_secs_f64(), p_import.as_secs_f64(), e_import.as_secs_f64() / p_import.as_secs_f64());
    println!("| search p95, 50 queries and 20 prefixes, 3 rounds | {:.2} ms | {:.2} ms | {:.2}x | ≤ 1.2x |", ms(eq), ms(pq), ms(eq) / ms(pq));
    println!("| the window's first page of 50 lines, order built (median of 7) | {:.1} ms | {:.1} ms | {:.2}x | ≤ 1.2x |", ms(ef), ms(pf), ms(ef) / ms(pf));
    println!("| database size | {:.1} MB | {:.1} MB | {:.2}x | |", db_bytes(enc.root()) as f64 / 1e6, db_bytes(plain.root()) as f64 / 1e6, db_bytes(enc.root()) as f64 / db_bytes(plain.root()) as f64);
}
