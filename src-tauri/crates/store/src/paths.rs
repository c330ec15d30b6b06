//! Where the library lives on disk. The app and the `peerlib` command resolve the same folder:
//! `--data-dir DIR`, else `PEERLIB_DATA_DIR`, else the OS application-data folder named by the
//! app identifier (the folder Tauri's `app_data_dir()` returns).

use std::path::{Path, PathBuf};

/// Tauri's `identifier` in tauri.conf.json; the OS data folder is named after it.
pub const APP_IDENTIFIER: &str = "org.peerlibrary.desktop";
pub const DATA_DIR_ENV: &str = "PEERLIB_DATA_DIR";

/// Resolve the data folder from an explicit flag, then the environment, then the OS default.
/// Returns None only when the OS has no data folder at all (no HOME); callers say so to the user.
pub fn resolve_data_dir(flag: Option<&Path>, env: Option<&str>) -> Option<PathBuf> {
    if let Some(f) = flag {
        return Some(f.to_path_buf());
    }
    if let Some(e) = env.filter(|e| !e.trim().is_empty()) {
        return Some(PathBuf::from(e));
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The files inside a data folder, and the passphrase that unlocks its personal data when that
/// is encrypted (crypt.rs): whoever opens user.db through a `DataDir` opens it with its keyring.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
    keyring: Option<std::sync::Arc<crate::crypt::Keyring>>,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into(), keyring: None }
    }
    /// The same folder, unlocked with `keyring`.
    pub fn with_keyring(&self, keyring: std::sync::Arc<crate::crypt::Keyring>) -> Self {
        DataDir { root: self.root.clone(), keyring: Some(keyring) }
    }
    /// The same folder with no passphrase: an encrypted user.db opens as `StoreError::Locked`.
    pub fn without_keyring(&self) -> Self {
        DataDir { root: self.root.clone(), keyring: None }
    }
    pub fn keyring(&self) -> Option<&crate::crypt::Keyring> {
        self.keyring.as_deref()
    }
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// Content that a sync can fetch again.
    pub fn content_db(&self) -> PathBuf {
        self.root.join("content.db")
    }
    /// What only this laptop has: notes, bookmarks, read state, collections, settings.
    pub fn user_db(&self) -> PathBuf {
        self.root.join("user.db")
    }
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }
    /// The n-th newest backup of user.db (1 is the newest).
    pub fn user_backup(&self, n: usize) -> PathBuf {
        self.backups().join(format!("user-{n}.db"))
    }
    /// Attachments, named by their sha256 only (never by a name from the network); read and
    /// written through `files()`, which knows whether they are sealed.
    pub fn attachments(&self) -> PathBuf {
        self.root.join("attachments")
    }
    /// The attachments and images held, plain or sealed as the library is (files.rs): `Locked`
    /// while the library is encrypted and this folder's keyring has not opened user.db.
    pub fn files(&self) -> Result<crate::files::Files, crate::StoreError> {
        Ok(crate::files::Files::new(self.attachments(), crate::crypt::files_key(self)?))
    }
    /// Create the folder (private to its user where the OS has modes: 0700 on Unix, so another
    /// account on a shared laptop cannot list or read it; #18 item 7) and its attachments folder.
    /// A folder that exists keeps the permissions it has.
    pub fn create(&self) -> std::io::Result<()> {
        private_dir(&self.root)?;
        std::fs::create_dir_all(self.attachments())
    }
}

/// Create `path` (and any missing parent) readable only by its user on Unix (mode 0700); on other
/// systems as the OS makes folders (under the user's own profile). An existing folder is left as
/// it is.
pub fn private_dir(path: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(path)
}

/// A lowercase hex sha256: the only shape of name allowed in the attachments folder.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Move a damaged database (and its WAL files) aside under a unique name; never delete it.
pub(crate) fn move_aside(path: &Path) -> Result<PathBuf, crate::StoreError> {
    let mut n = 0;
    let target = loop {
        let candidate = path.with_extension(format!("db.corrupt-{n}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &target)?;
    for ext in ["db-wal", "db-shm"] {
        let side = path.with_extension(ext);
        if side.exists() {
            std::fs::rename(&side, target.with_extension(format!("{ext}-{n}")))?;
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_os_default() {
        let flag = Path::new("/tmp/flag");
        assert_eq!(resolve_data_dir(Some(flag), Some("/tmp/env")).unwrap(), flag);
        assert_eq!(resolve_data_dir(None, Some("/tmp/env")).unwrap(), Path::new("/tmp/env"));
        let os = resolve_data_dir(None, Some("  ")).expect("HOME is set in tests");
        assert!(os.ends_with(APP_IDENTIFIER), "blank env falls back to the OS folder: {os:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_data_folder_is_private_to_its_user() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("new").join("peer-library");
        DataDir::new(&root).create().unwrap();
        for p in [&root, &root.parent().unwrap().to_path_buf()] {
            assert_eq!(std::fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o700, "{}", p.display());
        }
        // A folder the user made with other permissions is left as it is.
        let mine = tmp.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::set_permissions(&mine, std::fs::Permissions::from_mode(0o750)).unwrap();
        DataDir::new(&mine).create().unwrap();
        assert_eq!(std::fs::metadata(&mine).unwrap().permissions().mode() & 0o777, 0o750);
    }

    #[test]
    fn only_hash_names_name_attachment_files() {
        let tmp = tempfile::tempdir().unwrap();
        let files = DataDir::new(tmp.path()).files().unwrap();
        for bad in ["../../etc/passwd", &"A".repeat(64), "", "sealed"] {
            assert_eq!(files.put(bad, b"x").unwrap_err().kind(), std::io::ErrorKind::InvalidInput, "{bad:?}");
            assert_eq!(files.read(bad).unwrap_err().kind(), std::io::ErrorKind::InvalidInput, "{bad:?}");
        }
        files.put(&"a".repeat(64), b"x").unwrap();
        assert_eq!(std::fs::read(tmp.path().join("attachments").join("a".repeat(64))).unwrap(), b"x");
    }
}
