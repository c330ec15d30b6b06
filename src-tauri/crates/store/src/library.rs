//! The library view: one line per translation group, filtered and sorted, with what the window
//! needs to draw a line (kind, date, publishers, languages, attachments offline, read, bookmarked,
//! new). Built from a handful of whole-table scans rather than a subquery per document, so the
//! whole list of 10,000 documents is one call (the window virtualises it).

use crate::open::{CachedView, ContentStore};
use crate::rows::kind_column;
use crate::model::*;
use crate::filters::{filter_clauses, UserMarks};
use crate::StoreError;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The most used tags and publishers the filters offer, of each.
const FACET_LIMIT: usize = 200;
const SUMMARY_CHARS: i64 = 300;

impl LibraryQuery {
    /// The document filters only: bookmarked and unread are applied to whole groups.
    fn document_filters(&self) -> Filters {
        Filters { bookmarked: false, unread: false, ..self.filters.clone() }
    }
}

/// One document as the library scan sees it.
struct Member {
    entry: LibraryEntry,
    matches: bool,
}

impl ContentStore {
    /// The library: every translation group with a document matching `q`, each shown in the best
    /// language for `prefs` among its matching documents, in `q.sort` order.
    pub fn library_view(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks) -> Result<Vec<LibraryEntry>, StoreError> {
        let stamp = self.write_stamp()?;
        let whole = LibraryQuery { limit: None, ..q.clone() };
        let limited = |v: &[LibraryEntry]| v[..v.len().min(q.limit.map_or(usize::MAX, |n| n as usize))].to_vec();
        if let Some(c) = &*self.last_view.borrow() {
            if c.stamp == stamp && c.query == whole && c.prefs == prefs && c.bookmarked == marks.bookmarked && c.read == marks.read {
                return Ok(limited(&c.entries));
            }
        }
        let entries = self.build_view(prefs, &whole, marks)?;
        let out = limited(&entries);
        *self.last_view.borrow_mut() = Some(CachedView {
            prefs: prefs.to_vec(),
            query: whole,
            bookmarked: marks.bookmarked.clone(),
            read: marks.read.clone(),
            stamp,
            entries,
        });
        Ok(out)
    }

    fn build_view(&self, prefs: &[String], q: &LibraryQuery, marks: &UserMarks) -> Result<Vec<LibraryEntry>, StoreError> {
        let groups = self.scan(q)?;
        let (bookmarked, read) = marks.as_sets();
        let mut out = Vec::with_capacity(groups.len());
        for members in groups.into_values() {
            if !members.iter().any(|m| m.matches) {
                continue;
            }
            let is_read = members.iter().any(|m| read.contains(m.entry.id.as_str()));
            let is_bookmarked = members.iter().any(|m| bookmarked.contains(m.entry.id.as_str()));
            if (q.filters.unread && is_read) || (q.filters.bookmarked && !is_bookmarked) {
                continue;
            }
            let languages = languages_of(&members);
            let best = members
                .into_iter()
                .filter(|m| m.matches)
                .min_by(|a, b| {
                    (language_rank(prefs, &a.entry.language), &a.entry.language)
                        .cmp(&(language_rank(prefs, &b.entry.language), &b.entry.language))
                })
                .expect("a matching member exists");
            let mut e = best.entry;
            e.languages = languages;
            e.read = is_read;
            e.bookmarked = is_bookmarked;
            out.push(e);
        }
        self.fill_details(&mut out)?;
        sort_entries(&mut out, q.sort);
        Ok(out)
    }

    /// The library as it was before filters: every group, best language first, newest first.
    pub fn library(&self, prefs: &[String]) -> Result<Vec<LibraryEntry>, StoreError> {
        self.library_view(prefs, &LibraryQuery::default(), &UserMarks::default())
    }

