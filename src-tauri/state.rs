//! What the shell holds while it runs: the data folder, the interface language and the one
//! writer connection to the library. Opening can fail (a library from a newer version, a disk
//! that cannot be written); the window still opens and every command answers with that error,
//! in the user's language, so the user is told what to do.

use crate::error::WireError;
use peerlib_code::ErrorCode;
use peerlib_feed::network::{Network, NetworkSource};
use peerlib_l10n::Localizer;
use peerlib_store::{paths::DataDir, tries, ContentStore, Settings, StoreError, UserStore};
use std::path::PathBuf;
use peerlib_sync::Cancel;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

/// How long a lock, an erase or a change of encryption waits for the running sync to stop.
const SYNC_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);
/// How long a sync that would not stop within `SYNC_PATIENCE` is not waited for again by an erase.
const STUCK_SYNC_REMEMBERED: std::time::Duration = std::time::Duration::from_secs(120);

pub struct AppState {
    /// The data folder, with the passphrase's keyring while encrypted personal data is unlocked.
    dir: RwLock<DataDir>,
    /// Encrypted personal data not unlocked yet, or locked again (#18 item 3): every command but
    /// the prompt's answers `locked`, and the app goes by its neutral name. Set as a lock begins
    /// (`lock_then`): the stores are empty ones in memory, and the keys gone, once the running
    /// sync has stopped, moments later.
    locked: std::sync::atomic::AtomicBool,
    /// `--lang` was given at launch (see `apply_saved_language`).
    language_from_launch: std::sync::atomic::AtomicBool,
    /// How long a lock, an erase or a change of encryption waits for the running sync to stop
    /// (30 s; a test gives less), and when that wait last ran out: a sync that would not stop
    /// (another process's, stuck on a dead network) is not waited for again by an erase within
    /// `STUCK_SYNC_REMEMBERED` (`quiet_sync_in`).
    sync_patience: Mutex<(std::time::Duration, Option<std::time::Instant>)>,
    /// A change of passphrase was finished behind a lock asked for while it ran: the window had
    /// left Settings for the prompt before it could say so, and the prompt says it instead (the
    /// new passphrase opens the data). Forgotten at the next unlock or erase.
    changed_as_locked: std::sync::atomic::AtomicBool,
    /// A lock came while the personal data was being rewritten and found it plain once that was
    /// done (a decryption, or an encryption that failed): it gave way, and the prompt says why
    /// nothing was locked instead of showing the library at once; the app stays neutral meanwhile
    /// (`discreet`). Forgotten when the prompt's "Open the library" is clicked
    /// (`nothing_locked_seen`), at the next change of encryption, or at an erase.
    nothing_locked: Mutex<Option<NothingLocked>>,
    /// What `set_encryption` left the data as, when plain at its end: what a lock that waited
    /// for it and then gave way says (`lock_then` moves it into `nothing_locked`, so that it is
    /// said only where a prompt was shown).
    plain_after_rewrite: Mutex<Option<NothingLocked>>,
    /// Held while a passphrase is checked and counted, so that two checks at once (two unlocks
    /// asked together, Settings beside the prompt) take their waits one after the other.
    trying: Mutex<()>,
    /// Wrong passphrases of this run that the data folder could not keep (peerlib_store::tries
    /// keeps the others), to slow the next one down and be said all the same.
    failed_unlocks: Mutex<tries::Tries>,
    /// Locks asked for in this run, also those that found nothing to lock: an encryption that
    /// was waiting to start as one came locks once done (`set_encryption`).
    lock_asks: std::sync::atomic::AtomicU64,
    /// `set_encryption` is rewriting the personal data: it may be neither plain nor encrypted
    /// for a moment, and a lock waits for it (`lock_then`).
    rewriting: std::sync::atomic::AtomicBool,
    /// Locks so far in this run: a command that waited on the person (a system dialog) or on the
    /// disk checks that none came meanwhile before it goes on (`unlocked_since`).
    locks: std::sync::atomic::AtomicU64,
    /// Held by a lock, an unlock and an erase for all their work: an unlock typed while a lock
    /// still waits for the sync to stop is tried once the lock is whole (it would otherwise put
    /// the files back only for the lock to close them), and an erase does not run beside either.
    lock_turn: Mutex<()>,
    /// Told when the window, locked, asks whether it is (the prompt has mounted: the page has
    /// reloaded and holds nothing of the library); a lock before sleep waits for it.
    pub prompt_shown: tokio::sync::Notify,
    /// A panic erase's countdown under way: the tray's Erase clicked or a countdown opened in the
    /// window, and not cancelled (`erase_asked`), done (`erase_now`) or ended by a lock the
    /// desktop made (session_watch.rs) since.
    pub erase_asked: std::sync::atomic::AtomicBool,
    /// When the desktop last locked (sleep, its lock screen, the screen saver), in milliseconds
    /// since 1970: a countdown started before it cannot erase (`erase_now`).
    pub desktop_locked_at: std::sync::atomic::AtomicU64,
    /// The app's shared hold on the data folder: `peerlib encrypt` and the like wait for the app
    /// to quit rather than rewrite user.db under its feet.
    in_use: Mutex<Option<peerlib_store::crypt::InUse>>,
    /// The interface language; the user may switch it while the app runs.
    l10n: RwLock<Localizer>,
    /// The network this run follows, read once as it starts (Network::followed_in: the file
    /// PEERLIB_NETWORK names, the joined one, the machine's, else the one built in).
    network: Result<Arc<Network>, ErrorCode>,
    /// Where the network this run follows was named (also when its file was not valid).
    network_source: NetworkSource,
    store: Result<Mutex<ContentStore>, ErrorCode>,
    /// Notes, bookmarks and the rest of what only this laptop has (user.db, backed up daily).
    user: Result<Mutex<UserStore>, ErrorCode>,
    /// The sync running now, if any: its cancel handle.
    running: Mutex<Option<Cancel>>,
    /// Notifications asked of the OS in this run (shown to tests and, later, a "what's new").
    notified: Mutex<Vec<String>>,
    /// When the background loop will sync next (unix seconds); None while paused or before the
    /// loop runs.
    next_sync: Mutex<Option<i64>>,
    /// What opening the library had to repair, for the window to tell the user once.
    recovery: Mutex<Recovery>,
    /// The sharing with laptops nearby, if one runs, with its number (commands/nearby.rs).
    sharing: Mutex<Option<(u64, peerlib_serve::nearby::Sharing)>>,
    sharings: std::sync::atomic::AtomicU64,
    sharing_stops: std::sync::atomic::AtomicU64,
}

