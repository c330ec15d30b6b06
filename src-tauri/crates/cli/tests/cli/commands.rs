//! The `peerlib` binary, run for real on real data folders.

use std::process::Command;

use crate::common::{dir_arg, peerlib};

#[test]
fn list_json_on_a_fresh_folder_shows_the_starter_library() {
    let tmp = tempfile::tempdir().unwrap();
    let out = peerlib(&["--data-dir", &dir_arg(tmp.path()), "list", "--json"], &[]);
    assert!(out.status.success(), "list succeeds: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("list --json is JSON");
    let entries = v.as_array().expect("an array");
    assert_eq!(entries.len(), 4, "statement, report, guide (one entry for 4 languages), hub: {v}");
    for e in entries {
        for key in ["id", "title", "kind", "language", "published"] {
            assert!(e.get(key).is_some(), "every entry has {key}: {e}");
        }
    }
    let guide = entries.iter().find(|e| e["kind"] == "guide").unwrap();
    assert_eq!(guide["language"], "en", "English UI shows the English guide");
    assert_eq!(guide["languages"], serde_json::json!(["en", "es", "fr", "ru"]));
    assert!(tmp.path().join("content.db").exists(), "the library is kept in the data folder");
}

#[test]
fn the_environment_variable_names_the_data_folder_and_russian_is_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = peerlib(&["list"], &[("PEERLIB_DATA_DIR", &dir_arg(tmp.path())), ("LANG", "ru_RU.UTF-8")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Руководство по консультациям"), "the guide shows in Russian: {text}");
    assert!(text.contains("4 документа"), "the count uses the Russian 'few' plural: {text}");
    assert!(tmp.path().join("content.db").exists(), "PEERLIB_DATA_DIR was used");
}

#[test]
fn show_prints_a_document_and_an_unknown_id_fails_in_the_users_language() {
    let tmp = tempfile::tempdir().unwrap();
    let d = dir_arg(tmp.path());
    let out = peerlib(&["--data-dir", &d, "show", "c19rm-guide-fr", "--json"], &[]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["language"], "fr");
    assert_eq!(v["translations"].as_array().unwrap().len(), 3, "three other languages: {v}");
    assert_eq!(v["attachments"].as_array().unwrap().len(), 2, "PDF and deck: {v}");

    let out = peerlib(&["--data-dir", &d, "--lang", "fr", "show", "no-such-doc"], &[]);
    assert!(!out.status.success(), "an unknown id is an error");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Aucun document") && err.contains("no-such-doc"), "French message: {err}");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("content.db");
    // A real library, then its header's user_version (big-endian u32 at byte 60) set to the future.
    drop(peerlib_store::ContentStore::open(&db).unwrap());
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&db, bytes).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = peerlib(&["--data-dir", &dir_arg(tmp.path()), "list"], &[]);
    assert!(!out.status.success(), "a newer database is refused");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("newer version"), "the message says why: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is byte-for-byte untouched");
}

