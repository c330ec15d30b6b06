//! `peerlib keygen` and `peerlib publish`: a folder of Markdown sources becomes the static signed
//! feed (docs/feed-format.md). Everything is validated before anything is written; the new feed
//! is built beside OUT and swapped in, so a reader never sees half a feed.

use crate::manifest::*;
use crate::source::{self, Problem};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{} problem(s) in the sources", .0.len())]
    Invalid(Vec<Problem>),
    #[error("{0} already exists (use --force to replace it)")]
    KeyExists(PathBuf),
    #[error("the secret key cannot be read: {0}")]
    BadKey(String),
    #[error("{0} holds a feed this command cannot read: {1}")]
    BadExistingFeed(PathBuf, String),
    #[error("{0} is a link to a file or folder outside the source folder")]
    OutsideSource(PathBuf),
    #[error("could not write: {0}")]
    Io(#[from] std::io::Error),
}

/// Make an Ed25519 key pair in minisign's formats. The secret key file is created owner-only
/// and never overwritten unless `force`.
pub fn keygen(secret: &Path, public: &Path, force: bool) -> Result<String, PublishError> {
    for p in [secret, public] {
        if p.exists() && !force {
            return Err(PublishError::KeyExists(p.to_path_buf()));
        }
    }
    let kp = minisign::KeyPair::generate_unencrypted_keypair().map_err(|e| PublishError::BadKey(e.to_string()))?;
    let sk = kp.sk.to_box(Some("Peer Library publisher secret key")).map_err(|e| PublishError::BadKey(e.to_string()))?;
    let pk = kp.pk.to_box().map_err(|e| PublishError::BadKey(e.to_string()))?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(secret)?;
    #[cfg(unix)]
    {
        // An existing file keeps its old mode under `create`: tighten it explicitly.
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(sk.to_string().as_bytes())?;
    f.sync_all()?;
    std::fs::write(public, pk.to_string())?;
    let id = PinnedKey::parse(&pk.to_string()).map(|k| k.id().to_string()).unwrap_or_default();
    Ok(id)
}

/// What a publish did.
#[derive(Debug, PartialEq, Eq)]
pub struct PublishReport {
    pub seq: i64,
    pub documents: usize,
    pub changed: usize,
    pub attachments: usize,
}

pub struct PublishOptions<'a> {
    pub publisher: &'a str,
    pub expires_in_days: i64,
    /// Seconds since the epoch (passed in, so tests control it).
    pub now: i64,
}

