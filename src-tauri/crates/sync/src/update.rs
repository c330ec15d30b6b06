//! Signed updates of the app itself (#19; docs/releasing.md, docs/install.md).
//!
//! The maintainers sign `updates/update.json` (`peerlib release`) with the release key, whose
//! public half is compiled into the packages (`PEERLIB_RELEASE_KEY`), and put it with the packages on the
//! network's static host beside the feed. The manifest names a version, release notes per
//! language and, per system, one package file with its size and SHA-256; a package is trusted
//! only through that signed manifest (as apt trusts a .deb through a signed Release file), so a
//! package that is truncated, swapped or altered fails its hash and is never handed to the
//! system's installer. Refused: a manifest that is not signed by a release key, not this format
//! or not JSON (a captive portal's page), a version not newer than the installed one (no
//! downgrade, no replay of an old release), a package whose size or hash differs.
//!
//! The same update travels by USB as one file (`*.peerlib-update`: a zip of the manifest, its
//! signature and the package), checked exactly as over the network before anything is written
//! outside the data folder's `updates/` folder.

use crate::cancel::Cancel;
use crate::http::{DownloadError, Expect, FetchError, Fetched, Http};
use peerlib_code::ErrorCode;
use peerlib_feed::manifest::{PinnedKey, VerifyError};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use peerlib_feed::release::{is_package_name, Package, UpdateManifest, FOLDER, MANIFEST, SIGNATURE, UPDATE_FORMAT};
/// An update saved to a file for a USB stick.
pub const FILE_EXTENSION: &str = "peerlib-update";
pub const MAX_MANIFEST: u64 = 64 * 1024;
const MAX_SIGNATURE: u64 = 4 * 1024;
/// The largest package accepted (today's .deb is about 8 MB; Windows' with WebView2's offline
/// installer about 200 MB).
pub const MAX_PACKAGE: u64 = 512 * 1024 * 1024;
/// At most one check a day in the background.
pub const CHECK_EVERY_SECS: i64 = 24 * 3600;

/// A verified offer of a newer version for this system.
#[derive(Debug, Clone)]
pub struct Offer {
    pub version: String,
    pub released: String,
    pub notes: BTreeMap<String, String>,
    pub package: Package,
    /// The signed manifest as received, kept with the package so that it is checked again
    /// before installing and can be saved to a file.
    pub manifest: Vec<u8>,
    pub signature: String,
}

