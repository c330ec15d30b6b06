//! Bundles (#20): the network's signed files in one file that a person carries to another
//! laptop (docs/sharing.md; the format in docs/feed-format.md, "Bundles").
//!
//! A bundle is a zip holding `bundle.json` (which folder is which feed, and whether it is the
//! whole library or a part) and, for each signed feed, a folder laid out as the feed is on its
//! server: `manifest.json` and its signature as the publisher signed them, `keys.json` if the
//! feed has one, `documents/<sha256>.json` and `files/<sha256>`. Nothing in it is trusted but
//! what the receiver's own pinned keys verify: `bundle.json` only names folders.
//!
//! Import checks the whole file before anything is written (every name, every byte against the
//! signed manifest, the seq against the library's), then applies each feed: the whole library
//! through the one signed-feed pipeline (signed.rs, deletions and the mass-delete guard
//! included), a part by adding and updating only (`signed::apply_part`).

use crate::ctx::{unix_now, Ctx, SyncOptions};
use crate::http::Http;
use crate::library::open_library;
use crate::lock::SyncLock;
use crate::log::SourceReport;
use crate::origin::Origin;
use crate::{signed, AttachmentError, Cancel, Progress, SyncError};
use peerlib_code::ErrorCode;
use peerlib_feed::manifest::{verify_bytes, Manifest, PinnedKey};
use peerlib_feed::network::Network;
use peerlib_feed::sha256_hex;
use peerlib_store::paths::{is_sha256_hex, DataDir};
use peerlib_store::{ContentStore, SignedFile, SourceKind, Subscription};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

pub const BUNDLE_FORMAT: &str = "peer-library-bundle/1";
pub const INVENTORY_FORMAT: &str = "peer-library-inventory/1";
/// The largest `bundle.json` or inventory read.
const INDEX_LIMIT: u64 = 1 << 20;
const INVENTORY_LIMIT: u64 = 64 << 20;

/// Why a bundle could not be made or was refused. Every refusal leaves the library as it was.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("not a Peer Library bundle, or damaged or incomplete: {0}")]
    Unreadable(String),
    #[error("the bundle was refused: {detail}")]
    Refused { code: ErrorCode, detail: String },
    #[error("the library cannot be passed on yet: {0}")]
    NotPassable(String),
    #[error("not a Peer Library inventory: {0}")]
    BadInventory(String),
}

impl BundleError {
    pub fn code(&self) -> ErrorCode {
        match self {
            BundleError::Unreadable(_) => ErrorCode::BundleUnreadable,
            BundleError::Refused { code, .. } => *code,
            BundleError::NotPassable(_) => ErrorCode::BundleNotPassable,
            BundleError::BadInventory(_) => ErrorCode::BadInventory,
        }
    }
}

/// A refusal of something in a bundle, said as a bundle's (not a server's) problem.
fn refused(e: SyncError) -> SyncError {
    let code = match e.code() {
        ErrorCode::Signature | ErrorCode::Publisher | ErrorCode::BadKey => ErrorCode::BundleSignature,
        ErrorCode::Tampered | ErrorCode::TooLarge => ErrorCode::BundleTampered,
        ErrorCode::Rollback => ErrorCode::BundleOlder,
        _ => return e,
    };
    BundleError::Refused { code, detail: e.to_string() }.into()
}

fn tampered(detail: impl Into<String>) -> SyncError {
    BundleError::Refused { code: ErrorCode::BundleTampered, detail: detail.into() }.into()
}

/// `bundle.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleIndex {
    pub format: String,
    pub part: Part,
    pub feeds: Vec<BundleFeed>,
}

/// The whole library (applied as a sync: deletions included) or a part of it (added and updated
/// only, never deleting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Library,
    Selection,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleFeed {
    pub url: String,
    /// `feeds/<n>/`.
    pub folder: String,
}

