//! `peerlib`: the library from a terminal or a systemd timer. Every message goes through Fluent
//! (`resources/l10n/*/cli.ftl`) in the language of `--lang`, else LANG / LC_MESSAGES.
//!
//! To add a command: add a `Command::new` in `cli()`, its help ids to cli.ftl in every locale,
//! and a match arm in `run()` that calls one library function.
//!
//! A library with a thin `peerlib` binary (main.rs) for development and tests; the installed
//! app carries it too (`peer-library --cli …`, which the packages' /usr/bin/peerlib runs), so the
//! packages ship one program, not two copies of the same code.

mod crypt;
mod network;
mod personal;
mod share;
mod sync;
mod update;

use clap::{Arg, ArgAction, ArgMatches, Command};
use peerlib_l10n::{Localizer, Value};
use peerlib_store::paths::{resolve_data_dir, DataDir, DATA_DIR_ENV};
use peerlib_store::{ContentStore, ErrorCode, Filters, Kind, SearchQuery, SnippetPart, StoreError, UserMarks, UserStore};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `peerlib` with these arguments (the first is the program's name, as clap shows it).
pub fn main_with(args: Vec<String>) -> ExitCode {
    // The language is needed before clap can build localised help, so read --lang by hand first.
    // Only a --lang before the command counts: after `search` it filters documents by language.
    let explicit = message_language(&args);
    let l10n = Localizer::for_user(explicit.as_deref());
    let matches = cli(&l10n).get_matches_from(&args);
    match run(&matches, &l10n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) if message.is_empty() => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{}", l10n.tr_args("cli-error", &[("message", Value::from(message))]));
            ExitCode::FAILURE
        }
    }
}

/// The value of a `--lang` given before the subcommand, if any.
fn message_language(args: &[String]) -> Option<String> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
        match a.as_str() {
            "--lang" => return it.next().cloned(),
            "--data-dir" => {
                it.next();
            }
            a if !a.starts_with('-') => return None,
            _ => {}
        }
    }
    None
}

