//! The files a library holds beside content.db (attachments/): attachments and the images
//! document bodies show, each named by the sha256 of its bytes.
//!
//! While the library is plain, a file is `attachments/<sha256>`, as it came. While the library is
//! encrypted (crypt.rs), a file is sealed on its own (#18 item 1) as `attachments/sealed/<name>`:
//! - `name` is HMAC-SHA256(names key, sha256), so the folder does not say which published
//!   documents the laptop holds (a sha256 is the same on every laptop and in the feed);
//! - its bytes are XChaCha20-Poly1305 in the STREAM construction (RustCrypto's `aead::stream`,
//!   big-endian 32-bit counter, last-chunk flag): a 19-byte random nonce prefix, then chunks of
//!   64 KiB of plaintext each with its 16-byte tag. A large deck is sealed and read 64 KiB at a
//!   time; a chunk changed, moved, dropped or cut off fails to open (the last chunk is sealed as
//!   the last);
//! - the plaintext is the file's sha256 (32 bytes), its length (8 bytes, little-endian), its
//!   bytes, and zeros up to the Padmé length of the whole (Nikitin et al., "Reducing Metadata
//!   Leakage from Encrypted Files and Communication with PURBs", PETS 2019): a file answers only
//!   to its own name, a sealed library can be made plain again without a list of its hashes, and
//!   the size on disk no longer tells which published file it is (the feed lists every
//!   attachment's exact size) but only its size class: how much that hides depends on how many
//!   published files share the class. Padmé adds under 12% to the plaintext and leaves
//!   O(log log n) bits of a length n free; files of 1 to 2 MiB, for one, fall into steps of
//!   32 KiB. Files
//!   sealed before 2026-12-07 (format 1: no length, no padding, sealed with the "seal v1" key)
//!   still open and count as held; they are told apart by the key their first chunk opens with,
//!   and keep their exact size until the library is made plain and encrypted again.
//!
//! Both keys are derived (HMAC-SHA256 as a PRF, one label each) from the library's files key: 32
//! random bytes kept in user.db's `meta` row `files_key` beside `library_key`. Unlike the
//! library's key, it stays the same when the passphrase changes (as a LUKS volume's master key
//! does): re-sealing every deck at each change of passphrase would take minutes, and what an old
//! copy of user.db with the old passphrase opens is said in docs/security.md.
//!
//! Converting is one file at a time, each by an atomic rename: sealed into
//! `sealed/<name>.part`, renamed into place, then the plain file overwritten and removed (made
//! plain the other way, verified against its sha256). A crash leaves each file plain, sealed or
//! both, and every one is readable: a sealed library reads a plain file left over, and its next
//! open seals it (`seal_all`).

use crate::paths::is_sha256_hex;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305};
use hmac::Mac;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use zeroize::Zeroizing;

/// Plaintext bytes per sealed chunk.
pub const CHUNK: usize = 64 * 1024;
/// The STREAM nonce prefix: XChaCha20's 24-byte nonce less the 5 bytes of counter and flag.
const PREFIX: usize = 19;
const TAG: usize = 16;
/// The sha256 that starts every sealed plaintext.
const NAME: usize = 32;
pub(crate) const SEALED: &str = "sealed";
/// A leftover copy younger than this may be another process's, in use.
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The two keys derived from a library's files key.
pub(crate) struct FilesKey {
    seal: Zeroizing<[u8; 32]>,
    /// The key of format 1 (files sealed before 2026-12-07), read only.
    seal_v1: Zeroizing<[u8; 32]>,
    names: Zeroizing<[u8; 32]>,
}

impl FilesKey {
    pub(crate) fn from_master(master: &[u8; 32]) -> FilesKey {
        FilesKey {
            seal: prf(master, b"peer-library attachments: seal v2"),
            seal_v1: prf(master, b"peer-library attachments: seal v1"),
            names: prf(master, b"peer-library attachments: names v1"),
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.seal).into())
    }

    fn cipher_v1(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.seal_v1).into())
    }

    fn name(&self, sha256: &str) -> String {
        hex(&prf(&self.names, sha256.as_bytes())[..])
    }
}

