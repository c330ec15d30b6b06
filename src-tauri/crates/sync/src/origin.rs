//! Where a signed feed's files come from. The one signed-feed pipeline (signed.rs) asks an
//! origin for the manifest, its signature, documents and files by their feed paths, and checks
//! every byte itself: an origin is trusted for nothing but delivery.
//!
//! - [`Origin::Http`]: a feed folder on a web server (the network's feed, a feed the user added).
//! - [`Origin::Files`]: files held by the app by feed path: the starter feed built into the app
//!   ([`Origin::starter`]).
//! - [`Origin::Bundle`]: a feed's folder in a bundle file (bundle.rs), checked whole before this
//!   pipeline reads it; a nearby laptop is an `Http` origin at the address the user chose.

use crate::http::{DownloadError, Expect, FetchError, Fetched, Http, Validators};
use crate::{Cancel, SyncError};
use peerlib_feed::manifest::VerifyError;
use std::path::Path;
use std::sync::Arc;
use url::Url;

/// Files of a feed by feed path (`manifest.json`, `documents/<sha256>.json`, `files/<sha256>`).
pub type FileSource = Arc<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

#[derive(Clone)]
pub enum Origin {
    Http { http: Http, base: Url },
    Files(FileSource),
    /// The network's own files handed on by a person: what it holds is the publisher's word as
    /// much as the web's, and news when it arrives; what it lacks (attachments the sender never
    /// had) is fetched by the next sync from the web.
    Bundle(FileSource),
}

impl Origin {
    /// A feed on a web server, from its address (the folder, or its `manifest.json`).
    pub fn http(http: &Http, feed_url: &str) -> Result<Origin, SyncError> {
        Ok(Origin::Http { http: http.clone(), base: base_url(feed_url)? })
    }

    /// The starter feed built into the app (resources/starter-feed).
    pub fn starter() -> Origin {
        Origin::Files(Arc::new(|path: &str| peerlib_feed::starter::feed_file(path).map(<[u8]>::to_vec)))
    }

    /// Files given by a function (a bundle's reader; tests).
    pub fn files(f: impl Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static) -> Origin {
        Origin::Files(Arc::new(f))
    }

    /// Whether what cannot be had now may be had later (a server that fails today may answer
    /// tomorrow): a file that fails is counted and tried again at the next sync. Files held in
    /// the app or a bundle will not change: one that is missing or wrong refuses the whole feed.
    pub fn retries_later(&self) -> bool {
        matches!(self, Origin::Http { .. } | Origin::Bundle(_))
    }

    /// Whether images named by documents' bodies are fetched from the web: only while syncing
    /// from the web. An import from files makes no network request at all.
    pub fn fetches_images(&self) -> bool {
        matches!(self, Origin::Http { .. })
    }

    /// Whether a manifest from here is the network's word on how fresh the library is. The
    /// starter feed built into the app is not: it was signed when the app was built, so its
    /// expiry (long past on a laptop installed a year later) and its bytes (the network's own
    /// feed may be at the same seq with other content) are not kept as the feed's.
    pub fn speaks_for_freshness(&self) -> bool {
        matches!(self, Origin::Http { .. } | Origin::Bundle(_))
    }

    /// Whether this is the web server a feed's address names (its validators are that
    /// server's; a nearby laptop's are not).
    pub fn is_server_of(&self, feed_url: &str) -> bool {
        match self {
            Origin::Http { base, .. } => base_url(feed_url).is_ok_and(|b| b == *base),
            _ => false,
        }
    }

    /// What progress names as the source being read.
    pub fn name(&self) -> String {
        match self {
            Origin::Http { base, .. } => base.to_string(),
            Origin::Files(_) | Origin::Bundle(_) => String::new(),
        }
    }

    /// The manifest, conditionally when validators are given (only the web answers "not
    /// modified").
    pub async fn manifest(&self, validators: Option<&Validators>, limit: u64, cancel: &Cancel) -> Result<Fetched, SyncError> {
        match self {
            Origin::Http { http, base } => Ok(http.get(&join(base, "manifest.json")?, validators, Expect::Json, limit, cancel).await?),
            Origin::Files(_) | Origin::Bundle(_) => Ok(Fetched::Body { bytes: self.file_bytes("manifest.json", limit)?, validators: Validators::default() }),
        }
    }

    /// The manifest's detached minisign signature. A manifest without one is unsigned: refused
    /// like a bad signature.
    pub async fn signature(&self, limit: u64, cancel: &Cancel) -> Result<String, SyncError> {
        let bytes = match self {
            Origin::Http { http, base } => match http.get(&join(base, "manifest.json.minisig")?, None, Expect::Signature, limit, cancel).await {
                Ok(Fetched::Body { bytes, .. }) => bytes,
                Ok(Fetched::NotModified) | Err(FetchError::Status { status: 404 | 410, .. }) => return Err(VerifyError::BadSignatureFile.into()),
                Err(e) => return Err(e.into()),
            },
            Origin::Files(f) | Origin::Bundle(f) => f("manifest.json.minisig").filter(|b| b.len() as u64 <= limit).ok_or(VerifyError::BadSignatureFile)?,
        };
        Ok(String::from_utf8(bytes).map_err(|_| VerifyError::BadSignatureFile)?)
    }

