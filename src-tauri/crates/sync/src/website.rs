//! Ordinary website feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed), read with feed-rs. They are not
//! signed, so their documents are shown as unverified; their HTML is sanitised with the same
//! allowlist as everything else, relative links resolved against the item's address.

use crate::http::{Expect, Fetched, Validators};
use crate::log::{SourceOutcome, SourceReport};
use crate::{Ctx, SyncError};
use feed_rs::model::{Entry, Feed, Text};
use peerlib_feed::html::sanitize_with_base;
use peerlib_feed::sha256_hex;
use peerlib_store::{ContentStore, Kind, NewDocument, SourceKind, SourceUpdate, Subscription};
use std::collections::HashSet;

/// Parse a feed's bytes. Ids that the feed does not give are left empty here and made
/// deterministic by [`to_documents`] (feed-rs would otherwise invent a random one).
pub fn parse(bytes: &[u8], url: &str) -> Result<Feed, SyncError> {
    // What feed-rs's XML reader must not see: another encoding than UTF-8, a stray declaration.
    let mut prepared: Option<Vec<u8>> = None;
    for step in [to_utf8 as fn(&[u8]) -> Option<Vec<u8>>, neutralise_stray_declarations, rdf_items_without_link] {
        if let Some(b) = step(prepared.as_deref().unwrap_or(bytes)) {
            prepared = Some(b);
        }
    }
    let bytes = prepared.as_deref().unwrap_or(bytes);
    let first = parse_with_feed_rs(bytes, url);
    if matches!(&first, Ok(f) if !f.entries.is_empty()) {
        return first;
    }
    let first = match first {
        // Items in the bytes that no reading finds: the feed cannot be read, and must never be
        // reported as up to date (an Atom 0.3 feed was, before its repair).
        Ok(f) if f.entries.is_empty() && has_items(bytes) => Err(SyncError::Unreadable("its items could not be read".into())),
        other => other,
    };
    // Feeds that lenient readers accept and feed-rs does not: try the known repairs, in order,
    // and keep the first that gives items. A feed that none of them saves keeps its first error.
    for repaired in repairs(bytes) {
        if let Ok(f) = parse_with_feed_rs(&repaired, url) {
            if !f.entries.is_empty() {
                return Ok(f);
            }
        }
    }
    first
}

/// A feed in another encoding than UTF-8, as UTF-8 with its declaration saying so: UTF-16 (by its
/// byte-order mark, or by `<?` in UTF-16 without one) and whatever the XML declaration names
/// (windows-1251, ISO-8859-7, …, by the WHATWG labels encoding_rs knows). feed-rs's XML reader,
/// quick-xml, switches decoders itself and panicked doing so ("set_encoding() called after
/// prefix buffer was drained") on UTF-16BE and windows-1251 feeds (found by fuzzing): it now only
/// ever sees UTF-8. None when the bytes are UTF-8 already (or declare nothing we know).
fn to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let encoding = match bytes {
        [0xfe, 0xff, ..] | [0, b'<', 0, b'?', ..] => encoding_rs::UTF_16BE,
        [0xff, 0xfe, ..] | [b'<', 0, b'?', 0, ..] => encoding_rs::UTF_16LE,
        _ => match declared_encoding(bytes)? {
            e if e == encoding_rs::UTF_8 => return None,
            // Bytes with no UTF-16 shape that say UTF-16 are read as what they look like.
            e if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
            e => e,
        },
    };
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    let mut text = text.into_owned();
    if text.starts_with("<?xml") {
        if let Some(end) = text.find("?>") {
            let decl = &text[..end];
            let decl = match decl.find("encoding=") {
                Some(at) => {
                    // Whatever character opens the value closes it (a fuzzer's quote may be '¢').
                    let value = &decl[at + 9..];
                    let close = value
                        .chars()
                        .next()
                        .and_then(|q| value[q.len_utf8()..].find(q).map(|c| at + 9 + q.len_utf8() + c + q.len_utf8()))
                        .unwrap_or(decl.len());
                    format!("{}encoding=\"UTF-8\"{}", &decl[..at], &decl[close..])
                }
                None => decl.to_string(),
            };
            text = format!("{decl}{}", &text[end..]);
        }
    }
    Some(text.into_bytes())
}