fn prf(key: &[u8; 32], label: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(label);
    Zeroizing::new(mac.finalize().into_bytes().into())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    if !is_sha256_hex(s) {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

fn invalid(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// The sealed plaintext's length field.
const LENGTH: usize = 8;

/// The size on disk of a file of `size` bytes once sealed (its plaintext padded).
pub fn sealed_len(size: u64) -> u64 {
    on_disk(padme(size.saturating_add((NAME + LENGTH) as u64)))
}

/// The size on disk of a file of `size` bytes sealed in format 1 (no length, no padding).
fn sealed_len_v1(size: u64) -> u64 {
    on_disk(size.saturating_add(NAME as u64))
}

/// Sealed bytes for `plain` bytes of plaintext: the nonce prefix and a tag per chunk. (Held at
/// u64::MAX for a size no file has: a manifest may list any.)
fn on_disk(plain: u64) -> u64 {
    (PREFIX as u64).saturating_add(plain).saturating_add(TAG as u64 * plain.div_ceil(CHUNK as u64))
}

/// `n` rounded up as Padmé rounds it: to a multiple of 2^(E - S), where E = floor(log2 n) and
/// S = floor(log2 E) + 1, so that only the S most significant bits of the length are free.
fn padme(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let e = n.ilog2();
    let s = e.ilog2() + 1;
    let mask = (1u64 << (e - s)) - 1;
    n.checked_add(mask).map_or(n, |m| m & !mask)
}

/// Whether `len` bytes on disk are a sealed file of `size` bytes (in either format).
fn is_sealed_len(len: u64, size: u64) -> bool {
    len == sealed_len(size) || len == sealed_len_v1(size)
}

/// The files of one data folder, plain or sealed as its library is (`DataDir::files`).
#[derive(Clone)]
pub struct Files {
    folder: PathBuf,
    key: Option<Arc<FilesKey>>,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Files({}, sealed: {})", self.folder.display(), self.key.is_some())
    }
}

impl Files {
    pub(crate) fn new(folder: PathBuf, key: Option<FilesKey>) -> Files {
        Files { folder, key: key.map(Arc::new) }
    }

    /// The files of a plain library kept in `folder`.
    pub fn plain(folder: impl Into<PathBuf>) -> Files {
        Files::new(folder.into(), None)
    }

    /// The attachments folder: downloads are written in it as `<sha256>.part` before `keep`.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Whether new files are sealed (the library is encrypted).
    pub fn is_sealed(&self) -> bool {
        self.key.is_some()
    }

    /// The bytes a new file of `size` bytes takes in this folder (sealed and padded, or as it
    /// is), for the attachment budget.
    pub fn room_for(&self, size: u64) -> u64 {
        if self.is_sealed() { sealed_len(size) } else { size }
    }

    fn plain_path(&self, sha256: &str) -> std::io::Result<PathBuf> {
        if !is_sha256_hex(sha256) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a sha256 name"));
        }
        Ok(self.folder.join(sha256))
    }

    fn sealed_path(&self, key: &FilesKey, sha256: &str) -> PathBuf {
        self.folder.join(SEALED).join(key.name(sha256))
    }

    /// The file that holds `sha256` now, and whether it is sealed: the sealed one when there are
    /// both (a conversion cut short).
    fn locate(&self, sha256: &str) -> std::io::Result<(PathBuf, bool)> {
        let plain = self.plain_path(sha256)?;
        if let Some(key) = &self.key {
            let sealed = self.sealed_path(key, sha256);
            if sealed.exists() || !plain.exists() {
                return Ok((sealed, true));
            }
        }
        Ok((plain, false))
    }

    /// Whether the file of `sha256`, `size` bytes long, is held whole (by its length on disk: its
    /// bytes were checked when it was kept).
    pub fn holds(&self, sha256: &str, size: u64) -> bool {
        match self.locate(sha256) {
            Ok((path, sealed)) => path.metadata().is_ok_and(|m| m.is_file() && if sealed { is_sealed_len(m.len(), size) } else { m.len() == size }),
            Err(_) => false,
        }
    }

    /// The bytes of `sha256`, read as they are asked for (a sealed file a chunk at a time, each
    /// authenticated before any of it is given out).
    pub fn open(&self, sha256: &str) -> std::io::Result<Box<dyn Read + Send>> {
        let (path, sealed) = self.locate(sha256)?;
        let file = std::fs::File::open(&path)?;
        match (&self.key, sealed) {
            (Some(key), true) => Ok(Box::new(Unsealing::start(file, key, Some(sha256))?.0)),
            _ => Ok(Box::new(file)),
        }
    }

    /// The path of `sha256` when it is held plain (the library is, or a sealing left it so), for
    /// a reader that needs a path; None when it is sealed or not held.
    pub fn plain_file(&self, sha256: &str) -> Option<PathBuf> {
        let (path, sealed) = self.locate(sha256).ok()?;
        (!sealed && path.is_file()).then_some(path)
    }

    /// A plain copy of `sha256` for a moment (`<sha256>.extract`, for a program that reads a
    /// path), overwritten and removed when dropped; one a crash left is removed by the next
    /// `seal_all`.
    pub fn plain_copy(&self, sha256: &str) -> std::io::Result<PlainCopy> {
        let tmp = self.plain_path(sha256)?.with_extension("extract");
        let _ = std::fs::remove_file(&tmp);
        let mut from = self.open(sha256)?;
        write_then_rename(&tmp, |out| std::io::copy(&mut from, out).map(drop))?;
        Ok(PlainCopy(tmp))
    }

    /// The bytes of `sha256`, whole.
    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let mut out = vec![];
        self.open(sha256)?.read_to_end(&mut out)?;
        Ok(out)
    }

    /// Keep `bytes` as the file of `sha256` (the caller checked that they hash to it), written
    /// beside it and renamed into place. A file already held is kept.
    pub fn put(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        if self.holds(sha256, bytes.len() as u64) {
            return Ok(());
        }
        let target = self.target(sha256)?;
        write_then_rename(&target, |out| match &self.key {
            Some(key) => seal(key, sha256, bytes.len() as u64, &mut &bytes[..], out),
            None => out.write_all(bytes),
        })
    }

    /// Keep the verified download `part` (plain, in this folder) as the file of `sha256`: renamed
    /// into place, or sealed beside it and then overwritten and removed.
    pub fn keep(&self, sha256: &str, part: &Path) -> std::io::Result<()> {
        let target = self.target(sha256)?;
        match &self.key {
            None => std::fs::rename(part, &target),
            Some(key) => {
                write_then_rename(&target, |out| {
                    let file = std::fs::File::open(part)?;
                    let len = file.metadata()?.len();
                    seal(key, sha256, len, &mut std::io::BufReader::new(file), out)
                })?;
                crate::crypt::erase_file(part);
                Ok(())
            }
        }
    }

    /// Where a new file of `sha256` goes (its folder made).
    fn target(&self, sha256: &str) -> std::io::Result<PathBuf> {
        let plain = self.plain_path(sha256)?;
        let target = match &self.key {
            Some(key) => self.sealed_path(key, sha256),
            None => plain,
        };
        std::fs::create_dir_all(target.parent().expect("inside the folder"))?;
        Ok(target)
    }

    /// A plain copy of `sha256` at `target` (a path that does not exist yet): a hard link while
    /// the library is plain, where one can be made; else its bytes, written then renamed. (Hard
    /// links only on Unix, where an erase can tell a linked file and leaves its bytes alone:
    /// elsewhere, sealing or erasing the library's file would zero the copy too.)
    pub fn copy_to(&self, sha256: &str, target: &Path) -> std::io::Result<()> {
        if self.linked(sha256, target)? {
            return Ok(());
        }
        let mut from = self.open(sha256)?;
        write_then_rename(target, |out| std::io::copy(&mut from, out).map(drop))
    }

    /// As `copy_to`, for a caller that has read the file whole already: `bytes` must be the
    /// file's, as `read` gave them, and are written rather than the file unsealed a second time
    /// (a file held plain is linked, as `copy_to` does, and `bytes` are not used).
    pub fn copy_read_to(&self, sha256: &str, bytes: &[u8], target: &Path) -> std::io::Result<()> {
        if self.linked(sha256, target)? {
            return Ok(());
        }
        write_then_rename(target, |out| out.write_all(bytes))
    }

    /// Whether `target` could be made a hard link of `sha256` (held plain, on Unix).
    fn linked(&self, sha256: &str, target: &Path) -> std::io::Result<bool> {
        let (path, sealed) = self.locate(sha256)?;
        Ok(cfg!(unix) && !sealed && std::fs::hard_link(&path, target).is_ok())
    }

    /// The bytes the folder takes on disk (sealed and plain files; not the copies opened in
    /// other programs), for the attachment budget.
    pub fn bytes_held(&self) -> u64 {
        let size = |dir: &Path| -> u64 {
            std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()).unwrap_or(0)
        };
        size(&self.folder) + size(&self.folder.join(SEALED))
    }

    /// Seal every plain file left in the folder (an encryption of the library, or one cut short).
    /// Returns how many were sealed.
    pub fn seal_all(&self) -> std::io::Result<u64> {
        let Some(key) = &self.key else { return Ok(0) };
        // Copies a crash left: plain ones for the extraction child, sealed ones half written. A
        // recent one may be another process's, still in use.
        erase_leftovers(&self.folder, &[".extract", ".extract.part"], Some(STALE));
        erase_leftovers(&self.folder.join(SEALED), &[".part"], Some(STALE));
        let (mut n, mut first_error) = (0, None);
        for (sha256, plain) in self.plain_files() {
            let sealed = self.sealed_path(key, &sha256);
            let done = plain.metadata().and_then(|m| {
                if sealed.metadata().is_ok_and(|s| is_sealed_len(s.len(), m.len())) {
                    crate::crypt::erase_file(&plain);
                    Ok(())
                } else {
                    self.keep(&sha256, &plain)
                }
            });
            // One file that cannot be sealed (unreadable, a full disk) does not keep the others
            // plain; it is tried again at the next open.
            match done {
                Ok(()) => n += 1,
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        // The plain files' removals.
        crate::crypt::sync_folder(&self.folder.join(SEALED));
        first_error.map_or(Ok(n), Err)
    }

    /// Make every sealed file plain again (the library decrypted), each checked against its
    /// sha256 as it is written; a sealed file that does not open (damaged) is removed, to be
    /// fetched again. Returns how many were made plain.
    pub fn unseal_all(&self) -> std::io::Result<u64> {
        let Some(key) = &self.key else { return Ok(0) };
        let mut n = 0;
        for e in std::fs::read_dir(self.folder.join(SEALED)).into_iter().flatten().flatten() {
            let path = e.path();
            if !e.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            if path.extension().is_some_and(|x| x == "part") {
                let _ = std::fs::remove_file(&path);
                continue;
            }
            // A file that does not open with the key (damaged) is removed, to be fetched again;
            // any other failure (the disk) stops, with the key still kept to try again.
            let (mut reader, sha256) = match std::fs::File::open(&path).and_then(|f| Unsealing::start(f, key, None)) {
                Ok(opened) => opened,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData || e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    std::fs::remove_file(&path)?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let target = self.plain_path(&sha256)?;
            let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
            let written = write_then_rename(&target, |out| {
                let mut buf = vec![0u8; CHUNK];
                loop {
                    let got = reader.read(&mut buf)?;
                    if got == 0 {
                        break;
                    }
                    sha2::Digest::update(&mut hasher, &buf[..got]);
                    out.write_all(&buf[..got])?;
                }
                if hex(&sha2::Digest::finalize(hasher)) != sha256 {
                    return Err(invalid("a sealed file's bytes do not match its sha256"));
                }
                Ok(())
            });
            match written {
                Ok(()) => n += 1,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {}
                Err(e) => return Err(e),
            }
            std::fs::remove_file(&path)?;
        }
        let _ = std::fs::remove_dir(self.folder.join(SEALED));
        Ok(n)
    }

    /// The plain files in the folder: `<sha256>` names only.
    fn plain_files(&self) -> Vec<(String, PathBuf)> {
        std::fs::read_dir(&self.folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                is_sha256_hex(&name).then(|| (name, e.path()))
            })
            .collect()
    }
}

/// Erase the plain files a sync leaves in the attachments folder `folder` while it works or when
/// it is cut short, each overwritten and removed: downloads not finished (`<sha256>.part`, kept
/// so that the next sync resumes them; a decryption's files being made plain have that name
/// too), and the copies the extraction child reads (`<sha256>.extract`, written as
/// `<sha256>.extract.part`). With the library encrypted the app erases them when it locks, quits
/// and starts, as it does the copies opened in other programs, so that a document is not left
/// readable for longer than the app is unlocked (a download then starts again). Only while no
/// sync, import or decryption runs, here or in another process: the caller holds the sync lock.
/// Returns how many went.
pub fn erase_plain_leftovers(folder: &Path) -> usize {
    erase_leftovers(folder, &[".part", ".extract", ".extract.part"], None)
}

/// Erase the files of `folder` named `<64 hex digits><end>` for one of `ends` (the leftovers of a
/// download, an extraction or a conversion: the hex is a sha256, or a sealed file's keyed name),
/// only those unchanged for longer than `older_than` when it is given. Returns how many went.
fn erase_leftovers(folder: &Path, ends: &[&str], older_than: Option<std::time::Duration>) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let leftover = ends.iter().any(|end| name.strip_suffix(end).is_some_and(is_sha256_hex));
        let old_enough = older_than.is_none_or(|min| e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age > min));
        if leftover && old_enough && e.file_type().is_ok_and(|t| t.is_file()) && crate::erase::erase_one(&e.path()).is_ok() {
            n += 1;
        }
    }
    n
}

