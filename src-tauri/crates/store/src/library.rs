//! The library view: one line per translation group, filtered and sorted, with what the window
//! needs to draw a line (kind, date, publishers, languages, attachments offline, read, bookmarked,
//! new). The order of the lines is built from one scan of the documents' sort keys and kept (a
//! number per line) until anything is written; the lines themselves are read a page at a time, so
//! a library of 100,000 documents costs the window what it shows (#21 item 4).

use crate::open::{CachedOrder, ContentStore};
use crate::rows::kind_column;
use crate::model::*;
use crate::filters::{filter_clauses, UserMarks};
use crate::StoreError;
use rusqlite::OptionalExtension;
use std::collections::{HashMap, HashSet};

/// When the newest documents arrived, and how many translation groups they are in: from the
/// arrivals' index alone (schema v7), not the rows of the documents (all of them after a first
/// sync).
const NEWEST_SQL: &str = "SELECT max(arrived_at),
        (SELECT count(DISTINCT group_id) FROM documents WHERE arrived_at = (SELECT max(arrived_at) FROM documents))
 FROM documents";

/// The most used tags and publishers the filters offer, of each.
const FACET_LIMIT: usize = 200;
const SUMMARY_CHARS: i64 = 300;
/// Above this many lines, publishers and attachments are read in one scan of each table rather
/// than looked up line by line.
const LOOKUP_LINES: usize = 1000;

impl LibraryQuery {
    /// The document filters only: bookmarked and unread are applied to whole groups.
    fn document_filters(&self) -> Filters {
        Filters { bookmarked: false, unread: false, ..self.filters.clone() }
    }

    /// Whether the lines depend on the user's marks (not only their read and bookmarked flags).
    fn uses_marks(&self) -> bool {
        self.filters.bookmarked || self.filters.unread
    }
}

/// Whose marks a line shows: its translation group's or its document's own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marks {
    Group,
    Own,
}

/// The document chosen for a line, as the order's scan sees it: its sort keys.
struct Member {
    doc_no: i64,
    id: String,
    language: String,
    title: String,
    published: Option<String>,
}

/// A translation group as the order's scan goes through it: whether any of its documents is
/// read or bookmarked, and the line chosen so far among those that pass the filters.
#[derive(Default)]
struct Group {
    name: String,
    read: bool,
    bookmarked: bool,
    best: Option<Member>,
}

impl Group {
    /// Its line, if it has one: a document passed the filters, and the group passes the marks'.
    fn finish(&mut self, q: &LibraryQuery, out: &mut Vec<Member>) {
        if (q.filters.unread && self.read) || (q.filters.bookmarked && !self.bookmarked) {
            return;
        }
        out.extend(self.best.take());
    }
}

impl ContentStore {
    /// The library: every translation group with a document matching `q`, each shown in the best
    /// language for `prefs` among its matching documents, in `q.sort` order; the first `q.limit`
    /// lines, or all.
    pub fn library_view(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks) -> Result<Vec<LibraryEntry>, StoreError> {
        let limit = q.limit.map_or(usize::MAX, |n| n as usize);
        self.in_snapshot(|| {
            let (_, lines) = self.with_order(prefs, q, marks, |order| order[..order.len().min(limit)].to_vec())?;
            self.lines(&lines, marks, Marks::Group)
        })
    }

    /// Lines `offset..offset + limit` of the library view of `q` (its `limit` is ignored), how
    /// many lines the view has, and which build of its order they come from. The order is kept
    /// between calls until anything is written, so the next page costs only its own lines.
    pub fn library_page(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks, offset: u32, limit: u32) -> Result<LibraryPage, StoreError> {
        self.in_snapshot(|| {
            let (order, (total, lines)) = self.with_order(prefs, q, marks, |order| {
                let start = (offset as usize).min(order.len());
                let end = start.saturating_add(limit as usize).min(order.len());
                (order.len(), order[start..end].to_vec())
            })?;
            Ok(LibraryPage { total: total as u32, offset, order, entries: self.lines(&lines, marks, Marks::Group)? })
        })
    }