/// What a library holds of each signed feed (`peerlib inventory`): a bundle made `--for` it
/// leaves out what it already has.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Inventory {
    pub format: String,
    pub feeds: Vec<InventoryFeed>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InventoryFeed {
    pub url: String,
    pub seq: Option<i64>,
    /// sha256 of every document file held.
    pub documents: BTreeSet<String>,
    /// sha256 of every attachment held.
    pub files: BTreeSet<String>,
}

impl Inventory {
    pub fn read(path: &Path) -> Result<Inventory, SyncError> {
        // A path that is not there, a folder, a file that cannot be read: not an inventory (the
        // user named the wrong thing), never "the disk is full".
        let bytes = File::open(path).and_then(|f| read_limited(f, INVENTORY_LIMIT)).map_err(|e| BundleError::BadInventory(e.to_string()))?;
        let inv: Inventory = serde_json::from_slice(&bytes).map_err(|e| BundleError::BadInventory(e.to_string()))?;
        if inv.format != INVENTORY_FORMAT {
            return Err(BundleError::BadInventory(format!("format {:?}", inv.format)).into());
        }
        Ok(inv)
    }

    fn feed(&self, url: &str) -> Option<&InventoryFeed> {
        self.feeds.iter().find(|f| f.url == url)
    }
}

/// The inventory of a data folder's library.
pub fn inventory(store: &ContentStore) -> Result<Inventory, SyncError> {
    let mut feeds = Vec::new();
    for sub in store.subscriptions()?.into_iter().filter(|s| s.kind != SourceKind::Website) {
        let documents = store.signed_document_hashes(&sub.url)?.into_values().filter_map(|(_, h)| h).collect();
        let files = store.held_files(&sub.url)?.into_iter().collect();
        feeds.push(InventoryFeed { url: sub.url, seq: sub.seq, documents, files });
    }
    Ok(Inventory { format: INVENTORY_FORMAT.into(), feeds })
}

/// Write a file whole or not at all: beside the target, flushed, then renamed over it.
pub fn write_atomically(target: &Path, write: impl FnOnce(&mut File) -> std::io::Result<()>) -> std::io::Result<()> {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".peerlib-").suffix(".partial").tempfile_in(parent)?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    if let Ok(d) = File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// What to put in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every signed feed, whole.
    Library,
    /// These documents, each with its translations, and their attachments.
    Documents(Vec<String>),
}

/// A bundle planned, before a byte is written: what it will hold and how large it will be.
pub struct ExportPlan {
    part: Part,
    feeds: Vec<FeedPlan>,
    pub documents: u64,
    pub files: u64,
    /// The bytes of the files it will hold, before compression.
    pub bytes: u64,
}

struct FeedPlan {
    url: String,
    manifest: SignedFile,
    keys: Option<SignedFile>,
    documents: Vec<(String, Vec<u8>)>,
    files: Vec<(String, u64)>,
}

/// Plan a bundle of `selection` from a library, leaving out what `inventory` says the receiver
/// holds. Only signed feeds are passed on, as their publisher signed them.
pub fn plan_export(dir: &DataDir, store: &ContentStore, selection: &Selection, inventory: Option<&Inventory>) -> Result<ExportPlan, SyncError> {
    plan_feeds(dir, store, selection, inventory, None)
}

