//! A signed feed (the network's, or one the user added with its key): plan, then apply.
//! GET the manifest conditionally (a 304 ends here, with nothing written); verify its signature
//! with the pinned keys; refuse a rollback or another publisher; diff; fetch what changed with
//! bounded concurrency, every byte checked against the manifest; download attachments; apply
//! every document and the new seq in ONE transaction.

use crate::http::{DownloadError, Expect, FetchError, Fetched, Validators};
use crate::log::{SourceOutcome, SourceReport};
use crate::plan::{plan, Plan};
use crate::{extract_text, to_new_document, Ctx, Phase, SyncError};
use futures_util::{stream, StreamExt};
use peerlib_feed::manifest::{verify_bytes, verify_manifest, AttachmentEntry, DocumentEntry, FeedDocument, Manifest, PinnedKey, VerifyError};
use peerlib_feed::sha256_hex;
use peerlib_store::{ContentStore, NewDocument, PreparedIndex, SourceUpdate, Subscription};
use std::collections::{BTreeMap, BTreeSet};
use url::Url;

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

pub(crate) async fn sync(
    ctx: &Ctx<'_>,
    store: &mut ContentStore,
    sub: &Subscription,
    keys: &[PinnedKey],
    report: &mut SourceReport,
) -> Result<(), SyncError> {
    let base = base_url(&sub.url)?;
    let limits = ctx.http.limits;
    ctx.progress(Phase::Checking, &sub.url, 0, 0);
    let validators = Validators { etag: sub.etag.clone(), last_modified: sub.last_modified.clone() };
    let fetched = ctx.http.get(&join(&base, "manifest.json")?, Some(&validators), Expect::Json, limits.manifest, ctx.cancel).await?;
    report.seq = sub.seq;
    let Fetched::Body { bytes: manifest_bytes, validators } = fetched else {
        // Nothing new. Attachments an earlier sync could not get are tried again.
        let missing = store.files_to_download(&sub.url)?;
        if !missing.is_empty() {
            download_files(ctx, store, &base, &missing, report).await?;
        }
        report.outcome = SourceOutcome::UpToDate;
        return Ok(());
    };
    let signature = match ctx.http.get(&join(&base, "manifest.json.minisig")?, None, Expect::Signature, limits.signature, ctx.cancel).await {
        Ok(Fetched::Body { bytes, .. }) => String::from_utf8(bytes).map_err(|_| VerifyError::BadSignatureFile)?,
        // A manifest without its signature is unsigned: refused like a bad signature.
        Ok(Fetched::NotModified) | Err(FetchError::Status { status: 404 | 410, .. }) => return Err(VerifyError::BadSignatureFile.into()),
        Err(e) => return Err(e.into()),
    };
    let manifest = verify_manifest(&manifest_bytes, &signature, keys)?;
    if !keys.iter().any(|k| k.id() == manifest.publisher.key_id) {
        return Err(SyncError::Publisher { found: manifest.publisher.key_id.clone() });
    }
    report.stale = is_expired(&manifest.expires_at);
    let held = store.document_hashes(&sub.url)?;
    let plan = plan(&held, sub.seq, &manifest)?;
    if plan.is_mass_delete(held.len()) && !ctx.options.allow_mass_delete {
        report.outcome = SourceOutcome::Held;
        return Err(SyncError::MassDelete { delete: plan.delete.len(), held: held.len() });
    }
    let mut docs: Vec<NewDocument> = fetch_documents(ctx, &base, &plan).await?.into_iter().map(|(_, d)| d).collect();
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
    download_files(ctx, store, &base, &missing, report).await?;
    crate::images::localise(ctx, &mut docs, report).await?;
    ctx.cancel.check()?;

    let n_docs = docs.len() as u64;
    ctx.progress(Phase::Applying, &sub.url, n_docs, n_docs);
    let mut upserts = Vec::with_capacity(docs.len());
    for mut n in docs {
        for a in &mut n.attachments {
            a.downloaded = held_on_disk(ctx, &a.sha256, a.size);
        }
        if held.contains_key(&n.id) {
            report.changed += 1;
        } else {
            report.added += 1;
        }
        upserts.push(n);
    }
    report.removed = plan.delete.len() as u64;
    let update = SourceUpdate {
        url: sub.url.clone(),
        title: sub.title.clone(),
        kind: Some(sub.kind),
        seq: Some(manifest.seq),
        etag: validators.etag,
        last_modified: validators.last_modified,
        body_hash: None,
        expires_at: Some(manifest.expires_at.clone()),
        arrived_at: Some(ctx.started_at),
    };
    store.apply_changes(&update, &upserts, &plan.delete)?;
    report.seq = Some(manifest.seq);
    report.outcome = if plan.is_empty() { SourceOutcome::UpToDate } else { SourceOutcome::Updated };
    Ok(())
}

fn is_expired(expires_at: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(expires_at).is_ok_and(|t| t < chrono::Utc::now())
}

fn held_on_disk(ctx: &Ctx<'_>, sha256: &str, size: u64) -> bool {
    ctx.dir.attachment(sha256).and_then(|p| p.metadata().ok()).is_some_and(|m| m.len() == size)
}

