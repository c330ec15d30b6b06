//! The closed set of error codes (style.md: a closed `code` at the boundary). Every crate's
//! `code()` returns an [`ErrorCode`]; the shell sends it as `{code, message}`; the UI branches on
//! it through the generated `ErrorCode` binding; each code has an `error-<code>` message in every
//! locale of resources/l10n (tests/l10n/ids.test.mjs checks English against the binding, not a
//! hand list; the l10n crate's parity test checks that every other locale has the same ids).
//!
//! To add a code:
//! - add a variant before `Internal` (its kebab-case name is the wire form) and name it in
//!   `as_str` (the match is exhaustive: nothing compiles until it does) and in `ALL`, in
//!   declaration order. `all_lists_every_code_once` fails while `ALL` lacks it, because it
//!   compares `ALL`'s length with `Internal`'s position: a variant declared after `Internal`
//!   and missing from `ALL` would go unnoticed (and read back from JSON as `Internal`).
//! - `cargo test` regenerates ui/src/lib/ipc/bindings/ErrorCode.ts (ts-rs); commit it, since
//!   `make test` fails while the generated binding differs from the committed one.
//! - write `error-<code>` in resources/l10n/<locale>/app.ftl for every locale (where the other
//!   error messages are; the one exception is `error-collection-name`, in library.ftl beside
//!   the collection messages). `node --test tests/l10n/` (in `make test`) fails while English
//!   lacks it, and the l10n crate's parity test while another locale does.

use serde::{Deserialize, Deserializer, Serialize};

/// Why something failed, as the window and the command line branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ErrorCode {
    // The library on this laptop.
    NotFound,
    Database,
    NewerDatabase,
    InvalidArgument,
    AttachmentMissing,
    /// An attachment that is not an allowlisted document type, or whose bytes are not the type
    /// the feed named: it can be saved, never opened in another program.
    NotOpenable,
    Disk,
    InvalidDocument,
    NoDataDir,
    CollectionName,
    NetworkConfig,
    // A signed feed that fails its checks.
    Signature,
    Tampered,
    Rollback,
    Publisher,
    MassDelete,
    BadKey,
    // The network between us and a feed.
    Offline,
    Timeout,
    RateLimited,
    FeedGone,
    Server,
    TooLarge,
    SignIn,
    Redirect,
    Interrupted,
    Cancelled,
    BadUrl,
    UnreadableFeed,
    // The sync's own state.
    Busy,
    Waiting,
    NotSubscribed,
    // A bundle file carried from another laptop (#20).
    BundleUnreadable,
    BundleTampered,
    BundleSignature,
    BundleOlder,
    BundleIncomplete,
    BundleNotPassable,
    BadInventory,
    // Sharing with laptops nearby (#20).
    ShareCannotListen,
    NearbyAddress,
    // Personal data sealed with a passphrase (#18).
    WrongPassphrase,
    NotPersonalFile,
    ShortPassphrase,
    // Updates of the app (#19).
    UpdateSignature,
    UpdateNotManifest,
    UpdateNotNewer,
    UpdateOlderThanWaiting,
    UpdateNoPackage,
    UpdateDamaged,
    UpdateNotFile,
    UpdateNotInstalled,
    UpdateInstaller,
    /// An invitation to join a network that is not valid (#19).
    Invitation,
    /// The personal data is encrypted and locked: its passphrase is needed (#18).
    Locked,
    /// Encrypting personal data that is already encrypted.
    AlreadyEncrypted,
    /// Decrypting, or changing the passphrase of, personal data that is not encrypted.
    NotEncrypted,
    /// The app is open on the data folder a command must have to itself.
    InUse,
    /// A fault of ours, not the user's: nothing they can do but report it. Also what an old
    /// sync log's unknown code reads as.
    Internal,
}

