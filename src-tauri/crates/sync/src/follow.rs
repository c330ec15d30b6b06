//! Following and unfollowing feeds: kept in user.db (with their pinned keys) and in the library.

use crate::http::FetchError;
use crate::library::open_library_with;
use crate::ctx::unix_now;
use crate::SyncError;
use peerlib_feed::manifest::PinnedKey;
use peerlib_feed::network::Network;
use peerlib_store::{paths::DataDir, ContentStore, FollowedFeed, SourceKind, UserStore};

/// The longest feed address that can be followed. Real ones are well under a kilobyte; every sync
/// sends the address to the child that reads a website feed, which takes at most 64 KiB of it,
/// and one longer was refused there at every sync as an error inside the app.
pub const MAX_FEED_ADDRESS: usize = 8 * 1024;

/// Follow a feed: a signed one when a public key is given (its manifests must be signed by that
/// key), else a website feed. Returns false when it was already followed.
pub fn add_feed(dir: &DataDir, network: &Network, url: &str, public_key: Option<&str>) -> Result<bool, SyncError> {
    let (user, _) = UserStore::open_in(dir, unix_now())?;
    let (mut store, _) = open_library_with(dir, network, &user)?;
    add_feed_to(&mut store, &user, url, public_key)
}

/// [`add_feed`] on an open library: kept in user.db (with its key) first, then in the library.
pub fn add_feed_to(store: &mut ContentStore, user: &UserStore, url: &str, public_key: Option<&str>) -> Result<bool, SyncError> {
    if url.trim().len() > MAX_FEED_ADDRESS {
        return Err(FetchError::BadUrl(url.chars().take(80).collect()).into());
    }
    let parsed = url::Url::parse(url.trim()).map_err(|_| FetchError::BadUrl(url.into()))?;
    if !matches!(parsed.scheme(), "https" | "http") || parsed.host_str().is_none() {
        return Err(FetchError::BadUrl(url.into()).into());
    }
    let title = parsed.host_str().unwrap_or(url).to_string();
    let public_key = public_key.map(str::trim).filter(|k| !k.is_empty());
    if let Some(k) = public_key {
        PinnedKey::parse(k).ok_or_else(|| SyncError::BadKey(k.into()))?;
    }
    let kind = if public_key.is_some() { SourceKind::Signed } else { SourceKind::Website };
    if store.subscription(parsed.as_str())?.is_some() {
        return Ok(false);
    }
    let feed = FollowedFeed { url: parsed.to_string(), title, kind, public_key: public_key.map(str::to_string) };
    user.follow(&feed, unix_now())?;
    Ok(store.add_subscription(&feed.url, &feed.title, kind, feed.public_key.as_deref())?)
}

/// Stop following a feed; its documents leave the library (notes and bookmarks stay). The
/// network's own feed cannot be removed.
pub fn remove_feed(dir: &DataDir, network: &Network, url: &str) -> Result<u64, SyncError> {
    let (user, _) = UserStore::open_in(dir, unix_now())?;
    let (mut store, _) = open_library_with(dir, network, &user)?;
    remove_feed_from(&mut store, &user, url)
}

/// [`remove_feed`] on an open library: out of the library first (one transaction), then out of
/// user.db. Stopped between the two, the next open follows it again: nothing is lost.
pub fn remove_feed_from(store: &mut ContentStore, user: &UserStore, url: &str) -> Result<u64, SyncError> {
    // As typed, or as `add_feed` normalised it (`https://x.example` -> `https://x.example/`).
    let normalised = url::Url::parse(url.trim()).map(|u| u.to_string()).unwrap_or_default();
    let found = match store.subscription(url)? {
        Some(s) => Some(s),
        None => store.subscription(&normalised)?,
    };
    let url = found.as_ref().map(|s| s.url.clone()).unwrap_or_else(|| url.to_string());
    match found {
        Some(s) if s.kind == SourceKind::Network => Err(SyncError::NotSubscribed(url)),
        Some(_) => {
            let removed = store.remove_subscription(&url)?.unwrap_or(0);
            user.unfollow(&url)?;
            Ok(removed)
        }
        None => Err(SyncError::NotSubscribed(url)),
    }
}

/// Panic erase (#18): stop following every feed the user chose (the network's stays), best
/// effort, with deleted rows overwritten with zeros and the library compacted after, so that
/// nothing of them stays in content.db. The attachment files the library still refers to, for the
/// erase to remove the rest (None when they could not be read: then none is removed).
pub fn forget_followed(store: &mut ContentStore, user: &UserStore) -> Option<std::collections::HashSet<String>> {
    let _ = store.secure_delete();
    let followed: Vec<String> = store.subscriptions().unwrap_or_default().into_iter().filter(|s| s.kind != SourceKind::Network).map(|s| s.url).collect();
    for url in followed {
        let _ = remove_feed_from(store, user, &url);
    }
    let _ = store.compact();
    store.file_hashes().ok()
}

/// The feeds a person followed, unfollowed in the library of `dir` when user.db cannot be read (a
/// panic erase of encrypted personal data, locked or with no passphrase given): the library lists
/// them itself (when content.db is plain: an encrypted one opens only with the passphrase, and a
/// personal erase takes it whole). Returns the attachment files it still refers to, as
/// `forget_followed` does; None when the library cannot be opened.
pub fn forget_followed_in(dir: &peerlib_store::paths::DataDir, network: &peerlib_feed::network::Network) -> Option<std::collections::HashSet<String>> {
    let empty = UserStore::open_in_memory().ok()?;
    // Opening copies the library's followed feeds into `empty`; each is then unfollowed in both.
    let (mut library, _) = crate::open_library_with(dir, network, &empty).ok()?;
    forget_followed(&mut library, &empty)
}