/// An XML declaration anywhere but at the start (two feeds pasted together, a fuzzer's splice)
/// renamed to an ordinary processing instruction, outside CDATA sections and comments: quick-xml
/// switches its decoder at every declaration and panicked at a late one (found by fuzzing).
/// None when there is none.
fn neutralise_stray_declarations(bytes: &[u8]) -> Option<Vec<u8>> {
    let is_decl = |at: usize| bytes[at..].starts_with(b"<?xml") && bytes.get(at + 5).is_some_and(|c| c.is_ascii_whitespace());
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let skip_to = |open: &[u8], close: &[u8]| {
            bytes[i..].starts_with(open).then(|| {
                bytes[i + open.len()..].windows(close.len()).position(|w| w == close).map_or(bytes.len(), |p| i + open.len() + p + close.len())
            })
        };
        if let Some(end) = skip_to(b"<![CDATA[", b"]]>").or_else(|| skip_to(b"<!--", b"-->")) {
            i = end;
        } else if is_decl(i) {
            let o = out.get_or_insert_with(|| Vec::with_capacity(bytes.len() + 16));
            o.extend_from_slice(&bytes[copied..i]);
            o.extend_from_slice(b"<?xml-misplaced");
            copied = i + 5;
            i += 5;
        } else {
            i += 1;
        }
    }
    out.map(|mut o| {
        o.extend_from_slice(&bytes[copied..]);
        o
    })
}

/// The encoding an ASCII-compatible XML declaration names, if encoding_rs knows its label. The
/// whole declaration is read, however long, and whatever bytes it holds: quick-xml switches
/// decoders at any declaration it reads past its first buffer, and panics there.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if !bytes.starts_with(b"<?xml") {
        return None;
    }
    let end = bytes.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&bytes[..end]);
    let at = decl.find("encoding=")? + 9;
    let quote = decl[at..].chars().next()?;
    let label = decl[at + quote.len_utf8()..].split(quote).next()?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// RSS 1.0 items without a `<link>`, which feed-rs skips: a placeholder link that `item_key` and
/// `to_documents` ignore, so that such an item is read and its id comes from its text, as for any
/// item without an address. None when there is no such item.
fn rdf_items_without_link(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if !text.contains("<rdf:RDF") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(i) = rest.find("<item") {
        let after = &rest[i + 5..];
        if !after.starts_with(['>', ' ', '\n', '\t', '\r']) {
            out.push_str(&rest[..i + 5]);
            rest = after;
            continue;
        }
        // A start tag that never ends: nothing after it is an item (and no rescanning to the end).
        let Some(gt) = after.find('>') else { break };
        let open_end = i + 5 + gt + 1;
        // The item's extent: up to its end tag or the next item, found in one scan, so that the
        // whole repair reads the body once (a body of unclosed items cost quadratic time).
        let body = &rest[open_end..];
        let extent = body
            .match_indices('<')
            .map(|(k, _)| k)
            .find(|&k| body[k..].starts_with("</item>") || body[k..].starts_with("<item"))
            .unwrap_or(body.len());
        out.push_str(&rest[..open_end]);
        if !body[..extent].contains("<link") {
            out.push_str(&format!("<link>{NO_ABOUT}</link>"));
            changed = true;
        }
        rest = body;
    }
    out.push_str(rest);
    changed.then(|| out.into_bytes())
}

/// Whether the bytes hold items (`<item`, `<entry`, a JSON Feed's non-empty `items`).
fn has_items(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4 << 20)]);
    text.contains("<item") || text.contains("<entry") || serde_json::from_str::<serde_json::Value>(&text).ok().is_some_and(|v| v["items"].as_array().is_some_and(|i| !i.is_empty()))
}