    /// The feed's key statement (`keys.json` and its signature), if it publishes one.
    pub async fn key_statement(&self, cancel: &Cancel) -> Result<Option<(Vec<u8>, String)>, SyncError> {
        const LIMIT: u64 = 64 << 10;
        let (bytes, sig) = match self {
            Origin::Http { http, base } => {
                let bytes = match http.get(&join(base, "keys.json")?, None, Expect::Json, LIMIT, cancel).await {
                    Ok(Fetched::Body { bytes, .. }) => bytes,
                    // An object store answers 403 for a file it does not hold (S3 without list
                    // rights): for this optional file, the same as 404.
                    Ok(Fetched::NotModified) | Err(FetchError::Status { status: 401 | 403 | 404 | 410, .. }) => return Ok(None),
                    Err(e) => return Err(e.into()),
                };
                let sig = match http.get(&join(base, "keys.json.minisig")?, None, Expect::Signature, 16 << 10, cancel).await {
                    Ok(Fetched::Body { bytes, .. }) => bytes,
                    Ok(Fetched::NotModified) | Err(FetchError::Status { status: 404 | 410, .. }) => return Err(VerifyError::BadSignatureFile.into()),
                    Err(e) => return Err(e.into()),
                };
                (bytes, sig)
            }
            Origin::Files(f) | Origin::Bundle(f) => match f("keys.json").filter(|b| b.len() as u64 <= LIMIT) {
                Some(bytes) => (bytes, f("keys.json.minisig").ok_or(VerifyError::BadSignatureFile)?),
                None => return Ok(None),
            },
        };
        Ok(Some((bytes, String::from_utf8(sig).map_err(|_| VerifyError::BadSignatureFile)?)))
    }

    /// A document file by its feed path, whole (at most `limit` bytes).
    pub async fn document(&self, path: &str, limit: u64, cancel: &Cancel) -> Result<Vec<u8>, SyncError> {
        match self {
            Origin::Http { http, base } => match http.get(&join(base, path)?, None, Expect::Json, limit, cancel).await? {
                Fetched::Body { bytes, .. } => Ok(bytes),
                Fetched::NotModified => Err(SyncError::Missing(path.to_string())),
            },
            Origin::Files(_) | Origin::Bundle(_) => self.file_bytes(path, limit),
        }
    }

    /// An attachment's bytes into `part` (a download resumes what an interrupted one left).
    pub async fn file_to(&self, sha256: &str, size: u64, part: &Path, cancel: &Cancel) -> Result<(), DownloadError> {
        let path = format!("files/{sha256}");
        match self {
            Origin::Http { http, base } => {
                let url = join(base, &path).map_err(|_| FetchError::BadUrl(path.clone()))?;
                http.download(&url, part, size, cancel).await
            }
            Origin::Files(f) | Origin::Bundle(f) => {
                cancel.check()?;
                let bytes = f(&path).ok_or_else(|| FetchError::Interrupted(format!("{path} is not in the feed")))?;
                Ok(std::fs::write(part, bytes)?)
            }
        }
    }

    fn file_bytes(&self, path: &str, limit: u64) -> Result<Vec<u8>, SyncError> {
        let (Origin::Files(f) | Origin::Bundle(f)) = self else { unreachable!("only files are read whole by path") };
        let bytes = f(path).ok_or_else(|| SyncError::Missing(path.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(FetchError::TooLarge { limit }.into());
        }
        Ok(bytes)
    }
}

/// The folder a feed is published in, so that `manifest.json` and `documents/…` resolve in it.
pub fn base_url(feed_url: &str) -> Result<Url, SyncError> {
    let mut u = Url::parse(feed_url).map_err(|_| FetchError::BadUrl(feed_url.into()))?;
    if !matches!(u.scheme(), "https" | "http") {
        return Err(FetchError::BadUrl(feed_url.into()).into());
    }
    if u.path().ends_with("/manifest.json") {
        let p = u.path().trim_end_matches("manifest.json").to_string();
        u.set_path(&p);
    } else if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    Ok(u)
}

fn join(base: &Url, path: &str) -> Result<String, SyncError> {
    Ok(base.join(path).map_err(|_| FetchError::BadUrl(path.into()))?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_folder_is_found_from_either_form_of_its_address() {
        for u in ["https://f.example/library/", "https://f.example/library", "https://f.example/library/manifest.json"] {
            assert_eq!(base_url(u).unwrap().as_str(), "https://f.example/library/");
        }
        assert!(base_url("ftp://f.example/").is_err());
        assert!(base_url("not a url").is_err());
    }
}