/// A plain copy of a file, overwritten and removed when dropped (`Files::plain_copy`).
pub struct PlainCopy(PathBuf);

impl PlainCopy {
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for PlainCopy {
    fn drop(&mut self) {
        crate::crypt::erase_file(&self.0);
    }
}

/// Write `target` through `write` into `<target>.part`, flushed to disk, then renamed into place;
/// on any failure the part is removed and `target` left as it was.
fn write_then_rename(target: &Path, write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut part = target.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(CHUNK + TAG, std::fs::File::create(&part)?);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&part, target)?;
        crate::crypt::sync_folder(target);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// Read into `buf` until it is full or `src` ends; how many bytes were read.
fn fill(src: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Seal `sha256`, the `len` bytes of `src` and their padding into `out` (format 2, in the
/// module's comment). `src` must give exactly `len` bytes: a file that changed length while it
/// was sealed is refused.
fn seal(key: &FilesKey, sha256: &str, len: u64, src: &mut impl Read, out: &mut impl Write) -> std::io::Result<()> {
    let name = unhex(sha256).ok_or_else(|| invalid("not a sha256 name"))?;
    let mut header = [0u8; NAME + LENGTH];
    header[..NAME].copy_from_slice(&name);
    header[NAME..].copy_from_slice(&len.to_le_bytes());
    let whole = len.checked_add(header.len() as u64).ok_or_else(|| invalid("a file too large to seal"))?;
    let mut body = src.take(len);
    let mut plain = (&header[..]).chain(&mut body).chain(std::io::repeat(0).take(padme(whole) - whole));
    seal_stream(key.cipher(), &mut plain, out)?;
    // Fewer bytes than said (the padding's zeros came early), or more left behind them.
    if body.limit() != 0 || body.into_inner().read(&mut [0u8; 1])? != 0 {
        return Err(invalid("a file that changed while it was sealed"));
    }
    Ok(())
}

/// Seal the whole of `plain` with `cipher` into `out`: a random nonce prefix, then STREAM chunks
/// of `CHUNK` bytes of plaintext, the last flagged as the last.
fn seal_stream(cipher: XChaCha20Poly1305, plain: &mut impl Read, out: &mut impl Write) -> std::io::Result<()> {
    let mut prefix = [0u8; PREFIX];
    getrandom::getrandom(&mut prefix).expect("the system's random source");
    out.write_all(&prefix)?;
    let mut stream = EncryptorBE32::from_aead(cipher, (&prefix).into());
    let mut chunk = Zeroizing::new(vec![0u8; CHUNK]);
    let mut len = fill(plain, &mut chunk)?;
    let mut next = Zeroizing::new(vec![0u8; CHUNK]);
    loop {
        let next_len = if len == CHUNK { fill(plain, &mut next)? } else { 0 };
        if next_len == 0 {
            let sealed = stream.encrypt_last(&chunk[..len]).map_err(|_| invalid("sealing failed"))?;
            return out.write_all(&sealed);
        }
        let sealed = stream.encrypt_next(&chunk[..len]).map_err(|_| invalid("sealing failed"))?;
        out.write_all(&sealed)?;
        std::mem::swap(&mut chunk, &mut next);
        len = next_len;
    }
}

/// A sealed file read back, a chunk at a time.
struct Unsealing {
    file: std::io::BufReader<std::fs::File>,
    stream: Option<DecryptorBE32<XChaCha20Poly1305>>,
    /// Sealed bytes still to read.
    left: u64,
    plain: Zeroizing<Vec<u8>>,
    at: usize,
    /// The file's bytes still to give out (format 2: what follows is padding, read to the end
    /// all the same so that a file cut short does not open); None in format 1.
    body: Option<u64>,
}

impl Unsealing {
    /// Start reading `file`: its first chunk opened, and the sha256 it holds (which must be
    /// `expect`, when given). Format 2 first; a first chunk that does not open with its key is
    /// tried as format 1.
    fn start(mut file: std::fs::File, key: &FilesKey, expect: Option<&str>) -> std::io::Result<(Unsealing, String)> {
        let len = file.metadata()?.len();
        if len < sealed_len_v1(0) {
            return Err(invalid("a sealed file cut short"));
        }
        let mut me = match Unsealing::open_first(&file, len, key.cipher()) {
            Ok(me) if me.plain.len() >= NAME + LENGTH => {
                let size = u64::from_le_bytes(me.plain[NAME..NAME + LENGTH].try_into().expect("8 bytes"));
                // Its length is sealed with it: one that does not agree with the file's is not ours.
                if sealed_len(size) != len {
                    return Err(invalid("a sealed file whose length does not match"));
                }
                Unsealing { body: Some(size), at: NAME + LENGTH, ..me }
            }
            Ok(_) => return Err(invalid("a sealed file cut short")),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                std::io::Seek::rewind(&mut file)?;
                let me = Unsealing::open_first(&file, len, key.cipher_v1())?;
                if me.plain.len() < NAME {
                    return Err(invalid("a sealed file cut short"));
                }
                Unsealing { at: NAME, ..me }
            }
            Err(e) => return Err(e),
        };
        let sha256 = hex(&me.plain[..NAME]);
        if expect.is_some_and(|e| e != sha256) {
            return Err(invalid("a sealed file under another file's name"));
        }
        me.trim();
        Ok((me, sha256))
    }

    /// The stream of `file` (`len` bytes) under `cipher`, its first chunk opened.
    fn open_first(file: &std::fs::File, len: u64, cipher: XChaCha20Poly1305) -> std::io::Result<Unsealing> {
        let mut file = std::io::BufReader::with_capacity(CHUNK + TAG, file.try_clone()?);
        let mut prefix = [0u8; PREFIX];
        file.read_exact(&mut prefix)?;
        let stream = DecryptorBE32::from_aead(cipher, (&prefix).into());
        let mut me = Unsealing { file, stream: Some(stream), left: len - PREFIX as u64, plain: Zeroizing::new(vec![]), at: 0, body: None };
        me.next_chunk()?;
        Ok(me)
    }

    fn next_chunk(&mut self) -> std::io::Result<()> {
        let size = self.left.min((CHUNK + TAG) as u64) as usize;
        let last = self.left <= (CHUNK + TAG) as u64;
        let mut sealed = vec![0u8; size];
        self.file.read_exact(&mut sealed)?;
        self.left -= size as u64;
        let opened = if last {
            self.stream.take().ok_or_else(|| invalid("read past the end"))?.decrypt_last(&sealed[..])
        } else {
            self.stream.as_mut().ok_or_else(|| invalid("read past the end"))?.decrypt_next(&sealed[..])
        };
        self.plain = Zeroizing::new(opened.map_err(|_| invalid("a sealed file that does not open with the library's key (damaged or changed)"))?);
        self.at = 0;
        self.trim();
        Ok(())
    }

    /// In format 2, leave out of the chunk just opened what is padding.
    fn trim(&mut self) {
        if let Some(body) = &mut self.body {
            let here = ((self.plain.len() - self.at) as u64).min(*body);
            self.plain.truncate(self.at + here as usize);
            *body -= here;
        }
    }
}

impl Read for Unsealing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.plain.len() {
            if self.left == 0 {
                return Ok(0);
            }
            self.next_chunk()?;
        }
        let n = buf.len().min(self.plain.len() - self.at);
        buf[..n].copy_from_slice(&self.plain[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn sha(bytes: &[u8]) -> String {
        hex(&sha2::Sha256::digest(bytes))
    }

    fn sealed_files(dir: &Path) -> Files {
        Files::new(dir.to_path_buf(), Some(FilesKey::from_master(&[7u8; 32])))
    }

    #[test]
    fn sealing_a_folder_erases_leftovers_only_once_they_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let files = sealed_files(dir.path());
        let (a, b) = (sha(b"a"), sha(b"b"));
        std::fs::create_dir_all(dir.path().join(SEALED)).unwrap();
        let old = [dir.path().join(format!("{a}.extract")), dir.path().join(SEALED).join(format!("{}.part", "c".repeat(64)))];
        let fresh = [dir.path().join(format!("{b}.extract.part")), dir.path().join(SEALED).join(format!("{}.part", "d".repeat(64)))];
        for p in old.iter().chain(&fresh) {
            std::fs::write(p, b"left by a crash").unwrap();
        }
        let then = std::time::SystemTime::now() - STALE - std::time::Duration::from_secs(60);
        for p in &old {
            std::fs::File::options().write(true).open(p).unwrap().set_modified(then).unwrap();
        }
        files.seal_all().unwrap();
        assert!(old.iter().all(|p| !p.exists()), "stale leftovers erased");
        assert!(fresh.iter().all(|p| p.exists()), "recent ones may be another process's: kept");
    }

    #[test]
    fn a_syncs_plain_leftovers_are_erased_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let files = sealed_files(dir.path());
        let (held, cut) = (sha(b"held"), sha(b"cut short"));
        files.put(&held, b"held").unwrap();
        std::fs::write(dir.path().join(format!("{cut}.part")), b"the first half of a deck").unwrap();
        let copy = files.plain_copy(&held).unwrap();
        std::mem::forget(copy); // as a crash leaves it
        std::fs::write(dir.path().join(format!("{held}.extract.part")), b"a copy being written").unwrap();
        std::fs::write(dir.path().join("notes.part"), b"not a download").unwrap();
        std::fs::create_dir(dir.path().join(format!("{cut}.extract"))).unwrap();
        assert_eq!(erase_plain_leftovers(dir.path()), 3);
        let mut left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, [format!("{cut}.extract"), "notes.part".to_string(), SEALED.to_string()]);
        assert_eq!(files.read(&held).unwrap(), b"held");
        assert_eq!(erase_plain_leftovers(dir.path()), 0);
    }