/// Repairs for the faults real feeds have (tests/fixtures/corpus), each a well-known leniency:
/// RSS 0.90's Netscape namespace read as RSS 1.0; a default namespace on `<rss>` dropped;
/// undeclared Latin-1 bytes read as Windows-1252 (what browsers do); bare `&` escaped; `<rss>`
/// without a version read as 2.0; a JSON
/// Feed with an http version URL or tags given as one string.
fn repairs(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![];
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => {
            let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let t = decoded.into_owned();
            out.push(t.clone().into_bytes());
            t
        }
    };
    out.push(text.replace("http://my.netscape.com/rdf/simple/0.9/", "http://purl.org/rss/1.0/").into_bytes());
    if let Some(start) = text.find("<rss") {
        if let Some(end) = text[start..].find('>').map(|e| start + e) {
            let tag = &text[start..end];
            if let Some(ns) = tag.find(" xmlns=\"") {
                let close = tag[ns + 8..].find('"').map(|c| ns + 8 + c + 1).unwrap_or(tag.len());
                out.push(format!("{}{}{}", &text[..start + ns], &tag[close..], &text[end..]).into_bytes());
            }
        }
    }
    out.push(escape_bare_ampersands(&text).into_bytes());
    // `<rss>` without a version, with or without namespace declarations.
    if let Some(start) = text.find("<rss") {
        let tag_end = text[start..].find('>').map(|e| start + e).unwrap_or(text.len());
        if text[start + 4..].starts_with([' ', '>', '\n', '\t', '\r']) && !text[start..tag_end].contains("version=") {
            out.push(format!("{} version=\"2.0\"{}", &text[..start + 4], &text[start + 4..]).into_bytes());
        }
    }
    // Atom 0.3 (2003-2005, still served by old blogs): its elements renamed to Atom 1.0's.
    if text.contains("http://purl.org/atom/ns#") {
        let mut t = text.replace("http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom");
        for (old, new) in [("modified>", "updated>"), ("issued>", "published>"), ("tagline>", "subtitle>"), ("copyright>", "rights>")] {
            t = t.replace(&format!("<{old}"), &format!("<{new}")).replace(&format!("</{old}"), &format!("</{new}"));
        }
        t = t.replace(r#"type="text/html" mode="escaped""#, r#"type="html""#).replace(r#"mode="escaped" type="text/html""#, r#"type="html""#);
        t = t.replace(r#"type="application/xhtml+xml" mode="xml""#, r#"type="xhtml""#);
        out.push(t.into_bytes());
    }

    if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Some(ver) = v.get("version").and_then(|x| x.as_str()).map(|x| x.replace("http://jsonfeed.org", "https://jsonfeed.org")) {
            v["version"] = ver.into();
        }
        for item in v.get_mut("items").and_then(|i| i.as_array_mut()).into_iter().flatten() {
            if let Some(tags) = item.get("tags").and_then(|t| t.as_str()).map(str::to_string) {
                item["tags"] = tags.split(',').map(|t| serde_json::Value::from(t.trim())).collect();
            }
        }
        out.push(serde_json::to_vec(&v).unwrap_or_default());
    }
    out
}

/// `&` that does not start an entity or character reference becomes `&amp;`.
fn escape_bare_ampersands(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // A reference ends within ten bytes: the `;` is looked for there only (searched for to
        // the end, a body of `&` was quadratic).
        let near = &after.as_bytes()[..after.len().min(11)];
        let is_ref = near
            .iter()
            .position(|&b| b == b';')
            .filter(|&n| n > 0)
            .is_some_and(|n| near[..n].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'#'));
        out.push_str(if is_ref { "&" } else { "&amp;" });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn parse_with_feed_rs(bytes: &[u8], url: &str) -> Result<Feed, SyncError> {
    // A parser bug on hostile bytes must fail this feed, not the sync (nor the app).
    std::panic::catch_unwind(|| {
        feed_rs::parser::Builder::new()
            .base_uri(Some(url))
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(bytes)
    })
    .map_err(|_| SyncError::Unreadable("the feed could not be read".into()))?
        .map_err(|e| SyncError::Unreadable(e.to_string()))
}

