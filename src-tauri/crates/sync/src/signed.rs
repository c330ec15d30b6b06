//! The one signed-feed pipeline, whatever the files come from (origin.rs: a web server, the
//! starter feed built into the app; next, a bundle and a nearby laptop): ask for the manifest
//! (conditionally, from the web: a 304 ends here, with nothing written); verify its signature
//! with the pinned keys and its publisher's key id; refuse a rollback; diff; fetch what changed
//! with bounded concurrency, every byte checked against the manifest; get attachments; apply
//! every document and the new seq in ONE transaction.

use crate::http::{DownloadError, FetchError, Fetched, Validators};
use crate::log::{SourceOutcome, SourceReport};
use crate::origin::Origin;
use crate::plan::{plan, Plan};
use crate::{extract_in_child, to_new_document, Ctx, Phase, SyncError};
use futures_util::{stream, StreamExt};
use peerlib_feed::manifest::{verify_bytes, verify_manifest, AttachmentEntry, DocumentEntry, FeedDocument, Manifest, PinnedKey, VerifyError};
use peerlib_feed::keys::{verify_key_statement, KeyStatement};
use peerlib_feed::{filetype, sha256_hex};
use peerlib_store::{ContentStore, NewDocument, PreparedIndex, SignedFiles, SourceUpdate, Subscription};
use std::collections::{BTreeMap, BTreeSet};

/// Verify a manifest: signed by one of `keys`, and naming that same key as its publisher.
pub fn verify(manifest_bytes: &[u8], signature: &str, keys: &[PinnedKey]) -> Result<Manifest, SyncError> {
    let manifest = verify_manifest(manifest_bytes, signature, keys)?;
    if !keys.iter().any(|k| k.id() == manifest.publisher.key_id) {
        return Err(SyncError::Publisher { found: manifest.publisher.key_id.clone() });
    }
    Ok(manifest)
}

/// Sync one signed feed from `origin` into the library, checked with `keys`.
pub(crate) async fn sync(
    ctx: &Ctx<'_>,
    store: &mut ContentStore,
    sub: &Subscription,
    keys: &[PinnedKey],
    origin: &Origin,
    report: &mut SourceReport,
) -> Result<(), SyncError> {
    let limits = ctx.http.limits;
    let source = origin.name();
    ctx.progress(Phase::Checking, &sub.url, 0, 0);
    // Validators are the feed's own server's: another server (a nearby laptop) is never sent
    // them, and its own are not kept.
    let own_server = origin.is_server_of(&sub.url);
    let validators = Validators { etag: sub.etag.clone(), last_modified: sub.last_modified.clone() };
    let fetched = origin.manifest(own_server.then_some(&validators), limits.manifest, ctx.cancel).await?;
    report.seq = sub.seq;
    let Fetched::Body { bytes: manifest_bytes, validators } = fetched else {
        // Nothing new. Attachments an earlier sync could not get are tried again.
        let missing = store.files_to_download(&sub.url)?;
        if !missing.is_empty() {
            download_files(ctx, store, origin, &source, &missing, report).await?;
        }
        check_held_files(ctx, store, &sub.url)?;
        // Nothing new is not "fresh": the held manifest may have expired since (#17 item 2).
        report.stale = sub.expires_at.as_deref().is_some_and(|e| is_expired(e, ctx.started_at));
        report.outcome = SourceOutcome::UpToDate;
        return Ok(());
    };
    let signature = origin.signature(limits.signature, ctx.cancel).await?;
    let keys = current_keys(ctx, store, sub, keys, origin).await?;
    let manifest = verify(&manifest_bytes, &signature, &keys)?;
    let manifest_sha = sha256_hex(&manifest_bytes);
    crate::plan::check_seq(sub.seq, sub.body_hash.as_deref(), manifest.seq, &manifest_sha)?;
    report.stale = origin.speaks_for_freshness() && is_expired(&manifest.expires_at, ctx.started_at);
    // A document held without its signed file (kept from before content schema 6) is fetched
    // again, so that it can be passed on (#20).
    let held = store.signed_document_hashes(&sub.url)?;
    let plan = plan(&held, sub.seq, &manifest)?;
    if plan.is_mass_delete(held.len()) && !ctx.options.allow_mass_delete {
        report.outcome = SourceOutcome::Held;
        return Err(SyncError::MassDelete { delete: plan.delete.len(), held: held.len() });
    }
    let (mut docs, signed_docs): (Vec<NewDocument>, Vec<(String, Vec<u8>)>) =
        fetch_documents(ctx, origin, &source, &plan).await?.into_iter().map(|(sha, bytes, d)| (d, (sha, bytes))).unzip();
    let files = needed_files(&manifest, &docs)?;
    let missing: Vec<(String, u64, String)> = files
        .values()
        .filter(|a| !held_on_disk(ctx, &a.sha256, a.size))
        .map(|a| (a.sha256.clone(), a.size, a.media_type.clone()))
        .chain(store.files_to_download(&sub.url)?)
        .map(|(s, n, m)| (s, (n, m)))
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .map(|(s, (n, m))| (s, n, m))
        .collect();
    download_files(ctx, store, origin, &source, &missing, report).await?;
    // From a nearby laptop nothing is asked of any other address, images included.
    crate::images::localise(ctx, &mut docs, report, origin.fetches_images() && ctx.options.from.is_none()).await?;
    ctx.cancel.check()?;

    let n_docs = docs.len() as u64;
    ctx.progress(Phase::Applying, &sub.url, n_docs, n_docs);
    mark_held(ctx, &mut docs, &held, report);
    let upserts = docs;
    report.removed = plan.delete.len() as u64;
    let update = SourceUpdate {
        url: sub.url.clone(),
        title: sub.title.clone(),
        kind: Some(sub.kind),
        seq: Some(manifest.seq),
        etag: if own_server { validators.etag } else { sub.etag.clone() },
        last_modified: if own_server { validators.last_modified } else { sub.last_modified.clone() },
        // The applied manifest's sha256: the same seq must always be these bytes (check_seq).
        body_hash: origin.speaks_for_freshness().then_some(manifest_sha),
        expires_at: origin.speaks_for_freshness().then(|| manifest.expires_at.clone()),
        // The starter library is where a library begins, not news.
        arrived_at: origin.retries_later().then_some(ctx.started_at),
        signed: Some(SignedFiles { manifest: Some((manifest_bytes, signature)), documents: signed_docs }),
    };
    store.apply_changes(&update, &upserts, &plan.delete)?;
    check_held_files(ctx, store, &sub.url)?;
    report.seq = Some(manifest.seq);
    report.outcome = if plan.is_empty() { SourceOutcome::UpToDate } else { SourceOutcome::Updated };
    Ok(())
}

