//! `peerlib_rank`: FTS5's bm25 without its count over the whole index, for a query of one word
//! or one phrase.
//!
//! bm25 weighs each phrase of the query by how rare it is (its IDF), and to know that it first
//! finds every document holding the phrase (FTS5's `xQueryPhrase`), before the query itself finds
//! them all again to rank them: a phrase or a common word is looked for twice. When the query is
//! one word or one phrase, the FTS5 query is that word's or phrase's forms in each language
//! (`en_person OR es_person OR fr_person`, text.rs), and a document holds one language's form:
//! giving each form the same weight, instead of favouring the language the library has least
//! of, ranks documents by how often and where (the column weights) they hold it against their
//! length, as bm25 does with one phrase. That needs no count: the slowest phrases take about
//! a third less time (docs/benchmarks.md). Queries of several parts keep bm25, whose IDF then tells a rare word
//! from a common one.
//!
//! An auxiliary function is registered through FTS5's C interface (rusqlite has none for it):
//! `SELECT fts5(?1)` hands back the `fts5_api` pointer bound as `fts5_api_ptr`, as SQLite's FTS5
//! documentation describes.

use crate::StoreError;
use rusqlite::{ffi, Connection};
use std::ffi::c_int;
use std::ptr;

/// bm25's constants, as FTS5 sets them.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Register `peerlib_rank(table, weight, ...)` on `conn`: the score of the current row, higher
/// is better (bm25's sign turned round, as search.rs orders it).
pub(crate) fn register(conn: &Connection) -> Result<(), StoreError> {
    // SAFETY: `handle` is this open connection's, used on this thread only while `conn` lives;
    // the statement is finalized before returning; the pointer FTS5 writes back is its global
    // API object, which lives as long as the connection.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(ffi_error(rc));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        ffi::sqlite3_bind_pointer(stmt, 1, (&mut api as *mut *mut ffi::fts5_api).cast(), c"fts5_api_ptr".as_ptr(), None);
        ffi::sqlite3_step(stmt);
        let rc = ffi::sqlite3_finalize(stmt);
        if rc != ffi::SQLITE_OK || api.is_null() || (*api).iVersion < 2 {
            return Err(ffi_error(if rc == ffi::SQLITE_OK { ffi::SQLITE_ERROR } else { rc }));
        }
        let create = (*api).xCreateFunction.ok_or_else(|| ffi_error(ffi::SQLITE_ERROR))?;
        let rc = create(api, c"peerlib_rank".as_ptr(), ptr::null_mut(), Some(rank), None);
        if rc != ffi::SQLITE_OK {
            return Err(ffi_error(rc));
        }
    }
    Ok(())
}

fn ffi_error(rc: c_int) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some("registering peerlib_rank".into())))
}

/// The auxiliary function: for each phrase of the query, bm25's term-frequency part over the
/// weighted columns (`weights` as arguments, one per column, 1.0 for those not given), summed
/// with the same weight for every phrase.
unsafe extern "C" fn rank(api: *const ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context, ctx: *mut ffi::sqlite3_context, n_val: c_int, values: *mut *mut ffi::sqlite3_value) {
    match score(&*api, fts, n_val, values) {
        Ok(s) => ffi::sqlite3_result_double(ctx, s),
        Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
    }
}

/// What one query needs on every row, worked out at its first row and kept by FTS5 until the
/// query ends (its auxiliary data): the average length of a row (FTS5 reads it from the index
/// at each ask), and room for each phrase's count.
struct Query {
    average: f64,
    freq: Vec<f64>,
}

unsafe extern "C" fn drop_query(p: *mut std::ffi::c_void) {
    drop(Box::from_raw(p.cast::<Query>()));
}