    /// `f` inside one read transaction, so that the order and the lines read from it are of the
    /// same state of the file (another connection's commit cannot remove a line's document in
    /// between).
    fn in_snapshot<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        if !self.conn().is_autocommit() {
            return f();
        }
        let tx = self.conn().unchecked_transaction()?;
        // The snapshot starts with this first read, before `with_order` takes the write stamp: a
        // commit after it changes the stamp (and the order is built again), never the reverse.
        tx.query_row("SELECT count(*) FROM sources", [], |_| Ok(()))?;
        let out = f();
        drop(tx); // it wrote nothing
        out
    }

    /// `f` of the view's order (the document shown on each line), built if what it was built
    /// from changed: the query, the languages, anything written, or the marks when the query
    /// filters on them. With the number of that build of the order.
    fn with_order<T>(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks, f: impl FnOnce(&[i64]) -> T) -> Result<(u32, T), StoreError> {
        let stamp = self.write_stamp()?;
        let whole = LibraryQuery { limit: None, ..q.clone() };
        let marks_key = q.uses_marks().then(|| (marks.bookmarked.clone(), marks.read.clone()));
        if let Some(c) = &*self.last_view.borrow() {
            if c.stamp == stamp && c.query == whole && c.prefs == prefs && c.marks == marks_key {
                return Ok((c.build, f(&c.lines)));
            }
        }
        let lines = self.build_order(prefs, &whole, marks)?;
        let out = f(&lines);
        let build = self.orders_built.get().wrapping_add(1);
        self.orders_built.set(build);
        *self.last_view.borrow_mut() = Some(CachedOrder { prefs: prefs.to_vec(), query: whole, marks: marks_key, stamp, build, lines });
        Ok((build, out))
    }

    /// The order: the index is read in translation-group order, so each group is decided as its
    /// last row goes by, and only the line chosen for it is kept (its sort keys).
    fn build_order(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks) -> Result<Vec<i64>, StoreError> {
        let (bookmarked, read) = marks.as_sets();
        let (sql, args) = order_sql(q);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut out: Vec<Member> = vec![];
        let mut group = Group::default();
        let text = |r: &rusqlite::Row<'_>, i: usize| -> Result<String, StoreError> { Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?.to_owned()) };
        while let Some(r) = rows.next()? {
            let name = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            if group.name != name {
                group.finish(q, &mut out);
                group = Group { name: name.to_owned(), ..Default::default() };
            }
            let id = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            if q.uses_marks() {
                group.read |= read.contains(id);
                group.bookmarked |= bookmarked.contains(id);
            }
            if !r.get::<_, bool>(6)? {
                continue;
            }
            let language = r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?;
            // Two of one language (a duplicate in a group): the first the library received.
            let doc_no: i64 = r.get(0)?;
            let better = group.best.as_ref().is_none_or(|b| (language_rank(prefs, language), language, doc_no) < (language_rank(prefs, &b.language), b.language.as_str(), b.doc_no));
            if better {
                group.best = Some(Member { doc_no, id: id.to_owned(), language: language.to_owned(), title: text(r, 4)?, published: r.get(5)? });
            }
        }
        group.finish(q, &mut out);
        sort_members(&mut out, q.sort);
        Ok(out.into_iter().map(|m| m.doc_no).collect())
    }

    /// The lines for these documents, in this order, each with its group's languages and the
    /// user's marks: a group's (read or bookmarked when any of its translations is), or with
    /// `Marks::Own` the document's own.
    fn lines(&self, doc_nos: &[i64], marks: &UserMarks, whose: Marks) -> Result<Vec<LibraryEntry>, StoreError> {
        let (bookmarked, read) = marks.as_sets();
        // Only columns stored before a document's text, so that no page of the text is read;
        // the date and the arrival come with the group, from the documents_lines index.
        let mut row = self.conn().prepare_cached(&format!(
            "SELECT d.id, d.group_id, d.kind, d.language, d.title, substr(d.summary, 1, {SUMMARY_CHARS}),
                    s.verified, {provenance}
             FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.doc_no = ?",
            provenance = Provenance::SQL
        ))?;
        let mut group = self.conn().prepare_cached("SELECT id, language, published, arrived_at FROM documents WHERE group_id = ?")?;
        let mut out = Vec::with_capacity(doc_nos.len());
        for doc_no in doc_nos {
            let mut e = row.query_row([doc_no], |r| {
                Ok(LibraryEntry {
                    id: r.get(0)?,
                    group: r.get(1)?,
                    kind: kind_column(r, 2)?,
                    language: r.get(3)?,
                    title: r.get(4)?,
                    summary: r.get(5)?,
                    published: None,
                    verified: r.get(6)?,
                    provenance: Provenance::column(r, 7)?,
                    arrived_at: None,
                    publishers: vec![],
                    languages: vec![],
                    attachments: 0,
                    attachments_offline: 0,
                    read: false,
                    bookmarked: false,
                })
            })?;
            let mut rows = group.query([&e.group])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                if id == e.id {
                    e.published = r.get(2)?;
                    e.arrived_at = r.get(3)?;
                }
                if whose == Marks::Group || id == e.id {
                    e.read |= read.contains(id.as_str());
                    e.bookmarked |= bookmarked.contains(id.as_str());
                }
                e.languages.push(r.get(1)?);
            }
            e.languages.sort();
            e.languages.dedup();
            out.push(e);
        }
        self.fill_details(&mut out)?;
        Ok(out)
    }

    /// The library as it was before filters: every group, best language first, newest first.
    pub fn library(&self, prefs: &[String]) -> Result<Vec<LibraryEntry>, StoreError> {
        self.library_view(prefs, &LibraryQuery::default(), &UserMarks::default())
    }

    /// Exactly these documents, in this order (a collection the user ordered), each in its own
    /// language; ids the library no longer holds are left out.
    pub fn entries_for(&self, ids: &[String], marks: &UserMarks) -> Result<Vec<LibraryEntry>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT doc_no FROM documents WHERE id = ?")?;
        let mut doc_nos = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(n) = stmt.query_row([id], |r| r.get(0)).optional()? {
                doc_nos.push(n);
            }
        }
        self.lines(&doc_nos, marks, Marks::Own)
    }

    /// The values the filters offer.
    pub fn facets(&self) -> Result<LibraryFacets, StoreError> {
        let strings = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut stmt = self.conn().prepare(sql)?;
            let v = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
            Ok(v)
        };
        let kinds = strings("SELECT DISTINCT kind FROM documents")?;
        let mut kinds: Vec<Kind> = kinds.iter().filter_map(|k| Kind::parse(k)).collect();
        kinds.sort_by_key(|k| Kind::ALL.iter().position(|a| a == k));
        let by_use = |table: &str, column: &str| -> Result<Vec<String>, StoreError> {
            let mut v = strings(&format!(
                "SELECT {column} FROM {table} GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT {FACET_LIMIT}"
            ))?;
            v.sort_by_key(|s| s.to_lowercase());
            Ok(v)
        };
        let (newest_arrival, new_groups): (Option<i64>, u32) = self.conn().query_row(
            NEWEST_SQL,
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(LibraryFacets {
            kinds,
            languages: strings("SELECT DISTINCT language FROM documents ORDER BY language")?,
            tags: by_use("document_tags", "tag")?,
            publishers: by_use("document_publishers", "name")?,
            years: strings(
                "SELECT DISTINCT substr(published, 1, 4) AS y FROM documents
                 WHERE published GLOB '[0-9][0-9][0-9][0-9]*' ORDER BY y DESC",
            )?
            .iter()
            .filter_map(|y| y.parse().ok())
            .collect(),
            newest_arrival,
            new_groups,
        })
    }


    /// Publishers and attachment counts of the entries shown: looked up line by line for a page,
    /// two scans for a long list.
    fn fill_details(&self, entries: &mut [LibraryEntry]) -> Result<(), StoreError> {
        if entries.is_empty() {
            return Ok(());
        }
        if entries.len() <= LOOKUP_LINES {
            let mut publishers = self.conn().prepare_cached("SELECT name FROM document_publishers WHERE document_id = ? ORDER BY position")?;
            let mut attachments = self.conn().prepare_cached(
                "SELECT count(*), coalesce(sum(f.downloaded), 0) FROM document_attachments a
                 JOIN files f USING (sha256) WHERE a.document_id = ?",
            )?;
            for e in entries.iter_mut() {
                e.publishers = publishers.query_map([&e.id], |r| r.get(0))?.collect::<Result<_, _>>()?;
                (e.attachments, e.attachments_offline) = attachments.query_row([&e.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            }
            return Ok(());
        }
        let wanted: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let mut publishers: Vec<Vec<String>> = vec![vec![]; entries.len()];
        let mut attachments: Vec<(u32, u32)> = vec![(0, 0); entries.len()];
        {
            let mut stmt = self.conn().prepare_cached("SELECT document_id, name FROM document_publishers ORDER BY document_id, position")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                if let Some(&i) = wanted.get(id.as_str()) {
                    publishers[i].push(r.get(1)?);
                }
            }
            let mut stmt = self.conn().prepare_cached(
                "SELECT a.document_id, count(*), sum(f.downloaded) FROM document_attachments a
                 JOIN files f USING (sha256) GROUP BY a.document_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                if let Some(&i) = wanted.get(id.as_str()) {
                    attachments[i] = (r.get(1)?, r.get(2)?);
                }
            }
        }
        for (i, e) in entries.iter_mut().enumerate() {
            e.publishers = std::mem::take(&mut publishers[i]);
            (e.attachments, e.attachments_offline) = attachments[i];
        }
        Ok(())
    }
}

