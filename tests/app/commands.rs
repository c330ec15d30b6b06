//! The IPC contract has one source: src-tauri/commands/names.rs. Each other place that names
//! the commands is read here and must name exactly the same set (the mock's fixtures: a subset),
//! and every command is async, so that none runs on the thread that draws the window.

use peer_library::commands::names::COMMANDS;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn listed() -> BTreeSet<String> {
    COMMANDS.iter().map(|s| s.to_string()).collect()
}

/// The command names in `call<T>('name'` (how ui/src/lib/ipc/index.ts calls the shell).
fn ui_calls(ipc: &str) -> BTreeSet<String> {
    ipc.lines()
        .filter_map(|line| {
            let rest = &line[line.find("call<")?..];
            let rest = &rest[rest.find(">('")? + 3..];
            Some(rest[..rest.find('\'')?].to_string())
        })
        .collect()
}

#[test]
fn names_rs_is_sorted_and_has_no_duplicates() {
    let mut sorted = COMMANDS.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, COMMANDS, "names.rs lists each command once, alphabetically");
}

#[test]
fn generate_handler_registers_exactly_the_listed_commands() {
    let lib = read("src-tauri/lib.rs");
    let start = lib.find("generate_handler![").expect("lib.rs registers its commands");
    let end = start + lib[start..].find(']').unwrap();
    let registered: BTreeSet<String> = lib[start + "generate_handler![".len()..end]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap().to_string())
        .collect();
    assert_eq!(registered, listed(), "generate_handler! in lib.rs and commands/names.rs agree");
}

#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    let caps: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let allowed: BTreeSet<String> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")))
        .collect();
    assert_eq!(allowed, listed(), "capabilities/main.json grants allow-<name> for each command and no other");
}

#[test]
fn the_ui_wraps_exactly_the_listed_commands() {
    let ipc = read("ui/src/lib/ipc/index.ts");
    let called = ui_calls(&ipc);
    assert_eq!(called, listed(), "ui/src/lib/ipc/index.ts wraps each command once");
}

#[test]
fn the_browser_fixtures_answer_only_listed_commands() {
    let mock = read("ui/tests/mock-ipc.js");
    let start = mock.find("const answers = {").expect("mock-ipc.js has its answers");
    let end = start + mock[start..].find("\n  };").unwrap();
    let answered: BTreeSet<String> = mock[start..end]
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("    ")?;
            let name = l.split(':').next()?;
            (!name.starts_with(' ') && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !name.is_empty()).then(|| name.to_string())
        })
        .collect();
    assert!(answered.len() >= 10, "the scan finds the fixtures ({answered:?})");
    let listed = listed();
    let unknown: Vec<_> = answered.difference(&listed).collect();
    assert!(unknown.is_empty(), "ui/tests/mock-ipc.js answers commands the shell does not have: {unknown:?}");
}

#[test]
fn every_command_is_async() {
    let dir = root().join("src-tauri/commands");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim() == "#[tauri::command]" {
                let next = lines.next().unwrap_or_default();
                seen += 1;
                assert!(next.starts_with("pub async fn "), "{}: a command runs off the window's thread: {next}", path.display());
            }
        }
    }
    assert_eq!(seen, COMMANDS.len(), "every listed command is defined under src-tauri/commands");
}
