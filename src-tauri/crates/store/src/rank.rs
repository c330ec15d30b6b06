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
//! length, as bm25 does with one phrase. That needs no count, and takes half the time
//! (docs/benchmarks.md). Queries of several parts keep bm25, whose IDF then tells a rare word
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

unsafe fn score(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context, n_val: c_int, values: *mut *mut ffi::sqlite3_value) -> Result<f64, c_int> {
    let check = |rc: c_int| if rc == ffi::SQLITE_OK { Ok(()) } else { Err(rc) };
    let (Some(columns), Some(phrases), Some(rows), Some(total), Some(size), Some(inst_count), Some(inst)) =
        (api.xColumnCount, api.xPhraseCount, api.xRowCount, api.xColumnTotalSize, api.xColumnSize, api.xInstCount, api.xInst)
    else {
        return Err(ffi::SQLITE_ERROR);
    };
    let n_col = columns(fts).max(0) as usize;
    let weight = |col: usize| if col < n_val.max(0) as usize { ffi::sqlite3_value_double(*values.add(col)) } else { 1.0 };
    // The average length of a row, and this row's (all columns).
    let (mut n_rows, mut n_tokens, mut length) = (0i64, 0i64, 0 as c_int);
    check(rows(fts, &mut n_rows))?;
    check(total(fts, -1, &mut n_tokens))?;
    check(size(fts, -1, &mut length))?;
    let average = if n_rows > 0 { (n_tokens as f64 / n_rows as f64).max(1.0) } else { 1.0 };
    // Each phrase's weighted count of instances in this row.
    let mut freq = vec![0.0f64; phrases(fts).max(0) as usize];
    let mut n_inst: c_int = 0;
    check(inst_count(fts, &mut n_inst))?;
    for i in 0..n_inst {
        let (mut phrase, mut col, mut off) = (0 as c_int, 0 as c_int, 0 as c_int);
        check(inst(fts, i, &mut phrase, &mut col, &mut off))?;
        if let Some(f) = freq.get_mut(phrase as usize) {
            if (col as usize) < n_col {
                *f += weight(col as usize);
            }
        }
    }
    let norm = K1 * (1.0 - B + B * f64::from(length) / average);
    Ok(freq.iter().filter(|f| **f > 0.0).map(|f| f * (K1 + 1.0) / (f + norm)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of varied lengths holding "harm reduction" and "harm" in their two columns a varied
    /// number of times.
    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(title, body)").unwrap();
        for i in 0..200u32 {
            let title = if i % 7 == 0 { "harm reduction works" } else { "a statement" };
            let mut body = String::new();
            for w in 0..(20 + (i * 37) % 300) {
                body.push_str(match (w * 13 + i) % 29 {
                    0 => "harm reduction ",
                    5 if i % 3 == 0 => "harm ",
                    _ => "word ",
                });
            }
            conn.execute("INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)", rusqlite::params![i + 1, title, body]).unwrap();
        }
        conn
    }

    fn scores(conn: &Connection, m: &str) -> Vec<(i64, f64, f64)> {
        let mut stmt = conn.prepare("SELECT rowid, peerlib_rank(t, 10.0, 1.0), -bm25(t, 10.0, 1.0) FROM t WHERE t MATCH ?1").unwrap();
        stmt.query_map([m], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn with_one_phrase_it_is_bm25_times_a_constant_the_phrases_rarity() {
        let conn = table();
        for m in ["\"harm reduction\"", "harm", "{title} : harm"] {
            let rows = scores(&conn, m);
            assert!(rows.len() > 20, "{m}: {} rows", rows.len());
            let idf = rows[0].2 / rows[0].1;
            assert!(idf > 0.0, "{m}");
            for (rowid, ours, bm25) in &rows {
                assert!((bm25 / ours - idf).abs() < 1e-9 * idf, "{m}, row {rowid}: bm25 {bm25} is not {idf} x {ours}");
            }
        }
    }

    #[test]
    fn the_forms_of_a_word_count_the_same_whatever_their_rarity() {
        let conn = table();
        let both = scores(&conn, "\"harm reduction\" OR works");
        let phrase: std::collections::HashMap<i64, f64> = scores(&conn, "\"harm reduction\"").into_iter().map(|(r, s, _)| (r, s)).collect();
        let works: std::collections::HashMap<i64, f64> = scores(&conn, "works").into_iter().map(|(r, s, _)| (r, s)).collect();
        assert!(works.len() > 10);
        for (rowid, ours, _) in both {
            let sum = phrase.get(&rowid).copied().unwrap_or(0.0) + works.get(&rowid).copied().unwrap_or(0.0);
            assert!((ours - sum).abs() < 1e-9, "row {rowid}: {ours} against {sum}");
        }
    }
}