/// [`plan_export`], of the feed at `only` alone when it is given.
fn plan_feeds(dir: &DataDir, store: &ContentStore, selection: &Selection, inventory: Option<&Inventory>, only: Option<&str>) -> Result<ExportPlan, SyncError> {
    let chosen: Option<BTreeMap<String, BTreeSet<String>>> = match selection {
        Selection::Library => None,
        Selection::Documents(ids) => {
            let mut by_feed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (url, id, _) in store.documents_with_translations(ids)? {
                by_feed.entry(url).or_default().insert(id);
            }
            Some(by_feed)
        }
    };
    let mut plan = ExportPlan { part: if chosen.is_some() { Part::Selection } else { Part::Library }, feeds: vec![], documents: 0, files: 0, bytes: 0 };
    let held = dir.files()?;
    for sub in store.subscriptions()?.into_iter().filter(|s| s.kind != SourceKind::Website && only.is_none_or(|u| u == s.url)) {
        let wanted = match &chosen {
            Some(by_feed) => match by_feed.get(&sub.url) {
                Some(ids) => Some(ids),
                None => continue,
            },
            None => None,
        };
        let Some(manifest_file) = store.signed_manifest(&sub.url)? else {
            if sub.seq.is_some() {
                return Err(BundleError::NotPassable(format!("{}: no signed manifest held", sub.url)).into());
            }
            continue;
        };
        let manifest: Manifest = serde_json::from_slice(&manifest_file.bytes).map_err(|e| BundleError::NotPassable(format!("{}: {e}", sub.url)))?;
        let theirs = inventory.and_then(|i| i.feed(&sub.url));
        let attachments: BTreeMap<&str, u64> = manifest.attachments.iter().map(|a| (a.sha256.as_str(), a.size)).collect();
        let mut feed = FeedPlan { url: sub.url.clone(), manifest: manifest_file.clone(), keys: store.signed_key_statement(&sub.url)?, documents: vec![], files: vec![] };
        // The whole library's attachments are the manifest's; a part's, its documents'.
        let files: BTreeSet<String> = match wanted {
            None => manifest.attachments.iter().map(|a| a.sha256.clone()).collect(),
            Some(ids) => store.attachment_hashes_of(&ids.iter().cloned().collect::<Vec<_>>())?.into_iter().collect(),
        };
        for e in manifest.documents.iter().filter(|e| wanted.is_none_or(|w| w.contains(&e.id))) {
            if theirs.is_some_and(|t| t.documents.contains(&e.sha256)) {
                continue;
            }
            let bytes = store.signed_document(&e.sha256)?.ok_or_else(|| BundleError::NotPassable(format!("{}: {} is not held as signed", sub.url, e.path)))?;
            plan.bytes += bytes.len() as u64;
            feed.documents.push((e.path.clone(), bytes));
        }
        for sha in files {
            let Some(&size) = attachments.get(sha.as_str()) else { continue };
            let held = held.holds(&sha, size);
            // An attachment this laptop never got (a budget, a failed download) is left out: the
            // receiver's next sync from the web fetches it.
            if held && !theirs.is_some_and(|t| t.files.contains(&sha)) {
                plan.bytes += size;
                feed.files.push((sha, size));
            }
        }
        plan.documents += feed.documents.len() as u64;
        plan.files += feed.files.len() as u64;
        plan.bytes += feed.manifest.bytes.len() as u64;
        plan.feeds.push(feed);
    }
    if plan.feeds.is_empty() {
        return Err(BundleError::NotPassable("no signed feed holds anything to pass on".into()).into());
    }
    Ok(plan)
}