/// The order's scan for `q`, with its arguments. Only columns of the documents_lines index
/// (schema v7), so that SQLite reads the index and not the documents' text, in its order (by
/// translation group).
fn order_sql(q: &LibraryQuery) -> (String, Vec<rusqlite::types::Value>) {
    let (mut filters, args) = filter_clauses(&q.document_filters(), &UserMarks::default());
    if q.new_only {
        filters.push_str(" AND d.arrived_at = (SELECT max(arrived_at) FROM documents)");
    }
    let sql = format!("SELECT d.doc_no, d.id, d.group_id, d.language, d.title, d.published, coalesce((1 {filters}), 0) FROM documents d ORDER BY d.group_id");
    (sql, args)
}

impl UserMarks {
    /// (bookmarked, read) as sets, for looking documents up.
    fn as_sets(&self) -> (HashSet<&str>, HashSet<&str>) {
        fn set(v: &[String]) -> HashSet<&str> {
            v.iter().map(String::as_str).collect()
        }
        (set(&self.bookmarked), set(&self.read))
    }
}

fn sort_members(v: &mut [Member], sort: LibrarySort) {
    match sort {
        // Undated documents last either way; the id last, so that equal lines keep one order.
        LibrarySort::Newest => v.sort_by(|a, b| {
            (a.published.is_none(), &b.published, &a.title, &a.id).cmp(&(b.published.is_none(), &a.published, &b.title, &b.id))
        }),
        LibrarySort::Oldest => v.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.title, &a.id).cmp(&(b.published.is_none(), &b.published, &b.title, &b.id))
        }),
        LibrarySort::Title => v.sort_by_cached_key(|m| (m.title.to_lowercase(), m.id.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Building the list's order reads the documents_lines index, not the documents' pages, for
    /// every filter the window offers; so does the count of the newest sync's groups.
    #[test]
    fn the_order_is_read_from_the_lines_index_alone() {
        let store = ContentStore::open_in_memory().unwrap();
        let f = |filters: Filters| LibraryQuery { filters, ..Default::default() };
        let queries = [
            LibraryQuery::default(),
            LibraryQuery { new_only: true, sort: LibrarySort::Title, ..Default::default() },
            f(Filters { kind: Some(Kind::Report), language: Some("fr".into()), year: Some(2021), ..Default::default() }),
            f(Filters { tag: Some("HIV".into()), publisher: Some("INPUD".into()), has_attachment: Some(true), ..Default::default() }),
            f(Filters { bookmarked: true, unread: true, ..Default::default() }),
        ];
        for q in queries {
            let (sql, args) = order_sql(&q);
            let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let plan: Vec<String> = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(3)).unwrap().collect::<Result<_, _>>().unwrap();
            assert!(plan.iter().any(|p| p == "SCAN d USING COVERING INDEX documents_lines"), "{q:?}: {plan:?}");
            assert!(!plan.iter().any(|p| p.starts_with("SCAN d") && !p.contains("COVERING")), "{q:?}: {plan:?}");
            assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "read in group order, not sorted: {q:?}: {plan:?}");
        }
        let plan: Vec<String> = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {NEWEST_SQL}")).unwrap().query_map([], |r| r.get(3)).unwrap().collect::<Result<_, _>>().unwrap();
        assert!(plan.iter().filter(|p| p.contains("documents")).all(|p| p.contains("COVERING INDEX")), "the newest arrivals from the index alone: {plan:?}");
    }
}