/// The feed's title, for the subscription list.
pub fn title(feed: &Feed) -> Option<String> {
    feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty())
}

/// A feed's items as documents. Ids are `w` + a hash of the feed's address and the item's own
/// id (or, failing that, its link, its first enclosure, or its title and date), so they are the
/// same on every sync and never collide with another feed's. Items the feed repeats keep the
/// first occurrence.
pub fn to_documents(feed_url: &str, feed: &Feed) -> Vec<NewDocument> {
    let language = feed.language.as_deref().map(language_tag).unwrap_or_else(|| "und".into());
    let publisher = title(feed);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for e in &feed.entries {
        let Some(key) = item_key(e) else { continue };
        let id = format!("w{}", &sha256_hex(format!("{feed_url}\n{key}").as_bytes())[..24]);
        if !seen.insert(id.clone()) {
            continue;
        }
        let link = e.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate") && l.href != NO_ABOUT).map(|l| l.href.clone());
        let base = link.clone().unwrap_or_else(|| feed_url.to_string());
        let body_source = e.content.as_ref().and_then(|c| c.body.clone()).or_else(|| e.summary.as_ref().map(html_of));
        let body_html = body_source.map(|b| sanitize_with_base(&b, &base)).unwrap_or_default();
        let summary_text = e.summary.as_ref().map(|s| truncate(&plain(&s.content), 400)).unwrap_or_default();
        let title = e
            .title
            .as_ref()
            .map(|t| plain(&t.content))
            .filter(|t| !t.is_empty())
            .or_else(|| Some(truncate(&peerlib_store::text::html_text(&body_html), 80)).filter(|t| !t.is_empty()))
            .or_else(|| link.clone())
            .unwrap_or_else(|| key.clone());
        let published = e.published.or(e.updated).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let updated = e.updated.filter(|_| e.published.is_some()).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let tags: Vec<String> = e.categories.iter().map(|c| plain(c.label.as_deref().unwrap_or(&c.term))).filter(|t| !t.is_empty()).collect();
        let mut doc = NewDocument {
            id,
            version: 1,
            kind: Kind::News,
            language: e.language.as_deref().map(language_tag).filter(|l| l != "und").unwrap_or_else(|| language.clone()),
            group: String::new(),
            title,
            summary: summary_text,
            body_html,
            publishers: publisher.clone().into_iter().collect(),
            tags,
            published,
            updated,
            url: link.filter(|l| l.starts_with("https://")),
            attachments: vec![],
            content_hash: None,
            prepared: None,
            images: vec![],
        };
        doc.group = doc.id.clone();
        doc.content_hash = Some(content_hash(&doc));
        out.push(doc);
    }
    out
}

/// A website feed as read: its title and its items as documents, sanitised. What the reading
/// child (`sandbox::website_feed_in_child`) sends back.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    pub title: Option<String>,
    pub items: Vec<NewDocument>,
}

/// Read a website feed's bytes whole, in this process: what the reading child does.
pub fn read(bytes: &[u8], url: &str) -> Result<Parsed, SyncError> {
    let feed = parse(bytes, url)?;
    Ok(Parsed { title: title(&feed), items: to_documents(url, &feed) })
}

/// What the RSS 1.0 repair gives an item that had no link (never a real address).
const NO_ABOUT: &str = "urn:peerlib:no-about";

