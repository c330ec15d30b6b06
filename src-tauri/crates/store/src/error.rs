use peerlib_code::ErrorCode;

/// What can go wrong in the store. The shell maps each to a closed wire `code`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database was written by a newer version (schema {found}, this build knows {known})")]
    NewerDatabase { found: i64, known: i64 },
    #[error("document {0} is not in the library")]
    NotFound(String),
    #[error("invalid document {id}: {reason}")]
    InvalidDocument { id: String, reason: String },
    #[error("the disk is full or not writable: {0}")]
    Storage(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the setting {0} is out of its range")]
    InvalidSetting(&'static str),
    #[error("a collection's name cannot be blank")]
    BlankCollectionName,
    /// The personal data is encrypted and no passphrase was given (crypt.rs).
    #[error("the personal data is encrypted: a passphrase is needed")]
    Locked,
    /// The passphrase does not open the personal data. Nothing was changed.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// A new passphrase shorter than `sealed::MIN_PASSPHRASE` characters.
    #[error("passphrase too short")]
    ShortPassphrase,
    #[error("the personal data is already encrypted")]
    AlreadyEncrypted,
    #[error("the personal data is not encrypted")]
    NotEncrypted,
    /// The app has the personal data open (crypt::InUse).
    #[error("the app is open on this data folder")]
    InUse,
}

impl StoreError {
    /// The closed code this error has at every boundary (IPC, command line). Each code has a
    /// message `error-<code>` in resources/l10n.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NewerDatabase { .. } => ErrorCode::NewerDatabase,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::InvalidDocument { .. } => ErrorCode::InvalidDocument,
            StoreError::InvalidSetting(_) => ErrorCode::InvalidArgument,
            StoreError::BlankCollectionName => ErrorCode::CollectionName,
            StoreError::Locked => ErrorCode::Locked,
            StoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
            StoreError::ShortPassphrase => ErrorCode::ShortPassphrase,
            StoreError::AlreadyEncrypted => ErrorCode::AlreadyEncrypted,
            StoreError::NotEncrypted => ErrorCode::NotEncrypted,
            StoreError::InUse => ErrorCode::InUse,
            e if e.is_storage() => ErrorCode::Disk,
            StoreError::Io(_) => ErrorCode::Disk,
            StoreError::Sqlite(_) | StoreError::Storage(_) => ErrorCode::Database,
        }
    }

    /// True when the file is not a usable SQLite database (damaged, truncated, not SQLite): it
    /// is moved aside, never deleted.
    pub fn is_damaged(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
    }

    /// True when the error is about the disk rather than the data: full, read-only, no access.
    pub fn is_storage(&self) -> bool {
        use rusqlite::ErrorCode::*;
        match self {
            StoreError::Storage(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, DiskFull | ReadOnly | CannotOpen | PermissionDenied | SystemIoFailure)
            }
            _ => false,
        }
    }
}
