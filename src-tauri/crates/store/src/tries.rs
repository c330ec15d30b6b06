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
/// The latest time a record may name (9999-12-31): a later one is not ours (and no window could
/// show it as a date).
const LATEST: i64 = 253_402_300_799;

fn path(dir: &DataDir) -> PathBuf {
    dir.root().join("user.wrong-passphrases")
}

impl Tries {
    /// The wait before the next passphrase is tried at `now`: none before the first wrong one,
    /// then 1 s, doubled with each one more, at most 30 s, less the time since the last wrong
    /// one (whole seconds, one second kept in hand: the time is kept in seconds), so that a try
    /// a day later does not wait at all and one right after waits in full.
    pub fn wait_at(&self, now: i64) -> Duration {
        let full = match self.count {
            0 => Duration::ZERO,
            n => Duration::from_secs(1u64 << (n - 1).min(5)).min(MOST),
        };
        let since = u64::try_from(now.saturating_sub(self.last).saturating_sub(1)).unwrap_or(0);
        full.saturating_sub(Duration::from_secs(since))
    }

    /// The more of two counts, and the later of their last times (this run's count and the
    /// folder's, which may not have been written).
    pub fn most(self, other: Tries) -> Tries {
        Tries { count: self.count.max(other.count), last: self.last.max(other.last) }
    }
}

/// The wrong passphrases recorded in `dir`: none when there is no file, or one that is not a
/// regular file (a named pipe would hold the reader; a link is not followed) or does not read as
/// two numbers, a time before 1970 or after 9999 being none either (a stray or damaged file
/// delays nobody, and the next wrong passphrase writes it anew).
pub fn read(dir: &DataDir) -> Tries {
    let at = path(dir);
    if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_file()) {
        return Tries::default();
    }
    let mut open = std::fs::File::options();
    open.read(true);
    // A pipe or a link put there since the look above is not waited on or followed either.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut open, libc::O_NONBLOCK | libc::O_NOFOLLOW);
    let Ok(file) = open.open(&at) else { return Tries::default() };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Tries::default();
    }
    let mut text = String::new();
    if file.take(LARGEST + 1).read_to_string(&mut text).is_err() || text.len() as u64 > LARGEST {
        return Tries::default();
    }
    let mut parts = text.split_whitespace();
    match (parts.next().and_then(|c| c.parse().ok()), parts.next().and_then(|l| l.parse().ok()), parts.next()) {
        (Some(count), Some(last), None) if (0..=LATEST).contains(&last) => Tries { count, last },
        _ => Tries::default(),
    }
}

/// One more wrong passphrase, at `now`, written as `crypt::write_atomically` writes (through a
/// new file of this process's own, never through a link, flushed and renamed), so that the
/// record is the old one or the new one; the record as written. None when the folder cannot be
/// written (a full disk, a read-only copy, a folder in the record's place): the caller keeps its
/// own count.
pub fn failed(dir: &DataDir, now: i64) -> Option<Tries> {
    // A clock set past 9999 (or before 1970) writes a time that still reads, so that the count
    // keeps adding up and the next unlock says it. (Past 9999 the wait then wears off at once,
    // as it does whenever the clock is set forward; docs/security.md says so.)
    let next = Tries { count: read(dir).count.saturating_add(1), last: now.clamp(0, LATEST) };
    crate::crypt::write_atomically(&path(dir), format!("{} {}\n", next.count, next.last).as_bytes()).ok().map(|()| next)
}