fn item_key(e: &Entry) -> Option<String> {
    let id = e.id.trim();
    if !id.is_empty() && id != NO_ABOUT {
        return Some(format!("id:{id}"));
    }
    if let Some(l) = e.links.first().filter(|l| !l.href.trim().is_empty() && l.href != NO_ABOUT) {
        return Some(format!("link:{}", l.href.trim()));
    }
    if let Some(u) = e.media.iter().flat_map(|m| m.content.iter()).find_map(|c| c.url.as_ref()) {
        return Some(format!("media:{u}"));
    }
    let title = e.title.as_ref().map(|t| t.content.trim().to_string()).unwrap_or_default();
    let date = e.published.or(e.updated).map(|d| d.to_rfc3339()).unwrap_or_default();
    let body = e.content.as_ref().and_then(|c| c.body.as_deref()).or(e.summary.as_ref().map(|s| s.content.as_str())).unwrap_or("");
    if title.is_empty() && date.is_empty() && body.trim().is_empty() {
        return None; // an empty <item/>: nothing to show
    }
    Some(format!("text:{title}\n{date}\n{}", sha256_hex(body.as_bytes())))
}

/// Text content as HTML (plain text is escaped; HTML is kept for the sanitiser).
fn html_of(t: &Text) -> String {
    if t.content_type.subty().as_str() == "plain" {
        format!("<p>{}</p>", peerlib_feed::html::escape(&t.content))
    } else {
        t.content.clone()
    }
}

/// Plain text from a title or summary that may hold markup or entities, on one line.
fn plain(s: &str) -> String {
    let text = if s.contains('<') || s.contains('&') { peerlib_store::text::html_text(&format!("<p>{s}</p>")) } else { s.to_string() };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// `en_US`, `EN-us` -> `en-US`; anything that is not a plausible BCP 47 tag -> `und`.
pub fn language_tag(raw: &str) -> String {
    let parts: Vec<&str> = raw.trim().split(['-', '_']).filter(|p| !p.is_empty()).collect();
    let Some(primary) = parts.first().filter(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())) else {
        return "und".into();
    };
    let mut tag = primary.to_ascii_lowercase();
    if let Some(region) = parts.get(1).filter(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic())) {
        tag.push('-');
        tag.push_str(&region.to_ascii_uppercase());
    }
    tag
}

fn content_hash(d: &NewDocument) -> String {
    let fields = [
        d.title.as_str(),
        &d.summary,
        &d.body_html,
        &d.language,
        d.published.as_deref().unwrap_or(""),
        d.updated.as_deref().unwrap_or(""),
        d.url.as_deref().unwrap_or(""),
        &d.tags.join("\u{1f}"),
        &d.publishers.join("\u{1f}"),
    ];
    sha256_hex(fields.join("\u{1e}").as_bytes())
}