/// Write a planned bundle to `target`, atomically: a copy cut short (a stick pulled out, the
/// app killed) leaves only a `.peerlib-*.partial` file beside it, never one that looks whole.
/// `on_progress(files written, bytes written)`.
pub fn write_export(dir: &DataDir, plan: &ExportPlan, target: &Path, on_progress: &dyn Fn(u64, u64)) -> Result<(), SyncError> {
    let index = BundleIndex {
        format: BUNDLE_FORMAT.into(),
        part: plan.part,
        feeds: plan.feeds.iter().enumerate().map(|(n, f)| BundleFeed { url: f.url.clone(), folder: format!("feeds/{n}/") }).collect(),
    };
    let files = dir.files()?;
    write_atomically(target, |file| {
        // Thousands of small entries: written through a buffer, not a system call each.
        let mut zip = ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).unix_permissions(0o644);
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).unix_permissions(0o644).large_file(true);
        let (n, written) = (std::cell::Cell::new(0u64), std::cell::Cell::new(0u64));
        let count = |bytes: u64| {
            n.set(n.get() + 1);
            written.set(written.get() + bytes);
            on_progress(n.get(), written.get());
        };
        let put = |zip: &mut ZipWriter<std::io::BufWriter<&mut File>>, name: String, bytes: &[u8], options: SimpleFileOptions| -> std::io::Result<()> {
            zip.start_file(name, options)?;
            zip.write_all(bytes)?;
            count(bytes.len() as u64);
            Ok(())
        };
        put(&mut zip, "bundle.json".into(), &serde_json::to_vec_pretty(&index).expect("an index serialises"), deflated)?;
        for (feed, at) in plan.feeds.iter().zip(&index.feeds) {
            let folder = &at.folder;
            put(&mut zip, format!("{folder}manifest.json"), &feed.manifest.bytes, deflated)?;
            put(&mut zip, format!("{folder}manifest.json.minisig"), feed.manifest.signature.as_bytes(), deflated)?;
            if let Some(k) = &feed.keys {
                put(&mut zip, format!("{folder}keys.json"), &k.bytes, deflated)?;
                put(&mut zip, format!("{folder}keys.json.minisig"), k.signature.as_bytes(), deflated)?;
            }
            // Documents are stored as they are: deflating 10,000 of them took five times as long
            // as tar takes to copy the same bytes (docs/benchmarks.md); the manifest, one file
            // in every bundle, is deflated.
            for (path, bytes) in &feed.documents {
                put(&mut zip, format!("{folder}{path}"), bytes, stored)?;
            }
            for (sha, size) in &feed.files {
                zip.start_file(format!("{folder}files/{sha}"), stored)?;
                let copied = std::io::copy(&mut files.open(sha)?.take(*size), &mut zip)?;
                if copied != *size {
                    return Err(std::io::Error::other(format!("attachment {sha} changed while it was copied")));
                }
                count(*size);
            }
        }
        zip.finish().map_err(std::io::Error::other)?.flush()?;
        Ok(())
    })
    .map_err(|e| AttachmentError::Io(e).into())
}

/// A bundle opened and its names checked: every entry is one this format allows, once.
pub struct Bundle {
    archive: Mutex<ZipArchive<File>>,
    pub index: BundleIndex,
    /// Entry names (all of them, as checked).
    names: BTreeSet<String>,
}

impl Bundle {
    pub fn open(path: &Path) -> Result<Bundle, SyncError> {
        // A path that is not there or is a folder is not a bundle (never "the disk is full").
        let file = File::open(path).map_err(|e| BundleError::Unreadable(e.to_string()))?;
        let mut archive = ZipArchive::new(file).map_err(|e| BundleError::Unreadable(e.to_string()))?;
        let mut names = BTreeSet::new();
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(|e| BundleError::Unreadable(e.to_string()))?;
            let name = entry.name().map_err(|e| tampered(format!("an entry's name cannot be read: {e}")))?.into_owned();
            if entry.is_dir() || entry.is_symlink() || entry.encrypted() || !matches!(entry.compression(), CompressionMethod::Stored | CompressionMethod::Deflated) {
                return Err(tampered(format!("{name:?} is not a plain file")));
            }
            if !allowed_name(&name) {
                return Err(tampered(format!("{name:?} is not a name a bundle may hold")));
            }
            if !names.insert(name.clone()) {
                return Err(tampered(format!("{name:?} is in the bundle twice")));
            }
        }
        let mut bundle = Bundle { archive: Mutex::new(archive), index: BundleIndex { format: String::new(), part: Part::Selection, feeds: vec![] }, names };
        let index = bundle.read("bundle.json", INDEX_LIMIT)?.ok_or_else(|| BundleError::Unreadable("no bundle.json".into()))?;
        let index: BundleIndex = serde_json::from_slice(&index).map_err(|e| BundleError::Unreadable(format!("bundle.json: {e}")))?;
        if index.format != BUNDLE_FORMAT {
            return Err(BundleError::Unreadable(format!("format {:?}", index.format)).into());
        }
        let (mut folders, mut urls) = (BTreeSet::new(), BTreeSet::new());
        for f in &index.feeds {
            if !is_folder(&f.folder) || !folders.insert(f.folder.as_str()) {
                return Err(tampered(format!("bundle.json names folder {:?}", f.folder)));
            }
            // One folder per feed: the same feed twice would be checked twice against the
            // library as it is, then applied one over the other.
            if !urls.insert(f.url.as_str()) {
                return Err(tampered(format!("bundle.json names {} twice", f.url)));
            }
        }
        // Each name's folder looked up (every name is `feeds/<n>/…` or bundle.json, checked
        // above), not compared with every folder: thousands of folders by a million names was
        // quadratic.
        let folder_of = |n: &str| n.find('/').and_then(|a| n[a + 1..].find('/').map(|b| n[..a + 1 + b + 1].to_string()));
        if let Some(stray) = bundle.names.iter().find(|n| *n != "bundle.json" && !folder_of(n).is_some_and(|f| folders.contains(f.as_str()))) {
            return Err(tampered(format!("{stray:?} is in no feed's folder")));
        }
        bundle.index = index;
        Ok(bundle)
    }

    /// An entry's bytes, at most `limit` of them (a longer one is refused: an entry cannot
    /// inflate past what the signed manifest says it is).
    fn read(&self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, SyncError> {
        if !self.names.contains(name) {
            return Ok(None);
        }
        let mut archive = self.archive.lock().unwrap_or_else(|p| p.into_inner());
        let entry = archive.by_name(name).map_err(|e| BundleError::Unreadable(format!("{name}: {e}")))?;
        let bytes = read_limited(entry, limit).map_err(|e| BundleError::Unreadable(format!("{name}: {e}")))?;
        if bytes.len() as u64 > limit {
            return Err(tampered(format!("{name} is larger than it may be")));
        }
        Ok(Some(bytes))
    }

    fn names_in<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        // The names in order: those of one folder are together, from the folder's own name on.
        self.names.range::<str, _>((std::ops::Bound::Included(folder), std::ops::Bound::Unbounded)).map_while(move |n| n.strip_prefix(folder))
    }
}