impl Offer {
    /// The release notes in `locale`'s language, else in English.
    pub fn notes_in(&self, locale: &str) -> String {
        let lang = locale.split(['-', '_']).next().unwrap_or("en");
        self.notes.get(lang).or_else(|| self.notes.get("en")).cloned().unwrap_or_default()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("the update is not signed by the release key: {0}")]
    Signature(VerifyError),
    #[error("the update manifest is not valid: {0}")]
    NotManifest(String),
    #[error("version {offered} is not newer than the installed {installed}")]
    NotNewer { offered: String, installed: String },
    #[error("version {offered} is older than version {waiting}, which waits to be installed")]
    OlderThanWaiting { offered: String, waiting: String },
    #[error("the update has no package for this system ({0})")]
    NoPackage(String),
    #[error("the package does not match its signed manifest: {0}")]
    Damaged(String),
    #[error("not an update file: {0}")]
    NotUpdateFile(String),
    #[error("this copy was not installed from a package, so it cannot update itself")]
    NotInstalled,
    #[error("the system's installer failed: {0}")]
    Installer(String),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<DownloadError> for UpdateError {
    fn from(e: DownloadError) -> Self {
        match e {
            DownloadError::Fetch(f) => UpdateError::Fetch(f),
            DownloadError::Io(e) => UpdateError::Io(e),
        }
    }
}

impl UpdateError {
    pub fn code(&self) -> ErrorCode {
        match self {
            UpdateError::Signature(_) => ErrorCode::UpdateSignature,
            UpdateError::NotManifest(_) => ErrorCode::UpdateNotManifest,
            UpdateError::NotNewer { .. } => ErrorCode::UpdateNotNewer,
            UpdateError::OlderThanWaiting { .. } => ErrorCode::UpdateOlderThanWaiting,
            UpdateError::NoPackage(_) => ErrorCode::UpdateNoPackage,
            UpdateError::Damaged(_) => ErrorCode::UpdateDamaged,
            UpdateError::NotUpdateFile(_) => ErrorCode::UpdateNotFile,
            UpdateError::NotInstalled => ErrorCode::UpdateNotInstalled,
            UpdateError::Installer(_) => ErrorCode::UpdateInstaller,
            UpdateError::Fetch(f) => f.code(),
            UpdateError::Io(_) => ErrorCode::Disk,
        }
    }
}

/// The version of this build (the workspace's one version: Cargo.toml).
pub fn installed_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The release key this build trusts: the public key line given at build time in
/// `PEERLIB_RELEASE_KEY` (the maintainers' key for a release, docs/releasing.md; `make dist`
/// passes a test key kept outside the clone unless told which). A build made without one trusts
/// no update at all. No key is compiled in from the repository: a key whose secret half sat in a
/// repository would let anyone sign updates. A debug build also reads `PEERLIB_TEST_RELEASE_KEY`
/// at run time, for tests that sign their own releases.
pub fn release_keys() -> Vec<PinnedKey> {
    #[cfg(debug_assertions)]
    if let Some(k) = std::env::var("PEERLIB_TEST_RELEASE_KEY").ok().and_then(|k| PinnedKey::parse(&k)) {
        return vec![k];
    }
    option_env!("PEERLIB_RELEASE_KEY").and_then(PinnedKey::parse).into_iter().collect()
}

/// This system's package kind, as the manifest names it: `linux-x86_64-deb`,
/// `linux-x86_64-rpm`, `windows-x86_64-nsis`, `macos-aarch64-dmg`... Linux tells .deb from .rpm
/// by which package database lists the app (None: run from a source build, as `make run` does).
pub fn platform() -> Option<String> {
    #[cfg(debug_assertions)]
    if let Ok(p) = std::env::var("PEERLIB_TEST_PLATFORM") {
        return Some(p);
    }
    let arch = std::env::consts::ARCH;
    let kind = match std::env::consts::OS {
        "linux" if Path::new("/var/lib/dpkg/info/peer-library.list").exists() => "deb",
        "linux" if Path::new("/usr/bin/rpm").exists() && installed_by_rpm() => "rpm",
        "windows" => "nsis",
        "macos" => "dmg",
        _ => return None,
    };
    Some(format!("{}-{arch}-{kind}", std::env::consts::OS))
}

/// Whether an update on `platform` is finished by the person: on macOS the disk image is opened
/// in the Finder, and they drag the app into Applications and open it again (what installing an
/// app from a disk image is there). Everywhere else the system's installer puts it in place.
pub fn finished_by_hand(platform: &str) -> bool {
    platform.ends_with("-dmg")
}

fn installed_by_rpm() -> bool {
    std::process::Command::new("rpm").args(["-q", "peer-library"]).output().is_ok_and(|o| o.status.success())
}

/// Check a manifest's signature with the release keys, then its format, then that it offers a
/// version newer than `installed` with a package for `platform`. Nothing in it is read before
/// the signature holds.
pub fn verify_manifest(bytes: &[u8], signature: &str, keys: &[PinnedKey], installed: &str, platform: &str) -> Result<Offer, UpdateError> {
    if crate::http::is_portal_page("", bytes) {
        return Err(UpdateError::Fetch(FetchError::SignIn));
    }
    peerlib_feed::manifest::verify_signature(bytes, signature, keys).map_err(UpdateError::Signature)?;
    let m: UpdateManifest = serde_json::from_slice(bytes).map_err(|e| UpdateError::NotManifest(e.to_string()))?;
    let bad = |s: &str| UpdateError::NotManifest(s.to_string());
    if m.format != UPDATE_FORMAT {
        return Err(bad("unknown format"));
    }
    let offered = semver::Version::parse(&m.version).map_err(|_| bad("version is not a semantic version"))?;
    // Build metadata has no precedence: `1.4.0+x` is no newer than 1.4.0, though the semver
    // crate's ordering says it is. A release never carries it (`write_release`).
    if !offered.build.is_empty() {
        return Err(bad("a version with build metadata"));
    }
    let current = semver::Version::parse(installed).map_err(|_| bad("installed version"))?;
    if !m.notes.contains_key("en") {
        return Err(bad("no English release notes"));
    }
    for p in m.packages.values() {
        if !is_package_name(&p.file) || p.size == 0 || p.size > MAX_PACKAGE || !is_hash(&p.sha256) {
            return Err(bad("a package has a bad name, size or hash"));
        }
    }
    if offered.cmp_precedence(&current) != std::cmp::Ordering::Greater {
        return Err(UpdateError::NotNewer { offered: m.version, installed: installed.to_string() });
    }
    let package = m.packages.get(platform).cloned().ok_or_else(|| UpdateError::NoPackage(platform.to_string()))?;
    Ok(Offer { version: m.version, released: m.released, notes: m.notes, package, manifest: bytes.to_vec(), signature: signature.to_string() })
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Check a file against the package the signed manifest names: its size first, then its hash.
pub fn verify_package(path: &Path, package: &Package) -> Result<(), UpdateError> {
    use sha2::{Digest, Sha256};
    let len = std::fs::metadata(path)?.len();
    if len != package.size {
        return Err(UpdateError::Damaged(format!("{len} bytes where the manifest says {}", package.size)));
    }
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
    if hex::encode(hasher.finalize()) != package.sha256 {
        return Err(UpdateError::Damaged("its SHA-256 differs".into()));
    }
    Ok(())
}

/// The folder in the data folder where a verified update waits to be installed.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("updates")
}

/// The file whose lock is the update folder's turn ([`Turn`]); kept by [`clear`].
const TURN: &str = ".turn";

/// The update folder to oneself: one download, file read, install or clear at a time, in this
/// process and any other on the same data folder (the window's check and the daily one, `peerlib
/// update` beside the window). Without it two downloads wrote one part file at once and were
/// refused as damaged, and one could clear the folder under another's install. Held until
/// dropped; an advisory lock on `updates/.turn`, let go by the system if the process dies.
pub struct Turn {
    _file: std::fs::File,
}

impl Turn {
    /// Wait for the turn (a download under way may take minutes: call it off the async threads).
    pub fn take(data_dir: &Path) -> std::io::Result<Turn> {
        let file = Turn::file(data_dir)?;
        file.lock()?;
        Ok(Turn { _file: file })
    }