impl ErrorCode {
    /// Every code, in declaration order (a test checks that none is missing).
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::NotFound,
        ErrorCode::Database,
        ErrorCode::NewerDatabase,
        ErrorCode::InvalidArgument,
        ErrorCode::AttachmentMissing,
        ErrorCode::NotOpenable,
        ErrorCode::Disk,
        ErrorCode::InvalidDocument,
        ErrorCode::NoDataDir,
        ErrorCode::CollectionName,
        ErrorCode::NetworkConfig,
        ErrorCode::Signature,
        ErrorCode::Tampered,
        ErrorCode::Rollback,
        ErrorCode::Publisher,
        ErrorCode::MassDelete,
        ErrorCode::BadKey,
        ErrorCode::Offline,
        ErrorCode::Timeout,
        ErrorCode::RateLimited,
        ErrorCode::FeedGone,
        ErrorCode::Server,
        ErrorCode::TooLarge,
        ErrorCode::SignIn,
        ErrorCode::Redirect,
        ErrorCode::Interrupted,
        ErrorCode::Cancelled,
        ErrorCode::BadUrl,
        ErrorCode::UnreadableFeed,
        ErrorCode::Busy,
        ErrorCode::Waiting,
        ErrorCode::NotSubscribed,
        ErrorCode::BundleUnreadable,
        ErrorCode::BundleTampered,
        ErrorCode::BundleSignature,
        ErrorCode::BundleOlder,
        ErrorCode::BundleIncomplete,
        ErrorCode::BundleNotPassable,
        ErrorCode::BadInventory,
        ErrorCode::ShareCannotListen,
        ErrorCode::NearbyAddress,
        ErrorCode::WrongPassphrase,
        ErrorCode::NotPersonalFile,
        ErrorCode::ShortPassphrase,
        ErrorCode::UpdateSignature,
        ErrorCode::UpdateNotManifest,
        ErrorCode::UpdateNotNewer,
        ErrorCode::UpdateOlderThanWaiting,
        ErrorCode::UpdateNoPackage,
        ErrorCode::UpdateDamaged,
        ErrorCode::UpdateNotFile,
        ErrorCode::UpdateNotInstalled,
        ErrorCode::UpdateInstaller,
        ErrorCode::Invitation,
        ErrorCode::Locked,
        ErrorCode::AlreadyEncrypted,
        ErrorCode::NotEncrypted,
        ErrorCode::InUse,
        ErrorCode::Internal,
    ];

    /// The wire form: "not-found", "sign-in".
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not-found",
            ErrorCode::Database => "database",
            ErrorCode::NewerDatabase => "newer-database",
            ErrorCode::InvalidArgument => "invalid-argument",
            ErrorCode::AttachmentMissing => "attachment-missing",
            ErrorCode::NotOpenable => "not-openable",
            ErrorCode::Disk => "disk",
            ErrorCode::InvalidDocument => "invalid-document",
            ErrorCode::NoDataDir => "no-data-dir",
            ErrorCode::CollectionName => "collection-name",
            ErrorCode::NetworkConfig => "network-config",
            ErrorCode::Signature => "signature",
            ErrorCode::Tampered => "tampered",
            ErrorCode::Rollback => "rollback",
            ErrorCode::Publisher => "publisher",
            ErrorCode::MassDelete => "mass-delete",
            ErrorCode::BadKey => "bad-key",
            ErrorCode::Offline => "offline",
            ErrorCode::Timeout => "timeout",
            ErrorCode::RateLimited => "rate-limited",
            ErrorCode::FeedGone => "feed-gone",
            ErrorCode::Server => "server",
            ErrorCode::TooLarge => "too-large",
            ErrorCode::SignIn => "sign-in",
            ErrorCode::Redirect => "redirect",
            ErrorCode::Interrupted => "interrupted",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::BadUrl => "bad-url",
            ErrorCode::UnreadableFeed => "unreadable-feed",
            ErrorCode::Busy => "busy",
            ErrorCode::Waiting => "waiting",
            ErrorCode::NotSubscribed => "not-subscribed",
            ErrorCode::BundleUnreadable => "bundle-unreadable",
            ErrorCode::BundleTampered => "bundle-tampered",
            ErrorCode::BundleSignature => "bundle-signature",
            ErrorCode::BundleOlder => "bundle-older",
            ErrorCode::BundleIncomplete => "bundle-incomplete",
            ErrorCode::BundleNotPassable => "bundle-not-passable",
            ErrorCode::BadInventory => "bad-inventory",
            ErrorCode::ShareCannotListen => "share-cannot-listen",
            ErrorCode::NearbyAddress => "nearby-address",
            ErrorCode::WrongPassphrase => "wrong-passphrase",
            ErrorCode::NotPersonalFile => "not-personal-file",
            ErrorCode::ShortPassphrase => "short-passphrase",
            ErrorCode::UpdateSignature => "update-signature",
            ErrorCode::UpdateNotManifest => "update-not-manifest",
            ErrorCode::UpdateNotNewer => "update-not-newer",
            ErrorCode::UpdateOlderThanWaiting => "update-older-than-waiting",
            ErrorCode::UpdateNoPackage => "update-no-package",
            ErrorCode::UpdateDamaged => "update-damaged",
            ErrorCode::UpdateNotFile => "update-not-file",
            ErrorCode::UpdateNotInstalled => "update-not-installed",
            ErrorCode::UpdateInstaller => "update-installer",
            ErrorCode::Invitation => "invitation",
            ErrorCode::Locked => "locked",
            ErrorCode::AlreadyEncrypted => "already-encrypted",
            ErrorCode::NotEncrypted => "not-encrypted",
            ErrorCode::InUse => "in-use",
            ErrorCode::Internal => "internal",
        }
    }

    /// The Fluent message that says this code in the user's language.
    pub fn message_id(self) -> String {
        format!("error-{}", self.as_str())
    }
}

/// Read from its wire form; a code this version does not know (a newer version's sync log)
/// reads as `Internal` rather than making the whole log unreadable.
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(ErrorCode::ALL.iter().copied().find(|c| c.as_str() == s).unwrap_or(ErrorCode::Internal))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `err.code() == "tampered"`: tests and logs compare with the wire form.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn as_str_is_the_serde_wire_form_for_every_code() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()), "as_str and serde agree on {code:?}");
            let back: ErrorCode = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *code, "{code:?} reads back as itself");
        }
    }

    #[test]
    fn all_lists_every_code_once() {
        // The match in as_str is exhaustive, so a new variant must be named there; this checks
        // that ALL (used by tests and the l10n check) names it too, and only once.
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(*code), "{code:?} is listed once");
        }
        let internal_index = ErrorCode::Internal as usize;
        assert_eq!(ErrorCode::ALL.len(), internal_index + 1, "ALL ends with the last variant");
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "ALL is in declaration order");
        }
    }

    #[test]
    fn an_unknown_code_from_an_old_log_reads_as_internal() {
        let code: ErrorCode = serde_json::from_str("\"no-such-code\"").unwrap();
        assert_eq!(code, ErrorCode::Internal);
    }
}