/// Up to `limit + 1` bytes: one more than allowed says "too large" without reading the rest.
fn read_limited(r: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    Ok(out)
}

fn is_folder(f: &str) -> bool {
    f.strip_prefix("feeds/").and_then(|r| r.strip_suffix('/')).is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `bundle.json`, or `feeds/<n>/` followed by a feed file's name: nothing else (no `..`, no
/// absolute path, no other folder, no directory entry).
fn allowed_name(name: &str) -> bool {
    if name == "bundle.json" {
        return true;
    }
    let Some(rest) = name.strip_prefix("feeds/") else { return false };
    let Some((n, file)) = rest.split_once('/') else { return false };
    if !is_folder(&format!("feeds/{n}/")) {
        return false;
    }
    match file {
        "manifest.json" | "manifest.json.minisig" | "keys.json" | "keys.json.minisig" => true,
        f => {
            f.strip_prefix("documents/").and_then(|d| d.strip_suffix(".json")).is_some_and(is_sha256_hex)
                || f.strip_prefix("files/").is_some_and(is_sha256_hex)
        }
    }
}

/// What an import did: a report per feed applied, and the feeds of the bundle this library
/// does not follow (left alone).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub part: Part,
    pub sources: Vec<SourceReport>,
    pub not_followed: Vec<String>,
}

/// One feed of a bundle, checked.
struct Checked {
    sub: Subscription,
    folder: String,
    keys: Vec<PinnedKey>,
    /// The verified size of each entry in the folder, by feed path.
    sizes: BTreeMap<String, u64>,
    held_manifest: Option<Manifest>,
    manifest: Manifest,
    /// What applying it will do.
    plan: crate::plan::Plan,
    /// The manifest and signature as checked: what is applied (the file on the stick is not
    /// read for them again, so what was checked is what is applied).
    manifest_bytes: Vec<u8>,
    signature: String,
}