fn cli(l: &Localizer) -> Command {
    let json = Arg::new("json").long("json").action(ArgAction::SetTrue).help(l.tr("cli-help-json"));
    Command::new("peerlib")
        .about(l.tr("cli-about"))
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg(
            Arg::new("data-dir")
                .long("data-dir")
                .global(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(l.tr("cli-help-data-dir")),
        )
        .arg(Arg::new("lang").long("lang").help(l.tr("cli-help-lang")))
        .subcommand(Command::new("list").about(l.tr("cli-cmd-list")).arg(json.clone()))
        .subcommand(
            Command::new("show")
                .about(l.tr("cli-cmd-show"))
                .arg(Arg::new("id").required(true).help(l.tr("cli-help-id")))
                .arg(json.clone()),
        )
        .subcommand(
            Command::new("search")
                .about(l.tr("cli-cmd-search"))
                .arg(Arg::new("query").required(true).num_args(1..).help(l.tr("cli-help-query")))
                .arg(Arg::new("lang").long("lang").help(l.tr("cli-help-doc-lang")))
                .arg(
                    Arg::new("kind")
                        .long("kind")
                        .value_parser(Kind::ALL.map(|k| k.as_str()))
                        .help(l.tr("cli-help-kind")),
                )
                .arg(
                    Arg::new("limit")
                        .long("limit")
                        .value_parser(clap::value_parser!(u32).range(1..=500))
                        .default_value("20")
                        .help(l.tr("cli-help-limit")),
                )
                .arg(json.clone()),
        )
        .subcommand(
            Command::new("sync")
                .about(l.tr("cli-cmd-sync"))
                .arg(Arg::new("allow-mass-delete").long("allow-mass-delete").action(ArgAction::SetTrue).help(l.tr("cli-help-allow-mass-delete")))
                .arg(
                    Arg::new("attachment-budget")
                        .long("attachment-budget")
                        .value_parser(clap::value_parser!(u64).range(1..))
                        .help(l.tr("cli-help-attachment-budget")),
                )
                .arg(
                    Arg::new("from")
                        .long("from")
                        .conflicts_with("proxy")
                        .value_parser(|s: &str| peerlib_sync::origin::base_url(s).map(|_| s.to_string()).map_err(|_| "http://address:port/"))
                        .help(l.tr("cli-help-sync-from")),
                )
                .arg(
                    Arg::new("proxy")
                        .long("proxy")
                        .value_parser(|s: &str| if peerlib_store::is_proxy_url(s) { Ok(s.to_string()) } else { Err("socks5h://host:port, socks5://, http:// or https://") })
                        .help(l.tr("cli-help-proxy")),
                )
                .arg(json.clone()),
        )
        .subcommand(Command::new("status").about(l.tr("cli-cmd-status")).arg(json.clone()))
        .subcommand(
            Command::new("export")
                .about(l.tr("cli-cmd-export"))
                .arg(Arg::new("file").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-bundle-file")))
                .arg(Arg::new("collection").long("collection").conflicts_with("document").help(l.tr("cli-help-export-collection")))
                .arg(Arg::new("document").long("document").action(ArgAction::Append).help(l.tr("cli-help-export-document")))
                .arg(Arg::new("for").long("for").value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-export-for"))),
        )
        .subcommand(
            Command::new("import")
                .about(l.tr("cli-cmd-import"))
                .arg(Arg::new("file").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-bundle-file")))
                .arg(Arg::new("allow-mass-delete").long("allow-mass-delete").action(ArgAction::SetTrue).help(l.tr("cli-help-allow-mass-delete")))
                .arg(json.clone()),
        )
        .subcommand(
            Command::new("share")
                .about(l.tr("cli-cmd-share"))
                .arg(
                    Arg::new("addr")
                        .long("addr")
                        .default_value("0.0.0.0:8765")
                        .value_parser(clap::value_parser!(std::net::SocketAddr))
                        .help(l.tr("cli-help-share-addr")),
                )
                .arg(Arg::new("minutes").long("minutes").value_parser(clap::value_parser!(u64).range(1..=1440)).default_value("60").help(l.tr("cli-help-share-minutes")))
                .arg(Arg::new("no-announce").long("no-announce").action(ArgAction::SetTrue).help(l.tr("cli-help-share-no-announce"))),
        )
        .subcommand(
            Command::new("personal")
                .about(l.tr("cli-cmd-personal"))
                .subcommand_required(true)
                .subcommand(Command::new("export").about(l.tr("cli-cmd-personal-export")).arg(Arg::new("file").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-personal-file"))))
                .subcommand(Command::new("import").about(l.tr("cli-cmd-personal-import")).arg(Arg::new("file").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-personal-file")))),
        )
        .subcommand(Command::new("encrypt").about(l.tr("cli-cmd-encrypt")).arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help(l.tr("cli-help-encrypt-all"))))
        .subcommand(Command::new("decrypt").about(l.tr("cli-cmd-decrypt")))
        .subcommand(Command::new("passphrase").about(l.tr("cli-cmd-passphrase")))
        .subcommand(Command::new("lock").about(l.tr("cli-cmd-lock")))
        .subcommand(
            Command::new("erase")
                .about(l.tr("cli-cmd-erase"))
                .arg(Arg::new("personal").long("personal").action(ArgAction::SetTrue).help(l.tr("cli-help-erase-personal")))
                .arg(Arg::new("all").long("all").action(ArgAction::SetTrue).help(l.tr("cli-help-erase-all")))
                .group(clap::ArgGroup::new("what").args(["personal", "all"]).required(true)),
        )
        .subcommand(
            Command::new("network")
                .about(l.tr("cli-cmd-network"))
                .subcommand(Command::new("show").about(l.tr("cli-cmd-network-show")))
                .subcommand(
                    Command::new("join")
                        .about(l.tr("cli-cmd-network-join"))
                        .arg(Arg::new("invitation").required(true).help(l.tr("cli-help-invitation")))
                        .arg(Arg::new("yes").long("yes").action(ArgAction::SetTrue).help(l.tr("cli-help-network-yes")))
                        .arg(Arg::new("expect").long("expect").value_name("FINGERPRINT").requires("yes").help(l.tr("cli-help-network-expect")))
                        .arg(Arg::new("proxy").long("proxy").help(l.tr("cli-help-proxy"))),
                )
                .subcommand(Command::new("leave").about(l.tr("cli-cmd-network-leave"))),
        )
        .subcommand(
            Command::new("update")
                .about(l.tr("cli-cmd-update"))
                .arg(Arg::new("check").long("check").action(ArgAction::SetTrue).help(l.tr("cli-help-update-check")))
                .arg(Arg::new("save").long("save").value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-update-save")))
                .arg(Arg::new("system").long("system").requires("save").help(l.tr("cli-help-update-system")))
                .arg(Arg::new("from").long("from").value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-update-from")))
                .arg(Arg::new("proxy").long("proxy").help(l.tr("cli-help-proxy")))
                .group(clap::ArgGroup::new("how").args(["check", "save", "from"]).multiple(false)),
        )
        .subcommand(
            Command::new("release")
                .about(l.tr("cli-cmd-release"))
                .arg(Arg::new("out").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-release-out")))
                .arg(Arg::new("version").long("version").required(true).help(l.tr("cli-help-release-version")))
                .arg(Arg::new("notes").long("notes").action(ArgAction::Append).required(true).help(l.tr("cli-help-release-notes")))
                .arg(Arg::new("package").long("package").action(ArgAction::Append).required(true).help(l.tr("cli-help-release-package")))
                .arg(Arg::new("released").long("released").help(l.tr("cli-help-released")))
                .arg(Arg::new("secret-key").long("secret-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-secret-key"))),
        )
        .subcommand(
            Command::new("nearby")
                .about(l.tr("cli-cmd-nearby"))
                .arg(Arg::new("seconds").long("seconds").value_parser(clap::value_parser!(u64).range(1..=60)).default_value("3").help(l.tr("cli-help-nearby-seconds")))
                .arg(json.clone()),
        )
        .subcommand(
            Command::new("inventory")
                .about(l.tr("cli-cmd-inventory"))
                .arg(Arg::new("file").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-inventory-file"))),
        )
        .subcommand(
            Command::new("feeds")
                .about(l.tr("cli-cmd-feeds"))
                .subcommand_required(true)
                .subcommand(
                    Command::new("add")
                        .about(l.tr("cli-cmd-feeds-add"))
                        .arg(Arg::new("url").required(true).help(l.tr("cli-help-feed-url")))
                        .arg(Arg::new("public-key").long("public-key").help(l.tr("cli-help-feed-key"))),
                )
                .subcommand(Command::new("list").about(l.tr("cli-cmd-feeds-list")).arg(json.clone()))
                .subcommand(
                    Command::new("remove")
                        .about(l.tr("cli-cmd-feeds-remove"))
                        .arg(Arg::new("url").required(true).help(l.tr("cli-help-feed-url"))),
                ),
        )
        .subcommand(
            Command::new("keygen")
                .about(l.tr("cli-cmd-keygen"))
                .arg(Arg::new("secret-key").long("secret-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-secret-key")))
                .arg(Arg::new("public-key").long("public-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-public-key")))
                .arg(Arg::new("force").long("force").action(ArgAction::SetTrue).help(l.tr("cli-help-force"))),
        )
        .subcommand(
            Command::new("rotate-key")
                .about(l.tr("cli-cmd-rotate-key"))
                .arg(Arg::new("out").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-out")))
                .arg(Arg::new("secret-key").long("secret-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-secret-key")))
                .arg(Arg::new("next-public-key").long("next-public-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-next-public-key")))
                .arg(Arg::new("revoke").long("revoke").action(ArgAction::Append).help(l.tr("cli-help-revoke"))),
        )
        .subcommand(
            Command::new("publish")
                .about(l.tr("cli-cmd-publish"))
                .arg(Arg::new("src").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-src")))
                .arg(Arg::new("out").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-out")))
                .arg(Arg::new("secret-key").long("secret-key").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-secret-key")))
                .arg(
                    Arg::new("expires-in")
                        .long("expires-in")
                        .value_parser(clap::value_parser!(i64).range(1..=3650))
                        .default_value("30")
                        .help(l.tr("cli-help-expires-in")),
                )
                .arg(Arg::new("publisher").long("publisher").default_value("INPUD").help(l.tr("cli-help-publisher"))),
        )
        .subcommand(
            Command::new("serve")
                .about(l.tr("cli-cmd-serve"))
                .arg(Arg::new("dir").required(true).value_parser(clap::value_parser!(PathBuf)).help(l.tr("cli-help-serve-dir")))
                .arg(
                    Arg::new("addr")
                        .long("addr")
                        .default_value("127.0.0.1:8080")
                        .value_parser(clap::value_parser!(std::net::SocketAddr))
                        .help(l.tr("cli-help-addr")),
                ),
        )
}

/// Run a command; an error is returned as an already localised sentence.
fn run(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    // Publishing needs no library: it works on folders only.
    match m.subcommand() {
        Some(("keygen", sub)) => return keygen(sub, l),
        Some(("publish", sub)) => return publish(sub, l),
        Some(("rotate-key", sub)) => return rotate_key(sub, l),
        Some(("serve", sub)) => return serve_dir(sub, l),
        Some(("release", sub)) => return update::release(sub, l),
        _ => {}
    }
    let flag = m.get_one::<PathBuf>("data-dir").map(PathBuf::as_path);
    let env = std::env::var(DATA_DIR_ENV).ok();
    let root = resolve_data_dir(flag, env.as_deref()).ok_or_else(|| l.tr(&ErrorCode::NoDataDir.message_id()))?;
    let dir = DataDir::new(root);
    match m.subcommand() {
        // Erasing asks for no passphrase: it must work in a hurry, and destroys the encrypted
        // files whole.
        Some(("erase", sub)) => return personal::erase(sub, &dir, l),
        Some(("encrypt", sub)) => return crypt::encrypt(sub, &dir, l),
        Some(("decrypt", sub)) => return crypt::decrypt(sub, &dir, l),
        Some(("passphrase", sub)) => return crypt::change(sub, &dir, l),
        Some(("lock", sub)) => return crypt::lock(sub, &dir, l),
        _ => {}
    }
    // Every other command reads the personal data: its passphrase first, when it is encrypted.
    let dir = crypt::unlock(&dir, l)?;
    match m.subcommand() {
        Some(("sync", sub)) => return sync::sync(sub, &dir, l),
        Some(("status", sub)) => return sync::status(sub, &dir, l),
        Some(("feeds", sub)) => return sync::feeds(sub, &dir, l),
        Some(("export", sub)) => return share::export(sub, &dir, l),
        Some(("import", sub)) => return share::import(sub, &dir, l),
        Some(("inventory", sub)) => return share::inventory(sub, &dir, l),
        Some(("share", sub)) => return share::share(sub, &dir, l),
        // It reads only the settings, for discreet mode.
        Some(("nearby", sub)) => return share::nearby(sub, &dir, l),
        Some(("personal", sub)) => return personal::run(sub, &dir, l),
        Some(("update", sub)) => return update::update(sub, &dir, l),
        Some(("network", sub)) => return network::run(sub, &dir, l),
        _ => {}
    }
    let network = sync::network(&dir, l)?;
    let (store, _report) = peerlib_sync::open_library(&dir, &network).map_err(|e| l.tr(&e.code().message_id()))?;
    // The document languages the user ordered in the window's Settings, so that `list` shows the
    // translation the window shows; an unreadable user.db leaves the defaults.
    let settings = UserStore::open_in(&dir, unix_now()).ok().and_then(|(u, _)| u.settings().ok()).unwrap_or_default();
    let prefs = settings.document_languages(&l.document_language());
    let mut out = std::io::stdout().lock();
    let printed = match m.subcommand() {
        Some(("list", sub)) => list(&store, &prefs, sub.get_flag("json"), l, &mut out),
        Some(("show", sub)) => {
            let id = sub.get_one::<String>("id").expect("required by clap");
            show(&store, id, sub.get_flag("json"), l, &mut out)
        }
        Some(("search", sub)) => {
            let words: Vec<String> = sub.get_many::<String>("query").expect("required").cloned().collect();
            let q = SearchQuery {
                text: words.join(" "),
                filters: Filters {
                    language: sub.get_one::<String>("lang").cloned(),
                    kind: sub.get_one::<String>("kind").and_then(|k| Kind::parse(k)),
                    ..Default::default()
                },
                limit: *sub.get_one::<u32>("limit").expect("has a default"),
                ..Default::default()
            };
            search(&store, &q, sub.get_flag("json"), l, &mut out)
        }
        _ => unreachable!("clap requires a known subcommand"),
    };
    printed.map_err(|e| match e {
        Failure::Store(StoreError::NotFound(id)) => l.tr_args("cli-not-found", &[("id", Value::from(id))]),
        Failure::Store(e) => l.tr(&e.code().message_id()),
        // A closed pipe (`peerlib list | head`) is not worth a message.
        Failure::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe => String::new(),
        Failure::Io(_) => l.tr("error-disk"),
    })
}

enum Failure {
    Store(StoreError),
    Io(std::io::Error),
}
impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}
impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Io(e.into())
    }
}

fn list(store: &ContentStore, prefs: &[String], json: bool, l: &Localizer, out: &mut impl Write) -> Result<(), Failure> {
    let entries = store.library(prefs)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(out, "{}", l.tr("cli-list-empty"))?;
    }
    for e in &entries {
        writeln!(
            out,
            "{}  {}  {:<11}  {}  [{}]",
            e.published.as_deref().unwrap_or("----------"),
            e.language,
            l.tr(&format!("kind-{}", e.kind.as_str())),
            e.title,
            e.id
        )?;
    }
    writeln!(out, "{}", l.tr_args("library-count", &[("count", Value::from(entries.len()))]))?;
    Ok(())
}

fn show(store: &ContentStore, id: &str, json: bool, l: &Localizer, out: &mut impl Write) -> Result<(), Failure> {
    let d = store.document(id)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &d)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}\n", d.title)?;
    let field = |name: &str, value: String| format!("{}: {}", l.tr(name), value);
    writeln!(out, "{}", field("cli-field-kind", l.tr(&format!("kind-{}", d.kind.as_str()))))?;
    writeln!(out, "{}", field("cli-field-language", d.language.clone()))?;
    if let Some(p) = &d.published {
        writeln!(out, "{}", field("cli-field-published", p.clone()))?;
    }
    if !d.publishers.is_empty() {
        writeln!(out, "{}", field("cli-field-publishers", d.publishers.join(", ")))?;
    }
    if !d.tags.is_empty() {
        writeln!(out, "{}", field("cli-field-tags", d.tags.join(", ")))?;
    }
    if !d.translations.is_empty() {
        let t: Vec<String> = d.translations.iter().map(|t| format!("{} ({})", t.id, t.language)).collect();
        writeln!(out, "{}", field("cli-field-translations", t.join(", ")))?;
    }
    if !d.attachments.is_empty() {
        writeln!(out, "{}:", l.tr("cli-field-attachments"))?;
        for a in &d.attachments {
            // What the bytes really are, beside what the feed claims (#17 item 5).
            let real = a.real_type.as_deref().map(|t| format!(" [{t}]")).unwrap_or_default();
            writeln!(out, "  {} ({}, {} B){real}", a.title, a.media_type, a.size)?;
            if let Some(id) = a.text.message_id() {
                writeln!(out, "    {}", l.tr(id))?;
            }
            if a.downloaded && !a.openable {
                writeln!(out, "    {}", l.tr("reader-attachment-save-only"))?;
            }
        }
    }
    if !d.summary.is_empty() {
        writeln!(out, "\n{}", d.summary)?;
    }
    Ok(())
}

fn search(store: &ContentStore, q: &SearchQuery, json: bool, l: &Localizer, out: &mut impl Write) -> Result<(), Failure> {
    let results = store.search(q, &UserMarks::default())?;
    if json {
        let rows: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "id": h.id, "title": h.title, "kind": h.kind, "language": h.language,
                    "published": h.published, "group": h.group, "publishers": h.publishers,
                    "score": h.score, "snippet": marked(&h.snippet), "snippet_source": h.snippet_source,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if results.hits.is_empty() {
        writeln!(out, "{}", l.tr("cli-search-none"))?;
        return Ok(());
    }
    for h in &results.hits {
        writeln!(out, "{}  [{}]  {} · {}", h.title, h.id, l.tr(&format!("kind-{}", h.kind.as_str())), h.language)?;
        writeln!(out, "    {}\n", marked(&h.snippet))?;
    }
    writeln!(out, "{}", l.tr_args("cli-search-count", &[("count", Value::from(results.hits.len()))]))?;
    Ok(())
}

/// A snippet as text with the matched words between ** **, as Markdown would bold them.
fn marked(parts: &[SnippetPart]) -> String {
    parts.iter().map(|p| if p.hit { format!("**{}**", p.text) } else { p.text.clone() }).collect()
}

fn keygen(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    let secret = m.get_one::<PathBuf>("secret-key").expect("required");
    let public = m.get_one::<PathBuf>("public-key").expect("required");
    match peerlib_feed::publish::keygen(secret, public, m.get_flag("force")) {
        Ok(id) => {
            println!("{}", l.tr_args("cli-keygen-done", &[("id", Value::from(id))]));
            Ok(())
        }
        Err(e) => Err(publish_error(&e, l)),
    }
}

fn rotate_key(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    let out = m.get_one::<PathBuf>("out").expect("required");
    let read = |name: &str| {
        let path = m.get_one::<PathBuf>(name).expect("required");
        std::fs::read_to_string(path).map_err(|_| l.tr_args("cli-publish-no-key", &[("path", Value::from(path.display().to_string()))]))
    };
    let (secret, next) = (read("secret-key")?, read("next-public-key")?);
    let revoke: Vec<String> = m.get_many::<String>("revoke").into_iter().flatten().cloned().collect();
    match peerlib_feed::publish::rotate_keys(out, &secret, &next, &revoke) {
        Ok(s) => {
            let id = s.pinned().first().map(|k| k.id().to_string()).unwrap_or_default();
            println!("{}", l.tr_args("cli-rotate-key-done", &[("seq", Value::from(s.seq)), ("id", Value::from(id))]));
            Ok(())
        }
        Err(e) => Err(publish_error(&e, l)),
    }
}

fn publish(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    let src = m.get_one::<PathBuf>("src").expect("required");
    let out = m.get_one::<PathBuf>("out").expect("required");
    let key_path = m.get_one::<PathBuf>("secret-key").expect("required");
    let key = std::fs::read_to_string(key_path)
        .map_err(|_| l.tr_args("cli-publish-no-key", &[("path", Value::from(key_path.display().to_string()))]))?;
    if !src.is_dir() {
        return Err(l.tr_args("cli-publish-no-src", &[("path", Value::from(src.display().to_string()))]));
    }
    let now = unix_now();
    let opts = peerlib_feed::publish::PublishOptions {
        publisher: m.get_one::<String>("publisher").expect("has a default"),
        expires_in_days: *m.get_one::<i64>("expires-in").expect("has a default"),
        now,
    };
    match peerlib_feed::publish::publish(src, out, &key, &opts) {
        Ok(r) => {
            println!(
                "{}",
                l.tr_args(
                    "cli-publish-done",
                    &[
                        ("seq", Value::from(r.seq)),
                        ("documents", Value::from(r.documents)),
                        ("changed", Value::from(r.changed)),
                        ("attachments", Value::from(r.attachments)),
                    ]
                )
            );
            Ok(())
        }
        Err(peerlib_feed::publish::PublishError::Invalid(problems)) => {
            for p in &problems {
                eprintln!(
                    "{}",
                    l.tr_args(
                        "cli-problem",
                        &[("file", Value::from(p.file.clone())), ("line", Value::from(p.line)), ("message", Value::from(problem_text(&p.kind, l)))]
                    )
                );
            }
            Err(l.tr_args("cli-publish-invalid", &[("count", Value::from(problems.len()))]))
        }
        Err(e) => Err(publish_error(&e, l)),
    }
}

fn publish_error(e: &peerlib_feed::publish::PublishError, l: &Localizer) -> String {
    use peerlib_feed::publish::PublishError::*;
    match e {
        KeyExists(p) => l.tr_args("cli-keygen-exists", &[("path", Value::from(p.display().to_string()))]),
        BadKey(_) => l.tr("cli-publish-bad-key"),
        BadExistingFeed(p, _) => l.tr_args("cli-publish-bad-feed", &[("path", Value::from(p.display().to_string()))]),
        OutsideSource(p) => l.tr_args("cli-publish-outside-source", &[("path", Value::from(p.display().to_string()))]),
        Io(_) | Invalid(_) => l.tr("error-disk"),
    }
}

/// One source problem as a sentence in the user's language.
fn problem_text(k: &peerlib_feed::source::ProblemKind, l: &Localizer) -> String {
    use peerlib_feed::source::ProblemKind::*;
    let v = |s: &str| Value::from(s.to_string());
    match k {
        NoFrontMatter => l.tr("problem-no-front-matter"),
        Syntax(detail) => l.tr_args("problem-syntax", &[("detail", v(detail))]),
        MissingTitle => l.tr("problem-missing-title"),
        MissingKind => l.tr("problem-missing-kind"),
        UnknownKind(kind) => l.tr_args("problem-unknown-kind", &[("kind", v(kind)), ("kinds", v(&peerlib_feed::source::KINDS.join(", ")))]),
        MissingLanguage => l.tr("problem-missing-language"),
        InvalidLanguage(tag) => l.tr_args("problem-invalid-language", &[("tag", v(tag))]),
        InsecureUrl(url) => l.tr_args("problem-insecure-url", &[("url", v(url))]),
        MissingAttachment(path) => l.tr_args("problem-missing-attachment", &[("path", v(path))]),
        AttachmentOutsideSource(path) => l.tr_args("problem-attachment-outside", &[("path", v(path))]),
        AttachmentNotItsType { path, real } => match real {
            Some(real) => l.tr_args("problem-attachment-not-its-type", &[("path", v(path)), ("real", v(real))]),
            None => l.tr_args("problem-attachment-unknown-type", &[("path", v(path))]),
        },
        AttachmentPasswordProtected(path) => l.tr_args("problem-attachment-password", &[("path", v(path))]),
        DuplicateId { id, first } => l.tr_args("problem-duplicate-id", &[("id", v(id)), ("first", v(first))]),
    }
}

fn serve_dir(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    let dir = m.get_one::<PathBuf>("dir").expect("required").clone();
    let addr = *m.get_one::<std::net::SocketAddr>("addr").expect("has a default");
    if !dir.is_dir() {
        return Err(l.tr_args("cli-publish-no-src", &[("path", Value::from(dir.display().to_string()))]));
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|_| l.tr("error-internal"))?;
    let ready = |bound: std::net::SocketAddr| {
        println!("{}", l.tr_args("cli-serve-listening", &[("url", Value::from(format!("http://{bound}/")))]));
        // Tests and scripts read this line to learn the port.
        let _ = std::io::Write::flush(&mut std::io::stdout());
    };
    runtime
        .block_on(peerlib_serve::serve(dir, addr, peerlib_serve::Limits::from_env(), ready))
        .map_err(|_| l.tr_args("cli-serve-cannot-listen", &[("addr", Value::from(addr.to_string()))]))
}

/// Seconds since the epoch: the clock the stores are given (they never read it themselves).
fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
