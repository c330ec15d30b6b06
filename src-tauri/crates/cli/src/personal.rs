//! `peerlib erase --personal|--all` (#18 item 5) and `peerlib personal export FILE` and
//! `peerlib personal import FILE` (#18 item 6): a person's
//! notes, bookmarks, read marks, collections and settings, sealed with a passphrase, carried to
//! another laptop and merged there (the store's personal.rs says how). The passphrase is read
//! from the terminal without echo (asked twice for an export), or as one line from standard input
//! when that is not a terminal; never from an argument, which other users' `ps` would show.

use clap::ArgMatches;
use peerlib_l10n::{Localizer, Value};
use peerlib_store::paths::DataDir;
use peerlib_store::personal::PersonalError;
use peerlib_store::UserStore;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use zeroize::Zeroizing;

fn passphrase(l: &Localizer, confirm: bool) -> Result<Zeroizing<String>, String> {
    ask_passphrase(l, "cli-passphrase", confirm)
}

/// A passphrase asked with the message `prompt` on the terminal (twice with `confirm`), or the
/// next line of standard input when that is not a terminal.
pub(crate) fn ask_passphrase(l: &Localizer, prompt: &str, confirm: bool) -> Result<Zeroizing<String>, String> {
    if std::io::stdin().is_terminal() {
        let first = Zeroizing::new(rpassword::prompt_password(l.tr(prompt)).map_err(|_| l.tr("cli-passphrase-unreadable"))?);
        if confirm {
            let again = Zeroizing::new(rpassword::prompt_password(l.tr("cli-passphrase-again")).map_err(|_| l.tr("cli-passphrase-unreadable"))?);
            if *again != *first {
                return Err(l.tr("cli-passphrase-mismatch"));
            }
        }
        return Ok(first);
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin().lock().read_line(&mut line).map_err(|_| l.tr("cli-passphrase-unreadable"))?;
    let trimmed = Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_string());
    if trimmed.is_empty() {
        return Err(l.tr("cli-passphrase-unreadable"));
    }
    Ok(trimmed)
}

pub fn run(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let now = chrono::Utc::now().timestamp();
    let (sub, args) = m.subcommand().expect("a subcommand is required by clap");
    let file = args.get_one::<PathBuf>("file").expect("required by clap");
    if sub == "export" {
        let pass = passphrase(l, true)?;
        let (user, _) = UserStore::open_in(dir, now).map_err(|e| l.tr(&e.code().message_id()))?;
        let sealed = user.personal_sealed(&pass).map_err(|e| l.tr(&e.code().message_id()))?;
        peerlib_sync::bundle::write_atomically(file, |f| std::io::Write::write_all(f, &sealed)).map_err(|_| l.tr("error-disk"))?;
        println!("{}", l.tr_args("cli-personal-written", &[("file", Value::from(file.display().to_string()))]));
        return Ok(());
    }
    let said = |e: PersonalError| l.tr(&e.code().message_id());
    let bytes = peerlib_store::personal::read_file(file).map_err(said)?;
    let pass = passphrase(l, false)?;
    // Opened and read whole before user.db is even opened: a wrong passphrase or a damaged file
    // leaves the data folder exactly as it was.
    let personal = peerlib_store::personal::open(&pass, &bytes).map_err(said)?;
    let (mut user, _) = UserStore::open_in(dir, now).map_err(|e| l.tr(&e.code().message_id()))?;
    let got = user.import_personal(&personal, now).map_err(|e| l.tr(&e.code().message_id()))?;
    let n = |v: u64| Value::from(v);
    println!(
        "{}",
        l.tr_args(
            "cli-personal-imported",
            &[("notes", n(got.notes)), ("merged", n(got.notes_merged)), ("bookmarks", n(got.bookmarks)), ("collections", n(got.collections)), ("items", n(got.collection_items))]
        )
    );
    Ok(())
}

/// `peerlib erase --personal|--all`: what the window's panic erase does, for administrators and
/// tests (no countdown: the command was typed). With `--personal` the feeds the user chose to
/// follow are unfollowed first (their documents go with them); the network's stays.
pub fn erase(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    use peerlib_store::erase::Erase;
    let what = if m.get_flag("all") { Erase::All } else { Erase::Personal };
    let now = chrono::Utc::now().timestamp();
    // Encrypted, the settings cannot be read: the neutral name is kept, as the locked app has it.
    let discreet = peerlib_store::crypt::is_encrypted(dir) || UserStore::open_in(dir, now).ok().and_then(|(u, _)| u.settings().ok()).is_some_and(|s| s.discreet);
    // A sync running now would write its log back: wait for it to end (it is asked to by nothing
    // here, so at most the length of one sync), holding its lock while erasing.
    let _lock = loop {
        match peerlib_sync::lock::SyncLock::try_acquire(dir) {
            Ok(l) => break l,
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(200)),
        }
    };
    let mut referenced = None;
    // Encrypted personal data is erased without its passphrase: the feeds it follows are read
    // from the library, which lists them too, and unfollowed there.
    let encrypted = peerlib_store::crypt::is_encrypted(dir);
    if what == Erase::Personal && dir.content_db().exists() && encrypted {
        let network = crate::sync::network(dir, l)?;
        referenced = peerlib_sync::forget_followed_in(dir, &network);
    } else if what == Erase::Personal && dir.content_db().exists() {
        let network = crate::sync::network(dir, l)?;
        let (mut store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| l.tr(&e.code().message_id()))?;
        let (user, _) = UserStore::open_in(dir, now).map_err(|e| l.tr(&e.code().message_id()))?;
        referenced = peerlib_sync::forget_followed(&mut store, &user);
    }
    let erased = peerlib_store::erase::erase_keeping(dir, what, referenced.as_ref());
    if discreet {
        // The app must not name itself again just as the laptop is taken.
        if let Ok((mut u, _)) = UserStore::open_in(dir, now) {
            let _ = u.set_settings(&peerlib_store::Settings { discreet: true, ..Default::default() });
        }
    }
    let done = erased.map_err(|_| l.tr("error-disk"))?;
    println!("{}", l.tr_args("cli-erased", &[("files", Value::from(done.files))]));
    Ok(())
}