/// Build the feed from `src` into `out`, signed with the minisign secret key `secret_key`.
pub fn publish(src: &Path, out: &Path, secret_key: &str, opts: &PublishOptions) -> Result<PublishReport, PublishError> {
    let sk_box = minisign::SecretKeyBox::from_string(secret_key).map_err(|e| PublishError::BadKey(e.to_string()))?;
    // Keys from `peerlib keygen` (like `minisign -G -W`) have no password, so a publish can run
    // unattended; a password-protected key is refused rather than prompting.
    let sk = sk_box.into_unencrypted_secret_key().map_err(|e| PublishError::BadKey(e.to_string()))?;
    let key_id: String = sk.keynum().iter().rev().map(|b| format!("{b:02X}")).collect();

    let files = markdown_files(src)?;
    // A path inside SRC can still be a symlink to a file outside it: read only what resolves
    // inside SRC (missing otherwise, which validation reports with its file and line).
    let root = src.canonicalize()?;
    let read = |p: &str| -> Option<Vec<u8>> {
        let real = src.join(p).canonicalize().ok()?;
        real.starts_with(&root).then(|| std::fs::read(real).ok()).flatten()
    };
    let docs = source::build(&files, read).map_err(PublishError::Invalid)?;

    let previous = read_previous(out)?;
    let seq = previous.as_ref().map(|m| m.seq + 1).unwrap_or(1);
    let old: HashMap<&str, &DocumentEntry> =
        previous.iter().flat_map(|m| m.documents.iter()).map(|d| (d.id.as_str(), d)).collect();

    let staging = sibling(out, "staging")?;
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(staging.join("documents"))?;
    std::fs::create_dir_all(staging.join("files"))?;

    let mut attachments: BTreeMap<String, AttachmentEntry> = BTreeMap::new();
    for a in docs.iter().flat_map(|d| &d.attachments) {
        if !attachments.contains_key(&a.sha256) {
            std::fs::write(staging.join("files").join(&a.sha256), &a.bytes)?;
            attachments.insert(
                a.sha256.clone(),
                AttachmentEntry { sha256: a.sha256.clone(), size: a.bytes.len() as u64, media_type: a.media_type.clone(), path: format!("files/{}", a.sha256) },
            );
        }
    }
    // Each document is serialised, hashed and written on its own, on every core.
    use rayon::prelude::*;
    let built: Vec<(DocumentEntry, FeedDocument, bool)> = docs
        .par_iter()
        .map(|d| -> std::io::Result<_> {
            // The same content keeps its version (and so its bytes and hash); a change bumps it.
            let prior = old.get(d.id.as_str());
            let mut fd = d.to_feed_document(prior.map(|p| p.version).unwrap_or(1));
            let mut bytes = serde_json::to_vec(&fd).expect("documents serialise");
            let mut sha = crate::sha256_hex(&bytes);
            if let Some(p) = prior.filter(|p| p.sha256 != sha) {
                fd.version = p.version + 1;
                bytes = serde_json::to_vec(&fd).expect("documents serialise");
                sha = crate::sha256_hex(&bytes);
            }
            let changed = prior.is_none_or(|p| p.sha256 != sha);
            std::fs::write(staging.join("documents").join(format!("{sha}.json")), &bytes)?;
            let entry = DocumentEntry { id: d.id.clone(), version: fd.version, sha256: sha.clone(), size: bytes.len() as u64, path: format!("documents/{sha}.json") };
            Ok((entry, fd, changed))
        })
        .collect::<std::io::Result<_>>()?;
    let changed = built.iter().filter(|(_, _, c)| *c).count();
    let mut entries = vec![];
    let mut feed_docs = vec![];
    for (entry, fd, _) in built {
        feed_docs.push((fd, entry.sha256.clone()));
        entries.push(entry);
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));

    let manifest = Manifest {
        format: FORMAT.to_string(),
        seq,
        issued_at: rfc3339(opts.now),
        expires_at: rfc3339(opts.now + opts.expires_in_days * 86_400),
        publisher: Publisher { name: opts.publisher.to_string(), key_id },
        documents: entries,
        attachments: attachments.into_values().collect(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifest serialises");
    let sig = sign(&sk, &manifest_bytes, seq)?;
    std::fs::write(staging.join("feed.json"), json_feed(opts.publisher, &feed_docs))?;
    std::fs::write(staging.join("manifest.json"), &manifest_bytes)?;
    std::fs::write(staging.join("manifest.json.minisig"), sig)?;
    // A key statement (keys.json, written by `peerlib keys rotate`) stays with the feed.
    for name in ["keys.json", "keys.json.minisig"] {
        if out.join(name).is_file() {
            std::fs::copy(out.join(name), staging.join(name))?;
        }
    }
    // So does the app's signed release (updates/, written by `peerlib release`): its files are
    // hard-linked (packages are large), copied where links cannot be made.
    let updates = out.join(crate::release::FOLDER.trim_end_matches('/'));
    if updates.is_dir() {
        let kept = staging.join(crate::release::FOLDER.trim_end_matches('/'));
        std::fs::create_dir_all(&kept)?;
        for entry in std::fs::read_dir(&updates)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                let to = kept.join(entry.file_name());
                if std::fs::hard_link(entry.path(), &to).is_err() {
                    std::fs::copy(entry.path(), &to)?;
                }
            }
        }
    }

    swap_into_place(&staging, out)?;
    Ok(PublishReport { seq, documents: docs.len(), changed, attachments: manifest.attachments.len() })
}

/// Sign a manifest's exact bytes (minisign, prehashed), with the seq in the trusted comment.
fn sign(sk: &minisign::SecretKey, manifest_bytes: &[u8], seq: i64) -> Result<String, PublishError> {
    sign_with(sk, manifest_bytes, &format!("seq:{seq} file:manifest.json"))
}

fn sign_with(sk: &minisign::SecretKey, bytes: &[u8], trusted: &str) -> Result<String, PublishError> {
    let sig = minisign::sign(None, sk, std::io::Cursor::new(bytes), Some(trusted), Some("Peer Library feed signature"))
        .map_err(|e| PublishError::BadKey(e.to_string()))?;
    Ok(sig.to_string())
}

/// Sign any bytes with a secret key file's text (keys.json).
pub fn sign_bytes(bytes: &[u8], secret_key: &str, trusted: &str) -> Result<String, PublishError> {
    let sk = minisign::SecretKeyBox::from_string(secret_key)
        .and_then(|b| b.into_unencrypted_secret_key())
        .map_err(|e| PublishError::BadKey(e.to_string()))?;
    sign_with(&sk, bytes, trusted)
}

/// Sign manifest bytes with a secret key file's text, as `publish` does (tests use it to make
/// validly signed manifests that are wrong in other ways).
pub fn sign_manifest(manifest_bytes: &[u8], secret_key: &str, seq: i64) -> Result<String, PublishError> {
    sign_bytes(manifest_bytes, secret_key, &format!("seq:{seq} file:manifest.json"))
}

