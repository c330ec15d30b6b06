//! Images inside document bodies are downloaded at sync time and the body is rewritten to point
//! at the local copy (`peerlib-media:<sha256>`), so that reading is complete offline and opening
//! a document makes no network request. Only real raster images are kept (the type is read from
//! the bytes, not the server's word). Images count against the attachment budget and at most
//! `MAX_IMAGE_BYTES_PER_SYNC` are fetched per feed per sync (500 images once stored 126 MB under
//! a 1 MB budget: #17 item 7). An image that could not be had loses its address (its `alt`
//! text stays in its place): no remote reference is ever stored in a body.

use crate::http::{Expect, Fetched};
use crate::log::SourceReport;
use crate::{write_verified, Ctx, SyncError};
use futures_util::{stream, StreamExt};
use peerlib_feed::sha256_hex;
use peerlib_store::{NewDocument, NewImage};
use std::collections::{BTreeSet, HashMap};

/// How a stored body names a local image; the reader maps it to the app's media protocol.
pub const MEDIA_SCHEME: &str = "peerlib-media:";
/// The largest image kept.
pub const MAX_IMAGE: u64 = 10 << 20;
/// At most this many images are fetched in one sync of one feed (a feed full of images must not
/// turn a short conference Wi-Fi window into an image download).
pub const MAX_IMAGES_PER_SYNC: usize = 500;
/// At most this many bytes of images are kept from one sync of one feed.
pub const MAX_IMAGE_BYTES_PER_SYNC: u64 = 64 << 20;

/// The `https://` sources of `<img>` tags in sanitised HTML, as written in the attribute
/// (HTML-escaped), in order of first appearance.
pub fn image_sources(html: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    // Looked up, not searched: a body of hundreds of thousands of images was quadratic.
    let mut seen = std::collections::HashSet::new();
    for (start, _) in html.match_indices("<img ") {
        let tag = &html[start..html[start..].find('>').map(|e| start + e).unwrap_or(html.len())];
        if let Some(i) = tag.find(" src=\"") {
            let rest = &tag[i + 6..];
            if let Some(end) = rest.find('"') {
                let src = &rest[..end];
                if src.starts_with("https://") && seen.insert(src) {
                    out.push(src.to_string());
                }
            }
        }
    }
    out
}

/// The body with every `src="<escaped url>"` in `local` pointing at its local copy.
pub fn rewrite(html: &str, local: &HashMap<String, String>) -> String {
    let mut out = html.to_string();
    for (src, sha) in local {
        out = out.replace(&format!(" src=\"{src}\""), &format!(" src=\"{MEDIA_SCHEME}{sha}\""));
    }
    out
}

/// The image type of `bytes` by their magic numbers (feed::filetype): PNG, JPEG, GIF, WebP only.
/// (No SVG: it is a document, with scripts and links of its own.) Only those four are looked
/// for: an image from a website feed's page needs no signature, and reading a zip's or an OLE
/// file's directory, as the sniffing of attachments does, is work a crafted one can multiply.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    peerlib_feed::filetype::image_type(bytes)
}

