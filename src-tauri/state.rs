//! What the shell holds while it runs: the data folder, the interface language and the one
//! writer connection to the library. Opening can fail (a library from a newer version, a disk
//! that cannot be written); the window still opens and every command answers with that error,
//! in the user's language, so the user is told what to do.

use crate::error::WireError;
use peerlib_feed::network::Network;
use peerlib_l10n::Localizer;
use peerlib_store::{paths::DataDir, ContentStore, StoreError, UserStore};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    pub dir: DataDir,
    pub l10n: Localizer,
    store: Result<Mutex<ContentStore>, &'static str>,
    /// Notes, bookmarks and the rest of what only this laptop has (user.db, backed up daily).
    user: Result<Mutex<UserStore>, &'static str>,
}

impl AppState {
    /// Open the library in `dir`, importing the starter library on the first run.
    pub fn open(dir: DataDir, l10n: Localizer) -> Self {
        let store = Network::configured()
            .map_err(|e| peerlib_sync::SyncError::Network(e.to_string()))
            .and_then(|network| peerlib_sync::open_library(&dir, &network))
            .map(|(s, _)| Mutex::new(s))
            .map_err(|e| e.code());
        let user = UserStore::open_in(&dir, unix_now()).map(|(u, _)| Mutex::new(u)).map_err(|e| e.code());
        AppState { dir, l10n, store, user }
    }

    /// Run one store call, mapping its error to the wire.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut ContentStore) -> Result<T, StoreError>,
    ) -> Result<T, WireError> {
        let store = self.store.as_ref().map_err(|code| self.error(code))?;
        // A panic in another command poisons the lock; the connection itself is still sound.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(peerlib_sync::SyncError::from(e).code()))
    }

    /// Run one user-data call, mapping its error to the wire.
    pub fn with_user<T>(&self, f: impl FnOnce(&mut UserStore) -> Result<T, StoreError>) -> Result<T, WireError> {
        let user = self.user.as_ref().map_err(|code| self.error(code))?;
        let mut guard = user.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(|e| self.error(e.code()))
    }

    /// Languages to read documents in, most preferred first: the interface language, then English.
    pub fn content_languages(&self) -> Vec<String> {
        let mut v = vec![self.l10n.locale().to_string()];
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
        WireError::new(code, &self.l10n)
    }
}

/// Seconds since the epoch: the clock the stores are given (they never read it themselves).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