/// The feed a part is applied to: as followed, the keys its manifest must be signed with, the
/// manifest the library holds for it, and which of its paths the part carries.
pub(crate) struct PartOf<'a> {
    pub sub: &'a Subscription,
    pub keys: &'a [PinnedKey],
    pub held_manifest: Option<&'a Manifest>,
    pub present: &'a (dyn Fn(&str) -> bool + Sync),
}

/// Apply a part of a signed feed (a bundle of a collection or a document, #20): add and update
/// the documents `origin` holds (`present` says which, without reading them), never delete,
/// never an older version (`plan::plan_part`). The feed's seq, validators and manifest stay the
/// library's.
pub(crate) async fn apply_part(ctx: &Ctx<'_>, store: &mut ContentStore, of: PartOf<'_>, origin: &Origin, report: &mut SourceReport) -> Result<(), SyncError> {
    let PartOf { sub, keys, held_manifest, present } = of;
    let limits = ctx.http.limits;
    let Fetched::Body { bytes: manifest_bytes, .. } = origin.manifest(None, limits.manifest, ctx.cancel).await? else {
        return Err(SyncError::Missing("manifest.json".into()));
    };
    let signature = origin.signature(limits.signature, ctx.cancel).await?;
    let manifest = verify(&manifest_bytes, &signature, keys)?;
    crate::plan::check_seq(sub.seq, sub.body_hash.as_deref(), manifest.seq, &sha256_hex(&manifest_bytes))?;
    let held = store.signed_document_hashes(&sub.url)?;
    let part = crate::plan::plan_part(&held, sub.seq, held_manifest, &manifest, present);
    report.seq = sub.seq;
    let (mut docs, signed_docs): (Vec<NewDocument>, Vec<(String, Vec<u8>)>) =
        fetch_documents(ctx, origin, "", &part).await?.into_iter().map(|(sha, bytes, d)| (d, (sha, bytes))).unzip();
    let files = needed_files(&manifest, &docs)?;
    let missing: Vec<(String, u64, String)> =
        files.values().filter(|a| !held_on_disk(ctx, &a.sha256, a.size)).map(|a| (a.sha256.clone(), a.size, a.media_type.clone())).collect();
    download_files(ctx, store, origin, "", &missing, report).await?;
    ctx.cancel.check()?;
    mark_held(ctx, &mut docs, &held, report);
    if docs.is_empty() {
        report.outcome = SourceOutcome::UpToDate;
        return Ok(());
    }
    let update = SourceUpdate {
        url: sub.url.clone(),
        title: sub.title.clone(),
        kind: Some(sub.kind),
        seq: sub.seq,
        etag: sub.etag.clone(),
        last_modified: sub.last_modified.clone(),
        body_hash: sub.body_hash.clone(),
        expires_at: sub.expires_at.clone(),
        arrived_at: Some(ctx.started_at),
        signed: Some(SignedFiles { manifest: None, documents: signed_docs }),
    };
    store.apply_changes(&update, &docs, &[])?;
    report.outcome = SourceOutcome::Updated;
    Ok(())
}