#[test]
fn search_json_has_snippets_and_scores_and_filters_by_language_and_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let d = dir_arg(tmp.path());
    let out = peerlib(&["--data-dir", &d, "search", "sante", "mentale", "--json"], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 1, "accent-free words find the statement: {v}");
    for key in ["id", "title", "kind", "language", "published", "snippet", "score"] {
        assert!(hits[0].get(key).is_some(), "search results carry {key}");
    }
    assert!(hits[0]["snippet"].as_str().unwrap().contains("**santé**"), "matches are marked: {v}");

    let out = peerlib(&["--data-dir", &d, "--lang", "fr", "search", "consultation", "--lang", "es", "--kind", "guide", "--json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let langs: Vec<&str> = v.as_array().unwrap().iter().map(|h| h["language"].as_str().unwrap()).collect();
    assert_eq!(langs, ["es"], "--lang after search filters documents: {v}");

    let out = peerlib(&["--data-dir", &d, "--lang", "ru", "search", "\"unbalanced (AND*"], &[]);
    assert!(out.status.success(), "broken query syntax is plain words, never an error");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ничего не найдено"), "a localised no-results message: {text}");

    let out = peerlib(&["--data-dir", &d, "search", "x", "--kind", "memo"], &[]);
    assert!(!out.status.success(), "an unknown kind is a usage error");
}

#[test]
fn keygen_then_publish_gives_a_feed_the_minisign_tool_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let (sk, pk, out) = (tmp.path().join("net.key"), tmp.path().join("net.pub"), tmp.path().join("site"));
    let (sk_s, pk_s, out_s) = (dir_arg(&sk), dir_arg(&pk), dir_arg(&out));
    let k = peerlib(&["keygen", "--secret-key", &sk_s, "--public-key", &pk_s], &[]);
    assert!(k.status.success(), "{}", String::from_utf8_lossy(&k.stderr));
    assert!(String::from_utf8(k.stdout).unwrap().contains("Key id:"));
    let again = peerlib(&["--lang", "ru", "keygen", "--secret-key", &sk_s, "--public-key", &pk_s], &[]);
    assert!(!again.status.success(), "an existing key is never overwritten without --force");
    assert!(String::from_utf8(again.stderr).unwrap().contains("уже существует"), "in the user's language");

    let starter = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../resources/starter");
    let p = peerlib(&["publish", starter, &out_s, "--secret-key", &sk_s], &[]);
    assert!(p.status.success(), "{}", String::from_utf8_lossy(&p.stderr));
    assert!(String::from_utf8(p.stdout).unwrap().contains("Published seq 1: 7 documents"));

    // The reference implementation agrees (Debian's minisign, installed by `make test`).
    let m = Command::new("minisign")
        .args(["-V", "-q", "-p"]).arg(&pk).arg("-m").arg(out.join("manifest.json"))
        .output()
        .expect("the minisign tool is installed (make deps)");
    assert!(m.status.success(), "minisign verifies our signature: {}", String::from_utf8_lossy(&m.stderr));
}

#[test]
fn publish_reports_every_problem_with_file_and_line_in_the_users_language() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("statement.md"), "+++\ntitle = \"Déclaration\"\nkind = \"statement\"\nlanguage = \"francais\"\n+++\nTexte.\n").unwrap();
    std::fs::write(src.join("guide.md"), "+++\nkind = \"guide\"\nlanguage = \"fr\"\n+++\n").unwrap();
    let (sk, pk) = (tmp.path().join("k"), tmp.path().join("k.pub"));
    peerlib(&["keygen", "--secret-key", &dir_arg(&sk), "--public-key", &dir_arg(&pk)], &[]);
    let out = tmp.path().join("site");
    let r = peerlib(&["--lang", "fr", "publish", &dir_arg(&src), &dir_arg(&out), "--secret-key", &dir_arg(&sk)], &[]);
    assert!(!r.status.success(), "invalid sources fail the publish");
    let err = String::from_utf8(r.stderr).unwrap();
    assert!(err.contains("statement.md:4 : « francais » n'est pas une étiquette de langue valide"), "{err}");
    assert!(err.contains("guide.md:1 : le titre (title) manque."), "{err}");
    assert!(err.contains("corrigez les 2 problèmes"), "{err}");
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn list_shows_the_translation_in_the_language_order_chosen_in_settings() {
    // The window's Settings put Spanish first: `peerlib list` must show the Spanish translation
    // of the guide, as the window does, though the command's messages are in English.
    let tmp = tempfile::tempdir().unwrap();
    let dir = dir_arg(tmp.path());
    let languages = || -> Vec<String> {
        let out = peerlib(&["--lang", "en", "--data-dir", &dir, "list", "--json"], &[]);
        assert!(out.status.success(), "list succeeds: {}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array().unwrap().iter().map(|e| e["language"].as_str().unwrap().to_string()).collect()
    };
    let before = languages();
    assert!(before.iter().all(|l| l == "en"), "by default the English versions: {before:?}");
    {
        let (mut user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(tmp.path()), 0).unwrap();
        let settings = peerlib_store::Settings { content_languages: vec!["es".into()], ..Default::default() };
        user.set_settings(&settings).unwrap();
    }
    let after = languages();
    assert!(after.iter().any(|l| l == "es"), "with Spanish first, the guide is listed in Spanish: {after:?}");
}