/// What importing a bundle will do, found by checking it whole (nothing written): for each
/// feed this library follows, its publisher (as verified), the seq, and the documents it adds,
/// updates and removes.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Preview {
    pub whole_library: bool,
    pub feeds: Vec<PreviewFeed>,
    pub not_followed: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PreviewFeed {
    pub url: String,
    pub title: String,
    pub publisher: String,
    #[ts(type = "number")]
    pub seq: i64,
    #[ts(type = "number")]
    pub add: u64,
    #[ts(type = "number")]
    pub update: u64,
    #[ts(type = "number")]
    pub remove: u64,
}

/// Check a bundle whole against a data folder's library and say what importing it would do.
pub fn preview(dir: &DataDir, network: &Network, path: &Path, options: &SyncOptions) -> Result<Preview, SyncError> {
    let bundle = Bundle::open(path)?;
    let (store, _) = open_library(dir, network)?;
    let (checked, not_followed) = check_all(&bundle, &store, network, options)?;
    let mut feeds = Vec::new();
    for c in checked {
        let held = store.signed_document_hashes(&c.sub.url)?;
        let update = c.plan.fetch.iter().filter(|e| held.contains_key(&e.id)).count() as u64;
        feeds.push(PreviewFeed {
                url: c.sub.url.clone(),
                title: c.sub.title.clone(),
                publisher: c.manifest.publisher.name.clone(),
                seq: c.manifest.seq,
                add: c.plan.fetch.len() as u64 - update,
                update,
            remove: c.plan.delete.len() as u64,
        });
    }
    Ok(Preview { whole_library: bundle.index.part == Part::Library, feeds, not_followed })
}

/// Check every feed of a bundle that this library follows; the others' addresses.
fn check_all(bundle: &Bundle, store: &ContentStore, network: &Network, options: &SyncOptions) -> Result<(Vec<Checked>, Vec<String>), SyncError> {
    let subs = store.subscriptions()?;
    let mut checked = Vec::new();
    let mut not_followed = Vec::new();
    for feed in &bundle.index.feeds {
        // A network's feed is checked with the network's keys only when it is the network this
        // library follows; another network's (left behind by a run for another) is not followed.
        let ours = |s: &&peerlib_store::Subscription| s.kind != SourceKind::Network || s.url == network.feed_url;
        let Some(sub) = subs.iter().filter(ours).find(|s| s.url == feed.url && s.kind != SourceKind::Website) else {
            not_followed.push(feed.url.clone());
            continue;
        };
        let configured = match sub.kind {
            SourceKind::Network => network.keys.clone(),
            _ => vec![sub.public_key.as_deref().and_then(PinnedKey::parse).ok_or_else(|| SyncError::BadKey(sub.url.clone()))?],
        };
        let c = check_feed(bundle, store, sub, &feed.folder, &configured, bundle.index.part, options).map_err(refused)?;
        // bundle.json is not signed and a manifest does not name its feed: files signed by a key
        // that another followed feed also pins could be another feed's, passed off as this one's.
        let key = &c.manifest.publisher.key_id;
        let pinning = subs.iter().filter(ours).filter(|s| s.kind != SourceKind::Website).filter(|s| match s.kind {
            SourceKind::Network => network.keys.iter().any(|k| k.id() == key),
            _ => s.public_key.as_deref().and_then(PinnedKey::parse).is_some_and(|k| k.id() == key),
        });
        if pinning.count() > 1 {
            return Err(tampered(format!("key {key} is pinned by more than one feed you follow: whose files these are cannot be told")));
        }
        checked.push(c);
    }
    Ok((checked, not_followed))
}