    /// Exactly these documents, in this order (a collection the user ordered), each in its own
    /// language; ids the library no longer holds are left out.
    pub fn entries_for(&self, ids: &[String], marks: &UserMarks) -> Result<Vec<LibraryEntry>, StoreError> {
        let groups = self.scan(&LibraryQuery::default())?;
        let (bookmarked, read) = marks.as_sets();
        let mut by_id: HashMap<String, LibraryEntry> = HashMap::new();
        for members in groups.into_values() {
            let languages = languages_of(&members);
            for m in members {
                let mut e = m.entry;
                e.languages = languages.clone();
                e.read = read.contains(e.id.as_str());
                e.bookmarked = bookmarked.contains(e.id.as_str());
                by_id.insert(e.id.clone(), e);
            }
        }
        let mut out: Vec<LibraryEntry> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
        self.fill_details(&mut out)?;
        Ok(out)
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
            "SELECT max(arrived_at),
                    (SELECT count(DISTINCT group_id) FROM documents
                     WHERE arrived_at = (SELECT max(arrived_at) FROM documents))
             FROM documents",
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

    /// Every document, grouped by translation group, each marked with whether it passes the
    /// document filters of `q`.
    fn scan(&self, q: &LibraryQuery) -> Result<HashMap<String, Vec<Member>>, StoreError> {
        let (mut filters, args) = filter_clauses(&q.document_filters(), &UserMarks::default());
        if q.new_only {
            filters.push_str(" AND d.arrived_at = (SELECT max(arrived_at) FROM documents)");
        }
        let sql = format!(
            "SELECT d.id, d.group_id, d.kind, d.language, d.title, substr(d.summary, 1, {SUMMARY_CHARS}),
                    d.published, s.verified, d.arrived_at, coalesce((1 {filters}), 0) AS matches, {provenance}
             FROM documents d JOIN sources s ON s.id = d.source_id",
            provenance = Provenance::SQL
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(Member {
                entry: LibraryEntry {
                    id: r.get(0)?,
                    group: r.get(1)?,
                    kind: kind_column(r, 2)?,
                    language: r.get(3)?,
                    title: r.get(4)?,
                    summary: r.get(5)?,
                    published: r.get(6)?,
                    verified: r.get(7)?,
                    provenance: Provenance::column(r, 10)?,
                    arrived_at: r.get(8)?,
                    publishers: vec![],
                    languages: vec![],
                    attachments: 0,
                    attachments_offline: 0,
                    read: false,
                    bookmarked: false,
                },
                matches: r.get(9)?,
            })
        })?;
        let mut groups: HashMap<String, Vec<Member>> = HashMap::new();
        for row in rows {
            let m = row?;
            match groups.get_mut(&m.entry.group) {
                Some(v) => v.push(m),
                None => {
                    groups.insert(m.entry.group.clone(), vec![m]);
                }
            }
        }
        Ok(groups)
    }

    /// Publishers and attachment counts of the entries shown, two scans for the lot.
    fn fill_details(&self, entries: &mut [LibraryEntry]) -> Result<(), StoreError> {
        if entries.is_empty() {
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

impl UserMarks {
    /// (bookmarked, read) as sets, for looking documents up.
    fn as_sets(&self) -> (HashSet<&str>, HashSet<&str>) {
        fn set(v: &[String]) -> HashSet<&str> {
            v.iter().map(String::as_str).collect()
        }
        (set(&self.bookmarked), set(&self.read))
    }
}

fn languages_of(members: &[Member]) -> Vec<String> {
    members.iter().map(|m| m.entry.language.clone()).collect::<BTreeSet<_>>().into_iter().collect()
}

fn sort_entries(v: &mut [LibraryEntry], sort: LibrarySort) {
    let title = |e: &LibraryEntry| e.title.to_lowercase();
    match sort {
        // Undated documents last either way.
        LibrarySort::Newest => v.sort_by(|a, b| {
            (a.published.is_none(), &b.published, &a.title).cmp(&(b.published.is_none(), &a.published, &b.title))
        }),
        LibrarySort::Oldest => v.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.title).cmp(&(b.published.is_none(), &b.published, &b.title))
        }),
        LibrarySort::Title => v.sort_by_cached_key(|e| (title(e), e.id.clone())),
    }
}
