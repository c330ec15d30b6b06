use peer_library::LaunchOptions;
use std::path::PathBuf;

fn parse(args: &[&str]) -> LaunchOptions {
    LaunchOptions::parse(args.iter().map(|s| s.to_string()))
}

#[test]
fn data_dir_and_lang_are_read_in_both_spellings_and_unknown_arguments_are_ignored() {
    let o = parse(&["--data-dir", "/tmp/a", "--lang", "ru", "--some-driver-flag"]);
    assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/a")));
    assert_eq!(o.lang.as_deref(), Some("ru"));
    let o = parse(&["--data-dir=/tmp/b", "--lang=fr"]);
    assert_eq!(o.data_dir, Some(PathBuf::from("/tmp/b")), "--data-dir=DIR works too");
    assert_eq!(o.lang.as_deref(), Some("fr"));
    assert_eq!(parse(&[]), LaunchOptions::default(), "no arguments: every default");
}

#[test]
fn the_flag_names_the_data_folder() {
    let o = parse(&["--data-dir", "/tmp/flag-wins"]);
    assert_eq!(o.data_dir().unwrap().root(), PathBuf::from("/tmp/flag-wins"));
}

#[test]
fn background_starts_in_the_tray_for_autostart() {
    let o = peer_library::LaunchOptions::parse(["--background".to_string(), "--lang=fr".to_string()]);
    assert!(o.background);
    assert_eq!(o.lang.as_deref(), Some("fr"));
    assert!(!peer_library::LaunchOptions::parse(Vec::<String>::new()).background);
}

/// The packages' /usr/bin/peerlib (resources/linux/peerlib) runs `peer-library --cli`: the app
/// program answers as the `peerlib` command, in the user's language, with its exit status.
#[test]
fn the_app_program_is_also_the_peerlib_command() {
    let app = env!("CARGO_BIN_EXE_peer-library");
    let version = std::process::Command::new(app).args(["--cli", "--version"]).output().unwrap();
    assert!(version.status.success());
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("peerlib {}", env!("CARGO_PKG_VERSION")));
    let tmp = tempfile::tempdir().unwrap();
    let listed = std::process::Command::new(app).args(["--cli", "--data-dir", tmp.path().to_str().unwrap(), "list"]).env("LANG", "fr_FR.UTF-8").output().unwrap();
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("INPUD annual report 2020"), "the starter library, listed");
    let wrong = std::process::Command::new(app).args(["--cli", "--data-dir", tmp.path().to_str().unwrap(), "show", "no-such-document"]).env("LANG", "fr_FR.UTF-8").output().unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("no-such-document"), "{}", String::from_utf8_lossy(&wrong.stderr));
    let wrapper = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/resources/linux/peerlib")).unwrap();
    assert!(wrapper.contains("exec /usr/bin/peer-library --cli \"$@\""), "{wrapper}");
}

/// A double-clicked invitation, bundle or update arrives as a path among the arguments (the
/// desktop entry's %f; Windows and macOS file associations): it is the file to open. Any other
/// file, and a flag's value, is not.
#[test]
fn a_peerlib_file_among_the_arguments_is_the_one_to_open() {
    assert_eq!(parse(&["/home/a/Downloads/regional.peerlib-network"]).open, Some(PathBuf::from("/home/a/Downloads/regional.peerlib-network")));
    assert_eq!(parse(&["--lang", "fr", "b.peerlib-update"]).open, Some(PathBuf::from("b.peerlib-update")));
    assert_eq!(parse(&["--data-dir", "/tmp/x.peerlib", "c.peerlib"]).open, Some(PathBuf::from("c.peerlib")), "a flag's value is not a file to open");
    assert_eq!(parse(&["notes.txt"]).open, None);
    assert_eq!(parse(&["--data-dir=/tmp/d.peerlib"]).open, None);
}

/// A restart (after an update or a join) runs the program with the arguments it was started
/// with, except the file it opened: the restarted app does not offer that file again.
#[test]
fn a_restart_keeps_the_flags_and_drops_the_opened_file() {
    let os = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    let args = os(&["/usr/bin/peer-library", "--data-dir", "/tmp/x.peerlib", "--lang=fr", "/home/a/update.peerlib-update", "--background"]);
    assert_eq!(LaunchOptions::without_opened(args), os(&["/usr/bin/peer-library", "--data-dir", "/tmp/x.peerlib", "--lang=fr", "--background"]));
    let none = os(&["/usr/bin/peer-library", "--lang", "ru", "notes.txt"]);
    assert_eq!(LaunchOptions::without_opened(none.clone()), none, "nothing opened: every argument stays");
}