/// Check and apply a bundle file to a data folder's library. Everything in it is checked before
/// anything is written; a refusal leaves the library as it was.
pub async fn import(
    dir: &DataDir,
    network: &Network,
    path: &Path,
    options: &SyncOptions,
    cancel: &Cancel,
    on_progress: &(dyn Fn(&Progress) + Send + Sync),
) -> Result<ImportReport, SyncError> {
    let bundle = Arc::new(Bundle::open(path)?);
    let _lock = SyncLock::try_acquire(dir)?;
    let (mut store, _) = open_library(dir, network)?;
    let part = bundle.index.part;
    let (checked, not_followed) = check_all(&bundle, &store, network, options)?;
    // Files only: no address is ever asked.
    let http = Http::with_timeouts(options.limits, options.connect_timeout, options.read_timeout, options.pace, Default::default(), None)?;
    let ctx = Ctx { dir, http: &http, cancel, options, on_progress, bytes: Default::default(), started_at: unix_now(), deadline: tokio::time::Instant::now() + options.deadline, network_name: &network.name };
    let mut sources = Vec::new();
    for c in checked {
        let reader = {
            let (bundle, folder, sizes) = (bundle.clone(), c.folder.clone(), c.sizes.clone());
            let (manifest, signature) = (c.manifest_bytes.clone(), c.signature.clone());
            move |p: &str| match p {
                "manifest.json" => Some(manifest.clone()),
                "manifest.json.minisig" => Some(signature.clone().into_bytes()),
                _ => sizes.get(p).and_then(|size| bundle.read(&format!("{folder}{p}"), *size).ok().flatten()),
            }
        };
        let origin = Origin::Bundle(Arc::new(reader));
        let mut report = SourceReport::new(&c.sub.url, &c.sub.title, true);
        let applied = match part {
            Part::Library => signed::sync(&ctx, &mut store, &c.sub, &c.keys, &origin, &mut report).await,
            Part::Selection => {
                let present = |p: &str| c.sizes.contains_key(p);
                let of = signed::PartOf { sub: &c.sub, keys: &c.keys, held_manifest: c.held_manifest.as_ref(), present: &present };
                signed::apply_part(&ctx, &mut store, of, &origin, &mut report).await
            }
        };
        applied.map_err(refused)?;
        sources.push(report);
    }
    Ok(ImportReport { part, sources, not_followed })
}

/// Check one feed's folder whole, writing nothing: its names, its manifest's signature with the
/// keys pinned here, its seq against the library's, every file's bytes against the manifest,
/// and (for the whole library) that it holds every document this library lacks.
fn check_feed(bundle: &Bundle, store: &ContentStore, sub: &Subscription, folder: &str, configured: &[PinnedKey], part: Part, options: &SyncOptions) -> Result<Checked, SyncError> {
    let limits = options.limits;
    let at = |p: &str| format!("{folder}{p}");
    let manifest_bytes = bundle.read(&at("manifest.json"), limits.manifest)?.ok_or_else(|| tampered(format!("{folder} has no manifest")))?;
    let signature = bundle.read(&at("manifest.json.minisig"), limits.signature)?.ok_or(peerlib_feed::manifest::VerifyError::BadSignatureFile)?;
    let signature = String::from_utf8(signature).map_err(|_| peerlib_feed::manifest::VerifyError::BadSignatureFile)?;
    let offered = match bundle.read(&at("keys.json"), 64 << 10)? {
        Some(bytes) => {
            let sig = bundle.read(&at("keys.json.minisig"), 16 << 10)?.ok_or(peerlib_feed::manifest::VerifyError::BadSignatureFile)?;
            Some((bytes, String::from_utf8(sig).map_err(|_| peerlib_feed::manifest::VerifyError::BadSignatureFile)?))
        }
        None => None,
    };
    let (keys, _) = signed::resolve_keys(store.held_keys(&sub.url)?.as_deref(), configured, offered.as_ref())?;
    let manifest = signed::verify(&manifest_bytes, &signature, &keys)?;
    crate::plan::check_seq(sub.seq, sub.body_hash.as_deref(), manifest.seq, &sha256_hex(&manifest_bytes))?;
    let held_manifest: Option<Manifest> = store.signed_manifest(&sub.url)?.and_then(|m| serde_json::from_slice(&m.bytes).ok());
    let held = store.signed_document_hashes(&sub.url)?;
    let plan = match part {
        Part::Library => {
            // Older than the library: refused here, before the pipeline (which would refuse it
            // too), and so is a bundle that lacks a document this library needs.
            let plan = crate::plan::plan(&held, sub.seq, &manifest)?;
            if let Some(e) = plan.fetch.iter().find(|e| !bundle.names.contains(&at(&e.path))) {
                return Err(BundleError::Refused { code: ErrorCode::BundleIncomplete, detail: format!("{} is not in the bundle", e.path) }.into());
            }
            // Held back here, before anything is written (the pipeline would hold it back too,
            // after taking a newer key statement).
            if plan.is_mass_delete(held.len()) && !options.allow_mass_delete {
                return Err(SyncError::MassDelete { delete: plan.delete.len(), held: held.len() });
            }
            plan
        }
        Part::Selection => crate::plan::plan_part(&held, sub.seq, held_manifest.as_ref(), &manifest, |p| bundle.names.contains(&at(p))),
    };
    let documents: BTreeMap<&str, (&str, u64)> = manifest.documents.iter().map(|d| (d.path.as_str(), (d.sha256.as_str(), d.size))).collect();
    let files: BTreeMap<&str, u64> = manifest.attachments.iter().map(|a| (a.sha256.as_str(), a.size)).collect();
    let mut sizes = BTreeMap::new();
    for name in ["manifest.json", "manifest.json.minisig", "keys.json", "keys.json.minisig"] {
        if let Some(b) = bundle.read(&at(name), limits.manifest)? {
            sizes.insert(name.to_string(), b.len() as u64);
        }
    }
    for name in bundle.names_in(folder).map(str::to_string).collect::<Vec<_>>() {
        if sizes.contains_key(&name) {
            continue;
        }
        let (sha, size) = if let Some(&(sha, size)) = documents.get(name.as_str()) {
            (sha, size)
        } else if let Some((sha, &size)) = name.strip_prefix("files/").and_then(|s| files.get_key_value(s)) {
            (*sha, size)
        } else {
            return Err(tampered(format!("{name} is not listed in the bundle's manifest (a file from another version?)")));
        };
        let bytes = bundle.read(&at(&name), size)?.expect("listed names are in the bundle");
        verify_bytes(&name, &bytes, sha, size)?;
        sizes.insert(name, size);
    }
    Ok(Checked { sub: sub.clone(), folder: folder.to_string(), keys, sizes, held_manifest, manifest, plan, manifest_bytes, signature })
}