/// The keys this feed's manifest must be signed with now (#17 item 13): those of the key
/// statement the library holds, else `configured` (network.toml's, or the key the user gave),
/// less every key ever revoked; then a newer statement the feed publishes (`keys.json`), if it
/// is signed by one of them, is taken and kept: the current key names the next, one step.
async fn current_keys(ctx: &Ctx<'_>, store: &mut ContentStore, sub: &Subscription, configured: &[PinnedKey], origin: &Origin) -> Result<Vec<PinnedKey>, SyncError> {
    let offered = origin.key_statement(ctx.cancel).await?;
    let (keys, taken) = resolve_keys(store.held_keys(&sub.url)?.as_deref(), configured, offered.as_ref())?;
    if let (Some(statement), Some((bytes, sig))) = (taken, offered) {
        store.set_held_keys(&sub.url, &serde_json::to_string(&statement).expect("a key statement serialises"), &bytes, &sig)?;
    }
    Ok(keys)
}

/// The keys a feed's manifest must be signed with, from the key statement held (`held_json`),
/// else `configured`, less every key ever revoked; and, when `offered` is a newer statement
/// signed by one of them, its keys and the statement to keep. Writes nothing: a bundle is
/// checked whole with this before anything is applied.
pub(crate) fn resolve_keys(held_json: Option<&str>, configured: &[PinnedKey], offered: Option<&(Vec<u8>, String)>) -> Result<(Vec<PinnedKey>, Option<KeyStatement>), SyncError> {
    let held: Option<KeyStatement> = held_json.and_then(|j| serde_json::from_str(j).ok());
    let revoked: Vec<String> = held.as_ref().map(|h| h.revoked.clone()).unwrap_or_default();
    let mut pinned: Vec<PinnedKey> = held.as_ref().map(KeyStatement::pinned).unwrap_or_else(|| configured.to_vec());
    pinned.retain(|k| !revoked.iter().any(|r| r == k.id()));
    let Some((bytes, sig)) = offered else { return Ok((pinned, None)) };
    // A statement no newer than the one held is not read further: it may be signed by a key
    // no longer pinned, and it changes nothing.
    let claimed_seq = serde_json::from_slice::<serde_json::Value>(bytes).ok().and_then(|v| v["seq"].as_i64());
    if claimed_seq.is_some_and(|seq| held.as_ref().is_some_and(|h| seq <= h.seq)) {
        return Ok((pinned, None));
    }
    let mut statement = verify_key_statement(bytes, sig, &pinned)?;
    for r in revoked {
        if !statement.revoked.contains(&r) {
            statement.revoked.push(r);
        }
    }
    let mut next = statement.pinned();
    next.retain(|k| !statement.revoked.iter().any(|r| r == k.id()));
    if next.is_empty() {
        return Err(VerifyError::BadManifest("keys.json leaves no key to check the feed with".into()).into());
    }
    Ok((next, Some(statement)))
}

/// Whether a manifest's `expires_at` (RFC 3339) is before `now` (unix seconds).
pub(crate) fn is_expired(expires_at: &str, now: i64) -> bool {
    chrono::DateTime::parse_from_rfc3339(expires_at).is_ok_and(|t| t.timestamp() < now)
}

/// Mark each document's attachments held on disk as downloaded, and count the documents as
/// added or changed against what the library `held`.
fn mark_held(ctx: &Ctx<'_>, docs: &mut [NewDocument], held: &crate::plan::Held, report: &mut SourceReport) {
    for n in docs {
        for a in &mut n.attachments {
            a.downloaded = held_on_disk(ctx, &a.sha256, a.size);
        }
        if held.contains_key(&n.id) {
            report.changed += 1;
        } else {
            report.added += 1;
        }
    }
}

fn held_on_disk(ctx: &Ctx<'_>, sha256: &str, size: u64) -> bool {
    ctx.dir.files().is_ok_and(|f| f.holds(sha256, size))
}