/// A damaged file found when the app opened: never deleted, moved aside (and user data restored
/// from its backup when there is one).
#[derive(Debug, Default, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Recovery {
    /// content.db was damaged: moved here, and the library rebuilt (a sync brings the rest back).
    pub library_moved_aside: Option<String>,
    /// user.db was damaged: moved here...
    pub user_moved_aside: Option<String>,
    /// ...and restored from this backup (None: there was no backup to restore).
    pub user_restored_from: Option<String>,
    /// Wrong passphrases typed for the personal data since it was last unlocked, here or with
    /// `peerlib` (peerlib_store::tries), said at the unlock that ends them: someone may have
    /// tried it while the laptop was out of the user's hands.
    pub wrong_passphrases: Option<WrongPassphrases>,
}

/// Why a lock found nothing to lock once the rewrite of the personal data it waited for was
/// over: it was being made plain (`Decrypted`), or an encryption (or a change of passphrase)
/// failed and left it plain (`NotEncrypted`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum NothingLocked {
    Decrypted,
    NotEncrypted,
}

/// `count` wrong passphrases, the last at `last` (seconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WrongPassphrases {
    pub count: u32,
    #[ts(type = "number")]
    pub last: i64,
}

impl AppState {
    /// Open the library in `dir`, importing the starter library on the first run.
    pub fn open(dir: DataDir, l10n: Localizer) -> Self {
        let (network_source, network) = Network::followed_in(dir.root());
        let network = network.map(Arc::new).map_err(|_| ErrorCode::NetworkConfig);
        let mut recovery = Recovery::default();
        let shown = |p: Option<PathBuf>| p.map(|p| p.display().to_string());
        // user.db first: the library's open puts back the feeds it lists (a rebuilt content.db).
        // `peerlib encrypt` (or decrypt, passphrase) rewriting user.db now: wait for it (it takes
        // about a second) rather than open a file that is being replaced.
        let in_use = peerlib_store::crypt::InUse::shared_waiting(&dir, std::time::Duration::from_secs(30));
        let user = UserStore::open_in(&dir, unix_now()).map(|(u, report)| {
            recovery.user_moved_aside = shown(report.moved_aside);
            recovery.user_restored_from = shown(report.restored_from);
            u
        });
        // Encrypted and not unlocked yet: empty stores until the passphrase is given.
        let locked = matches!(user, Err(StoreError::Locked));
        let (user, store) = if locked {
            let memory = |e: StoreError| e.code();
            (UserStore::open_in_memory(), ContentStore::open_in_memory().map(Mutex::new).map_err(memory))
        } else {
            let store = Self::open_store(&dir, &network, user.as_ref(), &mut recovery);
            (user, store)
        };
        let user = user.map(Mutex::new).map_err(|e| e.code());
        let state = AppState { dir: RwLock::new(dir), locked: locked.into(), failed_unlocks: Default::default(), trying: Mutex::new(()), changed_as_locked: Default::default(), nothing_locked: Default::default(), plain_after_rewrite: Default::default(), sync_patience: Mutex::new((SYNC_PATIENCE, None)), lock_asks: Default::default(), rewriting: Default::default(), locks: Default::default(), lock_turn: Mutex::new(()), prompt_shown: Default::default(), erase_asked: Default::default(), desktop_locked_at: Default::default(), language_from_launch: Default::default(), in_use: Mutex::new(in_use), l10n: RwLock::new(l10n), network, network_source, store, user, running: Mutex::new(None), notified: Mutex::new(vec![]), next_sync: Mutex::new(None), recovery: Mutex::new(recovery), sharing: Mutex::new(None), sharings: Default::default(), sharing_stops: Default::default() };
        // Copies opened in other programs that a crash left behind.
        state.forget_opened(None);
        state
    }

    fn open_store(dir: &DataDir, network: &Result<Arc<Network>, ErrorCode>, user: Result<&UserStore, &StoreError>, recovery: &mut Recovery) -> Result<Mutex<ContentStore>, ErrorCode> {
        let shown = |p: Option<PathBuf>| p.map(|p| p.display().to_string());
        match (network, user) {
            (Ok(n), Ok(u)) => peerlib_sync::open_library_with(dir, n, u)
                .map(|(s, report)| {
                    recovery.library_moved_aside = shown(report.moved_aside);
                    Mutex::new(s)
                })
                .map_err(|e| e.code()),
            (Err(code), _) => Err(*code),
            (_, Err(e)) => Err(e.code()),
        }
    }