    #[test]
    fn files_of_every_length_come_back_as_they_went_in() {
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        for size in [0, 1, CHUNK - NAME - 1, CHUNK - NAME, CHUNK - NAME + 1, CHUNK, 2 * CHUNK - NAME, 3 * CHUNK + 5] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            let h = sha(&bytes);
            files.put(&h, &bytes).unwrap();
            assert!(files.holds(&h, size as u64), "size {size}");
            assert_eq!(files.read(&h).unwrap(), bytes, "size {size}");
            let on_disk = std::fs::read(files.sealed_path(files.key.as_ref().unwrap(), &h)).unwrap();
            assert_eq!(on_disk.len() as u64, sealed_len(size as u64));
            assert!(!tmp.path().join(&h).exists(), "no plain file");
        }
        let names: Vec<String> = std::fs::read_dir(tmp.path().join(SEALED)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        assert!(names.iter().all(|n| is_sha256_hex(n) && !n.ends_with(".part")), "{names:?}");
    }

    #[test]
    fn sizes_are_rounded_as_padme_rounds_them() {
        // 1,000,000 < 2^20: E = 19, S = 5, so a multiple of 2^14.
        assert_eq!(padme(1_000_000), 1_015_808);
        assert_eq!(padme(1_015_808), 1_015_808);
        assert_eq!([padme(0), padme(1), padme(2), padme(3), padme(40), padme(41)], [0, 1, 2, 3, 40, 44]);
        assert_eq!(padme(u64::MAX), u64::MAX, "no overflow");
        for n in [40u64, 1_000, 65_535, 123_457, 1 << 20, 9_876_543, 50_000_001, 3 << 30] {
            let p = padme(n);
            assert!(p >= n && p - n <= n / 8, "{n} -> {p}: at most 12.5% more");
        }
    }

