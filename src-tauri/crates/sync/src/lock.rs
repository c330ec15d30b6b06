//! One sync at a time per data folder, across the app and the command line: an OS file lock on
//! `sync.lock`, released by the OS when the process ends, even by SIGKILL.

use peerlib_store::paths::DataDir;
use std::fs::{File, TryLockError};

pub struct SyncLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another sync is running")]
    Busy,
    #[error("could not create the lock file: {0}")]
    Io(#[from] std::io::Error),
}

impl SyncLock {
    pub fn try_acquire(dir: &DataDir) -> Result<SyncLock, LockError> {
        dir.create()?;
        let file = File::options().create(true).truncate(false).write(true).open(dir.root().join("sync.lock"))?;
        match file.try_lock() {
            Ok(()) => Ok(SyncLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sync_is_refused_until_the_first_ends() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        let first = SyncLock::try_acquire(&dir).unwrap();
        assert!(matches!(SyncLock::try_acquire(&dir), Err(LockError::Busy)));
        drop(first);
        assert!(SyncLock::try_acquire(&dir).is_ok());
    }
}