/// The right passphrase was typed: the record is removed, and returned when it held any.
pub fn clear(dir: &DataDir) -> Option<Tries> {
    let tries = read(dir);
    if std::fs::remove_file(path(dir)).is_ok() {
        crate::crypt::sync_folder(&path(dir));
    }
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
        assert_eq!(read(&dir).wait_at(100), Duration::ZERO, "the first try waits for nothing");
        failed(&dir, 100);
        assert_eq!(failed(&dir, 160), Some(Tries { count: 2, last: 160 }));
        // Read again as another process (or the app after a restart) would.
        assert_eq!(read(&DataDir::new(tmp.path())), Tries { count: 2, last: 160 });
        assert_eq!(read(&dir).wait_at(160), Duration::from_secs(2));
        let names: Vec<String> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["user.wrong-passphrases"], "no temporary file stays");
        assert_eq!(clear(&dir), Some(Tries { count: 2, last: 160 }));
        assert!(!tmp.path().join("user.wrong-passphrases").exists());
        assert_eq!(clear(&dir), None, "nothing to say once it was said");
    }

    #[test]
    fn the_wait_doubles_up_to_thirty_seconds_and_wears_off() {
        let waits: Vec<u64> = (0..9).map(|count| Tries { count, last: 50 }.wait_at(50).as_secs()).collect();
        assert_eq!(waits, [0, 1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(Tries { count: u32::MAX, last: 0 }.wait_at(0), MOST);
        // A second in hand (times are whole seconds), then less by the time since the last.
        let six = Tries { count: 6, last: 1_000 };
        let later: Vec<u64> = [1_000, 1_001, 1_002, 1_011, 1_030, 1_031, 90_000].iter().map(|&now| six.wait_at(now).as_secs()).collect();
        assert_eq!(later, [30, 30, 29, 20, 1, 0, 0]);
        assert_eq!(six.wait_at(0), MOST, "a clock set back waits in full");
        assert_eq!(Tries { count: 1, last: 7 }.most(Tries { count: 3, last: 5 }), Tries { count: 3, last: 7 });
    }

    #[test]
    fn a_file_that_is_not_a_record_delays_nobody_and_is_written_anew() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::new(tmp.path());
        for stray in ["", "three 5", "2", "2 5 7", "-1 5", "2 -5", "2 253402300800", &format!("2 {}", i64::MAX), &format!("{} 5", u64::MAX), &"9".repeat(100)] {
            std::fs::write(tmp.path().join("user.wrong-passphrases"), stray).unwrap();
            assert_eq!(read(&dir), Tries::default(), "{stray:?}");
        }
        assert_eq!(failed(&dir, 7), Some(Tries { count: 1, last: 7 }));
        // A clock set past 9999 or before 1970: still counted, with a time that reads.
        assert_eq!(failed(&dir, LATEST + 1_000), Some(Tries { count: 2, last: LATEST }));
        assert_eq!(failed(&dir, i64::MAX), Some(Tries { count: 3, last: LATEST }));
        assert_eq!(read(&dir), Tries { count: 3, last: LATEST });
        assert_eq!(failed(&dir, -5), Some(Tries { count: 4, last: 0 }));
        assert_eq!(read(&dir).count, 4);
        // A folder in its place: no record, nothing fails.
        std::fs::remove_file(tmp.path().join("user.wrong-passphrases")).unwrap();
        std::fs::create_dir(tmp.path().join("user.wrong-passphrases")).unwrap();
        assert_eq!(read(&dir), Tries::default());
        assert_eq!(failed(&dir, 8), None, "not written: the caller keeps its own count");
        let tmp_file = tmp.path().join(format!("user.wrong-passphrases.{}.part", std::process::id()));
        assert!(!tmp_file.exists(), "the temporary file does not stay");
    }

    /// A link or a named pipe in the record's place, or in its temporary file's: never followed,
    /// never waited on, nothing written elsewhere.
    #[cfg(unix)]
    #[test]
    fn a_link_or_a_pipe_is_neither_followed_nor_waited_on() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("someone-elses-file");
        std::fs::write(&outside, "3 100\n").unwrap();
        let dir = DataDir::new(tmp.path());
        std::os::unix::fs::symlink(&outside, tmp.path().join("user.wrong-passphrases")).unwrap();
        assert_eq!(read(&dir), Tries::default(), "a link is not read through");
        let tmp_file = tmp.path().join(format!("user.wrong-passphrases.{}.part", std::process::id()));
        std::os::unix::fs::symlink(&outside, &tmp_file).unwrap();
        assert_eq!(failed(&dir, 9), Some(Tries { count: 1, last: 9 }));
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "3 100\n", "nothing written through a link");
        assert_eq!(read(&dir), Tries { count: 1, last: 9 }, "the record is a file of its own now");
        std::fs::remove_file(tmp.path().join("user.wrong-passphrases")).unwrap();
        let made = std::process::Command::new("mkfifo").arg(tmp.path().join("user.wrong-passphrases")).status().unwrap();
        assert!(made.success());
        // A reader that opened the pipe would wait here for a writer that never comes.
        assert_eq!(read(&dir), Tries::default());
        assert_eq!(clear(&dir), None);
        assert!(!tmp.path().join("user.wrong-passphrases").exists(), "the pipe removed by the right passphrase");
    }
}
