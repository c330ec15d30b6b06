//! What the shell holds while it runs: the data folder, the interface language and the one
//! writer connection to the library. Opening can fail (a library from a newer version, a disk
//! that cannot be written); the window still opens and every command answers with that error,
//! in the user's language, so the user is told what to do.

use crate::error::WireError;
use peerlib_feed::network::Network;
use peerlib_l10n::Localizer;
use peerlib_store::{paths::DataDir, ContentStore, StoreError, UserStore};
use std::path::PathBuf;
use peerlib_sync::Cancel;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard};

pub struct AppState {
    pub dir: DataDir,
    /// The interface language; the user may switch it while the app runs.
    l10n: RwLock<Localizer>,
    /// The network this app follows (resources/network.toml, or PEERLIB_NETWORK).
    network: Result<Arc<Network>, &'static str>,
    store: Result<Mutex<ContentStore>, &'static str>,
    /// Notes, bookmarks and the rest of what only this laptop has (user.db, backed up daily).
    user: Result<Mutex<UserStore>, &'static str>,
    /// The sync running now, if any: its cancel handle.
    running: Mutex<Option<Cancel>>,
    /// Notifications asked of the OS in this run (shown to tests and, later, a "what's new").
    notified: Mutex<Vec<String>>,
}

impl AppState {
    /// Open the library in `dir`, importing the starter library on the first run.
    pub fn open(dir: DataDir, l10n: Localizer) -> Self {
        let network = Network::configured().map(Arc::new).map_err(|_| "network-config");
        let store = match &network {
            Ok(n) => peerlib_sync::open_library(&dir, n).map(|(s, _)| Mutex::new(s)).map_err(|e| e.code()),
            Err(code) => Err(*code),
        };
        let user = UserStore::open_in(&dir, unix_now()).map(|(u, _)| Mutex::new(u)).map_err(|e| e.code());
        AppState { dir, l10n: RwLock::new(l10n), network, store, user, running: Mutex::new(None), notified: Mutex::new(vec![]) }
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

    /// Mark a sync as running and return its cancel handle; `busy` when one already runs. (The
    /// sync's file lock also keeps out a `peerlib sync` started from a terminal or a timer.)
    pub fn begin_sync(&self) -> Result<Cancel, WireError> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if running.is_some() {
            return Err(self.error("busy"));
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
        let store = self.store.as_ref().map_err(|code| self.error(code))?;
        // A panic in another command poisons the lock; the connection itself is still sound.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(e.code()))
    }

    /// Run one user-data call, mapping its error to the wire.
    pub fn with_user<T>(&self, f: impl FnOnce(&mut UserStore) -> Result<T, StoreError>) -> Result<T, WireError> {
        let user = self.user.as_ref().map_err(|code| self.error(code))?;
        let mut guard = user.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(e.code()))
    }

    /// Languages to read documents in, most preferred first: the interface language, then English.
    pub fn content_languages(&self) -> Vec<String> {
        let mut v = vec![self.l10n().locale().to_string()];
        if v[0] != "en" {
            v.push("en".into());
        }
        v
    }

    /// The path to hand to the system opener for an attachment the library knows and holds.
    pub fn attachment_for_opening(&self, sha256: &str) -> Result<PathBuf, WireError> {
        let attachment = self
            .with_store(|s| s.attachment(sha256))?
            .ok_or_else(|| self.error("not-found"))?;
        if !attachment.downloaded {
            return Err(self.error("attachment-missing"));
        }
        peerlib_sync::openable_attachment(&self.dir, &attachment).map_err(|e| self.error(peerlib_sync::SyncError::from(e).code()))
    }

    /// An image some document shows: its media type and bytes, if the hash is one the library
    /// knows as an image and its file is held.
    pub fn image(&self, sha256: &str) -> Option<(String, Vec<u8>)> {
        let path = self.dir.attachment(sha256)?;
        let media_type = self.with_store(|s| s.image(sha256)).ok()??;
        Some((media_type, std::fs::read(path).ok()?))
    }

    pub fn error(&self, code: &'static str) -> WireError {
        WireError::new(code, &self.l10n())
    }
}

/// Seconds since the epoch: the clock the stores are given (they never read it themselves).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
