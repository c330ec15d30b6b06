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
        // A lock just released can look held for a moment: a process forked by this one (an
        // extraction child between fork and exec) shares the closed descriptor's open file until
        // its exec closes it. Ask again briefly before saying another sync runs.
        for wait_ms in [0, 20, 50, 100] {
            std::thread::sleep(std::time::Duration::from_millis(wait_ms));
            match file.try_lock() {
                Ok(()) => return Ok(SyncLock { _file: file }),
                Err(TryLockError::WouldBlock) => continue,
                Err(TryLockError::Error(e)) => return Err(e.into()),
            }
        }
        Err(LockError::Busy)
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