    /// Whether a panic erase's countdown opened at `since` (the page's clock, in milliseconds
    /// since 1970) was opened before the desktop's last lock: nobody could reach its Cancel behind
    /// the lock screen, so it may not erase (commands/personal.rs).
    pub fn opened_before_desktop_lock(&self, since: u64) -> bool {
        since <= self.desktop_locked_at.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// What opening the library had to repair (at start, or at the unlock of encrypted data).
    pub fn recovery(&self) -> Recovery {
        self.recovery.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// `recovery`, for the window, which says it: the wrong passphrases are said once (not again
    /// when the page is loaded anew, after a lock that gave way, an erase or a change of language).
    pub fn recovery_to_say(&self) -> Recovery {
        let mut held = self.recovery.lock().unwrap_or_else(|p| p.into_inner());
        let said = held.clone();
        held.wrong_passphrases = None;
        said
    }

    /// The interface language was given at launch (`--lang`): the one saved in Settings is not
    /// applied over it, at start or at an unlock.
    pub fn set_language_from_launch(&self, given: bool) {
        self.language_from_launch.store(given, std::sync::atomic::Ordering::SeqCst);
    }

    /// The interface language saved in Settings, applied unless one was given at launch: at start
    /// and, with encrypted personal data, once it is unlocked.
    pub fn apply_saved_language(&self) {
        if self.language_from_launch.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        if let Some(tag) = self.settings().interface_language {
            self.set_locale(&tag);
        }
    }

    /// The data folder (with the keyring while unlocked).
    pub fn dir(&self) -> DataDir {
        self.dir.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// True while encrypted personal data waits for its passphrase.
    pub fn is_locked(&self) -> bool {
        self.locked.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Whether the personal data on disk is encrypted (asks for nothing).
    pub fn is_encrypted(&self) -> bool {
        peerlib_store::crypt::is_encrypted(&self.dir())
    }

    /// The app goes by its neutral name, icon and notifications: discreet mode is on, or the
    /// data is locked (its settings, discreet mode among them, cannot be read then, and a
    /// locked app names nothing: #18 item 3), or a lock gave way and its prompt still says that
    /// nothing was locked (`nothing_locked`: the person who locked may have walked away).
    pub fn discreet(&self) -> bool {
        self.is_locked() || self.nothing_locked().is_some() || self.settings().discreet
    }

    pub fn check_unlocked(&self) -> Result<(), WireError> {
        if self.is_locked() {
            return Err(self.error(ErrorCode::Locked));
        }
        Ok(())
    }

    /// Whether `set_encryption` is rewriting the personal data now (a lock waits for it).
    pub fn rewriting(&self) -> bool {
        self.rewriting.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Locks so far in this run, read before a command waits (`unlocked_since`).
    pub fn locks(&self) -> u64 {
        self.locks.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// `locked` unless the data is unlocked and has not been locked since `locks` was read: a
    /// command that began unlocked does not finish after a lock (a file written, a document
    /// opened, a network joined from a dialog left open over the unlock prompt).
    pub fn unlocked_since(&self, locks: u64) -> Result<(), WireError> {
        if self.is_locked() || self.locks() != locks {
            return Err(self.error(ErrorCode::Locked));
        }
        Ok(())
    }

    /// The running sync stopped and its lock held, waiting at most 30 s for it to end (by the
    /// clock: each try itself waits a moment, `SyncLock::try_acquire`). With `hurry` (an erase),
    /// a sync whose wait ran out within the last two minutes is tried for once, not waited for
    /// again: a panic erase right after a lock that waited the whole 30 s for another process's
    /// stuck sync went on waiting up to 30 s more until 2026-12-07.
    fn quiet_sync_in(&self, hurry: bool) -> Option<peerlib_sync::lock::SyncLock> {
        self.cancel_sync();
        self.end_sharing();
        let (patience, ran_out) = *self.sync_patience.lock().unwrap_or_else(|p| p.into_inner());
        // This app's own sync stops within moments once cancelled: it is always waited for.
        let stuck = hurry && !self.sync_running() && ran_out.is_some_and(|at| at.elapsed() < STUCK_SYNC_REMEMBERED);
        let deadline = std::time::Instant::now() + if stuck { std::time::Duration::ZERO } else { patience };
        let got = loop {
            match peerlib_sync::lock::SyncLock::try_acquire(&self.dir()) {
                Ok(l) => break Some(l),
                Err(_) if std::time::Instant::now() >= deadline => break None,
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
            }
        };
        // Remembered when the whole wait ran out, forgotten once the sync's lock is had.
        let mut remembered = self.sync_patience.lock().unwrap_or_else(|p| p.into_inner());
        match (&got, stuck) {
            (Some(_), _) => remembered.1 = None,
            (None, false) => remembered.1 = Some(std::time::Instant::now()),
            (None, true) => {}
        }
        got
    }

    fn quiet_sync(&self) -> Option<peerlib_sync::lock::SyncLock> {
        self.quiet_sync_in(false)
    }

    /// How long a lock, an erase or a change of encryption waits for a running sync to stop (30 s
    /// unless a test says otherwise).
    pub fn set_sync_patience(&self, patience: std::time::Duration) {
        self.sync_patience.lock().unwrap_or_else(|p| p.into_inner()).0 = patience;
    }

    /// Unlock encrypted personal data with `passphrase`: user.db and the library opened as at
    /// start. A passphrase is tried after a delay that grows with each wrong one since the last
    /// unlock (none, then 1 s, 2 s, 4 s ... at most 30 s), counted in the data folder so that a
    /// restart or `peerlib` does not start it again (peerlib_store::tries); a wrong one erases
    /// nothing, ever. The right one says how many wrong ones there were (`Recovery`).
    pub fn unlock(&self, passphrase: &str) -> Result<(), WireError> {
        if !self.is_locked() {
            return Ok(());
        }
        let _trying = self.trying.lock().unwrap_or_else(|p| p.into_inner());
        std::thread::sleep(self.unlock_wait());
        // The wait above is not held against a lock; what follows is.
        let _turn = self.lock_turn.lock().unwrap_or_else(|p| p.into_inner());
        if !self.is_locked() {
            return Ok(());
        }
        let base = self.dir().without_keyring();
        let dir = base.with_keyring(peerlib_store::crypt::Keyring::new(&base, passphrase));
        let (user, report) = match UserStore::open_in(&dir, unix_now()) {
            Ok(opened) => opened,
            Err(e) => {
                if matches!(e, StoreError::WrongPassphrase) {
                    self.count_wrong_passphrase(&base);
                }
                return Err(self.error(e.code()));
            }
        };
        let mut recovery = Recovery::default();
        let shown = |p: Option<PathBuf>| p.map(|p| p.display().to_string());
        recovery.user_moved_aside = shown(report.moved_aside);
        recovery.user_restored_from = shown(report.restored_from);
        let store = Self::open_store(&dir, &self.network, Ok(&user), &mut recovery);
        // The wrong passphrases since the last unlock are said, once (those of this run too,
        // when the data folder could not keep them), and forgotten once the unlock is whole.
        // What the open had to repair, for the window to say once, as at an unencrypted start:
        // in place before the data counts as unlocked, so that a window that asks at once has it.
        let this_run = *self.failed_unlocks.lock().unwrap_or_else(|p| p.into_inner());
        let wrong = this_run.most(tries::read(&base));
        recovery.wrong_passphrases = (wrong.count > 0).then_some(WrongPassphrases { count: wrong.count, last: wrong.last });
        *self.recovery.lock().unwrap_or_else(|p| p.into_inner()) = recovery;
        self.swap(dir, user, store)?;
        self.forget_wrong_passphrases(&base);
        self.changed_as_locked.store(false, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Locked right after a change of passphrase that the lock waited for: the new passphrase
    /// opens the data (the prompt says so; Settings was gone before it could).
    pub fn changed_as_locked(&self) -> bool {
        self.is_locked() && self.changed_as_locked.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Why the last lock gave way (the data plain once the rewrite it waited for was over), while
    /// the data is still plain and unlocked: the prompt says so rather than show the library.
    pub fn nothing_locked(&self) -> Option<NothingLocked> {
        let why = *self.nothing_locked.lock().unwrap_or_else(|p| p.into_inner());
        why.filter(|_| !self.is_encrypted() && !self.is_locked())
    }

    /// The prompt's "Open the library" was clicked: the library is on screen, and what the prompt
    /// said is no longer said (nor kept neutral: `discreet`).
    pub fn nothing_locked_seen(&self) {
        *self.nothing_locked.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// How long the next passphrase waits before it is tried: as the wrong ones since the last
    /// unlock ask (peerlib_store::tries), those of this run counted even when the data folder
    /// could not keep them. The prompt says it.
    pub fn unlock_wait(&self) -> std::time::Duration {
        let this_run = *self.failed_unlocks.lock().unwrap_or_else(|p| p.into_inner());
        this_run.most(tries::read(&self.dir())).wait_at(unix_now())
    }

    /// One more wrong passphrase for the personal data: in the data folder, or in this run's
    /// memory when the folder cannot keep it. Not once the data is plain (an erase came during
    /// the check's wait): nothing is left that a passphrase opens, and no trace of one is
    /// written. Called with `lock_turn` held, so that no erase runs meanwhile.
    fn count_wrong_passphrase(&self, dir: &DataDir) {
        if !self.is_encrypted() {
            return;
        }
        // Written (and flushed) without holding the count of this run: the prompt's status reads
        // it meanwhile. Counted in this run's memory only when the folder could not keep it: once kept there,
        // an unlock with `peerlib` meanwhile ends it for the app too.
        let now = unix_now();
        if tries::failed(dir, now).is_none() {
            let mut this_run = self.failed_unlocks.lock().unwrap_or_else(|p| p.into_inner());
            *this_run = tries::Tries { count: this_run.count.saturating_add(1), last: now };
        }
    }

    /// The wrong passphrases so far (this run's and the data folder's) forgotten: the right one
    /// was typed, or the personal data was encrypted anew or decrypted. (An erase forgets this
    /// run's and overwrites the folder's record with the other personal files.)
    fn forget_wrong_passphrases(&self, dir: &DataDir) {
        *self.failed_unlocks.lock().unwrap_or_else(|p| p.into_inner()) = tries::Tries::default();
        tries::clear(dir);
    }

    /// Put these stores and this folder in place and mark the data unlocked.
    fn swap(&self, dir: DataDir, user: UserStore, store: Result<Mutex<ContentStore>, ErrorCode>) -> Result<(), WireError> {
        let (Ok(held_store), Ok(held_user)) = (self.store.as_ref(), self.user.as_ref()) else {
            return Err(self.error(ErrorCode::Database));
        };
        let mut s = held_store.lock().unwrap_or_else(|p| p.into_inner());
        let mut u = held_user.lock().unwrap_or_else(|p| p.into_inner());
        // A library that cannot open (the network's settings unusable) leaves the empty one: the
        // personal data opens all the same, and the sync says what is wrong.
        if let Ok(store) = store {
            *s = store.into_inner().unwrap_or_else(|p| p.into_inner());
        }
        *u = user;
        *self.dir.write().unwrap_or_else(|p| p.into_inner()) = dir;
        self.locked.store(false, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Lock encrypted personal data now: the sync stopped, the files closed, the passphrase and
    /// its keys dropped from memory (wiped), the stores empty ones in memory. Does nothing when
    /// the data is not encrypted (there is nothing a passphrase would open).
    pub fn lock(&self) -> Result<(), WireError> {
        self.lock_then(|| ())
    }

    /// `lock`, calling `shown` as soon as the app counts as locked: before the running sync is
    /// waited for (it stops within moments, at most 30 s), so that the window can leave the
    /// library for the prompt at once. From then on every command but the prompt's answers
    /// `locked` and no sync starts; the files close and the keys go once the sync has stopped.
    /// `shown` is not called when nothing was locked (already locked, not encrypted, or failed);
    /// when it was, and the app is not locked once this returns, a decryption under way as the
    /// lock came made the data plain meanwhile.
    /// Before 2026-12-07 the app counted as locked only after that wait, and the library stayed
    /// on screen meanwhile.
    pub fn lock_then(&self, shown: impl FnOnce()) -> Result<(), WireError> {
        self.lock_asks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _turn = self.lock_turn.lock().unwrap_or_else(|p| p.into_inner());
        // Not encrypted (yet, or any more) while an encryption or a decryption is under way: the
        // lock waits for it below and sees what it left. (Until 2026-12-07 a lock during an
        // encryption did nothing, and the app went on unlocked with the new keys in memory.)
        if self.is_locked() || !(self.is_encrypted() || self.rewriting()) {
            return Ok(());
        }
        let memory = |e: StoreError| self.error(e.code());
        // Opened before anything changes, the sync and a sharing included: a lock either happens
        // whole or fails with nothing done (never "locked" with the files still open and the
        // passphrase kept).
        let (new_user, new_store) = (UserStore::open_in_memory().map_err(memory)?, ContentStore::open_in_memory().map_err(memory)?);
        let (Ok(store), Ok(user)) = (self.store.as_ref(), self.user.as_ref()) else { return Ok(()) };
        self.locked.store(true, std::sync::atomic::Ordering::SeqCst);
        self.locks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // The copies opened in other programs go before the prompt is shown (they need no sync
        // stopped); the rest of what `forget_opened` erases, once it has.
        let _ = peerlib_store::erase::erase_one(&self.dir().attachments().join("open"));
        shown();
        let sync = self.quiet_sync();
        let mut s = store.lock().unwrap_or_else(|p| p.into_inner());
        let mut u = user.lock().unwrap_or_else(|p| p.into_inner());
        // The personal data is plain now: a decryption under way when the lock came (or an
        // encryption that failed part-way; only `set_encryption` makes it plain, and it holds
        // these guards from before the lock to its end). There is nothing to lock, and a prompt
        // would be answered by any passphrase, the user never told that the data is plain (until
        // 2026-12-07 it stayed, until a restart). The app goes on unlocked, no key kept, and
        // `shown`'s window is told (`lock_app`); unless `set_encryption` could open no user.db
        // at all and locked the app itself, which stays locked (nothing written to the empty
        // stores would be kept).
        if !self.is_encrypted() {
            if u.is_file() {
                let mut dir = self.dir.write().unwrap_or_else(|p| p.into_inner());
                *dir = dir.without_keyring();
                self.locked.store(false, std::sync::atomic::Ordering::SeqCst);
                // The prompt shown above says why (set here, where it was shown: a lock that
                // came as the rewrite ended and found nothing to lock shows nothing, and says
                // nothing).
                let why = self.plain_after_rewrite.lock().unwrap_or_else(|p| p.into_inner()).take();
                *self.nothing_locked.lock().unwrap_or_else(|p| p.into_inner()) = why;
            }
            return Ok(());
        }
        *u = new_user;
        *s = new_store;
        let mut dir = self.dir.write().unwrap_or_else(|p| p.into_inner());
        *dir = dir.without_keyring();
        drop(dir);
        self.forget_opened(sync.as_ref());
        Ok(())
    }

    /// With encrypted personal data, remove the copies of attachments handed to other programs
    /// (`attachments/open`): which documents were opened is read state, which the passphrase
    /// guards (#18 item 7). They are links to the library's files (or copies), made again when a
    /// document is opened; called on lock, on quit and at start.
    /// With the library encrypted too, the plain files a sync leaves go as well (downloads cut
    /// short, the extraction child's copies: `files::erase_plain_leftovers`) and the folders a
    /// killed sharing left, but only with no sync running here or in another process: `held` is
    /// the sync lock when the caller has it, else it is tried for, and without it they stay.
    pub fn forget_opened(&self, held: Option<&peerlib_sync::lock::SyncLock>) {
        if !self.is_encrypted() {
            return;
        }
        let dir = self.dir();
        let _ = peerlib_store::erase::erase_one(&dir.attachments().join("open"));
        if !peerlib_store::crypt::library_encrypted(&dir) {
            return;
        }
        let _own = match held {
            Some(_) => None,
            None => match peerlib_sync::lock::SyncLock::try_acquire(&dir) {
                Ok(lock) => Some(lock),
                Err(_) => return,
            },
        };
        peerlib_store::files::erase_plain_leftovers(&dir.attachments());
        peerlib_serve::nearby::erase_left_behind(&dir);
    }

    /// Encrypt the personal data with `passphrase`, decrypt it (None), or give it a new one:
    /// `current` is the passphrase it has now (None when it is not encrypted). The app's own
    /// connection to user.db is closed meanwhile and the sync waited for; a crash at any point
    /// leaves the files opened by the passphrase before or the one after (crypt.rs).
    pub fn set_encryption(&self, current: Option<&str>, new: Option<&str>) -> Result<(), WireError> {
        let since = self.locks();
        let asks = self.lock_asks.load(std::sync::atomic::Ordering::SeqCst);
        self.check_unlocked()?;
        // What a lock during an earlier rewrite found is no longer the news.
        *self.nothing_locked.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.plain_after_rewrite.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let base = self.dir().without_keyring();
        let said = |e: StoreError| self.error(e.code());
        // Checked before anything is closed: a wrong current passphrase changes nothing.
        let old = match current {
            Some(p) if self.is_encrypted() => {
                // Waited for and counted as at the prompt: someone at the laptop while it is
                // unlocked guesses no faster here.
                let _trying = self.trying.lock().unwrap_or_else(|p| p.into_inner());
                std::thread::sleep(self.unlock_wait());
                // A lock during the wait (up to 30 s): the passphrase is not tried behind the
                // prompt, as no command waiting when a lock came goes on after it.
                self.unlocked_since(since)?;
                let ring = peerlib_store::crypt::Keyring::new(&base, p);
                if let Err(e) = UserStore::open_in(&base.with_keyring(ring.clone()), unix_now()) {
                    if matches!(e, StoreError::WrongPassphrase) {
                        // Not beside an erase (which holds the turn): counted before it, the
                        // record is erased with the rest; after it, the data is plain and
                        // nothing is counted. The prompt's unlock counts under the same turn.
                        let _turn = self.lock_turn.lock().unwrap_or_else(|p| p.into_inner());
                        self.count_wrong_passphrase(&base);
                    }
                    return Err(said(e));
                }
                Some(ring)
            }
            _ if self.is_encrypted() => return Err(self.error(ErrorCode::Locked)),
            _ => None,
        };
        if new.is_some_and(|n| n.chars().count() < peerlib_store::sealed::MIN_PASSPHRASE) {
            return Err(self.error(ErrorCode::ShortPassphrase));
        }
        if old.is_none() && new.is_none() {
            return Err(self.error(ErrorCode::NotEncrypted));
        }
        // A sync that will not stop keeps user.db open: nothing is rewritten under it.
        let Some(_sync) = self.quiet_sync() else { return Err(self.error(ErrorCode::Busy)) };
        let (Ok(user), Ok(library)) = (self.user.as_ref(), self.store.as_ref()) else { return Err(self.error(ErrorCode::Database)) };
        // Decrypting rewrites an encrypted library too: closed meanwhile, opened again after.
        let library_open = peerlib_store::crypt::library_encrypted(&base);
        let mut s = library.lock().unwrap_or_else(|p| p.into_inner());
        let mut u = user.lock().unwrap_or_else(|p| p.into_inner());
        // A lock that came while the sync was waited for has closed the files: they are not
        // opened again behind it (a lock after this point waits for these guards).
        self.unlocked_since(since)?;
        // Until this returns (the guards above go with it), a lock waits for the rewrite.
        struct Rewriting<'a>(&'a std::sync::atomic::AtomicBool);
        impl Drop for Rewriting<'_> {
            fn drop(&mut self) {
                self.0.store(false, std::sync::atomic::Ordering::SeqCst);
            }
        }
        self.rewriting.store(true, std::sync::atomic::Ordering::SeqCst);
        let _rewriting = Rewriting(&self.rewriting);
        if library_open {
            *s = ContentStore::open_in_memory().map_err(said)?;
        }
        *u = UserStore::open_in_memory().map_err(said)?;
        let result = match (&old, new) {
            (None, Some(n)) => peerlib_store::crypt::encrypt(&base, n).map(Some),
            (Some(o), Some(n)) => peerlib_store::crypt::change_passphrase(&base, o, n).map(Some),
            (Some(o), None) => peerlib_store::crypt::decrypt(&base, o).map(|_| None),
            (None, None) => unreachable!("refused above"),
        };
        // Wrong passphrases counted before an encryption or a decryption are not the new state's
        // (crypt.rs removes the folder's record); a new passphrase keeps them, for the next
        // unlock to say.
        if (result.is_ok() && old.is_none()) || !peerlib_store::crypt::is_encrypted(&base) {
            self.forget_wrong_passphrases(&base);
        }
        // Whatever happened, the app goes on with the files as they now are: user.db opened with
        // the passphrase it has now, whichever that is (a failure part-way may have left it
        // with the new one or the old one, or plain). If none opens it, the app locks: nothing
        // is written to a store that would be lost at quit.
        let mut rings: Vec<Option<std::sync::Arc<peerlib_store::crypt::Keyring>>> = vec![];
        if let Ok(r) = &result {
            rings.push(r.clone());
        }
        if let Some(n) = new {
            rings.push(Some(peerlib_store::crypt::Keyring::new(&base, n)));
        }
        rings.push(old.clone());
        rings.push(None);
        for ring in rings {
            let dir = match ring {
                Some(r) => base.with_keyring(r),
                None => base.clone(),
            };
            if let Ok((user, _)) = UserStore::open_in(&dir, unix_now()) {
                // The library as it now is; one that cannot open leaves the empty one, as at a
                // start (the personal data is put in place all the same).
                if let (true, Ok(network)) = (library_open, self.network.as_ref()) {
                    if let Ok((store, _)) = peerlib_sync::open_library_with(&dir, network, &user) {
                        *s = store;
                    }
                }
                *u = user;
                *self.dir.write().unwrap_or_else(|p| p.into_inner()) = dir;
                // A lock asked for before the encryption began (its sync waited for, the data
                // still plain) found nothing to lock: it locks now that there is (until
                // 2026-12-07 the app went on unlocked, the new keys in memory). One asked for
                // during the rewrite has counted already, and locks itself once this returns.
                if result.is_ok() && old.is_none() && self.is_encrypted() && !self.is_locked() && self.lock_asks.load(std::sync::atomic::Ordering::SeqCst) != asks {
                    *u = UserStore::open_in_memory().map_err(said)?;
                    *s = ContentStore::open_in_memory().map_err(said)?;
                    let mut dir = self.dir.write().unwrap_or_else(|p| p.into_inner());
                    *dir = dir.without_keyring();
                    drop(dir);
                    self.locked.store(true, std::sync::atomic::Ordering::SeqCst);
                    self.locks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let _ = peerlib_store::erase::erase_one(&self.dir().attachments().join("open"));
                }
                let asked = self.lock_asks.load(std::sync::atomic::Ordering::SeqCst) != asks;
                let changed = result.is_ok() && old.is_some() && new.is_some() && asked;
                self.changed_as_locked.store(changed, std::sync::atomic::Ordering::SeqCst);
                // A lock that came during the rewrite finds the data plain and gives way once this
                // returns (`lock_then`): the prompt it showed says why, in place of the passphrase
                // field (the page that asked for the change is gone, and with it what it would
                // have said). Until 2026-12-07 the reason was set here for any lock asked for
                // meanwhile, also one that came as the rewrite ended, found nothing to lock and
                // showed no prompt: the app then stayed neutral with the library on screen.
                let why = match new {
                    _ if self.is_encrypted() => None,
                    None => Some(NothingLocked::Decrypted),
                    Some(_) => Some(NothingLocked::NotEncrypted),
                };
                *self.plain_after_rewrite.lock().unwrap_or_else(|p| p.into_inner()) = why;
                return result.map(|_| ()).map_err(said);
            }
        }
        *self.dir.write().unwrap_or_else(|p| p.into_inner()) = base;
        self.locked.store(true, std::sync::atomic::Ordering::SeqCst);
        Err(result.err().map_or_else(|| self.error(ErrorCode::Locked), said))
    }

    /// Encrypt the library (content.db) with the key kept in the encrypted personal data, or
    /// make it plain again (#18 item 1). The app's connection to it is closed meanwhile and the
    /// sync waited for; a crash leaves it plain or encrypted, and an encryption cut short is
    /// finished at the next unlock (crypt.rs).
    pub fn set_library_encryption(&self, on: bool) -> Result<(), WireError> {
        let since = self.locks();
        self.check_unlocked()?;
        if !self.is_encrypted() {
            return Err(self.error(ErrorCode::NotEncrypted));
        }
        let dir = self.dir();
        let said = |e: StoreError| self.error(e.code());
        let Some(_sync) = self.quiet_sync() else { return Err(self.error(ErrorCode::Busy)) };
        let (Ok(library), Ok(user), Ok(network)) = (self.store.as_ref(), self.user.as_ref(), self.network.as_ref()) else {
            return Err(self.error(ErrorCode::Database));
        };
        let mut s = library.lock().unwrap_or_else(|p| p.into_inner());
        let u = user.lock().unwrap_or_else(|p| p.into_inner());
        // As in `set_encryption`: not after a lock.
        self.unlocked_since(since)?;
        *s = ContentStore::open_in_memory().map_err(said)?;
        let result = match on {
            true => peerlib_store::crypt::encrypt_library(&dir, unix_now()),
            false => peerlib_store::crypt::decrypt_library(&dir, unix_now()),
        };
        // The library as it now is, whatever happened.
        *s = peerlib_sync::open_library_with(&dir, network, &u).map_err(|e| self.error(e.code()))?.0;
        result.map_err(said)
    }

    /// Whether the library (content.db) is encrypted too.
    pub fn is_library_encrypted(&self) -> bool {
        peerlib_store::crypt::library_encrypted(&self.dir())
    }

    /// The interface language's messages.
    pub fn l10n(&self) -> RwLockReadGuard<'_, Localizer> {
        self.l10n.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Switch the interface language (negotiated against what ships).
    pub fn set_locale(&self, tag: &str) {
        *self.l10n.write().unwrap_or_else(|p| p.into_inner()) = Localizer::for_user(Some(tag));
    }

    pub fn network(&self) -> Result<Arc<Network>, WireError> {
        self.network.clone().map_err(|code| self.error(code))
    }

    /// The network this run follows (None: its file was not valid as the app started), and where
    /// it was named. What the files say now may differ (`peerlib network join` since): it is
    /// followed from the next start.
    pub fn network_followed(&self) -> (Option<Arc<Network>>, NetworkSource) {
        (self.network.clone().ok(), self.network_source)
    }

    /// Mark a sync as running and return its cancel handle; `busy` when one already runs. (The
    /// sync's file lock also keeps out a `peerlib sync` started from a terminal or a timer.)
    pub fn begin_sync(&self) -> Result<Cancel, WireError> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        // Locked: no sync (it would need the feeds and settings that only the passphrase opens).
        // Asked with `running` held: a lock counted after this finds the sync there to cancel
        // (`lock_then` counts, then cancels).
        self.check_unlocked()?;
        if running.is_some() {
            return Err(self.error(ErrorCode::Busy));
        }
        let cancel = Cancel::new();
        *running = Some(cancel.clone());
        Ok(cancel)
    }

    pub fn end_sync(&self) {
        *self.running.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Stop the running sync, if any. True when there was one.
    pub fn cancel_sync(&self) -> bool {
        match &*self.running.lock().unwrap_or_else(|p| p.into_inner()) {
            Some(c) => {
                c.cancel();
                true
            }
            None => false,
        }
    }

    pub fn record_notification(&self, body: &str) {
        self.notified.lock().unwrap_or_else(|p| p.into_inner()).push(body.to_string());
    }

    pub fn notifications(&self) -> Vec<String> {
        self.notified.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_next_sync(&self, at: Option<i64>) {
        *self.next_sync.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }

    pub fn next_sync(&self) -> Option<i64> {
        *self.next_sync.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn sync_running(&self) -> bool {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// Run one store call, mapping its error to the wire.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut ContentStore) -> Result<T, StoreError>,
    ) -> Result<T, WireError> {
        self.with_sync_store(|s| f(s).map_err(peerlib_sync::SyncError::from))
    }

    /// Run one call of the sync crate on the library, mapping its error to the wire.
    pub fn with_sync_store<T>(
        &self,
        f: impl FnOnce(&mut ContentStore) -> Result<T, peerlib_sync::SyncError>,
    ) -> Result<T, WireError> {
        self.check_unlocked()?;
        let store = self.store.as_ref().map_err(|code| self.error(*code))?;
        // A panic in another command poisons the lock; the connection itself is still sound.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(e.code()))
    }

    /// Run one call of the sync crate on the library and user.db together (following a feed
    /// writes both). Locks the library, then user.db: no other path holds both.
    pub fn with_library<T>(
        &self,
        f: impl FnOnce(&mut ContentStore, &UserStore) -> Result<T, peerlib_sync::SyncError>,
    ) -> Result<T, WireError> {
        let user = self.user.as_ref().map_err(|code| self.error(*code))?;
        self.with_sync_store(|s| {
            let guard = user.lock().unwrap_or_else(|p| p.into_inner());
            f(s, &guard)
        })
    }

    /// Run one user-data call, mapping its error to the wire.
    pub fn with_user<T>(&self, f: impl FnOnce(&mut UserStore) -> Result<T, StoreError>) -> Result<T, WireError> {
        self.check_unlocked()?;
        let user = self.user.as_ref().map_err(|code| self.error(*code))?;
        let mut guard = user.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(e.code()))
    }

    /// The user's settings; the defaults when user.db cannot be read (the window says why
    /// through the commands that need it).
    pub fn settings(&self) -> Settings {
        self.with_user(|u| u.settings()).unwrap_or_default()
    }

    /// The settings a request to the network is made with: refused while locked, never the
    /// defaults `settings` gives then, which have no proxy (a request made with them would go
    /// past the user's) and every check on.
    pub fn settings_to_connect(&self) -> Result<Settings, WireError> {
        self.with_user(|u| u.settings())
    }

    /// Languages to read documents in, most preferred first (see `Settings::document_languages`).
    pub fn content_languages(&self) -> Vec<String> {
        self.settings().document_languages(&self.l10n().document_language())
    }

    /// Save a copy of a held attachment into `folder` (the user's Downloads), named after its
    /// title; an existing file is never overwritten ("Title (2).pdf"). Returns the copy's path.
    /// Any held attachment can be saved, openable or not; its extension says what it is only when
    /// that is safe (`peerlib_sync::save_extension`).
    pub fn save_attachment_copy(&self, sha256: &str, folder: &std::path::Path) -> Result<PathBuf, WireError> {
        let attachment = self.held_attachment(sha256)?;
        let files = self.dir().files().map_err(|e| self.error(e.code()))?;
        let bytes = files.read(sha256).map_err(|_| self.error(ErrorCode::AttachmentMissing))?;
        let ext = peerlib_sync::save_extension(&attachment, &bytes);
        copy_named(&bytes, &attachment.title, ext, folder).map_err(|_| self.error(ErrorCode::Disk))
    }

    /// The path to hand to the system opener for an attachment the library knows and holds, if
    /// it may be opened at all (`not-openable` otherwise).
    pub fn attachment_for_opening(&self, sha256: &str) -> Result<PathBuf, WireError> {
        let attachment = self.held_attachment(sha256)?;
        peerlib_sync::openable_attachment(&self.dir(), &attachment).map_err(|e| self.error(peerlib_sync::SyncError::from(e).code()))
    }

    fn held_attachment(&self, sha256: &str) -> Result<peerlib_store::Attachment, WireError> {
        let attachment = self
            .with_store(|s| s.attachment(sha256))?
            .ok_or_else(|| self.error(ErrorCode::NotFound))?;
        if !attachment.downloaded {
            return Err(self.error(ErrorCode::AttachmentMissing));
        }
        Ok(attachment)
    }

    /// An image some document shows: its media type and bytes, if the hash is one the library
    /// knows as an image and its file is held.
    pub fn image(&self, sha256: &str) -> Option<(String, Vec<u8>)> {
        let media_type = self.with_store(|s| s.image(sha256)).ok()??;
        Some((media_type, self.dir().files().ok()?.read(sha256).ok()?))
    }

    /// The Fluent id of the name the app goes by outside its page (window title, tray,
    /// notifications): "Peer Library", or in discreet mode (#18) a neutral "Library".
    pub fn name_id(&self) -> &'static str {
        if self.discreet() {
            "discreet-title"
        } else {
            "app-title"
        }
    }

    /// Stops asked for so far: a sharing that began before the last one is not kept.
    pub fn sharing_stops(&self) -> u64 {
        self.sharing_stops.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Hold a sharing that has started, unless a stop was asked since `stops` was read (the
    /// panel closed while it started): then it is given back, to be stopped. Its number, for
    /// `take_sharing`, and the sharing it replaces, to be stopped.
    #[allow(clippy::result_large_err, reason = "the Err is the sharing given back, not an error")]
    pub fn put_sharing(&self, stops: u64, sharing: peerlib_serve::nearby::Sharing) -> Result<(u64, Option<peerlib_serve::nearby::Sharing>), peerlib_serve::nearby::Sharing> {
        let mut slot = self.sharing.lock().unwrap_or_else(|p| p.into_inner());
        if self.sharing_stops() != stops {
            return Err(sharing);
        }
        let n = self.sharings.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        Ok((n, slot.replace((n, sharing)).map(|(_, old)| old)))
    }

    /// The sharing that runs, to stop it: any (a stop asked by the user, the window hidden, the
    /// app quitting: a sharing still starting will not be kept either), or only number `n` (its
    /// time is up).
    pub fn take_sharing(&self, n: Option<u64>) -> Option<peerlib_serve::nearby::Sharing> {
        let mut slot = self.sharing.lock().unwrap_or_else(|p| p.into_inner());
        match (&*slot, n) {
            (Some((held, _)), Some(n)) if *held != n => None,
            (_, Some(_)) => slot.take().map(|(_, s)| s),
            (_, None) => {
                self.sharing_stops.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                slot.take().map(|(_, s)| s)
            }
        }
    }

    /// Stop sharing, if anything is shared, without waiting for it (the window was hidden).
    pub fn end_sharing(&self) {
        if let Some(s) = self.take_sharing(None) {
            tauri::async_runtime::spawn(async move {
                s.stop().await;
            });
        }
    }

    /// Panic erase (#18): `what` erased from the data folder. A running sync is stopped and
    /// waited for (it holds connections and a sync log of its own, which it would write back),
    /// the app's connections are closed (its stores swapped for ones in memory), and new files
    /// are opened after: the window then starts over as on a first run. With `Personal` the feeds
    /// the user chose to follow go first (best effort), their rows overwritten with zeros and the
    /// library compacted; the network's feed stays. Discreet mode stays on if it was: the app must
    /// not name itself just as the laptop is taken.
    pub fn erase(&self, what: peerlib_store::erase::Erase, now: i64) -> Result<(), WireError> {
        use peerlib_store::erase::Erase;
        // Locked, the settings cannot be read: the app that went by the neutral name keeps it.
        // (Not so over "Not locked", where they can: discreet mode is kept only if chosen.)
        let discreet = self.is_locked() || self.settings().discreet;
        // Not beside a lock or an unlock under way (the erase would open the files they close).
        // Taken before the sync's lock: asked for the other way round, the erase could hold the
        // sync's lock while a lock under way waited 30 s for it.
        let _turn = self.lock_turn.lock().unwrap_or_else(|p| p.into_inner());
        // The sync's own lock: free once the sync has ended (it checks its cancel flag often).
        // A sync that a lock just waited 30 s for in vain (another process's) is not waited for
        // again: the erase goes on without it, as it does when its own wait runs out.
        let sync_lock = self.quiet_sync_in(true);
        // Encrypted data is erased whether or not it is unlocked; afterwards the app starts as
        // new, with plain, empty personal data.
        let dir = self.dir().without_keyring();
        // Nothing of the personal data erased is said afterwards: neither what an unlock found
        // to repair nor the wrong passphrases typed before (the app starts as if new).
        *self.recovery.lock().unwrap_or_else(|p| p.into_inner()) = Recovery::default();
        // The folder's record goes with the personal files, overwritten as they are (`user.*`).
        *self.failed_unlocks.lock().unwrap_or_else(|p| p.into_inner()) = tries::Tries::default();
        self.changed_as_locked.store(false, std::sync::atomic::Ordering::SeqCst);
        *self.nothing_locked.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.plain_after_rewrite.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let (Ok(user), Ok(store), Ok(network)) = (self.user.as_ref(), self.store.as_ref(), self.network.as_ref()) else {
            // Nothing is open to close: the files alone.
            peerlib_store::erase::erase(&dir, what).map_err(|_| self.error(ErrorCode::Disk))?;
            *self.dir.write().unwrap_or_else(|p| p.into_inner()) = dir;
            self.locked.store(false, std::sync::atomic::Ordering::SeqCst);
            return Ok(());
        };
        // The library's lock before user.db's, as `with_library` takes them.
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        let mut user = user.lock().unwrap_or_else(|p| p.into_inner());
        let mut referenced = None;
        // An encrypted library goes with the personal data that holds its key (erase.rs).
        let library_goes = what == Erase::All || peerlib_store::crypt::library_encrypted(&dir);
        if what == Erase::Personal && !library_goes {
            if self.is_locked() {
                // Locked, the open stores are empty ones: the feeds followed are unfollowed in
                // the library itself, which lists them (a plain content.db: an encrypted one
                // goes whole, above).
                referenced = peerlib_sync::forget_followed_in(&dir, network);
            } else {
                referenced = peerlib_sync::forget_followed(&mut store, &user);
            }
        }
        let memory = |e: StoreError| self.error(e.code());
        drop(std::mem::replace(&mut *user, UserStore::open_in_memory().map_err(memory)?));
        if library_goes {
            drop(std::mem::replace(&mut *store, ContentStore::open_in_memory().map_err(memory)?));
        }
        let erased = peerlib_store::erase::erase_keeping(&dir, what, referenced.as_ref());
        drop(sync_lock);
        // The erase took the app's hold on the folder (user.lock) with the other `user.*` files.
        *self.in_use.lock().unwrap_or_else(|p| p.into_inner()) = peerlib_store::crypt::InUse::shared(&dir);
        // Whatever the erase managed, the app goes on with files of its own again.
        *self.dir.write().unwrap_or_else(|p| p.into_inner()) = dir.clone();
        *user = UserStore::open_in(&dir, now).map_err(|e| self.error(e.code()))?.0;
        if discreet {
            let _ = user.set_settings(&Settings { discreet: true, ..Default::default() });
        }
        if library_goes || self.is_locked() {
            *store = peerlib_sync::open_library_with(&dir, network, &user).map_err(|e| self.error(e.code()))?.0;
        }
        self.locked.store(false, std::sync::atomic::Ordering::SeqCst);
        erased.map(|_| ()).map_err(|_| self.error(ErrorCode::Disk))
    }

    /// What the running sharing's peers took; None when nothing is shared.
    pub fn sharing_taken(&self) -> Option<peerlib_serve::nearby::Taken> {
        self.sharing.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|(_, s)| s.taken())
    }

    pub fn error(&self, code: ErrorCode) -> WireError {
        WireError::new(code, &self.l10n())
    }
}

/// Seconds since the epoch: the clock the stores are given (they never read it themselves).
/// Milliseconds since 1970, as the page's `Date.now()` counts them.
pub fn unix_now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A file name from a title the network chose: no path separators, control or reserved
/// characters, no leading or trailing dots, at most 100 characters; "attachment" when nothing is
/// left.
pub fn safe_file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c })
        .take(100)
        .collect();
    // No leading dot (a hidden file), no trailing dot or space (Windows drops them).
    let trimmed = cleaned.trim().trim_start_matches('.').trim_end_matches(['.', ' ']).trim();
    if trimmed.is_empty() { "attachment".to_string() } else { trimmed.to_string() }
}

/// Copy `source` to `folder/<stem>.<ext>`, adding " (2)", " (3)"… rather than overwrite; a copy
/// that fails half-way (a full disk) is removed.
pub fn copy_named(bytes: &[u8], title: &str, ext: &str, folder: &std::path::Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let stem = safe_file_stem(title);
    for n in 1..1000 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem} ({n}).{ext}") };
        let target = folder.join(name);
        // create_new: never replace a file the user has, even one that appeared meanwhile.
        let mut out = match std::fs::OpenOptions::new().write(true).create_new(true).open(&target) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let copied = std::io::Write::write_all(&mut out, bytes).and_then(|_| out.sync_all());
        if let Err(e) = copied {
            drop(out);
            let _ = std::fs::remove_file(&target);
            return Err(e);
        }
        return Ok(target);
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "too many copies"))
}