/// Fetch and verify the documents the plan names, a few at a time, each on the runtime's
/// worker threads: get, check against the manifest, parse, sanitise and prepare its index text,
/// so that the writer's transaction later only writes. Returns (sha256, the document file as
/// signed, document) with attachments not yet marked as downloaded.
pub(crate) async fn fetch_documents(ctx: &Ctx<'_>, origin: &Origin, source: &str, plan: &Plan) -> Result<Vec<(String, Vec<u8>, NewDocument)>, SyncError> {
    let total = plan.fetch.len() as u64;
    let limit = ctx.http.limits.document;
    let mut results = stream::iter(plan.fetch.iter().cloned())
        .map(|e| {
            let (origin, cancel) = (origin.clone(), ctx.cancel.clone());
            tokio::spawn(async move { fetch_document(&origin, &cancel, &e, limit).await.map(|(bytes, d)| (e.sha256, e.size, bytes, d)) })
        })
        .buffer_unordered(ctx.options.concurrency.max(1));
    let mut out = Vec::with_capacity(plan.fetch.len());
    while let Some(joined) = results.next().await {
        let (sha, size, bytes, doc) = joined.map_err(|e| SyncError::Network(format!("a download task failed: {e}")))??;
        ctx.received(size);
        out.push((sha, bytes, doc));
        ctx.progress(Phase::Documents, source, out.len() as u64, total);
    }
    Ok(out)
}

async fn fetch_document(origin: &Origin, cancel: &crate::Cancel, e: &DocumentEntry, limit: u64) -> Result<(Vec<u8>, NewDocument), SyncError> {
    let bytes = origin.document(&e.path, limit.min(e.size), cancel).await?;
    verify_bytes(&e.path, &bytes, &e.sha256, e.size)?;
    let doc: FeedDocument = serde_json::from_slice(&bytes).map_err(|err| VerifyError::BadManifest(format!("{}: {err}", e.path)))?;
    if doc.id != e.id {
        return Err(VerifyError::BadManifest(format!("{} holds document {}, not {}", e.path, doc.id, e.id)).into());
    }
    let mut n = to_new_document(&doc, |_| false)?;
    n.content_hash = Some(e.sha256.clone());
    n.prepared = Some(PreparedIndex::of(&n));
    Ok((bytes, n))
}

/// Every attachment the fetched documents name, each of which the manifest must list.
fn needed_files<'m>(manifest: &'m Manifest, docs: &[NewDocument]) -> Result<BTreeMap<String, &'m AttachmentEntry>, SyncError> {
    let listed: BTreeMap<&str, &AttachmentEntry> = manifest.attachments.iter().map(|a| (a.sha256.as_str(), a)).collect();
    let mut out = BTreeMap::new();
    let named: BTreeSet<&str> = docs.iter().flat_map(|d| d.attachments.iter().map(|a| a.sha256.as_str())).collect();
    for sha in named {
        let a = listed.get(sha).ok_or_else(|| VerifyError::BadManifest(format!("attachment {sha} is named by a document but not listed")))?;
        out.insert(sha.to_string(), *a);
    }
    Ok(out)
}