fn unescape(src: &str) -> String {
    src.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Every `<img>`'s `src` that is not a local copy removed: what stays of an image that could
/// not be had is its `alt` text, and nothing in the body names a remote address.
pub fn strip_remote(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img ") {
        let end = rest[start..].find('>').map(|e| start + e).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        let tag = &rest[start..end];
        match tag.find(" src=\"") {
            Some(i) if !tag[i + 6..].starts_with(MEDIA_SCHEME) => {
                let after = tag[i + 6..].find('"').map(|q| i + 6 + q + 1).unwrap_or(tag.len());
                out.push_str(&tag[..i]);
                out.push_str(&tag[after..]);
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Download the images of `docs`' bodies (when `fetch`: only while syncing from the web) and
/// rewrite the bodies to their local copies; whatever was not fetched loses its address.
pub(crate) async fn localise(ctx: &Ctx<'_>, docs: &mut [NewDocument], report: &mut SourceReport, fetch: bool) -> Result<(), SyncError> {
    // With the sanitiser switched off for the XSS test (debug builds only), bodies stay as sent.
    if peerlib_feed::html::test_layer_off("sanitizer") {
        return Ok(());
    }
    let wanted: BTreeSet<String> =
        if fetch { docs.iter().flat_map(|d| image_sources(&d.body_html)).take(MAX_IMAGES_PER_SYNC).collect() } else { BTreeSet::new() };
    if wanted.is_empty() {
        for d in docs.iter_mut() {
            d.body_html = strip_remote(&d.body_html);
        }
        return Ok(());
    }
    let files = ctx.dir.files()?;
    #[cfg(feature = "testing")]
    let loopback_http = ctx.options.images_over_loopback_http;
    #[cfg(not(feature = "testing"))]
    let loopback_http = false;
    let mut fetches = stream::iter(wanted)
        .map(|src| {
            let (http, cancel) = (ctx.http.clone(), ctx.cancel.clone());
            tokio::spawn(async move {
                let mut url = unescape(&src);
                if loopback_http && url.starts_with("https://127.0.0.1:") {
                    url = url.replacen("https://", "http://", 1);
                }
                let got = http.get(&url, None, Expect::Image, MAX_IMAGE, &cancel).await;
                (src, got)
            })
        })
        .buffer_unordered(ctx.options.concurrency.max(1));
    let mut local: HashMap<String, NewImage> = HashMap::new();
    let mut held = files.bytes_held();
    let mut fetched_bytes = 0u64;
    while let Some(joined) = fetches.next().await {
        let (src, got) = joined.map_err(|e| SyncError::Network(format!("an image task failed: {e}")))?;
        ctx.cancel.check()?;
        let Ok(Fetched::Body { bytes, .. }) = got else { continue };
        let Some(media_type) = sniff(&bytes) else { continue };
        let size = bytes.len() as u64;
        if ctx.options.attachment_budget.is_some_and(|b| held + files.room_for(size) > b) || fetched_bytes + size > MAX_IMAGE_BYTES_PER_SYNC {
            report.files_missing += 1;
            continue;
        }
        held += files.room_for(size);
        fetched_bytes += size;
        let sha = sha256_hex(&bytes);
        write_verified(&files, &sha, &bytes)?;
        report.files += 1;
        report.bytes += bytes.len() as u64;
        ctx.received(bytes.len() as u64);
        local.insert(src, NewImage { sha256: sha, size: bytes.len() as u64, media_type: media_type.into() });
    }
    let shas: HashMap<String, String> = local.iter().map(|(k, v)| (k.clone(), v.sha256.clone())).collect();
    for d in docs.iter_mut() {
        let srcs = image_sources(&d.body_html);
        let mine: HashMap<String, String> = srcs.iter().filter_map(|s| Some((s.clone(), shas.get(s)?.clone()))).collect();
        d.body_html = strip_remote(&rewrite(&d.body_html, &mine));
        d.images = srcs.iter().filter_map(|s| local.get(s).cloned()).collect();
        d.images.dedup_by(|a, b| a.sha256 == b.sha256);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_found_and_rewritten_in_sanitised_html() {
        let html = r#"<p><img src="https://a.example/x.png?w=1&amp;h=2" alt="x"> <img alt="y" src="https://a.example/y.jpg"><img src="https://a.example/x.png?w=1&amp;h=2"></p>"#;
        let srcs = image_sources(html);
        assert_eq!(srcs, ["https://a.example/x.png?w=1&amp;h=2", "https://a.example/y.jpg"]);
        assert_eq!(unescape(&srcs[0]), "https://a.example/x.png?w=1&h=2");
        let local: HashMap<String, String> = [(srcs[0].clone(), "ab".repeat(32))].into();
        let out = rewrite(html, &local);
        assert_eq!(out.matches(&format!("src=\"peerlib-media:{}\"", "ab".repeat(32))).count(), 2);
        assert!(out.contains("src=\"https://a.example/y.jpg\""), "rewrite changes only what was fetched");
        let stored = strip_remote(&out);
        assert!(!stored.contains("https://"), "no remote address is stored: {stored}");
        assert!(stored.contains(r#"<img alt="y">"#), "the image's alt text stays in its place: {stored}");
        assert_eq!(stored.matches("peerlib-media:").count(), 2, "local copies are kept");
    }

    #[test]
    fn only_raster_images_are_kept() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        // A zip and an OLE file are no images (nor read as what they are: `image_type` looks at
        // magic numbers only).
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\0\0"), None);
        assert_eq!(sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"), None);
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff(b"<!DOCTYPE html>"), None);
    }
}
