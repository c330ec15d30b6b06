//! Schema upgrades: committed v1, v2 and v3 content databases (each made by its version's code
//! from the starter library) and a v1 user database upgrade to exactly the schema a fresh file
//! gets, keeping their data.

use peerlib_store::{ContentStore, SearchQuery, UserMarks, UserStore, SCHEMA_VERSION};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Every table's columns (name, type, not null, default, pk), every index's definition and every
/// virtual table's SQL: the schema as behaviour sees it, not as ALTER TABLE happened to word it.
fn signature(path: &std::path::Path) -> BTreeMap<String, String> {
    let c = Connection::open(path).unwrap();
    let mut out = BTreeMap::new();
    let objects: Vec<(String, String, Option<String>)> = c
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, sql) in objects {
        let desc = match kind.as_str() {
            "table" if sql.as_deref().is_some_and(|s| s.starts_with("CREATE VIRTUAL")) => sql.unwrap(),
            "table" => {
                let cols: Vec<String> = c
                    .prepare(&format!("PRAGMA table_xinfo(\"{name}\")"))
                    .unwrap()
                    .query_map([], |r| {
                        Ok(format!("{}:{}:{}:{:?}:{}", r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, Option<String>>(4)?, r.get::<_, i64>(5)?))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let fks: Vec<String> = c
                    .prepare(&format!("PRAGMA foreign_key_list(\"{name}\")"))
                    .unwrap()
                    .query_map([], |r| Ok(format!("{}->{}.{} {}", r.get::<_, String>(3)?, r.get::<_, String>(2)?, r.get::<_, String>(4)?, r.get::<_, String>(6)?)))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                format!("{} | {}", cols.join(", "), fks.join(", "))
            }
            _ => sql.unwrap_or_default(),
        };
        out.insert(format!("{kind} {name}"), desc);
    }
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    out.insert("user_version".into(), v.to_string());
    out
}

#[test]
fn a_v1_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    upgrades_from(1);
}

#[test]
fn a_v2_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    upgrades_from(2);
}

#[test]
fn a_v3_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    upgrades_from(3);
}

#[test]
fn a_v4_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    // content-v4.db: the starter library as peerlib wrote it at commit 87bf9ea (2026-12-05).
    upgrades_from(4);
}

#[test]
fn a_v5_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    // content-v5.db: content-v4.db taken through schema.rs's v4 -> v5 step as it is at commit
    // c0222bd (2026-12-05), with the sqlite3 shell.
    upgrades_from(5);
}

#[test]
fn a_v6_library_upgrades_to_exactly_the_current_schema_and_keeps_its_documents() {
    // content-v6.db: content-v5.db taken through schema.rs's v5 -> v6 step as it is at commit
    // fc1b586 (2026-12-06), with Python's sqlite3.
    upgrades_from(6);
}

fn upgrades_from(version: i64) {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old.db");
    let fixture = format!("{}/tests/fixtures/content-v{version}.db", env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(fixture, &old).unwrap();
    let v: i64 = Connection::open(&old).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, version, "the fixture is a v{version} database");

    let upgraded = ContentStore::open(&old).expect("v1 upgrades");
    assert_eq!(upgraded.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(upgraded.document_count().unwrap(), 7, "every document of the v1 library is kept");
    let found = upgraded
        .search(&SearchQuery { text: "consultation".into(), ..Default::default() }, &UserMarks::default())
        .unwrap();
    assert!(found.hits.len() >= 4, "the upgrade built the search index: {found:?}");
    drop(upgraded);

    let fresh = tmp.path().join("fresh.db");
    drop(ContentStore::open(&fresh).unwrap());
    let (a, b) = (signature(&old), signature(&fresh));
    for key in a.keys().chain(b.keys()) {
        assert_eq!(a.get(key), b.get(key), "upgraded and fresh schemas agree on {key}");
    }
}

#[test]
fn a_v1_user_database_upgrades_to_exactly_the_current_schema_and_keeps_its_data() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("user-old.db");
    std::fs::copy(format!("{}/tests/fixtures/user-v1.db", env!("CARGO_MANIFEST_DIR")), &old).unwrap();
    let v: i64 = Connection::open(&old).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 1, "the fixture is a v1 user database");

    let upgraded = UserStore::open(&old).expect("v1 upgrades");
    assert!(upgraded.is_bookmarked("c19rm-guide-en").unwrap());
    assert_eq!(upgraded.note("c19rm-guide-en").unwrap().as_deref(), Some("Bring the Russian deck."));
    assert!(!upgraded.settings().unwrap().notifications, "the saved settings are kept");
    assert_eq!(upgraded.followed_feeds().unwrap(), vec![], "a v1 file followed nothing of its own in user.db");
    drop(upgraded);

    let fresh = tmp.path().join("user-fresh.db");
    drop(UserStore::open(&fresh).unwrap());
    let (a, b) = (signature(&old), signature(&fresh));
    for key in a.keys().chain(b.keys()) {
        assert_eq!(a.get(key), b.get(key), "upgraded and fresh user schemas agree on {key}");
    }
}