/// Get attachments into `<sha256>.part` (resuming what an interrupted download left), verify,
/// rename into place and index their text. Within the attachment budget. From the web, a file
/// that cannot be had now is counted and tried again next sync; from files that will not
/// change, a missing or wrong one refuses the feed. A full disk or a cancel stops the sync.
async fn download_files(
    ctx: &Ctx<'_>,
    store: &mut ContentStore,
    origin: &Origin,
    source: &str,
    wanted: &[(String, u64, String)],
    report: &mut SourceReport,
) -> Result<(), SyncError> {
    let files = ctx.dir.files()?;
    let dir = files.folder().to_path_buf();
    std::fs::create_dir_all(&dir).map_err(crate::AttachmentError::from)?;
    let mut held_bytes = files.bytes_held();
    let failed = |why: String, report: &mut SourceReport| -> Result<(), SyncError> {
        if !origin.retries_later() {
            return Err(VerifyError::BadManifest(why).into());
        }
        report.files_missing += 1;
        report.detail.get_or_insert(why);
        Ok(())
    };
    for (sha, size, media_type) in wanted {
        ctx.cancel.check()?;
        if !ctx.time_for_attachments() {
            // Near the sync's deadline: apply the documents now; the rest are fetched (resumed)
            // at the next sync.
            report.files_missing += 1;
            continue;
        }
        // What it takes on disk: sealed and padded in an encrypted library.
        if ctx.options.attachment_budget.is_some_and(|b| held_bytes.saturating_add(files.room_for(*size)) > b) {
            report.files_missing += 1;
            report.files_over_budget += 1;
            continue;
        }
        if !files.holds(sha, *size) {
            let part = dir.join(format!("{sha}.part"));
            let path = format!("files/{sha}");
            match origin.file_to(sha, *size, &part, ctx.cancel).await {
                Ok(()) => {}
                Err(DownloadError::Io(e)) => {
                    // A file from a bundle is written again at once next time: a part of it is
                    // never kept (on a full disk it would keep the library from opening).
                    if !matches!(origin, Origin::Http { .. }) {
                        let _ = std::fs::remove_file(&part);
                    }
                    return Err(crate::AttachmentError::Io(e).into());
                }
                Err(DownloadError::Fetch(FetchError::Cancelled)) => return Err(FetchError::Cancelled.into()),
                Err(DownloadError::Fetch(e)) => {
                    failed(format!("{path}: {e}"), report)?;
                    continue;
                }
            }
            let bytes = std::fs::read(&part).map_err(crate::AttachmentError::from)?;
            if bytes.len() as u64 != *size || sha256_hex(&bytes) != *sha {
                // Tampered or corrupted on the way: never used, never kept.
                let _ = std::fs::remove_file(&part);
                failed(format!("{path} did not match its sha256"), report)?;
                continue;
            }
            let checked = FileCheck::of(media_type, &bytes);
            drop(bytes);
            // Its text is read from the verified download, before it is sealed.
            let text = ctx.cancel.run(extract_in_child(media_type, &part, *size, &ctx.options.extraction)).await?;
            files.keep(sha, &part).map_err(crate::AttachmentError::from)?;
            report.files += 1;
            report.bytes += size;
            ctx.received(*size);
            held_bytes = held_bytes.saturating_add(files.room_for(*size));
            ctx.progress(Phase::Attachments, source, report.files, wanted.len() as u64);
            record_text(store, sha, *size, media_type, text)?;
            checked.record(store, sha)?;
        } else if store.file_text_status(sha)?.is_none_or(|s| s == "pending") {
            // Held but never extracted: the sync that downloaded it was stopped (or the app
            // killed) before its text was recorded. Extract it now rather than leave it pending.
            let text = match files.plain_file(sha) {
                Some(path) => ctx.cancel.run(extract_in_child(media_type, &path, *size, &ctx.options.extraction)).await?,
                None => {
                    let copy = files.plain_copy(sha).map_err(crate::AttachmentError::from)?;
                    ctx.cancel.run(extract_in_child(media_type, copy.path(), *size, &ctx.options.extraction)).await?
                }
            };
            record_text(store, sha, *size, media_type, text)?;
            let bytes = files.read(sha).map_err(crate::AttachmentError::from)?;
            FileCheck::of(media_type, &bytes).record(store, sha)?;
        }
        store.mark_downloaded(sha)?;
    }
    Ok(())
}

/// A file's text as its extraction child read it; a file no child read (one could not be
/// started or limit itself) is left pending, to be read at a later sync, not named unreadable.
fn record_text(store: &mut ContentStore, sha: &str, size: u64, media_type: &str, text: Option<peerlib_store::ExtractedText>) -> Result<(), SyncError> {
    match text {
        Some(text) => store.record_file_text(sha, size, media_type, &text)?,
        None => store.record_file_pending(sha, size, media_type)?,
    }
    Ok(())
}

/// Files held from before content schema 5 were never checked: read each once.
fn check_held_files(ctx: &Ctx<'_>, store: &mut ContentStore, url: &str) -> Result<(), SyncError> {
    let files = ctx.dir.files()?;
    for (sha, media_type) in store.files_unchecked(url)? {
        if let Ok(bytes) = files.read(&sha) {
            FileCheck::of(&media_type, &bytes).record(store, &sha)?;
        }
    }
    Ok(())
}

/// What a verified file's bytes really are, and whether it may be opened (#17 item 5).
struct FileCheck {
    real_type: Option<String>,
    open_as: Option<&'static str>,
}

impl FileCheck {
    fn of(media_type: &str, bytes: &[u8]) -> FileCheck {
        FileCheck { real_type: filetype::label(bytes), open_as: filetype::open_as(media_type, bytes) }
    }

    fn record(&self, store: &mut ContentStore, sha: &str) -> Result<(), SyncError> {
        Ok(store.record_file_type(sha, self.real_type.as_deref(), self.open_as)?)
    }
}