unsafe fn score(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context, n_val: c_int, values: *mut *mut ffi::sqlite3_value) -> Result<f64, c_int> {
    let check = |rc: c_int| if rc == ffi::SQLITE_OK { Ok(()) } else { Err(rc) };
    let (Some(columns), Some(phrases), Some(rows), Some(total), Some(size), Some(inst_count), Some(inst), Some(get_aux), Some(set_aux)) = (
        api.xColumnCount,
        api.xPhraseCount,
        api.xRowCount,
        api.xColumnTotalSize,
        api.xColumnSize,
        api.xInstCount,
        api.xInst,
        api.xGetAuxdata,
        api.xSetAuxdata,
    ) else {
        return Err(ffi::SQLITE_ERROR);
    };
    let mut query = get_aux(fts, 0).cast::<Query>();
    if query.is_null() {
        let (mut n_rows, mut n_tokens) = (0i64, 0i64);
        check(rows(fts, &mut n_rows))?;
        check(total(fts, -1, &mut n_tokens))?;
        // A row is being ranked, so the index has one; as bm25, no other floor.
        let average = if n_rows > 0 && n_tokens > 0 { n_tokens as f64 / n_rows as f64 } else { 1.0 };
        let fresh = Box::into_raw(Box::new(Query { average, freq: vec![0.0; phrases(fts).max(0) as usize] }));
        // On failure FTS5 has already dropped it (through `drop_query`).
        check(set_aux(fts, fresh.cast(), Some(drop_query)))?;
        query = fresh;
    }
    let query = &mut *query;
    let n_col = columns(fts).max(0) as usize;
    let weight = |col: usize| if col < n_val.max(0) as usize { ffi::sqlite3_value_double(*values.add(col)) } else { 1.0 };
    // This row's length (all columns) and each phrase's weighted count of instances in it.
    let mut length: c_int = 0;
    check(size(fts, -1, &mut length))?;
    query.freq.iter_mut().for_each(|f| *f = 0.0);
    let mut n_inst: c_int = 0;
    check(inst_count(fts, &mut n_inst))?;
    for i in 0..n_inst {
        let (mut phrase, mut col, mut off) = (0 as c_int, 0 as c_int, 0 as c_int);
        check(inst(fts, i, &mut phrase, &mut col, &mut off))?;
        if let Some(f) = query.freq.get_mut(phrase as usize) {
            if (col as usize) < n_col {
                *f += weight(col as usize);
            }
        }
    }
    let norm = K1 * (1.0 - B + B * f64::from(length) / query.average);
    Ok(query.freq.iter().map(|f| f * (K1 + 1.0) / (f + norm)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 200 rows of varied lengths: "harm reduction" in a third of the bodies (a varied number of
    /// times) and in every seventh title, "works" in those titles only, "harm" alone here and there.
    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(title, body)").unwrap();
        for i in 0..200u32 {
            let title = if i % 7 == 0 { "harm reduction works" } else { "a statement" };
            let mut body = String::new();
            for w in 0..(20 + (i * 37) % 300) {
                body.push_str(match (w * 13 + i) % 29 {
                    0 if i % 3 == 0 => "harm reduction ",
                    5 if i % 4 == 0 => "harm ",
                    _ => "word ",
                });
            }
            conn.execute("INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)", rusqlite::params![i + 1, title, body]).unwrap();
        }
        conn
    }

    /// (rowid, ours, -bm25) of every row matching `m`, with the weights given as `weights`.
    fn scores(conn: &Connection, m: &str, weights: &str) -> Vec<(i64, f64, f64)> {
        let sql = format!("SELECT rowid, peerlib_rank(t, {weights}), -bm25(t, 10.0, 1.0) FROM t WHERE t MATCH ?1");
        let mut stmt = conn.prepare(&sql).unwrap();
        stmt.query_map([m], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn with_one_phrase_it_is_bm25_without_the_phrases_idf() {
        let conn = table();
        let n_rows = 200.0f64;
        for m in ["\"harm reduction\"", "works", "{title} : harm", "{body} : \"harm reduction\""] {
            let rows = scores(&conn, m, "10.0, 1.0");
            // bm25's IDF, from the number of rows holding the phrase (counted here on its own).
            let n: f64 = conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [m], |r| r.get::<_, i64>(0)).unwrap() as f64;
            assert!(n > 10.0 && n < n_rows / 2.0, "{m}: {n} rows, a rare phrase");
            let idf = ((n_rows - n + 0.5) / (n + 0.5)).ln();
            assert_eq!(rows.len() as f64, n);
            for (rowid, ours, bm25) in &rows {
                assert!((ours * idf - bm25).abs() < 1e-9 * bm25.abs(), "{m}, row {rowid}: bm25 {bm25}, ours {ours} x idf {idf}");
                assert!(*ours > 0.0 && *ours < K1 + 1.0, "{m}, row {rowid}: {ours} is within bm25's bound for one phrase");
            }
        }
    }

    #[test]
    fn the_forms_of_a_word_count_the_same_whatever_their_rarity() {
        let conn = table();
        let both = scores(&conn, "\"harm reduction\" OR works", "10.0, 1.0");
        let alone = |m: &str| -> std::collections::HashMap<i64, f64> { scores(&conn, m, "10.0, 1.0").into_iter().map(|(r, s, _)| (r, s)).collect() };
        let (phrase, works) = (alone("\"harm reduction\""), alone("works"));
        assert!(works.len() > 10 && phrase.len() > works.len());
        for (rowid, ours, _) in both {
            let sum = phrase.get(&rowid).copied().unwrap_or(0.0) + works.get(&rowid).copied().unwrap_or(0.0);
            assert!((ours - sum).abs() < 1e-9, "row {rowid}: {ours} against {sum}");
            assert!(ours < 2.0 * (K1 + 1.0));
        }
    }

    #[test]
    fn columns_without_a_weight_weigh_one() {
        let conn = table();
        assert_eq!(scores(&conn, "harm", "10.0"), scores(&conn, "harm", "10.0, 1.0"));
        assert_ne!(scores(&conn, "harm", "10.0"), scores(&conn, "harm", "1.0, 1.0"), "the weight given counts");
    }
}
