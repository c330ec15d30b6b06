//! The feeds a person chose to follow, kept with their user data (user.db) with the keys they
//! pinned. content.db keeps each feed's sync state (seq, validators) beside its documents; a
//! damaged content.db is moved aside and rebuilt, and [`restore_followed`] puts every followed
//! feed back, so a rebuild never loses what someone followed. The network's own feed is not
//! listed here: it comes from network.toml.

use crate::open::ContentStore;
use crate::model::SourceKind;
use crate::user::UserStore;
use crate::StoreError;
use rusqlite::params;

/// A feed the user follows, as kept in user.db.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowedFeed {
    pub url: String,
    pub title: String,
    /// `Signed` (with `public_key`) or `Website`.
    pub kind: SourceKind,
    pub public_key: Option<String>,
}

impl UserStore {
    /// The feeds the user follows, in the order they were added.
    pub fn followed_feeds(&self) -> Result<Vec<FollowedFeed>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT url, title, kind, public_key FROM followed_feeds ORDER BY added_at, rowid")?;
        let v = stmt
            .query_map([], |r| {
                let kind: String = r.get(2)?;
                Ok(FollowedFeed { url: r.get(0)?, title: r.get(1)?, kind: SourceKind::parse(&kind).unwrap_or(SourceKind::Website), public_key: r.get(3)? })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Follow a feed. False when it was already followed (nothing changes). The network's own
    /// feed is refused: it is always followed, from network.toml.
    pub fn follow(&self, feed: &FollowedFeed, now: i64) -> Result<bool, StoreError> {
        if feed.kind == SourceKind::Network {
            return Err(StoreError::InvalidSetting("kind"));
        }
        let n = self.conn.execute(
            "INSERT INTO followed_feeds(url, title, kind, public_key, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(url) DO NOTHING",
            params![feed.url, feed.title, feed.kind.as_str(), feed.public_key, now],
        )?;
        Ok(n == 1)
    }

    /// Stop following a feed. False when it was not followed.
    pub fn unfollow(&self, url: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute("DELETE FROM followed_feeds WHERE url = ?1", [url])? == 1)
    }
}

/// What [`restore_followed`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Followed feeds content.db did not list (a rebuilt library): added back, to sync afresh.
    pub to_library: usize,
    /// Feeds only content.db listed (a library from before user.db kept them, or a user.db
    /// restored from an older backup): now kept in user.db too.
    pub to_user: usize,
}

/// Make the library's subscriptions and the user's followed feeds the same set, never by
/// dropping one: a feed listed on either side ends up on both. Run each time the library opens.
pub fn restore_followed(content: &mut ContentStore, user: &UserStore, now: i64) -> Result<Restored, StoreError> {
    let mut done = Restored::default();
    let followed = user.followed_feeds()?;
    for sub in content.subscriptions()? {
        if sub.kind != SourceKind::Network && !followed.iter().any(|f| f.url == sub.url) {
            let feed = FollowedFeed { url: sub.url, title: sub.title, kind: sub.kind, public_key: sub.public_key };
            done.to_user += user.follow(&feed, now)? as usize;
        }
    }
    for f in followed {
        done.to_library += content.add_subscription(&f.url, &f.title, f.kind, f.public_key.as_deref())? as usize;
    }
    Ok(done)
}
