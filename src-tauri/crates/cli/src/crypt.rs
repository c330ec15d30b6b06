//! `peerlib encrypt [--all]`, `peerlib decrypt` and `peerlib passphrase` (#18 items 1 and 8):
//! the personal data (user.db and its backups), and with `--all` the library (content.db),
//! encrypted with a passphrase, decrypted, or given a new passphrase; and the passphrase every other command asks for while it is encrypted. Each
//! passphrase is read from the terminal without echo, or as one line of standard input when that
//! is not a terminal (several lines in the order asked); never from an argument.

use crate::personal::ask_passphrase;
use clap::ArgMatches;
use peerlib_l10n::Localizer;
use peerlib_store::crypt::{self, InUse, Keyring};
use peerlib_store::tries;
use peerlib_store::paths::DataDir;
use peerlib_store::{StoreError, UserStore};

fn said(l: &Localizer, e: StoreError) -> String {
    l.tr(&e.code().message_id())
}

/// The data folder unlocked for a command: as it is when the personal data is not encrypted;
/// otherwise with the passphrase asked for and checked. No passphrase (an empty standard input,
/// a timer) says the data is locked; a wrong one is refused; neither changes anything.
pub fn unlock(dir: &DataDir, l: &Localizer) -> Result<DataDir, String> {
    if !crypt::is_encrypted(dir) {
        return Ok(dir.clone());
    }
    let pass = ask_passphrase(l, "cli-unlock-passphrase", false).map_err(|_| said(l, StoreError::Locked))?;
    let unlocked = dir.with_keyring(Keyring::new(dir, &pass));
    tried(dir, l, || UserStore::open_in(&unlocked, chrono::Utc::now().timestamp()))?;
    Ok(unlocked)
}

/// `check` the passphrase typed for `dir`'s personal data, after the wait that the wrong ones
/// typed since it was last unlocked ask for, here or in the app (peerlib_store::tries): a new
/// run of `peerlib` does not start the count again. A wrong one is counted; the right one says
/// how many there were, and when the last was.
fn tried<T>(dir: &DataDir, l: &Localizer, check: impl FnOnce() -> Result<T, StoreError>) -> Result<T, String> {
    let before = tries::read(dir);
    let wait = before.wait_at(chrono::Utc::now().timestamp());
    if !wait.is_zero() {
        eprintln!("{}", l.tr_args("cli-unlock-waiting", &[("seconds", wait.as_secs().into())]));
    }
    std::thread::sleep(wait);
    match check() {
        Err(StoreError::WrongPassphrase) => {
            // Not once the data is plain (the app's panic erase came during the wait): no
            // trace of a passphrase is left behind it.
            if crypt::is_encrypted(dir) {
                tries::failed(dir, chrono::Utc::now().timestamp());
            }
            Err(said(l, StoreError::WrongPassphrase))
        }
        Err(e) => Err(said(l, e)),
        Ok(v) => {
            // Read before too: a decryption removes the record itself; and any typed in the
            // app's prompt meanwhile are said with the rest.
            let wrong = before.most(tries::clear(dir).unwrap_or_default());
            if wrong.count > 0 {
                eprintln!("{}", l.tr_args("cli-wrong-passphrases", &[("count", wrong.count.into()), ("last", crate::sync::when(wrong.last).into())]));
            }
            Ok(v)
        }
    }
}

/// The folder to itself: no app open on it, no sync running.
fn alone(dir: &DataDir, l: &Localizer) -> Result<(InUse, peerlib_sync::lock::SyncLock), String> {
    let in_use = InUse::exclusive(dir).map_err(|e| said(l, e))?;
    let sync = peerlib_sync::lock::SyncLock::try_acquire(dir).map_err(|_| l.tr("error-busy"))?;
    Ok((in_use, sync))
}

pub fn encrypt(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let all = m.get_flag("all");
    if crypt::is_encrypted(dir) && (!all || crypt::library_encrypted(dir)) {
        return Err(said(l, StoreError::AlreadyEncrypted));
    }
    let _alone = alone(dir, l)?;
    let now = chrono::Utc::now().timestamp();
    let unlocked = if crypt::is_encrypted(dir) {
        // The personal data is encrypted already: its passphrase encrypts the library too.
        unlock(dir, l)?
    } else {
        // Said before the passphrase is chosen (#18 item 2).
        eprintln!("{}", l.tr("cli-encrypt-forgotten"));
        let pass = ask_passphrase(l, "cli-passphrase-new", true)?;
        let ring = crypt::encrypt(dir, &pass).map_err(|e| said(l, e))?;
        println!("{}", l.tr("cli-encrypted"));
        dir.with_keyring(ring)
    };
    if all {
        crypt::encrypt_library(&unlocked, now).map_err(|e| said(l, e))?;
        println!("{}", l.tr("cli-library-encrypted"));
    }
    Ok(())
}

pub fn decrypt(_m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    if !crypt::is_encrypted(dir) {
        return Err(said(l, StoreError::NotEncrypted));
    }
    let _alone = alone(dir, l)?;
    let library = crypt::library_encrypted(dir);
    let pass = ask_passphrase(l, "cli-unlock-passphrase", false).map_err(|_| said(l, StoreError::Locked))?;
    tried(dir, l, || crypt::decrypt(dir, &Keyring::new(dir, &pass)))?;
    println!("{}", l.tr(if library { "cli-decrypted-all" } else { "cli-decrypted" }));
    Ok(())
}

pub fn change(_m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    if !crypt::is_encrypted(dir) {
        return Err(said(l, StoreError::NotEncrypted));
    }
    let _alone = alone(dir, l)?;
    let old = ask_passphrase(l, "cli-passphrase-current", false).map_err(|_| said(l, StoreError::Locked))?;
    let old = Keyring::new(dir, &old);
    // The current passphrase is checked before a new one is asked for.
    tried(dir, l, || UserStore::open_in(&dir.with_keyring(old.clone()), chrono::Utc::now().timestamp()))?;
    eprintln!("{}", l.tr("cli-encrypt-forgotten"));
    let new = ask_passphrase(l, "cli-passphrase-new", true)?;
    crypt::change_passphrase(dir, &old, &new).map_err(|e| said(l, e))?;
    println!("{}", l.tr("cli-passphrase-changed"));
    Ok(())
}

/// `peerlib lock`: the running app locks its encrypted personal data, as its "Lock" does. The
/// app program is started with `--lock`; its single-instance hand-over passes the request to the
/// running app, or, with none running, it ends at once with `NOT_RUNNING` (3).
pub fn lock(_m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    if !crypt::is_encrypted(dir) {
        return Err(said(l, StoreError::NotEncrypted));
    }
    let app = app_program().ok_or_else(|| l.tr("cli-lock-no-app"))?;
    let status = std::process::Command::new(app)
        .arg("--lock")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|_| l.tr("cli-lock-no-app"))?;
    match status.code() {
        Some(0) => println!("{}", l.tr("cli-locked")),
        Some(3) => println!("{}", l.tr("cli-lock-not-running")),
        // The program ran but could not hand the request over (no display, no session bus).
        _ => return Err(l.tr("cli-lock-failed")),
    }
    Ok(())
}

/// The app's program: this one when `peerlib` is the app run with `--cli` (the installed
/// packages), else `peer-library` beside it.
fn app_program() -> Option<std::path::PathBuf> {
    let me = std::env::current_exe().ok()?;
    let name = if cfg!(windows) { "peer-library.exe" } else { "peer-library" };
    if me.file_name()? == name {
        return Some(me);
    }
    let sibling = me.with_file_name(name);
    sibling.exists().then_some(sibling)
}