    #[test]
    fn files_of_nearby_sizes_take_the_same_room_sealed() {
        // Two attachments a feed could list, 1,000,000 and 1,012,345 bytes: sealed, the disk shows
        // the same size for both (until 2026-12-07 each showed its own, so that a copy of the
        // folder and the feed's list of sizes told which files the laptop held).
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        let key = files.key.clone().unwrap();
        let mut lens = vec![];
        for size in [1_000_000usize, 1_012_345] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 253) as u8).collect();
            let h = sha(&bytes);
            files.put(&h, &bytes).unwrap();
            assert!(files.holds(&h, size as u64));
            assert_eq!(files.read(&h).unwrap(), bytes, "the padding is not read back");
            lens.push(std::fs::metadata(files.sealed_path(&key, &h)).unwrap().len());
        }
        assert_eq!(lens[0], lens[1], "{lens:?}");
        assert_eq!(lens[0], sealed_len(1_000_000));
    }

    #[test]
    fn a_file_sealed_in_format_1_still_opens_and_is_held() {
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        let key = files.key.clone().unwrap();
        for size in [0, 10, CHUNK - NAME, 2 * CHUNK + 100] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 13 % 249) as u8).collect();
            let h = sha(&bytes);
            let name = unhex(&h).unwrap();
            // Format 1 as it was written: the sha256 then the bytes, under the "seal v1" key.
            write_then_rename(&files.target(&h).unwrap(), |out| seal_stream(key.cipher_v1(), &mut (&name[..]).chain(&bytes[..]), out)).unwrap();
            assert_eq!(std::fs::metadata(files.sealed_path(&key, &h)).unwrap().len(), sealed_len_v1(size as u64));
            assert!(files.holds(&h, size as u64), "size {size}");
            assert_eq!(files.read(&h).unwrap(), bytes, "size {size}");
        }
        assert_eq!(files.unseal_all().unwrap(), 4);
    }

    #[test]
    fn chunks_of_padding_alone_are_read_to_the_end_and_must_open() {
        // 4 MiB + 1 byte of plaintext rounds up to a multiple of 128 KiB: its last chunk holds
        // nothing of the file, and is opened all the same (changed, it fails).
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        let key = files.key.clone().unwrap();
        let bytes = vec![3u8; (4 << 20) + 1 - NAME - LENGTH];
        let h = sha(&bytes);
        files.put(&h, &bytes).unwrap();
        let path = files.sealed_path(&key, &h);
        let good = std::fs::read(&path).unwrap();
        assert_eq!(padme((4 << 20) + 1), (4 << 20) + (128 << 10));
        let mut bad = good.clone();
        let at = good.len() - 10;
        bad[at] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert!(files.holds(&h, bytes.len() as u64));
        assert_eq!(files.read(&h).unwrap_err().kind(), std::io::ErrorKind::InvalidData);
        std::fs::write(&path, &good).unwrap();
        assert_eq!(files.read(&h).unwrap(), bytes);
    }

    #[test]
    fn a_size_no_file_has_is_held_by_nothing_and_overflows_nothing() {
        // A manifest may list any size: sealed sizes hold at u64::MAX (debug builds panicked on
        // the overflow before 95cf261), the budget counts it as all the room there is.
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        let bytes = b"held".to_vec();
        let h = sha(&bytes);
        files.put(&h, &bytes).unwrap();
        for size in [u64::MAX, u64::MAX - 40, u64::MAX / 2] {
            assert!(!files.holds(&h, size), "{size}");
            assert!(files.room_for(size) >= size, "{size}");
        }
        assert_eq!(files.room_for(u64::MAX), u64::MAX);
    }

    #[test]
    fn a_file_that_changes_length_while_it_is_sealed_is_refused() {
        let key = FilesKey::from_master(&[7u8; 32]);
        let bytes = vec![5u8; 1000];
        let h = sha(&bytes);
        for said in [999, 1001] {
            let refused = seal(&key, &h, said, &mut &bytes[..], &mut vec![]).unwrap_err();
            assert_eq!(refused.kind(), std::io::ErrorKind::InvalidData, "{said}: {refused}");
        }
        assert!(seal(&key, &h, 1000, &mut &bytes[..], &mut vec![]).is_ok());
    }

    #[test]
    fn a_sealed_file_changed_cut_or_moved_does_not_open() {
        let tmp = tempfile::tempdir().unwrap();
        let files = sealed_files(tmp.path());
        let key = files.key.clone().unwrap();
        let (a, b) = (vec![1u8; 2 * CHUNK + 100], vec![2u8; 10]);
        let (ha, hb) = (sha(&a), sha(&b));
        files.put(&ha, &a).unwrap();
        files.put(&hb, &b).unwrap();
        let (pa, pb) = (files.sealed_path(&key, &ha), files.sealed_path(&key, &hb));
        let good = std::fs::read(&pa).unwrap();
        // One bit changed in the second chunk.
        let mut bad = good.clone();
        bad[PREFIX + CHUNK + TAG + 7] ^= 1;
        std::fs::write(&pa, &bad).unwrap();
        assert!(files.read(&ha).is_err());
        // Cut after its second chunk: that chunk was not sealed as the last.
        std::fs::write(&pa, &good[..PREFIX + 2 * (CHUNK + TAG)]).unwrap();
        assert!(files.read(&ha).is_err());
        // One bit changed in its padding (its third chunk is the file's last 140 bytes, then
        // zeros up to 4,096), which is never given out: refused all the same, as is the file
        // cut there.
        assert_eq!(good.len() as u64, sealed_len(a.len() as u64));
        let mut bad = good.clone();
        bad[PREFIX + 2 * (CHUNK + TAG) + 2000] ^= 1;
        std::fs::write(&pa, &bad).unwrap();
        assert!(files.read(&ha).is_err());
        std::fs::write(&pa, &good[..good.len() - 100]).unwrap();
        assert!(files.read(&ha).is_err());
        // Another file's bytes under its name.
        std::fs::copy(&pb, &pa).unwrap();
        assert!(files.read(&ha).is_err());
        // Another key, even with the file under the name that key gives it.
        std::fs::write(&pa, &good).unwrap();
        assert_eq!(files.read(&ha).unwrap(), a);
        let other = Files::new(tmp.path().to_path_buf(), Some(FilesKey::from_master(&[8u8; 32])));
        std::fs::copy(&pa, other.sealed_path(other.key.as_ref().unwrap(), &ha)).unwrap();
        let refused = other.read(&ha).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::InvalidData, "{refused}");
    }

    #[test]
    fn a_folder_is_sealed_and_made_plain_again_even_when_cut_short() {
        let tmp = tempfile::tempdir().unwrap();
        let plain = Files::plain(tmp.path());
        let docs: Vec<Vec<u8>> = (0..5).map(|i| format!("marker-word document {i} ").repeat(9000).into_bytes()).collect();
        for d in &docs {
            plain.put(&sha(d), d).unwrap();
        }
        let files = sealed_files(tmp.path());
        // A sealing cut short: one file sealed, its plain copy still there.
        let key = files.key.clone().unwrap();
        let h0 = sha(&docs[0]);
        write_then_rename(&files.target(&h0).unwrap(), |out| seal(&key, &h0, docs[0].len() as u64, &mut &docs[0][..], out)).unwrap();
        for d in &docs {
            assert_eq!(files.read(&sha(d)).unwrap(), *d, "read while half sealed");
        }
        assert_eq!(files.seal_all().unwrap(), 5);
        for d in &docs {
            assert!(!tmp.path().join(sha(d)).exists());
            assert_eq!(files.read(&sha(d)).unwrap(), *d);
        }
        let mut all = vec![];
        for e in walk(tmp.path()) {
            all.extend(std::fs::read(e).unwrap());
        }
        assert!(!all.windows(11).any(|w| w == b"marker-word"), "no plain byte left");
        assert_eq!(files.unseal_all().unwrap(), 5);
        for d in &docs {
            assert_eq!(std::fs::read(tmp.path().join(sha(d))).unwrap(), *d);
            assert!(plain.holds(&sha(d), d.len() as u64));
        }
        assert!(!tmp.path().join(SEALED).exists());
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = vec![];
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
        out
    }
}
