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