/// A name an unverified feed may go by (as publisher or feed title): its own, unless it claims
/// the network's, when it is the feed's host instead (#17 item 8: a website feed titled "INPUD"
/// showed its items as published by INPUD, with nothing saying "unverified"). A claim is the
/// network's name inside this one, ignoring case, spaces and punctuation ("I.N.P.U.D. news").
pub fn unverified_name(name: &str, network_name: &str, feed_url: &str) -> String {
    let fold = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let reserved = fold(network_name);
    if reserved.chars().count() < 3 || !fold(name).contains(&reserved) {
        return name.to_string();
    }
    url::Url::parse(feed_url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_else(|| feed_url.to_string())
}

/// One website feed: conditional GET; an unchanged body is not parsed; new and changed items
/// are written in one transaction. Items that leave the feed stay in the library (feeds show
/// only their newest items); unsubscribing removes them.
pub(crate) async fn sync(ctx: &Ctx<'_>, store: &mut ContentStore, sub: &Subscription, report: &mut SourceReport) -> Result<(), SyncError> {
    let validators = Validators { etag: sub.etag.clone(), last_modified: sub.last_modified.clone() };
    let fetched = ctx.http.get(&sub.url, Some(&validators), Expect::Feed, ctx.http.limits.website_feed, ctx.cancel).await?;
    let Fetched::Body { bytes, validators } = fetched else {
        report.outcome = SourceOutcome::UpToDate;
        return Ok(());
    };
    let body_hash = sha256_hex(&bytes);
    if sub.body_hash.as_deref() == Some(body_hash.as_str()) {
        store.update_validators(&sub.url, validators.etag.as_deref(), validators.last_modified.as_deref())?;
        report.outcome = SourceOutcome::UpToDate;
        return Ok(());
    }
    // Parsing and sanitising bytes from anywhere, unsigned, happen in a child process with the
    // extraction's limits (sandbox.rs): a feed nested thousands deep overflowed feed-rs's stack
    // and aborted the app, and a few hundred kilobytes of feed-level authors or media groups,
    // copied into every item by feed-rs, took gigabytes. The child's death or limit fails this
    // feed, not the sync.
    let network_name = ctx.network_name.to_string();
    let read = ctx.cancel.run(crate::sandbox::website_feed_in_child(&bytes, &sub.url, &ctx.options.extraction)).await??;
    let (feed_title, mut docs) = (read.title, read.items);
    for d in docs.iter_mut() {
        for p in d.publishers.iter_mut() {
            *p = unverified_name(p, &network_name, &sub.url);
        }
    }
    let held = store.document_hashes(&sub.url)?;
    let mut upserts = Vec::new();
    for d in docs {
        match held.get(&d.id) {
            Some((_, h)) if h.as_deref() == d.content_hash.as_deref() => {}
            Some(_) => {
                report.changed += 1;
                upserts.push(d);
            }
            None => {
                report.added += 1;
                upserts.push(d);
            }
        }
    }
    crate::images::localise(ctx, &mut upserts, report, true).await?;
    ctx.cancel.check()?;
    let update = SourceUpdate {
        url: sub.url.clone(),
        title: unverified_name(&feed_title.unwrap_or_else(|| sub.title.clone()), ctx.network_name, &sub.url),
        kind: Some(SourceKind::Website),
        etag: validators.etag,
        last_modified: validators.last_modified,
        body_hash: Some(body_hash),
        arrived_at: Some(ctx.started_at),
        ..Default::default()
    };
    store.apply_changes(&update, &upserts, &[])?;
    report.title = update.title;
    report.outcome = if upserts.is_empty() { SourceOutcome::UpToDate } else { SourceOutcome::Updated };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unverified_feed_may_not_go_by_the_networks_name() {
        let url = "https://inpud-news.example/feed.xml";
        assert_eq!(unverified_name("INPUD", "INPUD", url), "inpud-news.example");
        assert_eq!(unverified_name("I.N.P.U.D. News", "INPUD", url), "inpud-news.example");
        assert_eq!(unverified_name("inpud", "INPUD", url), "inpud-news.example");
        assert_eq!(unverified_name("Harm Reduction News", "INPUD", url), "Harm Reduction News");
        assert_eq!(unverified_name("Anything", "", url), "Anything", "no network name: nothing to protect");
    }

    #[test]
    fn a_declared_single_byte_encoding_is_read_without_the_xml_reader_switching_decoders() {
        // The shape of oren.ru's windows-1251 feed on which quick-xml panicked under the fuzzer.
        let rss = r#"<?xml version="1.0" encoding="windows-1251"?><rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Новости</title><item><title>Снижение вреда</title><guid>1</guid></item></channel></rss>"#;
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(rss);
        let feed = parse(&bytes, "https://blog.example/feed.xml").unwrap();
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Снижение вреда");
        assert!(to_utf8(&bytes).unwrap().starts_with(br#"<?xml version="1.0" encoding="UTF-8"?>"#));
        assert_eq!(to_utf8(rss.replace("windows-1251", "UTF-8").as_bytes()), None, "UTF-8 is left as it is");
    }

    #[test]
    fn a_second_xml_declaration_is_no_declaration_but_one_in_cdata_is_text() {
        // Two feeds pasted together: quick-xml switched decoders at the second and panicked.
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><?xml version="1.0" encoding="windows-1251"?><item><title>One</title><guid>1</guid><description><![CDATA[<?xml version="1.0"?> is how XML starts]]></description></item></channel></rss>"#;
        let feed = parse(rss.as_bytes(), "https://blog.example/feed.xml").unwrap();
        assert_eq!(feed.entries.len(), 1);
        let body = feed.entries[0].summary.as_ref().map(|t| t.content.clone()).unwrap_or_default();
        assert!(body.contains("<?xml version=\"1.0\"?> is how XML starts"), "text in CDATA is left as it is: {body}");
        assert_eq!(neutralise_stray_declarations(b"<?xml version=\"1.0\"?><a/>"), None, "the first one stays");
    }

    #[test]
    fn a_declaration_quoted_with_any_character_never_panics() {
        // Found by fuzzing: a UTF-16 declaration whose encoding value opens with '¢'.
        // And one made long past quick-xml's first buffer, with bytes that are not UTF-8 in it.
        let long = [b"<?xml version=\"1.".as_slice(), &[0xc8; 300], b"0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>T</title><item><title>\xd1\xed\xe8</title><guid>1</guid></item></channel></rss>"].concat();
        let feed = parse(&long, "https://blog.example/feed.xml").unwrap();
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Сни");
        for quote in ['¢', 'ж', '"', '\''] {
            let rss = format!("<?xml version=\"1.0\" encoding={quote}UTF-16{quote}?><rss version=\"2.0\"><channel><title>T</title></channel></rss>");
            let be: Vec<u8> = [0xfe, 0xff].into_iter().chain(rss.encode_utf16().flat_map(u16::to_be_bytes)).collect();
            let _ = parse(&be, "https://blog.example/feed.xml");
            let _ = to_utf8(&be);
        }
    }

    #[test]
    fn the_dialects_lenient_readers_accept_are_read() {
        // Gaps found against Python's feedparser, the reference: Atom 0.3 stored nothing yet
        // said "up to date"; `<rss>` with namespaces but no version was refused; RSS 1.0 items
        // without rdf:about were dropped.
        let url = "https://old.example/feed";
        let atom03 = r#"<?xml version="1.0" encoding="utf-8"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old blog</title><tagline>Notes</tagline><entry><title>First</title><link rel="alternate" type="text/html" href="https://old.example/1"/><id>tag:old.example,2004:1</id><issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified><content type="text/html" mode="escaped">&lt;p&gt;Hello&lt;/p&gt;</content></entry></feed>"#;
        let docs = to_documents(url, &parse(atom03.as_bytes(), url).unwrap());
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].title, "First");
        assert!(docs[0].body_html.contains("<p>Hello</p>"), "{}", docs[0].body_html);
        assert!(docs[0].published.as_deref().is_some_and(|p| p.starts_with("2004-01-01")), "{:?}", docs[0].published);
        let rss = r#"<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><item><title>One</title><link>https://a.example/1</link></item></channel></rss>"#;
        assert_eq!(parse(rss.as_bytes(), url).unwrap().entries.len(), 1);
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://a.example/"><title>T</title><link>https://a.example/</link><description>d</description></channel><item><title>No link</title><description>Body</description></item><item><title>Nor this</title></item><item rdf:about="https://a.example/2"><title>Two</title><link>https://a.example/2</link></item></rdf:RDF>"#;
        let docs = to_documents(url, &parse(rdf.as_bytes(), url).unwrap());
        let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["No link", "Nor this", "Two"], "items without an address keep distinct ids");
        // A body of a million unclosed items is read in one pass (it was quadratic), and so is one
        // of a million item tags that never end.
        let many = format!("<rdf:RDF>{}</rdf:RDF>", "<item>".repeat(1_000_000));
        assert!(rdf_items_without_link(many.as_bytes()).is_some());
        let unended = format!("<rdf:RDF>{}", "<item ".repeat(1_000_000));
        assert!(rdf_items_without_link(unended.as_bytes()).is_none());
        // A feed whose items no reading finds is an error, never "up to date".
        let unknown = r#"<?xml version="1.0"?><feed xmlns="urn:not-a-feed"><entry><title>x</title></entry></feed>"#;
        assert!(parse(unknown.as_bytes(), url).is_err());
    }

    #[test]
    fn a_utf16_feed_is_read_whatever_its_byte_order_and_never_panics() {
        let rss = r#"<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Тест</title><item><title>Снижение вреда</title><guid>1</guid></item></channel></rss>"#;
        let be: Vec<u8> = rss.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le: Vec<u8> = rss.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for (name, bytes) in [("BE with BOM", [&[0xfe, 0xff][..], &be].concat()), ("BE", be.clone()), ("LE with BOM", [&[0xff, 0xfe][..], &le].concat()), ("LE", le)] {
            let feed = parse(&bytes, "https://blog.example/feed.xml").unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(feed.entries.len(), 1, "{name}");
            assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Снижение вреда", "{name}");
        }
    }

    /// What the reading child sends back (`read`, as JSON) makes the very documents `to_documents`
    /// makes in this process: nothing of an item is lost or changed on the way, its content hash
    /// included (a change would make every later sync rewrite every item).
    #[test]
    fn a_feed_read_in_the_child_gives_the_documents_read_here() {
        let rss = br#"<rss version="2.0"><channel><title>Harm Reduction News</title><language>en-gb</language>
<item><title>Naloxone</title><link>https://hr.example/n</link><guid>n1</guid><category>kits</category>
<pubDate>Mon, 02 Sep 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Peer-led &lt;a href="/a"&gt;kits&lt;/a&gt;&lt;/p&gt;</description></item>
<item><description>No title, no link.</description></item></channel></rss>"#;
        let url = "https://hr.example/feed.xml";
        let here = to_documents(url, &parse(rss, url).unwrap());
        let sent: Parsed = serde_json::from_slice(&serde_json::to_vec(&read(rss, url).unwrap()).unwrap()).unwrap();
        assert_eq!(sent.title.as_deref(), Some("Harm Reduction News"));
        assert_eq!(here.len(), 2);
        assert_eq!(sent.items, here);
    }

    #[test]
    fn bare_ampersands_are_escaped_and_references_kept() {
        assert_eq!(escape_bare_ampersands("Fish & chips &amp; peas &#8212; &#x41; &nbsp;"), "Fish &amp; chips &amp; peas &#8212; &#x41; &nbsp;");
        assert_eq!(escape_bare_ampersands("&;&abcdefghij;&abcdefghijk;&"), "&amp;;&abcdefghij;&amp;abcdefghijk;&amp;");
        assert_eq!(escape_bare_ampersands("a&b c;"), "a&amp;b c;", "a space is in no reference");
        assert_eq!(escape_bare_ampersands("&é;"), "&amp;é;");
        let many = "&".repeat(1 << 20);
        assert_eq!(escape_bare_ampersands(&many).len(), 5 << 20);
    }

    #[test]
    fn language_tags_are_normalised() {
        assert_eq!(language_tag("en_US"), "en-US");
        assert_eq!(language_tag("FR-be"), "fr-BE");
        assert_eq!(language_tag("ru"), "ru");
        assert_eq!(language_tag(""), "und");
        assert_eq!(language_tag("english"), "und");
    }

    #[test]
    fn items_without_ids_get_the_same_id_on_every_sync() {
        let xml = br#"<rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>https://a.example/1</link></item>
            <item><title>No link</title><description>body</description></item>
            <item><title>One</title><link>https://a.example/1</link></item>
            <item/></channel></rss>"#;
        let a = to_documents("https://a.example/feed", &parse(xml, "https://a.example/feed").unwrap());
        let b = to_documents("https://a.example/feed", &parse(xml, "https://a.example/feed").unwrap());
        assert_eq!(a.len(), 2, "a repeated item and an empty one are dropped: {a:?}");
        assert_eq!(a.iter().map(|d| &d.id).collect::<Vec<_>>(), b.iter().map(|d| &d.id).collect::<Vec<_>>());
        let other = to_documents("https://b.example/feed", &parse(xml, "https://b.example/feed").unwrap());
        assert_ne!(a[0].id, other[0].id, "another feed's items never share an id");
    }
}