/// Fetch and verify the documents the plan names, a few at a time, each on the runtime's
/// worker threads: download, check against the manifest, parse, sanitise and prepare its index
/// text, so that the writer's transaction later only writes. Returns (sha256, document) with
/// attachments not yet marked as downloaded.
async fn fetch_documents(ctx: &Ctx<'_>, base: &Url, plan: &Plan) -> Result<Vec<(String, NewDocument)>, SyncError> {
    let total = plan.fetch.len() as u64;
    let limit = ctx.http.limits.document;
    let mut results = stream::iter(plan.fetch.iter().cloned())
        .map(|e| {
            let (http, cancel, base) = (ctx.http.clone(), ctx.cancel.clone(), base.clone());
            tokio::spawn(async move { fetch_document(&http, &cancel, &base, &e, limit).await.map(|d| (e.sha256, e.size, d)) })
        })
        .buffer_unordered(ctx.options.concurrency.max(1));
    let mut out = Vec::with_capacity(plan.fetch.len());
    while let Some(joined) = results.next().await {
        let (sha, size, doc) = joined.map_err(|e| SyncError::Network(format!("a download task failed: {e}")))??;
        ctx.received(size);
        out.push((sha, doc));
        ctx.progress(Phase::Documents, base.as_str(), out.len() as u64, total);
    }
    Ok(out)
}

async fn fetch_document(http: &crate::http::Http, cancel: &crate::Cancel, base: &Url, e: &DocumentEntry, limit: u64) -> Result<NewDocument, SyncError> {
    let url = join(base, &e.path)?;
    let bytes = match http.get(&url, None, Expect::Json, limit.min(e.size), cancel).await? {
        Fetched::Body { bytes, .. } => bytes,
        Fetched::NotModified => return Err(SyncError::Missing(e.path.clone())),
    };
    verify_bytes(&e.path, &bytes, &e.sha256, e.size)?;
    let doc: FeedDocument = serde_json::from_slice(&bytes).map_err(|err| VerifyError::BadManifest(format!("{}: {err}", e.path)))?;
    if doc.id != e.id {
        return Err(VerifyError::BadManifest(format!("{} holds document {}, not {}", e.path, doc.id, e.id)).into());
    }
    let mut n = to_new_document(&doc, |_| false)?;
    n.content_hash = Some(e.sha256.clone());
    n.prepared = Some(PreparedIndex::of(&n));
    Ok(n)
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

/// Download attachments to `<sha256>.part`, resuming what an interrupted sync left, verify,
/// rename into place and index their text. Within the attachment budget; a file that cannot be
/// had now is counted and tried again next sync. A full disk or a cancel stops the sync.
async fn download_files(
    ctx: &Ctx<'_>,
    store: &mut ContentStore,
    base: &Url,
    files: &[(String, u64, String)],
    report: &mut SourceReport,
) -> Result<(), SyncError> {
    let dir = ctx.dir.attachments();
    std::fs::create_dir_all(&dir).map_err(crate::AttachmentError::from)?;
    let mut held_bytes = attachments_size(&dir);
    for (sha, size, media_type) in files {
        ctx.cancel.check()?;
        if ctx.options.attachment_budget.is_some_and(|b| held_bytes + size > b) {
            report.files_missing += 1;
            continue;
        }
        let target = dir.join(sha);
        if !target.metadata().is_ok_and(|m| m.len() == *size) {
            let part = dir.join(format!("{sha}.part"));
            let url = join(base, &format!("files/{sha}"))?;
            match ctx.http.download(&url, &part, *size, ctx.cancel).await {
                Ok(()) => {}
                Err(DownloadError::Io(e)) => return Err(crate::AttachmentError::Io(e).into()),
                Err(DownloadError::Fetch(FetchError::Cancelled)) => return Err(FetchError::Cancelled.into()),
                Err(DownloadError::Fetch(e)) => {
                    report.files_missing += 1;
                    report.detail.get_or_insert_with(|| format!("files/{sha}: {e}"));
                    continue;
                }
            }
            let bytes = std::fs::read(&part).map_err(crate::AttachmentError::from)?;
            if sha256_hex(&bytes) != *sha {
                // Tampered or corrupted on the way: never used, never kept.
                let _ = std::fs::remove_file(&part);
                report.files_missing += 1;
                report.detail.get_or_insert_with(|| format!("files/{sha} did not match its sha256"));
                continue;
            }
            std::fs::rename(&part, &target).map_err(crate::AttachmentError::from)?;
            report.files += 1;
            report.bytes += size;
            ctx.received(*size);
            held_bytes += size;
            ctx.progress(Phase::Attachments, base.as_str(), report.files, files.len() as u64);
            let text = extract_text(media_type, &bytes);
            store.record_file_text(sha, *size, media_type, &text)?;
        } else {
            if store.file_text_status(sha)?.is_none_or(|s| s == "pending") {
                let bytes = std::fs::read(&target).map_err(crate::AttachmentError::from)?;
                store.record_file_text(sha, *size, media_type, &extract_text(media_type, &bytes))?;
            }
        }
        store.mark_downloaded(sha)?;
    }
    Ok(())
}

fn attachments_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
        .unwrap_or(0)
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
