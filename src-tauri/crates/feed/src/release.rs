//! The update manifest the maintainers sign (`peerlib release`) and the app checks
//! (peerlib-sync's update.rs; docs/releasing.md).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const UPDATE_FORMAT: &str = "peerlib-update/1";
/// Where the manifest and packages live, under the network's feed address.
pub const FOLDER: &str = "updates/";
pub const MANIFEST: &str = "update.json";
pub const SIGNATURE: &str = "update.json.minisig";

/// `updates/update.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateManifest {
    pub format: String,
    /// Semantic version, newer than every release before it.
    pub version: String,
    /// The release date, YYYY-MM-DD.
    pub released: String,
    /// Release notes by language tag (en, fr, es, ru); `en` at least.
    pub notes: BTreeMap<String, String>,
    /// One package per system ([`platform`]).
    pub packages: BTreeMap<String, Package>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// A plain file name in `updates/`.
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// A package's file name as the manifest may give it: a plain name in `updates/` (letters, digits
/// and `._-+~`, not hidden, at most 200 bytes), so that no name reaches outside the folder. The
/// release writer and the app that reads the manifest both hold names to it.
pub fn is_package_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 200 && !s.starts_with('.') && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-+~".contains(c))
}

#[cfg(feature = "publisher")]
pub use write::{write_release, ReleaseError};

#[cfg(feature = "publisher")]
mod write {
    use super::*;
    use std::path::{Path, PathBuf};

    #[derive(Debug, thiserror::Error)]
    pub enum ReleaseError {
        #[error("{0} is not a semantic version without build metadata (e.g. 1.4.0, or 1.5.0-rc.1)")]
        Version(String),
        #[error("release notes in English are required (--notes en=FILE)")]
        NoEnglishNotes,
        #[error("{0}: expected SYSTEM=FILE, e.g. linux-x86_64-deb=peer-library_1.4.0_amd64.deb")]
        Package(String),
        #[error("{path}: {reason}")]
        Io { path: String, reason: String },
        #[error(transparent)]
        Sign(#[from] crate::publish::PublishError),
    }

    /// Write `updates/` under a feed folder: each package copied under a plain name, the
    /// manifest naming their sizes and hashes, and its signature with the release key. Files
    /// are written beside their targets and renamed, the signature last but one and the manifest
    /// last, so a host that serves the folder while it is written never offers a half release.
    pub fn write_release(feed_dir: &Path, version: &str, released: &str, notes: BTreeMap<String, String>, packages: &[(String, PathBuf)], secret_key: &str) -> Result<UpdateManifest, ReleaseError> {
        // Build metadata (`+…`) says nothing of which version is newer (semantic versioning's
        // precedence ignores it), so a release never carries it: the app refuses it too.
        let parsed = semver::Version::parse(version).map_err(|_| ReleaseError::Version(version.to_string()))?;
        if !parsed.build.is_empty() {
            return Err(ReleaseError::Version(version.to_string()));
        }
        if !notes.contains_key("en") {
            return Err(ReleaseError::NoEnglishNotes);
        }
        let dir = feed_dir.join(FOLDER.trim_end_matches('/'));
        let io = |p: &Path, e: std::io::Error| ReleaseError::Io { path: p.display().to_string(), reason: e.to_string() };
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let mut listed = BTreeMap::new();
        for (system, path) in packages {
            let name = path.file_name().and_then(|n| n.to_str()).map(|n| n.replace(' ', "-")).ok_or_else(|| ReleaseError::Package(system.clone()))?;
            if system.split('-').count() != 3 || !is_package_name(&name) {
                return Err(ReleaseError::Package(format!("{system}={}", path.display())));
            }
            let bytes = std::fs::read(path).map_err(|e| io(path, e))?;
            let target = dir.join(&name);
            write_atomically(&target, &bytes).map_err(|e| io(&target, e))?;
            listed.insert(system.clone(), Package { file: name, size: bytes.len() as u64, sha256: crate::sha256_hex(&bytes) });
        }
        let manifest = UpdateManifest { format: UPDATE_FORMAT.into(), version: version.into(), released: released.into(), notes, packages: listed };
        let bytes = serde_json::to_vec_pretty(&manifest).expect("an update manifest serialises");
        let signature = crate::publish::sign_bytes(&bytes, secret_key, &format!("version:{version} file:{MANIFEST}"))?;
        let sig_path = dir.join(SIGNATURE);
        write_atomically(&sig_path, signature.as_bytes()).map_err(|e| io(&sig_path, e))?;
        let path = dir.join(MANIFEST);
        write_atomically(&path, &bytes).map_err(|e| io(&path, e))?;
        Ok(manifest)
    }

    fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp-release");
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, path)
    }
}