/// Lay out a library's copy of one signed feed (`url`) as its server does, in `to` (an empty
/// folder): the manifest and key statement as signed, `documents/`, and `files/` (hard links to
/// the attachments held, copies where a link cannot be made). What `peerlib share` serves: only
/// the signed feed's files, nothing personal. Returns the documents and files laid out.
pub fn lay_out_feed(dir: &DataDir, store: &ContentStore, url: &str, to: &Path) -> Result<(u64, u64), SyncError> {
    let plan = plan_feeds(dir, store, &Selection::Library, None, Some(url))?;
    let feed = plan.feeds.iter().find(|f| f.url == url).ok_or_else(|| BundleError::NotPassable(format!("{url}: nothing held to share")))?;
    let io = |e: std::io::Error| SyncError::from(AttachmentError::Io(e));
    std::fs::create_dir_all(to.join("documents")).map_err(io)?;
    std::fs::create_dir_all(to.join("files")).map_err(io)?;
    std::fs::write(to.join("manifest.json"), &feed.manifest.bytes).map_err(io)?;
    std::fs::write(to.join("manifest.json.minisig"), &feed.manifest.signature).map_err(io)?;
    if let Some(k) = &feed.keys {
        std::fs::write(to.join("keys.json"), &k.bytes).map_err(io)?;
        std::fs::write(to.join("keys.json.minisig"), &k.signature).map_err(io)?;
    }
    for (path, bytes) in &feed.documents {
        std::fs::write(to.join(path), bytes).map_err(io)?;
    }
    let files = dir.files()?;
    for (sha, _) in &feed.files {
        files.copy_to(sha, &to.join("files").join(sha)).map_err(io)?;
    }
    Ok((feed.documents.len() as u64, feed.files.len() as u64))
}