/// JSON Feed 1.1 of the newest 50 documents, so ordinary feed readers can follow the feed. The
/// `_peerlib` extension carries what a Peer Library client needs to match items to documents.
fn json_feed(title: &str, docs: &[(FeedDocument, String)]) -> Vec<u8> {
    let mut newest: Vec<&(FeedDocument, String)> = docs.iter().collect();
    newest.sort_by(|a, b| b.0.published.cmp(&a.0.published).then_with(|| a.0.id.cmp(&b.0.id)));
    let items: Vec<serde_json::Value> = newest
        .iter()
        .take(50)
        .map(|(d, sha)| {
            serde_json::json!({
                "id": d.id,
                "title": d.title,
                "summary": d.summary,
                "content_html": d.body_html,
                "date_published": d.published.as_deref().map(date_time),
                "date_modified": d.updated.as_deref().map(date_time),
                "language": d.language,
                "tags": d.tags,
                "authors": d.publishers.iter().map(|p| serde_json::json!({ "name": p })).collect::<Vec<_>>(),
                "external_url": d.url,
                "attachments": d.attachments.iter().map(|a| serde_json::json!({
                    "url": format!("files/{}", a.sha256), "mime_type": a.media_type, "title": a.title, "size_in_bytes": a.size,
                })).collect::<Vec<_>>(),
                "_peerlib": { "about": "https://jsonfeed.org/version/1.1#extensions", "group": d.group, "kind": d.kind, "version": d.version, "sha256": sha },
            })
        })
        .collect();
    let feed = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": title, "items": items });
    serde_json::to_vec_pretty(&feed).expect("feed serialises")
}

/// A bare date becomes midnight UTC, as JSON Feed wants RFC 3339.
fn date_time(d: &str) -> String {
    if d.len() == 10 { format!("{d}T00:00:00Z") } else { d.to_string() }
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a timestamp formats")
}

/// Every `.md` file under `src` (README.md excluded), as (path relative to src, text). A file
/// or folder that resolves outside `src` (a symlink out of it) is refused: a publish reads only
/// what is in the folder it was given.
fn markdown_files(src: &Path) -> Result<Vec<(String, String)>, PublishError> {
    let root = src.canonicalize()?;
    let mut out = vec![];
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let wanted = path.is_dir() || path.extension().is_some_and(|e| e == "md");
            if wanted && !path.canonicalize()?.starts_with(&root) {
                return Err(PublishError::OutsideSource(path.strip_prefix(src).unwrap_or(&path).to_path_buf()));
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && path.file_name().is_some_and(|n| n != "README.md") {
                let rel = path.strip_prefix(src).expect("under src").to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path)?));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn read_previous(out: &Path) -> Result<Option<Manifest>, PublishError> {
    let path = out.join("manifest.json");
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| PublishError::BadExistingFeed(path, e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn sibling(out: &Path, what: &str) -> Result<PathBuf, PublishError> {
    let name = out.file_name().ok_or_else(|| std::io::Error::other("OUT has no folder name"))?.to_string_lossy();
    Ok(out.with_file_name(format!(".{name}.{what}-{}", std::process::id())))
}

/// Put the staged feed at `out`: the old one is moved aside and the new one renamed in, then the
/// old one removed. A reader may, for an instant, find no OUT (a 404 it retries) but never half a
/// feed or a mix of two. (An exchange in one step, renameat2 RENAME_EXCHANGE, would close even
/// that instant on Linux; std has no portable call for it.)
fn swap_into_place(staging: &Path, out: &Path) -> Result<(), PublishError> {
    if !out.exists() {
        std::fs::rename(staging, out)?;
        return Ok(());
    }
    let old = sibling(out, "previous")?;
    let _ = std::fs::remove_dir_all(&old);
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        std::fs::rename(&old, out)?;
        return Err(e.into());
    }
    std::fs::remove_dir_all(&old)?;
    Ok(())
}

/// Write OUT/keys.json, signed with the key the clients pin now (`secret_key`, its text): from
/// their next sync they pin `next_public_key` (the text of its .pub file) instead, and never again
/// a key id in `revoke` (nor one revoked before). The statement's seq is one more than the one in
/// OUT. `publish` keeps keys.json with the feed; publish with the next key's secret from now on.
pub fn rotate_keys(out: &Path, secret_key: &str, next_public_key: &str, revoke: &[String]) -> Result<crate::keys::KeyStatement, PublishError> {
    use crate::keys::{sign_key_statement, KeyStatement, KEYS_FORMAT};
    let next = next_public_key.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with("untrusted comment:")).unwrap_or("");
    let Some(pinned) = crate::manifest::PinnedKey::parse(next) else {
        return Err(PublishError::BadKey("the next public key is not a minisign public key".into()));
    };
    if revoke.iter().any(|r| r == pinned.id()) {
        return Err(PublishError::BadKey("the next key cannot also be revoked".into()));
    }
    let previous: Option<KeyStatement> = std::fs::read(out.join("keys.json")).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let mut revoked: Vec<String> = previous.as_ref().map(|p| p.revoked.clone()).unwrap_or_default();
    for r in revoke {
        if !revoked.contains(r) {
            revoked.push(r.clone());
        }
    }
    let statement = KeyStatement { format: KEYS_FORMAT.into(), seq: previous.map(|p| p.seq + 1).unwrap_or(1), keys: vec![next.to_string()], revoked };
    let (bytes, sig) = sign_key_statement(&statement, secret_key)?;
    std::fs::create_dir_all(out)?;
    for (name, content) in [("keys.json.minisig", sig.as_bytes()), ("keys.json", &bytes[..])] {
        let tmp = out.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, content)?;
        std::fs::rename(&tmp, out.join(name))?;
    }
    Ok(statement)
}
