//! Wrong passphrases typed for the personal data since it was last unlocked (#18 item 3), kept
//! in the data folder (`user.wrong-passphrases`) so that they count across restarts of the app
//! and across runs of `peerlib`: each slows the next try down (1 s, 2 s, 4 s ... at most 30 s),
//! and the next unlock says how many there were and when the last was, so that someone whose
//! laptop was out of their hands learns that somebody tried. Nothing is ever erased for them.
//!
//! The file is plain, beside the encrypted data, and holds two numbers: how many, and when the
//! last was (seconds since the epoch). Whoever can write the data folder can remove it, and a
//! copy of the folder is tried elsewhere at Argon2id's pace with no record here: it is a sign,
//! not a proof, as docs/security.md says. A panic erase removes it with the personal data (its
//! name starts with `user.`).

use crate::paths::DataDir;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// What the file holds: `count` wrong passphrases, the last at `last`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tries {
    pub count: u32,
    pub last: i64,
}

/// The longest wait before a passphrase is tried.
const MOST: Duration = Duration::from_secs(30);
/// More than the file ever holds: a larger one is not ours, and is read as none.
const LARGEST: u64 = 64;

fn path(dir: &DataDir) -> PathBuf {
    dir.root().join("user.wrong-passphrases")
}

impl Tries {
    /// The wait before the next passphrase is tried: none before the first wrong one, then 1 s,
    /// doubled with each one more, at most 30 s.
    pub fn wait(&self) -> Duration {
        match self.count {
            0 => Duration::ZERO,
            n => Duration::from_secs(1u64 << (n - 1).min(5)).min(MOST),
        }
    }
}

/// The wrong passphrases recorded in `dir`: none when there is no file, or one that does not
/// read as two numbers (a stray or damaged file delays nobody, and is written anew by the next
/// wrong one).
pub fn read(dir: &DataDir) -> Tries {
    let Ok(file) = std::fs::File::open(path(dir)) else { return Tries::default() };
    let mut text = String::new();
    if file.take(LARGEST + 1).read_to_string(&mut text).is_err() || text.len() as u64 > LARGEST {
        return Tries::default();
    }
    let mut parts = text.split_whitespace();
    match (parts.next().and_then(|c| c.parse().ok()), parts.next().and_then(|l| l.parse().ok()), parts.next()) {
        (Some(count), Some(last), None) => Tries { count, last },
        _ => Tries::default(),
    }
}

/// One more wrong passphrase, at `now`: written through a temporary file and renamed, so the
/// record is the old one or the new one. A folder that cannot be written (a full disk, a
/// read-only copy) keeps no record; the caller still has its own count for this run.
pub fn failed(dir: &DataDir, now: i64) -> Tries {
    let next = Tries { count: read(dir).count.saturating_add(1), last: now };
    let tmp = path(dir).with_extension("new");
    let written = std::fs::write(&tmp, format!("{} {}\n", next.count, next.last)).and_then(|()| std::fs::rename(&tmp, path(dir)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    next
}

/// The right passphrase was typed: the record is removed, and returned when it held any.
pub fn clear(dir: &DataDir) -> Option<Tries> {
    let tries = read(dir);
    let _ = std::fs::remove_file(path(dir));
    (tries.count > 0).then_some(tries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passphrases_add_up_across_reads_and_clear_once_right() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        assert_eq!(read(&dir), Tries::default());
        assert_eq!(read(&dir).wait(), Duration::ZERO, "the first try waits for nothing");
        failed(&dir, 100);
        assert_eq!(failed(&dir, 160), Tries { count: 2, last: 160 });
        // Read again as another process (or the app after a restart) would.
        assert_eq!(read(&DataDir::new(tmp.path())), Tries { count: 2, last: 160 });
        assert_eq!(read(&dir).wait(), Duration::from_secs(2));
        assert!(!tmp.path().join("user.wrong-passphrases.new").exists());
        assert_eq!(clear(&dir), Some(Tries { count: 2, last: 160 }));
        assert!(!tmp.path().join("user.wrong-passphrases").exists());
        assert_eq!(clear(&dir), None, "nothing to say once it was said");
    }

    #[test]
    fn the_wait_doubles_up_to_thirty_seconds() {
        let waits: Vec<u64> = (0..9).map(|count| Tries { count, last: 0 }.wait().as_secs()).collect();
        assert_eq!(waits, [0, 1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(Tries { count: u32::MAX, last: 0 }.wait(), MOST);
    }

    #[test]
    fn a_file_that_is_not_a_record_delays_nobody_and_is_written_anew() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        for stray in ["", "three 5", "2", "2 5 7", "-1 5", &format!("{} 5", u64::MAX), &"9".repeat(100)] {
            std::fs::write(tmp.path().join("user.wrong-passphrases"), stray).unwrap();
            assert_eq!(read(&dir), Tries::default(), "{stray:?}");
        }
        assert_eq!(failed(&dir, 7), Tries { count: 1, last: 7 });
        // A folder in its place: no record, nothing fails.
        std::fs::remove_file(tmp.path().join("user.wrong-passphrases")).unwrap();
        std::fs::create_dir(tmp.path().join("user.wrong-passphrases")).unwrap();
        assert_eq!(read(&dir), Tries::default());
        assert_eq!(failed(&dir, 8), Tries { count: 1, last: 8 });
        assert!(!tmp.path().join("user.wrong-passphrases.new").exists(), "the temporary file does not stay");
    }
}