    /// The turn if it is free now, else None (another holds it, in this process too).
    pub fn try_take(data_dir: &Path) -> std::io::Result<Option<Turn>> {
        let file = Turn::file(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Turn { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    fn file(data_dir: &Path) -> std::io::Result<std::fs::File> {
        let dir = folder(data_dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::File::options().create(true).truncate(false).write(true).open(dir.join(TURN))
    }
}

/// The HTTP client an update check uses: the sync's limits, timeouts and address rules, asking
/// only the network's host, through `proxy` (Settings) or the environment's.
pub fn http_for(feed_url: &str, proxy: Option<&str>) -> Result<Http, FetchError> {
    let o = crate::SyncOptions::default();
    Http::with_timeouts(o.limits, o.connect_timeout, o.read_timeout, o.pace, crate::address::OwnOrigins::of([feed_url]), proxy)
}

/// Ask the network's host whether a newer version exists: Ok(None) when the newest is the one
/// installed (or older: a replayed manifest). The manifest is fetched whole, at most 64 KiB.
pub async fn check(http: &Http, feed_url: &str, keys: &[PinnedKey], installed: &str, platform: &str, cancel: &Cancel) -> Result<Option<Offer>, UpdateError> {
    let base = format!("{feed_url}{FOLDER}");
    let body = |f: Fetched| match f {
        Fetched::Body { bytes, .. } => Ok(bytes),
        Fetched::NotModified => Err(UpdateError::NotManifest("not modified".into())),
    };
    let manifest = body(http.get(&format!("{base}{MANIFEST}"), None, Expect::Json, MAX_MANIFEST, cancel).await?)?;
    let signature = body(http.get(&format!("{base}{SIGNATURE}"), None, Expect::Signature, MAX_SIGNATURE, cancel).await?)?;
    let signature = String::from_utf8(signature).map_err(|_| UpdateError::Signature(VerifyError::BadSignatureFile))?;
    match verify_manifest(&manifest, &signature, keys, installed, platform) {
        Ok(offer) => Ok(Some(offer)),
        Err(UpdateError::NotNewer { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Download an offer's package into the data folder's `updates/` (resuming a part), verify it
/// and keep the signed manifest beside it. Returns the package's path.
pub async fn download(http: &Http, feed_url: &str, offer: &Offer, data_dir: &Path, cancel: &Cancel) -> Result<PathBuf, UpdateError> {
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir)?;
    let target = dir.join(&offer.package.file);
    if verify_package(&target, &offer.package).is_err() {
        let part = dir.join(format!("{}.part", offer.package.file));
        // A body shorter than the signed size is a damaged package as far as the user can act
        // on it (download again); the part stays, for a real interruption to resume.
        http.download(&format!("{feed_url}{FOLDER}{}", offer.package.file), &part, offer.package.size, cancel).await.map_err(|e| match e {
            DownloadError::Fetch(FetchError::Interrupted(why)) => UpdateError::Damaged(why),
            e => e.into(),
        })?;
        if let Err(e) = verify_package(&part, &offer.package) {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        std::fs::rename(&part, &target)?;
    }
    keep_manifest(&dir, offer)?;
    Ok(target)
}

/// Keep the signed manifest beside its package; any other package (an older waiting version, a
/// part of one) leaves the folder, so one update waits at a time and none piles up. Files being
/// written (a temporary `.tmp…` of `write_replacing`) are left alone.
fn keep_manifest(dir: &Path, offer: &Offer) -> Result<(), UpdateError> {
    write_replacing(&dir.join(MANIFEST), &offer.manifest)?;
    write_replacing(&dir.join(SIGNATURE), offer.signature.as_bytes())?;
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let kept = [MANIFEST, SIGNATURE, "checked", offer.package.file.as_str()];
        if !kept.iter().any(|k| name == *k) && !name.to_string_lossy().starts_with('.') {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The update waiting in the data folder, checked again from its signed manifest: None when
/// there is none, or it is no longer newer, or it fails (then it is removed).
pub fn ready(data_dir: &Path, keys: &[PinnedKey], installed: &str, platform: &str) -> Option<(Offer, PathBuf)> {
    match waiting(data_dir, keys, installed, platform)? {
        Ok(ready) => Some(ready),
        // Not valid: removed, unless another holds the turn (a download writing the manifest and
        // its signature one after the other, which a look in between takes for a bad pair), and
        // looked at again once the turn is had (that download may have ended in between).
        Err(()) => {
            if let Ok(Some(_turn)) = Turn::try_take(data_dir) {
                if let Some(Err(())) = waiting(data_dir, keys, installed, platform) {
                    clear(data_dir);
                }
            }
            None
        }
    }
}

/// What waits in the update folder: None when nothing does (or its package is not whole yet),
/// `Err` when its manifest is not valid (or no longer newer).
fn waiting(data_dir: &Path, keys: &[PinnedKey], installed: &str, platform: &str) -> Option<Result<(Offer, PathBuf), ()>> {
    let dir = folder(data_dir);
    let manifest = std::fs::read(dir.join(MANIFEST)).ok()?;
    let signature = std::fs::read_to_string(dir.join(SIGNATURE)).ok()?;
    match verify_manifest(&manifest, &signature, keys, installed, platform) {
        Ok(offer) => {
            let path = dir.join(&offer.package.file);
            verify_package(&path, &offer.package).ok()?;
            Some(Ok((offer, path)))
        }
        Err(_) => Some(Err(())),
    }
}

/// The version of a valid update already waiting in the data folder (its package checked, as
/// `ready` does) when it is newer than `offer`, which must then not replace it: a stale USB
/// stick, or a host still serving an older release. A damaged one waiting does not count.
pub fn superseded(data_dir: &Path, offer: &Offer, keys: &[PinnedKey], installed: &str, platform: &str) -> Option<String> {
    let (waiting, _) = ready(data_dir, keys, installed, platform)?;
    let (offered, newer) = (semver::Version::parse(&offer.version).ok()?, semver::Version::parse(&waiting.version).ok()?);
    (offered.cmp_precedence(&newer) == std::cmp::Ordering::Less).then_some(waiting.version)
}

/// Remove a waiting update (installed, or no longer valid); the time of the last check stays,
/// and so do the turn's file (removed, another process would lock a new one beside the held one)
/// and files being written (`.tmp…`: the time of a check being saved).
pub fn clear(data_dir: &Path) {
    for entry in std::fs::read_dir(folder(data_dir)).into_iter().flatten().flatten() {
        if entry.file_name() != "checked" && !entry.file_name().to_string_lossy().starts_with('.') {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Write a verified update to one file for a USB stick: a zip (stored, not compressed) of the
/// manifest, its signature and the package, written beside `out` and renamed into place.
pub fn save_file(offer: &Offer, package: &Path, out: &Path) -> Result<(), UpdateError> {
    verify_package(package, &offer.package)?;
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut zip = zip::ZipWriter::new(tmp.as_file());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(offer.package.size >= u32::MAX as u64);
    let zerr = |e: zip::result::ZipError| UpdateError::Io(std::io::Error::other(e.to_string()));
    zip.start_file(MANIFEST, stored).map_err(zerr)?;
    zip.write_all(&offer.manifest)?;
    zip.start_file(SIGNATURE, stored).map_err(zerr)?;
    zip.write_all(offer.signature.as_bytes())?;
    zip.start_file(offer.package.file.as_str(), stored).map_err(zerr)?;
    std::io::copy(&mut std::fs::File::open(package)?, &mut zip)?;
    zip.finish().map_err(zerr)?;
    tmp.as_file().sync_all()?;
    tmp.persist(out).map_err(|e| e.error)?;
    Ok(())
}

/// Read an update file: the manifest checked as over the network, then the package copied (at
/// most the size the manifest names) into the data folder's `updates/` and checked. Returns the
/// offer and the package's path there.
pub fn open_file(path: &Path, data_dir: &Path, keys: &[PinnedKey], installed: &str, platform: &str) -> Result<(Offer, PathBuf), UpdateError> {
    let not = |why: &str| UpdateError::NotUpdateFile(why.to_string());
    // A regular file only: a named pipe would hold the reader at open.
    if !std::fs::metadata(path)?.is_file() {
        return Err(not("not a file"));
    }
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|_| not("not a zip"))?;
    if zip.len() != 3 {
        return Err(not("it must hold a manifest, its signature and one package"));
    }
    let mut read_small = |name: &str, limit: u64| -> Result<Vec<u8>, UpdateError> {
        let entry = zip.by_name(name).map_err(|_| not("no signed manifest"))?;
        let mut out = Vec::new();
        entry.take(limit + 1).read_to_end(&mut out).map_err(|_| not("unreadable"))?;
        if out.len() as u64 > limit {
            return Err(not("manifest too large"));
        }
        Ok(out)
    };
    let manifest = read_small(MANIFEST, MAX_MANIFEST)?;
    let signature = String::from_utf8(read_small(SIGNATURE, MAX_SIGNATURE)?).map_err(|_| UpdateError::Signature(VerifyError::BadSignatureFile))?;
    let offer = verify_manifest(&manifest, &signature, keys, installed, platform)?;
    if let Some(waiting) = superseded(data_dir, &offer, keys, installed, platform) {
        return Err(UpdateError::OlderThanWaiting { offered: offer.version, waiting });
    }
    let dir = folder(data_dir);
    std::fs::create_dir_all(&dir)?;
    let part = dir.join(format!("{}.part", offer.package.file));
    let copied = (|| -> Result<(), UpdateError> {
        let entry = zip.by_name(&offer.package.file).map_err(|_| UpdateError::Damaged("the package is missing".into()))?;
        let mut out = std::fs::File::create(&part)?;
        std::io::copy(&mut entry.take(offer.package.size + 1), &mut out).map_err(|e| UpdateError::Damaged(e.to_string()))?;
        out.sync_all()?;
        verify_package(&part, &offer.package)
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    let target = dir.join(&offer.package.file);
    std::fs::rename(&part, &target)?;
    keep_manifest(&dir, &offer)?;
    Ok((offer, target))
}

/// Hand a verified package to the system's installer and wait for it: apt (through pkexec,
/// which asks for an administrator's password, unless already root) for a .deb, dnf/rpm for an
/// .rpm, the NSIS installer in passive mode on Windows, the disk image opened on macOS. A debug
/// build runs `PEERLIB_TEST_INSTALLER` instead, with the package's path, for tests.
///
/// On Linux the package sits in the user's data folder, which any program the user runs may
/// write: changed between our check and the installer's read, it would be installed as root. So
/// the root side never opens the user's path: it reads the package from its standard input (the
/// file this process opened, a regular file), at most the signed size, into a folder of its own,
/// checks that copy against the signed SHA-256, and installs only the copy. (On Windows the
/// per-user installer and on macOS the disk image run as the user: no privilege is crossed.)
pub fn install(package: &Path, platform: &str, signed: &Package) -> Result<(), UpdateError> {
    let path = package.to_string_lossy().into_owned();
    #[cfg(debug_assertions)]
    if let Ok(fake) = std::env::var("PEERLIB_TEST_INSTALLER") {
        return run(&fake, &[path.as_str()], std::process::Stdio::null());
    }
    if !is_hash(&signed.sha256) {
        return Err(UpdateError::Damaged("no SHA-256 to check the package against".into()));
    }
    let as_root = |installer: &str, extension: &str| -> Result<(), UpdateError> {
        let script = root_script(installer);
        let size = signed.size.to_string();
        let argv = ["/bin/sh", "-c", script.as_str(), "sh", signed.sha256.as_str(), size.as_str(), extension];
        let stdin = std::process::Stdio::from(open_regular(package)?);
        if is_root() {
            run(argv[0], &argv[1..], stdin)
        } else {
            run("pkexec", &argv, stdin)
        }
    };
    match platform.rsplit('-').next() {
        Some("deb") => as_root("apt-get install -y --no-install-recommends", "deb"),
        Some("rpm") if Path::new("/usr/bin/dnf").exists() => as_root("dnf install -y", "rpm"),
        Some("rpm") => as_root("rpm -U", "rpm"),
        Some("nsis") => run(&path, &["/P"], std::process::Stdio::null()),
        Some("dmg") => run("open", &[path.as_str()], std::process::Stdio::null()),
        _ => Err(UpdateError::NotInstalled),
    }
}

/// A package opened for the installer: a regular file, checked before the open (a named pipe
/// would hold it) and on the handle.
fn open_regular(path: &Path) -> Result<std::fs::File, UpdateError> {
    let damaged = || UpdateError::Damaged("the package is not a plain file".into());
    if !std::fs::metadata(path)?.is_file() {
        return Err(damaged());
    }
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(damaged());
    }
    Ok(file)
}

/// The script root runs (`/bin/sh -c SCRIPT sh SHA256 SIZE EXTENSION`, the package on its
/// standard input): at most SIZE bytes copied into a new folder only root can write, the copy
/// checked against the signed hash, then installed by `installer` (given the copy's path); the
/// folder goes when the script ends, whatever happened.
fn root_script(installer: &str) -> String {
    format!(
        "set -e; d=$(mktemp -d); trap 'rm -rf \"$d\"' EXIT; p=\"$d/update.$3\"; head -c \"$2\" > \"$p\"; \
         echo \"$1  $p\" | sha256sum -c --status || {{ echo 'the package changed after it was checked' >&2; exit 3; }}; \
         chmod 755 \"$d\"; chmod 644 \"$p\"; {installer} \"$p\" < /dev/null"
    )
}

fn run(program: &str, args: &[&str], stdin: std::process::Stdio) -> Result<(), UpdateError> {
    let out = std::process::Command::new(program).args(args).stdin(stdin).output().map_err(|e| UpdateError::Installer(format!("{program}: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        let tail: String = String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("").chars().take(200).collect();
        Err(UpdateError::Installer(format!("{program}: {} {tail}", out.status)))
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

/// When the last background check ran (unix seconds), kept in `updates/checked`.
pub fn last_check(data_dir: &Path) -> Option<i64> {
    std::fs::read_to_string(folder(data_dir).join("checked")).ok()?.trim().parse().ok()
}

pub fn set_last_check(data_dir: &Path, at: i64) -> std::io::Result<()> {
    std::fs::create_dir_all(folder(data_dir))?;
    write_replacing(&folder(data_dir).join("checked"), at.to_string().as_bytes())
}

/// Whether a background check is due (never more than once a day).
pub fn check_due(data_dir: &Path, now: i64) -> bool {
    !matches!(last_check(data_dir), Some(t) if t <= now && now - t < CHECK_EVERY_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The package in the data folder is changed after the app checked it, before the installer,
    /// running as root, reads it: the root side reads only what it is handed, at most the signed
    /// size, and checks its own copy against the signed hash, so a changed package is refused and
    /// the installer never sees it; the checked one is installed from a copy in a folder of
    /// root's, never from the user's path.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_package_changed_after_the_check_never_reaches_the_installer() {
        use sha2::Digest;
        let tmp = tempfile::tempdir().unwrap();
        let package = tmp.path().join("peer-library_9.9.9_amd64.deb");
        let signed = b"the signed package";
        let sha = hex::encode(sha2::Sha256::digest(signed));
        let seen = tmp.path().join("installer-saw");
        let installer = format!("cp -- \"$p\" '{}'; printf %s", seen.display());
        let run_script = |size: usize| {
            let stdin = open_regular(&package).unwrap();
            std::process::Command::new("/bin/sh")
                .args(["-c", &root_script(&installer), "sh", &sha, &size.to_string(), "deb"])
                .stdin(stdin)
                .output()
                .unwrap()
        };
        std::fs::write(&package, signed).unwrap();
        let out = run_script(signed.len());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read(&seen).unwrap(), signed);
        let given = String::from_utf8(out.stdout).unwrap();
        assert!(given.ends_with("/update.deb") && !given.starts_with(tmp.path().to_str().unwrap()), "installed from a copy: {given}");
        assert!(!Path::new(&given).exists(), "the copy's folder is removed");

        // Changed after the check: another package, or the signed one cut short. (Bytes added after
        // the signed ones are never read: the copy is at most the signed size.)
        for changed in [&b"a package the attacker put there"[..], &signed[..10]] {
            std::fs::remove_file(&seen).ok();
            std::fs::write(&package, changed).unwrap();
            let out = run_script(signed.len());
            assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
            assert!(String::from_utf8_lossy(&out.stderr).contains("changed after it was checked"));
            assert!(!seen.exists(), "the installer never ran");
        }
        // Not a plain file: never handed over.
        let fifo = tmp.path().join("fifo.deb");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(matches!(open_regular(&fifo), Err(UpdateError::Damaged(_))));
    }

    /// Update files from a stick are read before anything is trusted: a zip whose end record
    /// claims 65,535 entries (or a zip64 count of 2^64 - 1) over nothing, a zip of a thousand
    /// entries, random bytes, an empty file and a folder are each refused, with no allocation
    /// sized by the claim and nothing written to the data folder.
    #[test]
    fn a_hostile_update_file_is_refused_quickly_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let eocd = |entries: u16| {
            let mut b = vec![0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0];
            b.extend_from_slice(&entries.to_le_bytes());
            b.extend_from_slice(&entries.to_le_bytes());
            b.extend_from_slice(&u32::MAX.to_le_bytes()); // central directory size
            b.extend_from_slice(&0u32.to_le_bytes()); // its offset
            b.extend_from_slice(&0u16.to_le_bytes());
            b
        };
        let mut zip64 = vec![0x50, 0x4b, 0x06, 0x06];
        zip64.extend_from_slice(&44u64.to_le_bytes());
        zip64.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip64.extend_from_slice(&u64::MAX.to_le_bytes());
        zip64.extend_from_slice(&u64::MAX.to_le_bytes());
        zip64.extend_from_slice(&u64::MAX.to_le_bytes());
        zip64.extend_from_slice(&0u64.to_le_bytes());
        zip64.extend_from_slice(&[0x50, 0x4b, 0x06, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
        zip64.extend_from_slice(&eocd(u16::MAX));
        let many = {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for i in 0..1000 {
                w.start_file(format!("f{i}"), zip::write::SimpleFileOptions::default()).unwrap();
            }
            w.finish().unwrap().into_inner()
        };
        let mut random = vec![0u8; 1 << 20];
        for (i, b) in random.iter_mut().enumerate() {
            *b = (i.wrapping_mul(2654435761) >> 13) as u8;
        }
        for (what, bytes) in [("65,535 entries claimed", eocd(u16::MAX)), ("zip64 count of 2^64 - 1", zip64), ("a thousand entries", many), ("random bytes", random), ("empty", vec![])] {
            let file = tmp.path().join("hostile.peerlib-update");
            std::fs::write(&file, bytes).unwrap();
            let got = open_file(&file, &data, &[], "0.1.0", "linux-x86_64-deb");
            assert!(matches!(got, Err(UpdateError::NotUpdateFile(_))), "{what}: {:?}", got.map(|(o, _)| o.version));
            assert!(!folder(&data).exists() || std::fs::read_dir(folder(&data)).unwrap().next().is_none(), "{what}: nothing written");
        }
        assert!(matches!(open_file(tmp.path(), &data, &[], "0.1.0", "linux-x86_64-deb"), Err(UpdateError::NotUpdateFile(_))), "a folder");
    }

    /// A release of `version` signed with the key in `keys`, as a `.peerlib-update` file.
    fn release_file(keys: &Path, version: &str, pinned: &[PinnedKey]) -> PathBuf {
        let site = keys.join(format!("site-{version}"));
        let package = keys.join(format!("peer-library_{version}_amd64.deb"));
        std::fs::write(&package, format!("the package of {version}")).unwrap();
        let notes = [("en".to_string(), "Notes.".to_string())].into_iter().collect();
        let secret = std::fs::read_to_string(keys.join("release.key")).unwrap();
        peerlib_feed::release::write_release(&site, version, "2026-12-01", notes, &[("linux-x86_64-deb".into(), package)], &secret).unwrap();
        let dir = site.join("updates");
        let offer = verify_manifest(&std::fs::read(dir.join(MANIFEST)).unwrap(), &std::fs::read_to_string(dir.join(SIGNATURE)).unwrap(), pinned, "0.0.1", "linux-x86_64-deb").unwrap();
        let file = keys.join(format!("{version}.peerlib-update"));
        save_file(&offer, &dir.join(&offer.package.file), &file).unwrap();
        file
    }

    /// An update waiting to be installed is replaced only by a newer one: an older release, from
    /// a stale USB stick, is refused and the newer one still waits. (Until 2026-12-07 the older
    /// one replaced it, being newer than the installed version.)
    #[test]
    fn an_older_update_never_replaces_a_newer_one_waiting() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        peerlib_feed::publish::keygen(&tmp.path().join("release.key"), &tmp.path().join("release.pub"), false).unwrap();
        let pinned = [PinnedKey::parse(&std::fs::read_to_string(tmp.path().join("release.pub")).unwrap()).unwrap()];
        let open = |version: &str| open_file(&release_file(tmp.path(), version, &pinned), &data, &pinned, "0.0.1", "linux-x86_64-deb");
        let waiting = || ready(&data, &pinned, "0.0.1", "linux-x86_64-deb").map(|(o, _)| o.version);
        open("1.5.0").unwrap();
        assert_eq!(waiting().as_deref(), Some("1.5.0"));
        match open("1.4.0") {
            Err(UpdateError::OlderThanWaiting { offered, waiting }) => assert_eq!((offered.as_str(), waiting.as_str()), ("1.4.0", "1.5.0")),
            other => panic!("an older update kept: {:?}", other.map(|(o, _)| o.version)),
        }
        assert_eq!(waiting().as_deref(), Some("1.5.0"), "the newer one still waits");
        assert!(!folder(&data).join("peer-library_1.4.0_amd64.deb").exists(), "nothing of the older one written");
        // The same version again, or a newer one, is taken.
        open("1.5.0").unwrap();
        open("1.6.0").unwrap();
        assert_eq!(waiting().as_deref(), Some("1.6.0"));
    }

    #[test]
    fn a_background_check_is_due_at_most_once_a_day() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(check_due(tmp.path(), 1_000_000), "never checked");
        set_last_check(tmp.path(), 1_000_000).unwrap();
        assert!(!check_due(tmp.path(), 1_000_000 + CHECK_EVERY_SECS - 1));
        assert!(check_due(tmp.path(), 1_000_000 + CHECK_EVERY_SECS));
        // A clock set back (or a time written by a wrong clock) does not silence checks forever.
        assert!(check_due(tmp.path(), 999_000));
        // A waiting update cleared after installing keeps the time of the last check.
        clear(tmp.path());
        assert_eq!(last_check(tmp.path()), Some(1_000_000));
    }

    #[test]
    fn a_package_name_is_a_plain_file_name() {
        for bad in ["../peer-library.deb", "/usr/bin/peer-library", "a/b.deb", ".hidden", "", "a b.deb", "peer\\library.exe"] {
            assert!(!is_package_name(bad), "{bad:?} accepted");
        }
        for good in ["peer-library_1.4.0_amd64.deb", "Peer.Library_1.4.0_x64-setup.exe", "peer-library-1.4.0-1.x86_64.rpm"] {
            assert!(is_package_name(good), "{good:?} refused");
        }
    }

    #[test]
    fn notes_fall_back_to_english() {
        let offer = Offer {
            version: "2.0.0".into(),
            released: "2026-12-01".into(),
            notes: [("en".to_string(), "New".to_string()), ("fr".to_string(), "Nouveau".to_string())].into(),
            package: Package { file: "p.deb".into(), size: 1, sha256: "0".repeat(64) },
            manifest: vec![],
            signature: String::new(),
        };
        assert_eq!(offer.notes_in("fr-CA"), "Nouveau");
        assert_eq!(offer.notes_in("ru"), "New");
    }
}
